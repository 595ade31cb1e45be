import type { Span } from '../core/span.js';
import { DeferredSpan } from '../core/span.js';
import type { CallExpr, Expr } from './ast.js';

/**
 * ARM template expression parser.
 *
 * A JSON string value is an expression when it starts with `[` and ends with `]`; `[[…]` is the escape
 * for a literal that starts with `[` (the first `[` is dropped); any other string is a literal.
 *
 * Grammar (docs: template-expressions.md; function names are case-insensitive):
 *
 *   expr    := primary postfix*
 *   primary := ident [ "." ident ] "(" [ expr { "," expr } ] ")"   call, `ns.fn(…)` for user functions
 *            | "'" { char | "''" } "'"                              string, '' is an escaped quote
 *            | ["-"] digit+                                         integer
 *            | "true" | "false" | "null"                            tolerated bare literals
 *   postfix := "." ident | "[" expr "]"
 *
 * Whitespace, newlines included, may appear between tokens. Spans: the root node gets the span of the
 * whole JSON string token; sub-expressions get exact file offsets when the token text between the quotes
 * is the raw value itself (no JSON escapes), otherwise the whole token span as well. Syntax errors are
 * returned as an `error` node naming the 1-based column in the string value; nothing throws.
 */

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 39; // '
const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LBRACKET = 91;
const RBRACKET = 93;
const DOLLAR = 36;
const UNDERSCORE = 95;

const NO_ARGS: Expr[] = [];

/** Deepest nesting of calls and indexes accepted, so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 256;

/** True when a JSON string value is an ARM expression (`[…]` but not the `[[…]` escape). */
export function looksLikeExpression(raw: string): boolean {
  const n = raw.length;
  return n >= 2 && raw.charCodeAt(0) === LBRACKET && raw.charCodeAt(n - 1) === RBRACKET && raw.charCodeAt(1) !== LBRACKET;
}

/**
 * Parses a decoded JSON string value; `span` is the span of the string token, quotes included. With
 * `checkOnly`, only whether it parses (and the error) counts: no node is built (the result is a placeholder
 * unless it is the error) and string literals are not decoded, which saves most of the work when every
 * expression of a file is checked.
 */
export function parseArmString(raw: string, span: Span, checkOnly = false): Expr {
  const n = raw.length;
  if (n < 2 || raw.charCodeAt(0) !== LBRACKET || raw.charCodeAt(n - 1) !== RBRACKET) {
    return { kind: 'literal', value: raw, span };
  }
  if (raw.charCodeAt(1) === LBRACKET) return { kind: 'literal', value: raw.slice(1), span };
  try {
    return new Parser(raw, span, checkOnly).parseRoot();
  } catch (e) {
    if (e instanceof SyntaxFailure) return { kind: 'error', message: e.message, span };
    throw e;
  }
}

/** A part of an expression string, located when first read. */
class SubSpan extends DeferredSpan {
  constructor(
    private readonly parser: Parser,
    private readonly from: number,
    private readonly to: number,
  ) {
    super(parser.file);
  }

  protected resolve(): readonly [number, number] {
    return this.parser.offsetsOf(this.from, this.to);
  }
}

class SyntaxFailure {
  constructor(readonly message: string) {}
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === UNDERSCORE || c === DOLLAR;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

class Parser {
  private pos = 1;
  private depth = 0;
  /** Index of the closing `]`; scanning never goes past it. */
  private readonly end: number;
  /** Whether the token's text is the value itself (no JSON escapes), decided when a span is first read. */
  private exactness?: boolean;

  constructor(
    private readonly src: string,
    private readonly whole: Span,
    private readonly checkOnly: boolean,
  ) {
    this.end = src.length - 1;
  }

  private get exact(): boolean {
    const w = this.whole;
    return (this.exactness ??= w.end - w.start === this.src.length + 2 && w.file.text.startsWith(this.src, w.start + 1));
  }

  parseRoot(): Expr {
    this.skipWs();
    if (this.pos >= this.end) this.fail('expected an expression');
    const e = this.parseExpr();
    this.skipWs();
    if (this.pos < this.end) this.fail(`unexpected '${this.src[this.pos]}'`);
    return this.checkOnly ? e : { ...e, span: this.whole };
  }

  /** What a check-only parse makes of every node: only a syntax error counts, so no node is built. */
  private get checked(): Expr {
    return (this.placeholder ??= { kind: 'literal', value: null, span: this.whole });
  }

  private placeholder?: Expr;

  private parseExpr(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail(`expression nested more than ${MAX_DEPTH} levels deep`);
    const start = this.pos;
    let e = this.parsePrimary();
    for (;;) {
      const save = this.pos;
      this.skipWs();
      const c = this.code();
      if (c === DOT) {
        this.pos++;
        this.skipWs();
        if (!isIdentStart(this.code())) this.fail("expected a property name after '.'");
        if (this.checkOnly) this.skipIdent();
        else e = { kind: 'member', object: e, name: this.ident(), span: this.spanOf(start, this.pos) };
      } else if (c === LBRACKET) {
        this.pos++;
        this.skipWs();
        const index = this.parseExpr();
        this.skipWs();
        this.expect(RBRACKET, "']'");
        if (!this.checkOnly) e = { kind: 'index', object: e, index, span: this.spanOf(start, this.pos) };
      } else {
        this.pos = save;
        break;
      }
    }
    this.depth--;
    return e;
  }

  private parsePrimary(): Expr {
    const c = this.code();
    if (c === QUOTE) return this.parseString();
    if (isDigit(c) || (c === MINUS && isDigit(this.code(this.pos + 1)))) return this.parseInteger();
    if (isIdentStart(c)) return this.parseCallOrKeyword();
    if (this.pos >= this.end) this.fail('expected an expression');
    return this.fail(`unexpected '${this.src[this.pos]}'`);
  }

  private parseString(): Expr {
    const start = this.pos;
    const src = this.src;
    let value = '';
    let from = start + 1;
    for (;;) {
      const q = src.indexOf("'", from);
      if (q < 0 || q >= this.end) {
        this.pos = start;
        return this.fail('unterminated string literal');
      }
      if (q + 1 < this.end && src.charCodeAt(q + 1) === QUOTE) {
        if (!this.checkOnly) value += src.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      if (!this.checkOnly) value += src.slice(from, q);
      this.pos = q + 1;
      return this.checkOnly ? this.checked : { kind: 'literal', value, span: this.spanOf(start, this.pos) };
    }
  }

  private parseInteger(): Expr {
    const start = this.pos;
    if (this.code() === MINUS) this.pos++;
    while (isDigit(this.code())) this.pos++;
    return this.checkOnly ? this.checked : { kind: 'literal', value: Number(this.src.slice(start, this.pos)), span: this.spanOf(start, this.pos) };
  }

  private parseCallOrKeyword(): Expr {
    const start = this.pos;
    // A check-only parse reads names only for a message or a keyword: most are function names, never kept.
    this.skipIdent();
    const identEnd = this.pos;
    this.skipWs();
    let namespace: string | undefined;
    let nameStart = start;
    let nameEnd = identEnd;
    if (this.code() === DOT) {
      this.pos++;
      this.skipWs();
      if (!isIdentStart(this.code())) this.fail(`expected a function name after '${this.src.slice(start, identEnd)}.'`);
      nameStart = this.pos;
      this.skipIdent();
      nameEnd = this.pos;
      if (!this.checkOnly) namespace = this.src.slice(start, identEnd).toLowerCase();
      this.skipWs();
      if (this.code() !== LPAREN) this.fail(`expected '(' after function name '${this.src.slice(start, identEnd)}.${this.src.slice(nameStart, nameEnd)}'`);
    } else if (this.code() !== LPAREN) {
      const keyword = this.src.slice(start, identEnd).toLowerCase();
      if (keyword === 'true' || keyword === 'false' || keyword === 'null') {
        this.pos = identEnd;
        const value = keyword === 'null' ? null : keyword === 'true';
        return this.checkOnly ? this.checked : { kind: 'literal', value, span: this.spanOf(start, identEnd) };
      }
      this.fail(`expected '(' after function name '${this.src.slice(start, identEnd)}'`);
    }
    this.pos++;
    const args = this.parseArgs();
    if (this.checkOnly) return this.checked;
    const call: CallExpr = { kind: 'call', name: this.src.slice(nameStart, nameEnd).toLowerCase(), args, span: this.spanOf(start, this.pos) };
    if (namespace !== undefined) call.namespace = namespace;
    return call;
  }

  /** Arguments after `(`, through the closing `)`. */
  private parseArgs(): Expr[] {
    // A check-only parse keeps no arguments.
    const args: Expr[] = this.checkOnly ? NO_ARGS : [];
    this.skipWs();
    if (this.code() === RPAREN) {
      this.pos++;
      return args;
    }
    for (;;) {
      this.skipWs();
      const arg = this.parseExpr();
      if (!this.checkOnly) args.push(arg);
      this.skipWs();
      const c = this.code();
      this.pos++;
      // A copy of the exact length: the tree keeps it, and one grown by push holds room for 17.
      if (c === RPAREN) return args.slice();
      if (c !== COMMA) {
        this.pos--;
        this.fail("expected ',' or ')'");
      }
    }
  }

  private ident(): string {
    const start = this.pos;
    this.skipIdent();
    return this.src.slice(start, this.pos);
  }

  private skipIdent(): void {
    while (this.pos < this.end && isIdentPart(this.src.charCodeAt(this.pos))) this.pos++;
  }

  private skipWs(): void {
    for (;;) {
      const c = this.code();
      if (c !== SPACE && c !== LF && c !== CR && c !== TAB) return;
      this.pos++;
    }
  }

  private expect(c: number, what: string): void {
    if (this.code() !== c) this.fail(`expected ${what}`);
    this.pos++;
  }

  /** Char code at `at` (default: the current position), or -1 at the closing `]` and beyond. */
  private code(at = this.pos): number {
    return at < this.end ? this.src.charCodeAt(at) : -1;
  }

  /** Offsets inside the string token when it holds the value as written, else the whole token. */
  private spanOf(start: number, end: number): Span {
    return this.checkOnly ? this.whole : new SubSpan(this, start, end);
  }

  /** Resolves a sub-span (see SubSpan). */
  offsetsOf(start: number, end: number): readonly [number, number] {
    const w = this.whole;
    return this.exact ? [w.start + 1 + start, w.start + 1 + end] : [w.start, w.end];
  }

  get file() {
    return this.whole.file;
  }

  private fail(message: string): never {
    const column = Math.min(this.pos, this.end) + 1;
    throw new SyntaxFailure(`${message} at column ${column} of the expression`);
  }
}
