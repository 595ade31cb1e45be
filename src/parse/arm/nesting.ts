/**
 * Deepest nesting of JSON objects and arrays that the JSON front end reads. jsonc-parser's parser and the
 * offset tree are recursive, so absurd nesting would exhaust the stack; ARM templates nest a few dozen
 * levels at most. Deeper files are reported as a parse error instead of being read.
 */
export const MAX_JSON_NESTING = 1000;

const QUOTE = 34; // "
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;

/**
 * The offset of the first `{` or `[` nested deeper than `max` levels, or undefined when the text stays
 * within the limit. One pass over the text without allocating: strings (with escapes) and JSONC comments
 * are skipped, so brackets inside them do not count.
 */
export function excessiveNesting(text: string, max = MAX_JSON_NESTING): number | undefined {
  // Fewer brackets than the limit cannot nest past it: most files are settled without the full scan.
  if (!mayNestDeeperThan(text, max)) return undefined;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
    } else if (c === LBRACE || c === LBRACKET) {
      if (++depth > max) return i;
    } else if (c === RBRACE || c === RBRACKET) {
      if (depth > 0) depth--;
    } else if (c === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) {
        const eol = text.indexOf('\n', i + 2);
        i = eol < 0 ? n : eol;
      } else if (next === STAR) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? n : close + 1;
      }
    }
  }
  return undefined;
}

/** Index of the quote that closes the string opened at `open` (or the end of the text). */
export function stringEnd(text: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return text.length;
    let backslashes = 0;
    for (let j = q - 1; j > open && text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return q;
    i = q + 1;
  }
}

/**
 * Whether a parsed JSON value nests objects and arrays deeper than `max` levels (the root is level 1):
 * what excessiveNesting finds in a strict JSON text, found in the value JSON.parse made of it (which reads
 * any depth without recursing), without a pass over every character.
 */
export function nestedDeeperThan(value: unknown, text: string, max = MAX_JSON_NESTING): boolean {
  if (!mayNestDeeperThan(text, max)) return false;
  const pending: unknown[] = [value];
  const depths: number[] = [1];
  while (pending.length) {
    const v = pending.pop();
    const depth = depths.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        pending.push(v[i]);
        depths.push(depth + 1);
      }
    } else {
      for (const key in v) {
        pending.push((v as Record<string, unknown>)[key]);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

function mayNestDeeperThan(text: string, max: number): boolean {
  let opens = 0;
  for (const open of ['{', '[']) {
    for (let i = text.indexOf(open); i >= 0; i = text.indexOf(open, i + 1)) if (++opens > max) return true;
  }
  return false;
}
