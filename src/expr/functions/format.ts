/**
 * .NET composite formatting as ARM's `format()` does it: `{index[,alignment][:formatString]}` items, `{{` and
 * `}}` escapes, and the numeric format strings templates use (standard `D`, `N`, `F`, `E`, `P`, `X`, `G`, `R`
 * with an optional precision, and custom patterns such as `000` or `#,##0.00`). Culture-specific output
 * follows the invariant culture; a format string that is not understood prints the value unformatted.
 */

export interface FormatItem {
  index: number;
  alignment: number;
  spec: string;
}

export type FormatSegment = string | FormatItem;

/** The literal text and items of a composite format string, or an error message. */
export function parseComposite(fmt: string): FormatSegment[] | string {
  const out: FormatSegment[] = [];
  let text = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === '}') {
      if (fmt[i + 1] !== '}') return `unescaped '}' at position ${i + 1} of the format string`;
      text += '}';
      i += 2;
    } else if (c !== '{') {
      text += c;
      i++;
    } else if (fmt[i + 1] === '{') {
      text += '{';
      i += 2;
    } else {
      const close = fmt.indexOf('}', i);
      const item = close < 0 ? undefined : parseItem(fmt.slice(i + 1, close));
      if (!item) return `invalid format item at position ${i + 1} of the format string`;
      if (text) out.push(text);
      text = '';
      out.push(item);
      i = close + 1;
    }
  }
  if (text) out.push(text);
  return out;
}

const ITEM = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s;

function parseItem(body: string): FormatItem | undefined {
  const m = ITEM.exec(body);
  if (!m) return undefined;
  return { index: Number(m[1]), alignment: m[2] ? Number(m[2]) : 0, spec: m[3] ?? '' };
}

/** Pads to the item's alignment: right-aligned when positive, left-aligned when negative. */
export function align(s: string, alignment: number): string {
  return alignment >= 0 ? s.padStart(alignment) : s.padEnd(-alignment);
}

const STANDARD = /^([A-Za-z])(\d{0,9})$/;

/** Formats a number with a .NET numeric format string. */
export function formatNumber(n: number, spec: string): string {
  if (!spec) return generalString(n);
  const m = STANDARD.exec(spec);
  if (m) return standardFormat(n, m[1], m[2] === '' ? undefined : Math.min(Number(m[2]), 100)) ?? generalString(n);
  return customFormat(n, spec);
}

function standardFormat(n: number, letter: string, precision: number | undefined): string | undefined {
  const upper = letter.toUpperCase();
  switch (upper) {
    case 'D':
      if (!Number.isInteger(n)) return undefined;
      return (n < 0 ? '-' : '') + Math.abs(n).toString().padStart(precision ?? 0, '0');
    case 'F':
      return n.toFixed(precision ?? 2);
    case 'N':
      return groupThousands(n.toFixed(precision ?? 2));
    case 'P':
      return `${groupThousands((n * 100).toFixed(precision ?? 2))} %`;
    case 'E': {
      const [mantissa, exp] = n.toExponential(precision ?? 6).split('e');
      const sign = exp.startsWith('-') ? '-' : '+';
      return `${mantissa}${letter === 'e' ? 'e' : 'E'}${sign}${exp.replace(/^[+-]/, '').padStart(3, '0')}`;
    }
    case 'X': {
      if (!Number.isInteger(n)) return undefined;
      const hex = BigInt.asUintN(64, BigInt(n)).toString(16).padStart(precision ?? 0, '0');
      return letter === 'X' ? hex.toUpperCase() : hex;
    }
    case 'G':
      if (precision === undefined || precision === 0) return generalString(n);
      return generalString(Number(n.toPrecision(precision)));
    case 'R':
      return generalString(n);
    default:
      return undefined;
  }
}

/** .NET's default rendering of a number (`1E+21` rather than `1e+21`). */
function generalString(n: number): string {
  return String(n).replace(/e([+-])(\d)$/, 'E$10$2').replace('e', 'E');
}

function groupThousands(fixed: string): string {
  const m = /^(-?)(\d+)(.*)$/.exec(fixed);
  if (!m) return fixed;
  return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',') + m[3];
}

/** Custom numeric format: `0` and `#` placeholders, `.`, `,` grouping, `%`, literal text around them. */
function customFormat(n: number, spec: string): string {
  const tokens = tokenize(spec.split(';')[0]);
  const isDigit = (t: string | undefined) => t === '0' || t === '#';
  const digitAt = tokens.flatMap((t, i) => (isDigit(t.placeholder) ? [i] : []));
  const first = digitAt.length ? digitAt[0] : -1;
  const last = digitAt[digitAt.length - 1];
  const text = (from: number, to: number) => tokens.slice(from, to).map((t) => t.literal ?? t.placeholder).join('');
  if (first < 0) return text(0, tokens.length);
  const core = tokens.slice(first, last + 1).map((t) => t.placeholder ?? '').join('');
  const dot = core.indexOf('.');
  const intPattern = dot < 0 ? core : core.slice(0, dot);
  const fracPattern = dot < 0 ? '' : core.slice(dot + 1);
  const value = Math.abs(tokens.some((t) => t.placeholder === '%') ? n * 100 : n);
  const maxFrac = countOf(fracPattern, /[0#]/g);
  const minFrac = countOf(fracPattern, /0/g);
  let [intPart, fracPart = ''] = value.toFixed(Math.min(maxFrac, 100)).split('.');
  fracPart = fracPart.replace(/0+$/, '').padEnd(minFrac, '0');
  const minInt = countOf(intPattern, /0/g);
  if (minInt === 0 && intPart === '0') intPart = '';
  intPart = intPart.padStart(minInt, '0');
  if (intPattern.includes(',')) intPart = groupThousands(intPart);
  const digits = intPart + (fracPart ? `.${fracPart}` : '');
  const negative = n < 0 && /[1-9]/.test(digits);
  return (negative ? '-' : '') + text(0, first) + digits + text(last + 1, tokens.length);
}

interface Token {
  /** One of `0 # . , %` outside quotes. */
  placeholder?: string;
  literal?: string;
}

/** Splits a custom format into placeholders and literal text (quoted strings and `\x` escapes are literal). */
function tokenize(section: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const c = section[i];
    if (c === "'" || c === '"') {
      const close = section.indexOf(c, i + 1);
      const end = close < 0 ? section.length : close;
      tokens.push({ literal: section.slice(i + 1, end) });
      i = end;
    } else if (c === '\\') {
      tokens.push({ literal: section[++i] ?? '' });
    } else if ('0#.,%'.includes(c)) {
      tokens.push({ placeholder: c });
    } else {
      tokens.push({ literal: c });
    }
  }
  return tokens;
}

function countOf(s: string, re: RegExp): number {
  return s.match(re)?.length ?? 0;
}
