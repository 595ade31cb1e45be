import type { SourceFile } from '../../core/source.js';
import { span, type Span } from '../../core/span.js';
import type { ErrorExpr } from '../../expr/ast.js';
import { COMMA, EOF, IDENT, NL, NUMBER, QUESTION, STRING, TOKEN_KINDS, type Token, type TokenKind, type TokenList } from './lexer.js';

/**
 * Deepest nesting of expressions, types and bodies the parser follows. Real Bicep nests a few dozen
 * levels; a flood of brackets stops here with a `parse-error` instead of exhausting the stack.
 */
export const MAX_NESTING = 200;

/** Distinct names kept for sharing (see `TokenCursor.name`); past this many, names are not shared. */
const MAX_NAMES = 4096;

/** A syntax error: the parser unwinds to the nearest recovery point (object property, array item, statement). */
export class BicepSyntaxError extends Error {
  constructor(
    readonly start: number,
    readonly end: number,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown past every recovery point when the nesting limit is reached: the statement is skipped whole. */
export class NestingTooDeep extends BicepSyntaxError {}

export interface ParseProblem {
  start: number;
  end: number;
  message: string;
  /** `newer`: a construct gwlint does not know, rather than an error the compiler would report. */
  kind: 'error' | 'newer';
}

/** Reads tokens for the recursive-descent parser; records problems and tracks nesting depth. */
export class TokenCursor {
  /**
   * The index of the current token: unchanged when nothing was read. The parser's hottest paths step over
   * a token whose kind they have just tested with `pos++` (never past the end-of-file token), as `skip` does.
   */
  pos = 0;
  /** Nesting depth, counted by enter and leave, and directly (as they do) where every expression passes. */
  depth = 0;
  readonly problems: ParseProblem[] = [];
  readonly text: string;
  /*
   * The token list's arrays, final once the file is lexed, read here directly: the parser asks about the
   * current token about a million times in a 1 MB file, and most of that runs before V8 optimises it.
   * The hottest paths of the parser read them (and `pos`) directly too, where a call per question costs
   * more than the question.
   */
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The index of the end-of-file token, the last one. */
  private readonly last: number;

  constructor(
    readonly file: SourceFile,
    private readonly tokens: TokenList,
  ) {
    this.text = file.text;
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.last = tokens.length - 1;
  }

  peek(ahead = 0): Token {
    return this.tokens.token(Math.min(this.pos + ahead, this.last));
  }

  /** Where the current token starts, without making a token. */
  offset(): number {
    return this.starts[this.pos];
  }

  /** Where the current token ends, without making a token. */
  endOffset(): number {
    return this.ends[this.pos];
  }

  /** True when the next token other than newlines has the kind of `code`. */
  nextAfterNewlinesIs(code: number): boolean {
    const { kinds } = this;
    let p = this.pos;
    while (kinds[p] === NL) p++;
    return kinds[p] === code;
  }

  /** The kind of the token `ahead` tokens on, without making a token. */
  kindAt(ahead: number): TokenKind {
    return TOKEN_KINDS[this.kinds[Math.min(this.pos + ahead, this.last)]];
  }

  at(kind: TokenKind): boolean {
    return TOKEN_KINDS[this.kinds[this.pos]] === kind;
  }

  /** True when the current token is the identifier `word` (Bicep keywords are contextual identifiers). */
  atWord(word: string, ahead = 0): boolean {
    const i = Math.min(this.pos + ahead, this.last);
    const start = this.starts[i];
    return TOKEN_KINDS[this.kinds[i]] === 'ident' && this.ends[i] - start === word.length && this.text.startsWith(word, start);
  }

  /**
   * True when the token `ahead` tokens on is a whole value by itself (a name, a number, a string without
   * holes) that ends an item: a newline (not one before a `?` that continues it), a comma or `closer`
   * (the code of `}`, `]` or `)`) follows. Most values of a real file are such, and the parser reads them
   * without its expression machinery; that changes nothing where the nesting limit is reached.
   */
  atSingleTokenItem(ahead: number, closer: number): boolean {
    const { kinds } = this;
    const p = this.pos + ahead;
    if (p >= this.last || this.depth >= MAX_NESTING) return false;
    const value = kinds[p];
    if (value !== STRING && value !== IDENT && value !== NUMBER) return false;
    const after = kinds[p + 1];
    if (after === COMMA || after === closer) return true;
    if (after !== NL) return false;
    let q = p + 2;
    while (kinds[q] === NL) q++;
    return kinds[q] !== QUESTION;
  }

  /** Steps over the current token and returns it (see `skip`). */
  next(): Token {
    const t = this.peek();
    this.skip();
    return t;
  }

  /** Steps over the current token; at the end of the file, stays there. */
  skip(): void {
    if (this.kinds[this.pos] !== EOF) this.pos++;
  }

  /** The previous token's end: where a node that just finished ends. */
  get lastEnd(): number {
    return this.pos > 0 ? this.ends[this.pos - 1] : 0;
  }

  /** The token before the current one, if any. */
  previous(): Token | undefined {
    return this.pos > 0 ? this.tokens.token(this.pos - 1) : undefined;
  }

  tokenText(t: Token): string {
    return this.text.slice(t.start, t.end);
  }

  /**
   * The text of a name that the syntax tree keeps (a property key), one string per distinct name: a large
   * file writes the same few keys thousands of times.
   */
  name(start: number, end: number): string {
    const text = this.text.slice(start, end);
    const known = this.names.get(text);
    if (known !== undefined) return known;
    if (this.names.size >= MAX_NAMES) return text;
    const shared = internalized(text);
    this.names.set(shared, shared);
    return shared;
  }

  private readonly names = new Map<string, string>();

  /** Steps over a token of `kind`; a syntax error (expected `what`, by default the token) when the current token is another. */
  expect(kind: TokenKind, what?: string): void {
    if (TOKEN_KINDS[this.kinds[this.pos]] !== kind) throw this.fail(`Expected ${what ?? `\`${kind}\``}`);
    if (kind !== 'eof') this.pos++;
  }

  /** As `expect`, returning the token. */
  take(kind: TokenKind, what?: string): Token {
    this.expect(kind, what);
    return this.tokens.token(this.pos - 1);
  }

  expectWord(word: string): Token {
    if (this.atWord(word)) return this.next();
    throw this.fail(`Expected the keyword \`${word}\``);
  }

  expectIdent(what: string): Token {
    if (this.at('ident')) return this.next();
    throw this.fail(`Expected ${what}`);
  }

  /** As `expectIdent`, returning the identifier's text rather than a token. */
  expectIdentText(what: string): string {
    const p = this.pos;
    if (this.kinds[p] !== IDENT) throw this.fail(`Expected ${what}`);
    this.pos = p + 1;
    return this.text.slice(this.starts[p], this.ends[p]);
  }

  /** An error at the current token: `message` and what was found instead. */
  fail(message: string): BicepSyntaxError {
    const t = this.peek();
    const found = t.kind === 'nl' ? 'the end of the line' : t.kind === 'eof' ? 'the end of the file' : `\`${clip(this.tokenText(t))}\``;
    return new BicepSyntaxError(t.start, t.end, `${message} here, not ${found}.`);
  }

  skipNewlines(): void {
    let p = this.pos;
    while (this.kinds[p] === NL) p++;
    this.pos = p;
  }

  report(e: BicepSyntaxError, kind: ParseProblem['kind'] = 'error'): void {
    this.problems.push({ start: e.start, end: e.end, message: e.message, kind });
  }

  /** Runs `body` one nesting level deeper; past MAX_NESTING the whole statement is given up. */
  nested<T>(body: () => T): T {
    this.enter();
    try {
      return body();
    } finally {
      this.leave();
    }
  }

  /** One nesting level deeper (see `nested`), for the hot paths that do without a closure; `leave` in a `finally`. */
  enter(): void {
    if (this.depth >= MAX_NESTING) throw this.tooDeep();
    this.depth++;
  }

  /** The error at MAX_NESTING, where enter stops. */
  tooDeep(): NestingTooDeep {
    const t = this.peek();
    // MAX_NESTING counts the parser's levels, two or more per bracket: the message names no number.
    return new NestingTooDeep(t.start, t.end, 'This nests too deeply for gwlint; it does not read the statement.');
  }

  leave(): void {
    this.depth--;
  }

  /**
   * Error recovery, as the compiler does it: skips tokens up to (not including) the next newline or one
   * of `stops`. It never looks past the line, so recovery is local and linear.
   */
  skipTo(stops: readonly TokenKind[]): void {
    let p = this.pos;
    for (;;) {
      const k = TOKEN_KINDS[this.kinds[p]];
      if (k === 'eof' || k === 'nl' || stops.includes(k)) break;
      p++;
    }
    this.pos = p;
  }

  span(start: number, end: number): Span {
    return span(this.file, start, end);
  }

  errorExpr(start: number, end: number, message: string): ErrorExpr {
    return { kind: 'error', message, span: span(this.file, start, Math.max(start, end)) };
  }
}

/**
 * The engine's own copy of a string, as it keeps the property names written in the code: a key compared
 * with such a name (`key === 'properties'`) is then told equal or not by identity, without reading its
 * characters, and its hash is computed once.
 */
function internalized(text: string): string {
  return Object.keys({ [text]: 0 })[0];
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 30) + '…' : s;
}
