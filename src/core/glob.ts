/**
 * Globs (`**`, `*`, `?`, `[abc]`, `[!a-z]`, `{a,b}`, `\x`) matched in time linear in the path: a glob is
 * compiled to a small automaton whose states are all followed at once (a Thompson simulation), so a
 * pattern full of stars costs its length per character. Regular-expression engines backtrack on the
 * same patterns, exponentially in the number of stars.
 */

type Test = (ch: string) => boolean;
type Node =
  | { kind: 'char'; test: Test }
  | { kind: 'star'; test: Test }
  | { kind: 'optional'; body: Node[] }
  | { kind: 'alt'; options: Node[][] };

/** An instruction: consume one character that passes `test`, branch to two places, or accept. */
type Instruction = { op: 'char'; test: Test; next: number } | { op: 'split'; a: number; b: number } | { op: 'match' };

const ANY: Test = () => true;
const NOT_SLASH: Test = (ch) => ch !== '/';

export interface Glob {
  /** True when the whole path matches. */
  matches(path: string): boolean;
  /** True when the path or one of its leading folders (`a`, `a/b`, … of `a/b/c`) matches. */
  matchesOrContains(path: string): boolean;
}

/** Compiles a glob; `\` escapes the next character. Patterns are matched against `/`-separated paths. */
export function compileGlob(pattern: string): Glob {
  const program: Instruction[] = [];
  emit(parse(pattern, { at: 0 }, false), program);
  program.push({ op: 'match' });
  const run = (path: string, everyFolder: boolean): boolean => {
    let states = closure([0], program);
    for (let i = 0; i < path.length; i++) {
      if (everyFolder && path[i] === '/' && accepts(states, program)) return true;
      const next: number[] = [];
      for (const pc of states) {
        const ins = program[pc];
        if (ins.op === 'char' && ins.test(path[i])) next.push(ins.next);
      }
      if (next.length === 0) return false;
      states = closure(next, program);
    }
    return accepts(states, program);
  };
  return { matches: (path) => run(path, false), matchesOrContains: (path) => run(path, true) };
}

/** Any of the globs, with a folder match ignoring everything below it (as `ignorePatterns` do). */
export function globMatcher(patterns: readonly string[]): (relative: string) => boolean {
  const globs = patterns.map((p) => compileGlob(normaliseConfigGlob(p)));
  return (relative) => globs.some((g) => g.matchesOrContains(relative));
}

/**
 * Configuration and command-line globs: `\` is a Windows separator there, leading `./` and `/` lead
 * nowhere, and a trailing `/` (a folder) changes nothing since a folder match covers what is below it.
 */
export function normaliseConfigGlob(glob: string): string {
  let p = glob.replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  if (p.startsWith('/')) p = p.slice(1);
  if (p.endsWith('/') && p.length > 1) p = p.slice(0, -1);
  return p;
}

function accepts(states: number[], program: Instruction[]): boolean {
  return states.some((pc) => program[pc].op === 'match');
}

/** The states reachable from `start` through branches, each once. */
function closure(start: number[], program: Instruction[]): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  const stack = [...start].reverse();
  while (stack.length) {
    const pc = stack.pop()!;
    if (seen.has(pc)) continue;
    seen.add(pc);
    const ins = program[pc];
    if (ins.op === 'split') stack.push(ins.b, ins.a);
    else out.push(pc);
  }
  return out;
}

function emit(nodes: Node[], program: Instruction[]): void {
  for (const node of nodes) {
    switch (node.kind) {
      case 'char':
        program.push({ op: 'char', test: node.test, next: program.length + 1 });
        break;
      case 'star': {
        const loop = program.length;
        program.push({ op: 'split', a: loop + 1, b: loop + 2 });
        program.push({ op: 'char', test: node.test, next: loop });
        break;
      }
      case 'optional': {
        const split = program.length;
        program.push({ op: 'split', a: split + 1, b: -1 });
        emit(node.body, program);
        program[split] = { op: 'split', a: split + 1, b: program.length };
        break;
      }
      case 'alt': {
        const exits: number[] = [];
        node.options.forEach((option, i) => {
          const last = i === node.options.length - 1;
          const split = program.length;
          if (!last) program.push({ op: 'split', a: split + 1, b: -1 });
          emit(option, program);
          if (!last) {
            exits.push(program.length);
            program.push({ op: 'split', a: -1, b: -1 });
            program[split] = { op: 'split', a: split + 1, b: program.length };
          }
        });
        for (const at of exits) program[at] = { op: 'split', a: program.length, b: program.length };
        break;
      }
    }
  }
}

/** Reads a sequence up to the end, or (inside braces) up to the `,` or `}` that ends the option. */
function parse(p: string, pos: { at: number }, inBraces: boolean): Node[] {
  const out: Node[] = [];
  while (pos.at < p.length) {
    const c = p[pos.at];
    if (inBraces && (c === ',' || c === '}')) return out;
    if (c === '*' && p[pos.at + 1] === '*') {
      const atSegmentStart = pos.at === 0 || p[pos.at - 1] === '/';
      if (atSegmentStart && p[pos.at + 2] === '/') {
        // `**/`: any number of leading folders, none included (a star after the slash is the next segment's).
        out.push({ kind: 'optional', body: [{ kind: 'star', test: ANY }, { kind: 'char', test: (ch) => ch === '/' }] });
        pos.at += 3;
      } else {
        out.push({ kind: 'star', test: ANY });
        pos.at += 2;
        while (p[pos.at] === '*') pos.at++;
      }
    } else if (c === '*') {
      out.push({ kind: 'star', test: NOT_SLASH });
      pos.at++;
    } else if (c === '?') {
      out.push({ kind: 'char', test: NOT_SLASH });
      pos.at++;
    } else if (c === '[' && p.indexOf(']', pos.at + 2) > 0) {
      out.push({ kind: 'char', test: characterClass(p, pos) });
    } else if (c === '{' && closingBrace(p, pos.at) > 0) {
      pos.at++;
      const options: Node[][] = [];
      for (;;) {
        options.push(parse(p, pos, true));
        if (p[pos.at++] !== ',') break;
      }
      out.push({ kind: 'alt', options });
    } else {
      const literal = c === '\\' && pos.at + 1 < p.length ? p[++pos.at] : c;
      out.push({ kind: 'char', test: (ch) => ch === literal });
      pos.at++;
    }
  }
  return out;
}

/** The index of the `}` that closes the brace at `open`, or -1 when it is not closed (then `{` is literal). */
function closingBrace(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '{') depth++;
    else if (p[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `[abc]`, `[a-z]`, `[!…]` or `[^…]` (never matching `/`); `pos` moves past the `]`. */
function characterClass(p: string, pos: { at: number }): Test {
  let i = pos.at + 1;
  const negated = p[i] === '!' || p[i] === '^';
  if (negated) i++;
  const ranges: [string, string][] = [];
  // A `]` right after the opening bracket is a member, as in POSIX.
  for (let first = true; i < p.length && (first || p[i] !== ']'); first = false) {
    let lo = p[i];
    if (lo === '\\' && i + 1 < p.length) lo = p[++i];
    let hi = lo;
    if (p[i + 1] === '-' && p[i + 2] !== undefined && p[i + 2] !== ']') {
      hi = p[i + 2] === '\\' && i + 3 < p.length ? p[i + 3] : p[i + 2];
      i += p[i + 2] === '\\' ? 4 : 3;
    } else i++;
    ranges.push([lo, hi]);
  }
  pos.at = i + 1;
  return (ch) => ch !== '/' && ranges.some(([lo, hi]) => ch >= lo && ch <= hi) !== negated;
}
