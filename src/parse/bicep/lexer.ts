/**
 * The Bicep lexer: one linear pass over the text into tokens, comments and lexical errors. It follows the
 * compiler's lexer (Lexer.cs in Azure/bicep): newlines are tokens (they separate statements and the items
 * of objects and arrays), and strings with interpolation are split into pieces (`'a${`, `}b${`, `}c'`)
 * with the expressions of the holes lexed as ordinary tokens in between.
 */

export type TokenKind =
  | 'ident'
  | 'number'
  /** `'…'` without interpolation, or a multi-line string without holes. */
  | 'string'
  /** `'…${` or `$'''…${`: the start of an interpolated string. */
  | 'stringLeft'
  /** `}…${` between two holes. */
  | 'stringMiddle'
  /** `}…'` or `}…'''`: the end of an interpolated string. */
  | 'stringRight'
  | 'nl'
  | 'eof'
  /** A character Bicep does not know (`%%`, `"`, `;`). */
  | 'bad'
  | '{' | '}' | '[' | ']' | '(' | ')' | ',' | ':' | '.' | '.?' | '...' | '::' | '?' | '??' | '@' | '=' | '=>'
  | '==' | '!=' | '=~' | '!~' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '!' | '+' | '-' | '*' | '/' | '%' | '|' | '^';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

export interface LexedComment {
  marker: '//' | '/*' | '#';
  start: number;
  end: number;
  /** Text between the markers. */
  textStart: number;
  textEnd: number;
}

export interface LexError {
  start: number;
  end: number;
  message: string;
}

export interface LexResult {
  tokens: Token[];
  comments: LexedComment[];
  errors: LexError[];
}

/** Operators, longest first where one is a prefix of another. */
const OPERATORS: readonly TokenKind[] = [
  '...', '.?', '::', '??', '=>', '==', '!=', '=~', '!~', '<=', '>=', '&&', '||',
  '{', '}', '[', ']', '(', ')', ',', ':', '.', '?', '@', '=', '<', '>', '!', '+', '-', '*', '/', '%', '|', '^',
];

/** Operator kinds by first character, each list longest first. */
const OPERATORS_BY_CHAR = new Map<string, TokenKind[]>();
for (const op of OPERATORS) {
  const list = OPERATORS_BY_CHAR.get(op[0]) ?? [];
  list.push(op);
  OPERATORS_BY_CHAR.set(op[0], list);
}

const MAX_IDENTIFIER = 255;
const DIRECTIVES = ['disable-next-line', 'disable-diagnostics', 'restore-diagnostics'];

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whitespace other than line breaks; a byte order mark counts as whitespace. */
function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xfeff || c === 0x0b || c === 0x0c || c === 0xa0;
}

/** An open interpolated string: after the `}` that closes its current hole, lexing goes on inside it. */
interface OpenString {
  /** Number of `$` of a multi-line string (`$'''` = 1), 0 for a single-line string. */
  dollars: number;
  /** Bracket depth at the hole's `${`, so the matching `}` is recognised. */
  depth: number;
}

export function lexBicep(text: string): LexResult {
  return new Lexer(text).run();
}

class Lexer {
  private readonly tokens: Token[] = [];
  private readonly comments: LexedComment[] = [];
  private readonly errors: LexError[] = [];
  private readonly open: OpenString[] = [];
  private depth = 0;
  private i = 0;

  constructor(private readonly text: string) {}

  run(): LexResult {
    const { text } = this;
    const n = text.length;
    while (this.i < n) {
      const c = text.charCodeAt(this.i);
      if (isBlank(c)) this.i++;
      else if (c === 10 || c === 13) this.newline();
      else if (c === 47 /* / */ && text.charCodeAt(this.i + 1) === 47) this.lineComment('//', 2);
      else if (c === 47 && text.charCodeAt(this.i + 1) === 42 /* * */) this.blockComment();
      else if (c === 35 /* # */) this.directive();
      else if (c === 39 /* ' */) this.stringStart(0, this.i);
      else if (c === 36 /* $ */ && this.multilineDollars() > 0) this.stringStart(this.multilineDollars(), this.i);
      else if (isDigit(c)) this.run_(this.i, 'number', isDigit);
      else if (isIdentStart(c)) this.identifier();
      else this.operator();
    }
    this.push('eof', n, n);
    return { tokens: this.tokens, comments: this.comments, errors: this.errors };
  }

  private push(kind: TokenKind, start: number, end: number): void {
    this.tokens.push({ kind, start, end });
  }

  private error(start: number, end: number, message: string): void {
    this.errors.push({ start, end, message });
  }

  private newline(): void {
    const start = this.i;
    // A single-line string cannot continue on the next line: drop holes left open by a broken string.
    while (this.open.length > 0 && this.open[this.open.length - 1].dollars === 0) this.open.pop();
    while (this.i < this.text.length && (this.text.charCodeAt(this.i) === 10 || this.text.charCodeAt(this.i) === 13)) this.i++;
    this.push('nl', start, this.i);
  }

  private run_(start: number, kind: TokenKind, part: (c: number) => boolean): void {
    let j = start + 1;
    while (j < this.text.length && part(this.text.charCodeAt(j))) j++;
    this.push(kind, start, j);
    this.i = j;
  }

  private identifier(): void {
    const start = this.i;
    this.run_(start, 'ident', isIdentPart);
    if (this.i - start > MAX_IDENTIFIER) this.error(start, this.i, `An identifier is longer than ${MAX_IDENTIFIER} characters.`);
  }

  /**
   * `#disable-next-line code…`, `#disable-diagnostics code…`, `#restore-diagnostics code…`: a directive on
   * a line of its own, kept with the comments (for suppressions). Anything else after `#` is an error.
   */
  private directive(): void {
    const start = this.i;
    let lineStart = start;
    while (lineStart > 0 && this.text.charCodeAt(lineStart - 1) !== 10 && this.text.charCodeAt(lineStart - 1) !== 13) lineStart--;
    // Only blanks before it on its line (one directive per line, so this look-back stays linear).
    const onItsOwnLine = this.text.slice(lineStart, start).trim() === '';
    this.lineComment('#', 1);
    const text = this.text.slice(start + 1, this.i);
    const name = DIRECTIVES.find((d) => text.startsWith(d) && (text.length === d.length || isBlank(text.charCodeAt(d.length))));
    if (!name || !onItsOwnLine) {
      this.error(start, start + 1, 'A `#` starts a directive (`#disable-next-line code`) on a line of its own.');
    } else if (!/\S/.test(text.slice(name.length)) || text.slice(name.length).trimStart().startsWith('/*')) {
      this.error(start + 1 + name.length, start + 1 + name.length, `\`#${name}\` needs at least one diagnostic code.`);
    }
  }

  private lineComment(marker: '//' | '#', length: number): void {
    const start = this.i;
    let j = start + length;
    while (j < this.text.length && this.text.charCodeAt(j) !== 10 && this.text.charCodeAt(j) !== 13) j++;
    this.comments.push({ marker, start, end: j, textStart: start + length, textEnd: j });
    this.i = j;
  }

  private blockComment(): void {
    const start = this.i;
    const close = this.text.indexOf('*/', start + 2);
    if (close < 0) this.error(start, start + 2, 'Multi-line comment is not terminated by `*/`.');
    const end = close < 0 ? this.text.length : close + 2;
    this.comments.push({ marker: '/*', start, end, textStart: start + 2, textEnd: close < 0 ? end : close });
    this.i = end;
  }

  /** Number of `$` before a `'''` at the current position, or 0. */
  private multilineDollars(): number {
    let j = this.i;
    while (this.text.charCodeAt(j) === 36) j++;
    return this.text.startsWith("'''", j) ? j - this.i : 0;
  }

  private operator(): void {
    const { text, i } = this;
    const candidates = OPERATORS_BY_CHAR.get(text[i]);
    const op = candidates?.find((o) => text.startsWith(o, i));
    if (!op) {
      const c = text.codePointAt(i) ?? 0;
      const end = i + (c > 0xffff ? 2 : 1);
      this.error(i, end, `The character \`${text.slice(i, end)}\` is not valid Bicep here.`);
      this.push('bad', i, end);
      this.i = end;
      return;
    }
    if (op === '}' && this.open.length > 0 && this.open[this.open.length - 1].depth === this.depth) {
      this.stringContinue(this.open.pop()!, i);
      return;
    }
    if (op === '{' || op === '[' || op === '(') this.depth++;
    else if ((op === '}' || op === ']' || op === ')') && this.depth > 0) this.depth--;
    this.push(op, i, i + op.length);
    this.i = i + op.length;
  }

  /** A string starting at `start`: `'…` (dollars 0) or `$'''…` (dollars ≥ 1) or `'''…` (no interpolation). */
  private stringStart(dollars: number, start: number): void {
    if (dollars === 0 && this.text.startsWith("'''", start)) {
      this.multilineBody(-1, start, start + 3, 'string', 'stringLeft');
    } else if (dollars > 0) {
      this.multilineBody(dollars, start, start + dollars + 3, 'string', 'stringLeft');
    } else {
      this.singleLineBody(start, start + 1, 'string', 'stringLeft');
    }
  }

  /** Back in a string after the `}` at `start` that closes a hole. */
  private stringContinue(s: OpenString, start: number): void {
    if (s.dollars === 0) this.singleLineBody(start, start + 1, 'stringRight', 'stringMiddle');
    else this.multilineBody(s.dollars, start, start + 1, 'stringRight', 'stringMiddle');
  }

  /** Scans `'…'` content from `j`: ends at `'` (`closed`), `${` (`hole`), or a line end (unterminated). */
  private singleLineBody(start: number, j: number, closed: TokenKind, hole: TokenKind): void {
    const { text } = this;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */) {
        if (j + 1 >= text.length) break;
        if (!isEscape(text, j + 1)) this.error(j, j + 2, 'Unknown escape sequence in a string; use \\\\ for a backslash.');
        j += 2;
      } else if (c === 39) {
        this.push(closed, start, j + 1);
        this.i = j + 1;
        return;
      } else if (c === 36 && text.charCodeAt(j + 1) === 123) {
        this.openHole(0, hole, start, j + 2);
        return;
      } else if (c === 10 || c === 13) {
        break;
      } else {
        j++;
      }
    }
    this.error(start, j, 'String is not terminated by `\'` on its line.');
    this.push(closed, start, j);
    this.i = j;
  }

  /**
   * Scans multi-line string content from `j` up to `'''`. `dollars` < 0: no interpolation (`'''…'''`);
   * otherwise holes open with that many `$` followed by `{`.
   */
  private multilineBody(dollars: number, start: number, j: number, closed: TokenKind, hole: TokenKind): void {
    const { text } = this;
    while (j < text.length) {
      const c = text.charCodeAt(j);
      if (c === 39 && text.startsWith("'''", j)) {
        // More quotes belong to the content: the string ends at the last `'''` of a run.
        let end = j + 3;
        while (text.charCodeAt(end) === 39) end++;
        this.push(closed, start, end);
        this.i = end;
        return;
      }
      if (c === 36 && dollars > 0 && this.holeAt(j, dollars)) {
        this.openHole(dollars, hole, start, j + dollars + 1);
        return;
      }
      j++;
    }
    this.error(j, j, "Multi-line string is not terminated by `'''`.");
    this.push(closed, start, j);
    this.i = j;
  }

  /** `$…${` with exactly `dollars` dollar signs at `j` (a longer run is content followed by the hole). */
  private holeAt(j: number, dollars: number): boolean {
    for (let k = 0; k < dollars; k++) if (this.text.charCodeAt(j + k) !== 36) return false;
    return this.text.charCodeAt(j + dollars) === 123;
  }

  private openHole(dollars: number, kind: TokenKind, start: number, end: number): void {
    this.push(kind, start, end);
    this.open.push({ dollars, depth: this.depth });
    this.i = end;
  }
}

function isEscape(text: string, j: number): boolean {
  const c = text[j];
  if (c === 'n' || c === 'r' || c === 't' || c === '\\' || c === "'" || c === '$') return true;
  if (c !== 'u' || text[j + 1] !== '{') return false;
  let k = j + 2;
  while (k < text.length && k < j + 9 && /[0-9a-fA-F]/.test(text[k])) k++;
  return k > j + 2 && text[k] === '}';
}
