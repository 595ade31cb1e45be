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
  tokens: TokenList;
  comments: LexedComment[];
  errors: LexError[];
}

/** Operators, longest first where one is a prefix of another. */
const OPERATORS: readonly TokenKind[] = [
  '...', '.?', '::', '??', '=>', '==', '!=', '=~', '!~', '<=', '>=', '&&', '||',
  '{', '}', '[', ']', '(', ')', ',', ':', '.', '?', '@', '=', '<', '>', '!', '+', '-', '*', '/', '%', '|', '^',
];

/** Every token kind, by its code in a TokenList. */
export const TOKEN_KINDS: readonly TokenKind[] = ['ident', 'number', 'string', 'stringLeft', 'stringMiddle', 'stringRight', 'nl', 'eof', 'bad', ...OPERATORS];
const CODES = new Map(TOKEN_KINDS.map((k, i) => [k, i]));
const code = (kind: TokenKind): number => CODES.get(kind)!;

/** No operator (see `SINGLE_OPERATORS`, `PAIR_OPERATORS`). */
const NO_OPERATOR = 255;

/** What the lexer reads instead of a token where there is none: a comment or a directive. */
const NO_TOKEN = -1;

/**
 * Operators by their characters, as kind codes: the one-character operator of each ASCII character, and
 * the two-character operator of each pair of ASCII characters (by `first << 7 | second`). Looking up the
 * pair after the character finds the longest operator without comparing strings (`...` is told apart
 * by its third character).
 */
const SINGLE_OPERATORS = new Uint8Array(128).fill(NO_OPERATOR);
const PAIR_OPERATORS = new Uint8Array(128 * 128).fill(NO_OPERATOR);
for (const op of OPERATORS) {
  if (op.length === 1) SINGLE_OPERATORS[op.charCodeAt(0)] = code(op);
  else if (op.length === 2) PAIR_OPERATORS[(op.charCodeAt(0) << 7) | op.charCodeAt(1)] = code(op);
}

/**
 * The tokens of a file as three parallel arrays of numbers (kind, start, end): a large file has hundreds
 * of thousands of tokens, and numbers in typed arrays cost the garbage collector nothing.
 */
export class TokenList {
  /** Kind codes (see TOKEN_KINDS), start and end offsets: final once the file is lexed, then read directly by the parser. */
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  /** `capacity`: room for that many tokens before the arrays grow. */
  constructor(capacity = 1024) {
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  push(kind: number, start: number, end: number): void {
    if (this.length === this.kinds.length) this.grow();
    this.kinds[this.length] = kind;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  kind(i: number): TokenKind {
    return TOKEN_KINDS[this.kinds[i]];
  }

  start(i: number): number {
    return this.starts[i];
  }

  end(i: number): number {
    return this.ends[i];
  }

  token(i: number): Token {
    return { kind: TOKEN_KINDS[this.kinds[i]], start: this.starts[i], end: this.ends[i] };
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    kinds.set(this.kinds);
    starts.set(this.starts);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }
}

export const IDENT = code('ident');
export const NUMBER = code('number');
export const NL = code('nl');
export const EOF = code('eof');
const BAD = code('bad');
export const STRING = code('string');
export const STRING_LEFT = code('stringLeft');
const STRING_MIDDLE = code('stringMiddle');
const STRING_RIGHT = code('stringRight');
export const CLOSE_BRACE = code('}');
export const CLOSE_BRACKET = code(']');
export const CLOSE_PAREN = code(')');
export const COLON = code(':');
export const COMMA = code(',');
export const QUESTION = code('?');
export const AT = code('@');
export const SPREAD = code('...');
export const OPEN_PAREN = code('(');
export const OPEN_BRACE = code('{');
const OPEN_BRACKET = code('[');
export const ARROW = code('=>');

const MAX_IDENTIFIER = 255;
const DIRECTIVES = ['disable-next-line', 'disable-diagnostics', 'restore-diagnostics'];

/** What an ASCII character can start, for the lexer's dispatch: one table look-up rather than a chain of tests per token. */
const enum CharClass {
  Other,
  Blank,
  Newline,
  /** Identifier characters are the classes from here on. */
  IdentStart,
  Digit,
}

const CHAR_CLASSES = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  CHAR_CLASSES[c] =
    c === 32 || c === 9 || c === 0x0b || c === 0x0c
      ? CharClass.Blank
      : c === 10 || c === 13
        ? CharClass.Newline
        : (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
          ? CharClass.IdentStart
          : c >= 48 && c <= 57
            ? CharClass.Digit
            : CharClass.Other;

/** The token of a run of characters of a class (see `Lexer.run`), by class. */
const CLASS_TOKENS: readonly number[] = [BAD, BAD, NL, IDENT, NUMBER];

/** The class of any character: outside ASCII, a byte order mark and a no-break space are blanks. */
function charClass(c: number): CharClass {
  return c < 128 ? CHAR_CLASSES[c] : c === 0xfeff || c === 0xa0 ? CharClass.Blank : CharClass.Other;
}

/** An open interpolated string: after the `}` that closes its current hole, lexing goes on inside it. */
interface OpenString {
  /** Number of `$` of a multi-line string (`$'''` = 1), 0 for a single-line string. */
  dollars: number;
  /** Bracket depth at the hole's `${`, so the matching `}` is recognised. */
  depth: number;
}

/** True where the bytes of a number are stored least significant first, as UTF-16LE stores a code unit. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The UTF-16 code units of `text`, which the lexer reads one by one, and a 0 after them: an element of a
 * typed array is read with a fraction of the instructions of `charCodeAt`, which tests the string's
 * representation at every call. The loops that step to the next character read the 0 at the end rather
 * than past the array, which V8's optimised code would leave for the interpreter. Copied by Node in one
 * go as UTF-16LE bytes, which are the code units on a little-endian machine.
 */
function codeUnits(text: string): Uint16Array {
  const codes = new Uint16Array(text.length + 1);
  if (LITTLE_ENDIAN) Buffer.from(codes.buffer).write(text, 'utf16le');
  else for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return codes;
}

export function lexBicep(text: string): LexResult {
  return new Lexer(text).run();
}

class Lexer {
  private readonly tokens: TokenList;
  private readonly comments: LexedComment[] = [];
  private readonly errors: LexError[] = [];
  private readonly open: OpenString[] = [];
  private depth = 0;
  private i = 0;

  /** The text's UTF-16 code units (see `codeUnits`), where the lexer reads characters. */
  private readonly codes: Uint16Array;

  constructor(private readonly text: string) {
    this.codes = codeUnits(text);
    // Real Bicep has a token every five or six characters: room for one every four rarely grows.
    this.tokens = new TokenList(Math.max(1024, text.length >> 2));
  }

  /*
   * The main loop keeps its position in a local and reads names, numbers, newlines and blanks itself: a
   * large file has hundreds of thousands of tokens, most of them lexed before V8 optimises this code,
   * where every call and field access per character counts. The loop is kept small, with the one place
   * that adds a token, because V8 compiles it while it runs and uses the compiled code only once it is
   * done. Other tokens go through `other`, which reads from and leaves the position in `this.i` and
   * returns the token's kind (every token starts where `other` is called).
   */
  run(): LexResult {
    const { codes, tokens } = this;
    const n = this.text.length;
    let i = 0;
    // The character at `i`: each branch leaves it read, as reading one is much of what lexing costs.
    let c = codes[0];
    while (i < n) {
      const kind = c < 128 ? CHAR_CLASSES[c] : charClass(c);
      if (kind === CharClass.Blank) {
        // Indentation and spaces between tokens, most of a file's characters, are skipped in one tight loop.
        c = codes[++i];
        while (c === 32 || c === 9) c = codes[++i];
        continue;
      }
      const start = i;
      let token: number;
      if (kind !== CharClass.Other) {
        // A run of one class: a name (letters, digits, `_`), a number (digits) or line breaks.
        c = codes[++i];
        if (kind === CharClass.IdentStart) while (c < 128 && CHAR_CLASSES[c] >= CharClass.IdentStart) c = codes[++i];
        else if (kind === CharClass.Digit) while (c >= 48 && c <= 57) c = codes[++i];
        else while (c === 10 || c === 13) c = codes[++i];
        token = CLASS_TOKENS[kind];
        if (kind === CharClass.Newline ? this.open.length > 0 : kind === CharClass.IdentStart && i - start > MAX_IDENTIFIER) this.afterRun(kind, start, i);
      } else {
        this.i = i;
        token = this.other(c);
        i = this.i;
        c = codes[i];
        if (token === NO_TOKEN) continue;
      }
      tokens.push(token, start, i);
    }
    tokens.push(EOF, n, n);
    return { tokens, comments: this.comments, errors: this.errors };
  }

  /** After a newline with strings open, or a long name. */
  private afterRun(kind: CharClass, start: number, end: number): void {
    // A single-line string cannot continue on the next line: drop holes left open by a broken string.
    if (kind === CharClass.Newline) while (this.open.length > 0 && this.open[this.open.length - 1].dollars === 0) this.open.pop();
    else this.error(start, end, `An identifier is longer than ${MAX_IDENTIFIER} characters.`);
  }

  /**
   * The token at `this.i` that starts with `c`, another than a name, a number, a newline or a blank: its
   * kind, or NO_TOKEN for a comment. Most often an operator, read here rather than in a function of its
   * own that V8 would compile too.
   */
  private other(c: number): number {
    const { text, codes, i } = this;
    const d = codes[i + 1];
    if (c === 39 /* ' */) return this.stringStart(0, i);
    if (c === 47 /* / */ && d === 47) return this.lineComment('//', 2);
    if (c === 47 && d === 42 /* * */) return this.blockComment();
    if (c === 35 /* # */) return this.directive();
    if (c === 36 /* $ */ && this.multilineDollars() > 0) return this.stringStart(this.multilineDollars(), i);
    // The longest operator: the pair of characters if it is one, else the character (`...` by its third).
    const pair = c < 128 && d < 128 ? PAIR_OPERATORS[(c << 7) | d] : NO_OPERATOR;
    const code = c >= 128 ? NO_OPERATOR : c === 46 /* . */ && d === 46 && codes[i + 2] === 46 ? SPREAD : pair !== NO_OPERATOR ? pair : SINGLE_OPERATORS[c];
    if (code === NO_OPERATOR) {
      const end = i + ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);
      this.error(i, end, `The character \`${text.slice(i, end)}\` is not valid Bicep here.`);
      this.i = end;
      return BAD;
    }
    if (code === CLOSE_BRACE && this.open.length > 0 && this.open[this.open.length - 1].depth === this.depth) return this.stringContinue(this.open.pop()!, i);
    if (code === OPEN_BRACE || code === OPEN_BRACKET || code === OPEN_PAREN) this.depth++;
    else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET || code === CLOSE_PAREN) && this.depth > 0) this.depth--;
    this.i = i + TOKEN_KINDS[code].length;
    return code;
  }

  private error(start: number, end: number, message: string): void {
    this.errors.push({ start, end, message });
  }

  /**
   * `#disable-next-line code…`, `#disable-diagnostics code…`, `#restore-diagnostics code…`: a directive on
   * a line of its own, kept with the comments (for suppressions). Anything else after `#` is an error.
   */
  private directive(): number {
    const start = this.i;
    let lineStart = start;
    while (lineStart > 0 && this.text.charCodeAt(lineStart - 1) !== 10 && this.text.charCodeAt(lineStart - 1) !== 13) lineStart--;
    // Only blanks before it on its line (one directive per line, so this look-back stays linear).
    const onItsOwnLine = this.text.slice(lineStart, start).trim() === '';
    this.lineComment('#', 1);
    const text = this.text.slice(start + 1, this.i);
    const name = DIRECTIVES.find((d) => text.startsWith(d) && (text.length === d.length || charClass(text.charCodeAt(d.length)) === CharClass.Blank));
    if (!name || !onItsOwnLine) {
      this.error(start, start + 1, 'A `#` starts a directive (`#disable-next-line code`) on a line of its own.');
    } else if (!/\S/.test(text.slice(name.length)) || text.slice(name.length).trimStart().startsWith('/*')) {
      this.error(start + 1 + name.length, start + 1 + name.length, `\`#${name}\` needs at least one diagnostic code.`);
    }
    return NO_TOKEN;
  }

  private lineComment(marker: '//' | '#', length: number): number {
    const start = this.i;
    const { codes } = this;
    let j = start + length;
    while (j < this.text.length && codes[j] !== 10 && codes[j] !== 13) j++;
    this.comments.push({ marker, start, end: j, textStart: start + length, textEnd: j });
    this.i = j;
    return NO_TOKEN;
  }

  private blockComment(): number {
    const start = this.i;
    const close = this.text.indexOf('*/', start + 2);
    if (close < 0) this.error(start, start + 2, 'Multi-line comment is not terminated by `*/`.');
    const end = close < 0 ? this.text.length : close + 2;
    this.comments.push({ marker: '/*', start, end, textStart: start + 2, textEnd: close < 0 ? end : close });
    this.i = end;
    return NO_TOKEN;
  }

  /** Number of `$` before a `'''` at the current position, or 0. */
  private multilineDollars(): number {
    let j = this.i;
    while (this.codes[j] === 36) j++;
    return this.text.startsWith("'''", j) ? j - this.i : 0;
  }

  /** A string starting at `start`: `'…` (dollars 0) or `$'''…` (dollars ≥ 1) or `'''…` (no interpolation). */
  private stringStart(dollars: number, start: number): number {
    if (dollars === 0 && this.text.startsWith("'''", start)) return this.multilineBody(-1, start + 3, STRING, STRING_LEFT);
    if (dollars > 0) return this.multilineBody(dollars, start + dollars + 3, STRING, STRING_LEFT);
    return this.singleLineBody(start, STRING, STRING_LEFT);
  }

  /** Back in a string after the `}` at `start` that closes a hole. */
  private stringContinue(s: OpenString, start: number): number {
    if (s.dollars === 0) return this.singleLineBody(start, STRING_RIGHT, STRING_MIDDLE);
    return this.multilineBody(s.dollars, start + 1, STRING_RIGHT, STRING_MIDDLE);
  }

  /** Scans `'…'` content after the `'` or `}` at `start`: ends at `'` (`closed`), `${` (`hole`), or a line end (unterminated). */
  private singleLineBody(start: number, closed: number, hole: number): number {
    const { text, codes } = this;
    let j = start + 1;
    let c = codes[j];
    for (;;) {
      // Most of a string's characters are none of `'`, `\`, `$`, a line break or the 0 after the text:
      // stepped over in one tight loop, with one test for those above `'`.
      while (c > 39 ? c !== 92 : c !== 39 && c !== 36 && c !== 10 && c !== 13 && c !== 0) c = codes[++j];
      if (c === 39) {
        this.i = j + 1;
        return closed;
      }
      if (c === 92 /* \ */ && j + 1 < text.length) {
        if (!isEscape(text, j + 1)) this.error(j, j + 2, 'Unknown escape sequence in a string; use \\\\ for a backslash.');
        j += 2;
      } else if (c === 36 /* $ */ || (c === 0 && j < text.length)) {
        if (c === 36 && codes[j + 1] === 123) return this.openHole(0, hole, j + 2);
        j++;
      } else {
        break;
      }
      c = codes[j];
    }
    this.error(start, j, 'String is not terminated by `\'` on its line.');
    this.i = j;
    return closed;
  }

  /**
   * Scans multi-line string content from `j` up to `'''`. `dollars` < 0: no interpolation (`'''…'''`);
   * otherwise holes open with that many `$` followed by `{`.
   */
  private multilineBody(dollars: number, j: number, closed: number, hole: number): number {
    const { text, codes } = this;
    while (j < text.length) {
      const c = codes[j];
      if (c === 39 && codes[j + 1] === 39 && codes[j + 2] === 39) {
        // More quotes belong to the content: the string ends at the last `'''` of a run.
        let end = j + 3;
        while (codes[end] === 39) end++;
        this.i = end;
        return closed;
      }
      if (c === 36 && dollars > 0 && this.holeAt(j, dollars)) return this.openHole(dollars, hole, j + dollars + 1);
      j++;
    }
    this.error(j, j, "Multi-line string is not terminated by `'''`.");
    this.i = j;
    return closed;
  }

  /** `$…${` with exactly `dollars` dollar signs at `j` (a longer run is content followed by the hole). */
  private holeAt(j: number, dollars: number): boolean {
    for (let k = 0; k < dollars; k++) if (this.codes[j + k] !== 36) return false;
    return this.codes[j + dollars] === 123;
  }

  /** The piece of kind `kind` up to the `${` that ends at `end`; lexing goes on in the hole. */
  private openHole(dollars: number, kind: number, end: number): number {
    this.open.push({ dollars, depth: this.depth });
    this.i = end;
    return kind;
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
