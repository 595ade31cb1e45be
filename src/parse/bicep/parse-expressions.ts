import type { Span } from '../../core/span.js';
import { span as spanOf } from '../../core/span.js';
import type { BinaryOp, CallExpr, Expr, ObjectExpr, ObjectProp } from '../../expr/ast.js';
import { ARROW, AT, CLOSE_BRACE, CLOSE_BRACKET, CLOSE_PAREN, COLON, COMMA, EOF, IDENT, NL, OPEN_BRACE, OPEN_PAREN, QUESTION, SPREAD, TOKEN_KINDS, type TokenKind } from './lexer.js';
import { ArrayNode, CallNode, LiteralNode, MemberNode, ObjectNode, SymbolNode } from './nodes.js';
import { parseStringToken, parseInterpolatedString } from './parse-strings.js';
import { BicepSyntaxError, MAX_NESTING, NestingTooDeep, type TokenCursor } from './token-cursor.js';

/*
 * Expressions, following the compiler's precedence (TokenTypeHelper.GetOperatorPrecedence in Azure/bicep):
 * postfix (`.` `.?` `[…]` `[?…]` `[^…]` `::` `(…)` `!`) > prefix `!` `-` `+` > `* / %` > `+ -` >
 * `< <= > >=` > `== != =~ !~` > `&&` > `||` > `??` > `? :`; a lambda body reaches as far as it can.
 * Every expression is built straight into the template IR, with its exact span.
 */

const BINARY_PRECEDENCE: Partial<Record<TokenKind, number>> = {
  '*': 100, '/': 100, '%': 100,
  '+': 90, '-': 90,
  '<': 80, '<=': 80, '>': 80, '>=': 80,
  '==': 70, '!=': 70, '=~': 70, '!~': 70,
  '&&': 50,
  '||': 40,
  '??': 30,
};

/** BINARY_PRECEDENCE by kind code, 0 for a token that is no binary operator. */
const PRECEDENCE_BY_CODE = Uint8Array.from(TOKEN_KINDS, (kind) => BINARY_PRECEDENCE[kind] ?? 0);

const MAX_INT64 = 2n ** 63n - 1n;

/** Called for a `resource` declaration met inside a resource body (a nested resource). */
export type NestedResourceHandler = (c: TokenCursor) => void;

/**
 * Runs `parse`; on a syntax error, records it, skips to the end of the element (a newline, one of
 * `stops`, or the enclosing closing bracket) and returns an error expression in its place, from `start`
 * (where the element began, by default the current token).
 */
export function recovering(c: TokenCursor, stops: readonly TokenKind[], parse: (c: TokenCursor) => Expr, start = c.starts[c.pos]): Expr {
  try {
    return parse(c);
  } catch (e) {
    if (!(e instanceof BicepSyntaxError) || e instanceof NestingTooDeep || e instanceof UnclosedBody) throw e;
    c.report(e);
    c.skipTo(stops);
    return c.errorExpr(start, Math.max(start, c.lastEnd), 'syntax that could not be parsed');
  }
}

/**
 * A body that is not closed before the next top-level declaration (a statement keyword at the start of
 * a line): the statement ends there, so one missing `}` does not swallow the rest of the file.
 */
export class UnclosedBody extends BicepSyntaxError {}

/*
 * Where recovery stops, by element, made once: a large file parses tens of thousands of elements, and
 * recovering() is given module-level functions rather than closures, for the same reason.
 */
const ARGUMENT_STOPS: readonly TokenKind[] = [',', ')'];
const PROPERTY_STOPS: readonly TokenKind[] = [',', '}'];
const ITEM_STOPS: readonly TokenKind[] = [',', ']'];
const NO_STOPS: readonly TokenKind[] = [];

export function parseExpression(c: TokenCursor): Expr {
  // c.enter() and c.leave() written out, here and for a bracketed value in parsePrimary: every expression passes here.
  if (c.depth >= MAX_NESTING) throw c.tooDeep();
  c.depth++;
  try {
    const condition = parseBinary(c, 0);
    // Newlines may come before `?` and `:`, not after them. The kinds are read here: every expression ends with this test.
    const { kinds } = c;
    let p = c.pos;
    while (kinds[p] === NL) p++;
    if (kinds[p] !== QUESTION) return condition;
    c.pos = p + 1;
    const whenTrue = parseExpression(c);
    if (c.nextAfterNewlinesIs(COLON)) c.skipNewlines();
    c.expect(':');
    const whenFalse = parseExpression(c);
    return { kind: 'ternary', condition, whenTrue, whenFalse, span: c.span(condition.span.start, whenFalse.span.end) };
  } finally {
    c.depth--;
  }
}

function parseBinary(c: TokenCursor, minPrecedence: number): Expr {
  // The kind code first: most operands have no prefix operator.
  let left = IS_PREFIX[c.kinds[c.pos]] ? parseUnary(c) : parsePostfix(c);
  for (;;) {
    // Kind codes rather than tokens: the token after an expression is mostly a newline or a comma.
    const code = c.kinds[c.pos];
    const precedence = PRECEDENCE_BY_CODE[code];
    if (precedence <= minPrecedence) return left;
    const op = TOKEN_KINDS[code];
    c.pos++;
    c.enter();
    let right: Expr;
    try {
      right = parseBinary(c, precedence);
    } finally {
      c.leave();
    }
    left = { kind: 'binary', op: op as BinaryOp, left, right, span: c.span(left.span.start, right.span.end) };
  }
}

/** A prefix operator (`!`, `-`, `+`) and its operand. */
function parseUnary(c: TokenCursor): Expr {
  const op = c.kindAt(0) as '!' | '-' | '+';
  const start = c.offset();
  c.skip();
  // The operand of a prefix operator is not itself prefixed (`--1` and `!!x` are errors).
  const operand = parsePostfix(c);
  const span = c.span(start, operand.span.end);
  if (op === '+') return withSpan(operand, span);
  if (op === '-' && operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value, span };
  return { kind: 'unary', op, operand, span };
}

/** By kind code, 1 for the prefix operators `!`, `-` and `+`. */
const IS_PREFIX = Uint8Array.from(TOKEN_KINDS, (kind) => (kind === '!' || kind === '-' || kind === '+' ? 1 : 0));

/** A copy of `e` with another span; its kind copied by name (a node's `kind` is on its prototype, see nodes.ts). */
function withSpan(e: Expr, span: Span): Expr {
  return { ...e, kind: e.kind, span } as Expr;
}

function parsePostfix(c: TokenCursor): Expr {
  let e = parsePrimary(c);
  for (;;) {
    const code = c.kinds[c.pos];
    // Most expressions have no postfix: their span is read only when one follows.
    if (!IS_POSTFIX[code]) return e;
    const kind = TOKEN_KINDS[code];
    const start = e.span.start;
    if (kind === '.' || kind === '.?') {
      c.pos++;
      const name = c.expectIdentText('a property or function name');
      if (kind === '.' && c.kinds[c.pos] === OPEN_PAREN) {
        const args = parseArguments(c);
        e = namespacedCall(c, e, name, args, c.span(start, c.lastEnd));
        continue;
      }
      const end = c.ends[c.pos - 1];
      e = kind === '.' ? new MemberNode(c.file, start, end, e, name) : { kind: 'member', object: e, name, optional: true, span: c.span(start, end) };
    } else if (kind === '[') {
      e = parseIndex(c, e);
    } else if (kind === '::') {
      c.skip();
      const child = c.expectIdentText('a nested resource name');
      e =
        e.kind === 'symbol'
          ? { kind: 'symbol', name: e.name, path: [...(e.path ?? []), child], span: c.span(start, c.lastEnd) }
          : c.errorExpr(start, c.lastEnd, "'::' applied to an expression that is not a resource symbol");
    } else {
      const end = c.endOffset();
      c.skip();
      e = { kind: 'unary', op: 'nonNull', operand: e, span: c.span(start, end) };
    }
  }
}

/** By kind code, 1 for the tokens that continue an expression with a postfix: member access, index, `::` and the non-null `!`. */
const IS_POSTFIX = Uint8Array.from(TOKEN_KINDS, (kind) => (kind === '.' || kind === '.?' || kind === '[' || kind === '::' || kind === '!' ? 1 : 0));

/** `a[i]`, `a[?i]`, `a[^i]` (from the end), `a[?^i]`. */
function parseIndex(c: TokenCursor, object: Expr): Expr {
  c.skip();
  const optional = c.at('?');
  if (optional) c.skip();
  const fromEnd = c.at('^');
  if (fromEnd) c.skip();
  let index = parseExpression(c);
  c.expect(']');
  const span = c.span(object.span.start, c.lastEnd);
  if (fromEnd) {
    // `a[^i]` is `a[length(a) - i]`, as the compiler emits it.
    const length: CallExpr = { kind: 'call', name: 'length', args: [object], span: object.span };
    index = { kind: 'binary', op: '-', left: length, right: index, span: index.span };
  }
  return { kind: 'index', object, index, ...(optional ? { optional } : {}), span };
}

/** `ns.f(…)` (`az.`, `sys.`, an imported namespace); a method call on another expression is not evaluated. */
function namespacedCall(c: TokenCursor, target: Expr, name: string, args: Expr[], span: CallExpr['span']): Expr {
  if (target.kind === 'symbol' && !target.path) {
    return { kind: 'call', name: name.toLowerCase(), namespace: target.name.toLowerCase(), args, span };
  }
  return c.errorExpr(span.start, span.end, 'call of an expression that is not a function name');
}

// Offsets rather than tokens where the parser reads most: a token object for every value of a large file
// was garbage the collector had to sweep.
function parsePrimary(c: TokenCursor): Expr {
  const p = c.pos;
  const kind = TOKEN_KINDS[c.kinds[p]];
  const start = c.starts[p];
  const end = c.ends[p];
  switch (kind) {
    case 'number': {
      c.pos = p + 1;
      const digits = c.text.slice(start, end);
      // Only 19 digits or more can pass the largest 64-bit integer.
      if (digits.length >= 19 && BigInt(digits) > MAX_INT64) c.report(new BicepSyntaxError(start, end, `\`${digits}\` is not a valid 64-bit integer.`));
      return new LiteralNode(c.file, start, end, Number(digits));
    }
    case 'ident':
      c.pos = p + 1;
      return parseIdentifierExpression(c, start, end);
    case 'string':
      c.pos = p + 1;
      return parseStringToken(c, start, end);
    case 'stringLeft':
      return parseInterpolatedString(c, parseExpression);
    case '[':
    case '{':
    case '(':
      if (c.depth >= MAX_NESTING) throw c.tooDeep();
      c.depth++;
      try {
        return kind === '[' ? parseArrayOrFor(c) : kind === '{' ? parseObject(c) : parseParenthesized(c);
      } finally {
        c.depth--;
      }
    default:
      throw c.fail('Expected a value (a literal, an array, an object, a parenthesized expression or a function call)');
  }
}

/** The identifier from `start` to `end`, already stepped over: a literal, a call, a lambda or a symbol. */
function parseIdentifierExpression(c: TokenCursor, start: number, end: number): Expr {
  const name = c.text.slice(start, end);
  if (name === 'true' || name === 'false') return new LiteralNode(c.file, start, end, name === 'true');
  if (name === 'null') return new LiteralNode(c.file, start, end, null);
  const next = c.kinds[c.pos];
  if (next === OPEN_PAREN) {
    const args = parseArguments(c);
    return new CallNode(c.file, start, c.lastEnd, name.toLowerCase(), args);
  }
  if (next === ARROW) return parseLambdaBody(c, [name], start);
  return new SymbolNode(c.file, start, end, name);
}

function parseLambdaBody(c: TokenCursor, params: string[], start: number): Expr {
  c.expect('=>');
  // The body may start on the next line, unless that line is a new declaration.
  let k = 0;
  while (c.kindAt(k) === 'nl') k++;
  if (!DECLARATION_KEYWORDS.has(c.tokenText(c.peek(k)))) c.skipNewlines();
  const body = parseExpression(c);
  return { kind: 'lambda', params, body, span: c.span(start, body.span.end) };
}

/** `(` … `)`: a parenthesized expression, or the parameters of a lambda (`(a, b) => …`, `(x int) => …`). */
function parseParenthesized(c: TokenCursor): Expr {
  const open = c.next();
  if (isLambdaParameterList(c)) {
    const params: string[] = [];
    c.skipNewlines();
    while (!c.at(')')) {
      params.push(c.tokenText(c.expectIdent('a lambda parameter name')));
      // A typed parameter (`(x int) => …`): the type is checked by the compiler, not used here.
      while (!c.at(',') && !c.at(')') && !c.at('nl')) c.skip();
      c.skipNewlines();
      if (c.at(',')) c.skip();
      c.skipNewlines();
    }
    c.skip();
    return parseLambdaBody(c, params, open.start);
  }
  const inner = parseParenthesizedContent(c);
  return withSpan(inner, c.span(open.start, c.lastEnd));
}

/**
 * The expression inside `( … )` up to and with the `)`. The compiler counts a line break inside the
 * parentheses as an item of its own, so the expression must stay on the line of `(` and `)`.
 */
function parseParenthesizedContent(c: TokenCursor): Expr {
  const lineBreak = (where: string) => c.report(c.fail(`Expected the expression and \`)\` on the line of \`${where}\``));
  if (c.at('nl')) lineBreak('(');
  c.skipNewlines();
  const inner = parseExpression(c);
  if (c.at('nl')) lineBreak(')');
  c.skipNewlines();
  c.expect(')');
  return inner;
}

/**
 * After `(`: true when the tokens up to the matching `)` are lambda parameters (names, commas, simple
 * types) and `=>` follows. Stops at the first other token, so the look-ahead is short and never rescans.
 */
function isLambdaParameterList(c: TokenCursor): boolean {
  for (let k = 0; ; k++) {
    const kind = c.kindAt(k);
    if (kind === ')') return c.kindAt(k + 1) === '=>';
    if (kind !== 'ident' && kind !== ',' && kind !== 'nl' && kind !== '?' && kind !== '.' && kind !== '[' && kind !== ']') return false;
  }
}

/**
 * `(arg, arg, …)`: newlines may follow `(` and `,` and precede `)`; arguments are separated by commas.
 * Read by kind codes, as the items of objects and arrays are (see atItem).
 */
export function parseArguments(c: TokenCursor): Expr[] {
  c.expect('(');
  const { kinds } = c;
  let args: Expr[] | undefined;
  while (kinds[c.pos] === NL) c.pos++;
  for (let code = kinds[c.pos]; code !== CLOSE_PAREN; code = kinds[c.pos]) {
    if (code === EOF) throw c.fail('Expected `)`');
    const arg = c.atSingleTokenItem(0, CLOSE_PAREN) ? parsePrimary(c) : recovering(c, ARGUMENT_STOPS, parseExpression);
    if (args) args.push(arg);
    else args = [arg];
    while (kinds[c.pos] === NL) c.pos++;
    const after = kinds[c.pos];
    if (after === COMMA) {
      c.pos++;
      while (kinds[c.pos] === NL) c.pos++;
      if (kinds[c.pos] === CLOSE_PAREN) c.report(c.fail('Expected an argument after `,`'));
    } else if (after !== CLOSE_PAREN) {
      c.report(c.fail('Expected `,` or `)`'));
      c.skipTo(ARGUMENT_STOPS);
      if (!c.at(',') && !c.at(')')) throw c.fail('Expected `)`');
      if (c.at(',')) c.skip();
    }
  }
  c.pos++;
  return exact(args);
}

/**
 * The items of an object or array are separated by commas or newlines (not both), each parsed with
 * recovery. The caller loops `for (let more = atItem(c, closer, false, …); more; more = atItem(c, closer, true, …))`
 * and parses one item per turn: a loop in the caller rather than a callback, because a closure per
 * literal is a function V8 makes, and enters through its lazy-compile stub, for each of the file's objects.
 *
 * `atItem` steps over what comes before the next item (the newlines after the opening bracket, or the
 * separator after an item) and says whether an item follows; false at `closer` (`}` or `]`, as a kind code).
 */
function atItem(c: TokenCursor, closer: number, afterItem: boolean, nestedResources: boolean): boolean {
  const { kinds } = c;
  let expectItem = !afterItem;
  for (let code = kinds[c.pos]; code !== closer; code = kinds[c.pos]) {
    if (code === EOF) throw c.fail(`Expected \`${TOKEN_KINDS[closer]}\``);
    // A newline separates items, and may stand before the first: stepped over here, token by token.
    if (code === NL) {
      c.pos++;
      expectItem = true;
      continue;
    }
    if (!expectItem) {
      if (code === COMMA) {
        c.pos++;
        if (kinds[c.pos] === NL) c.report(c.fail('Expected the next item after `,` on the same line'));
      } else {
        c.report(c.fail('Expected a new line or `,`'));
      }
      expectItem = true;
      continue;
    }
    if (code === IDENT && startsTopLevelStatement(c) && !(nestedResources && c.atWord('resource'))) {
      throw new UnclosedBody(c.offset(), c.offset(), `Expected \`${TOKEN_KINDS[closer]}\` before this declaration.`);
    }
    return true;
  }
  return false;
}

/** After an item that consumed nothing (an error at a separator, at `before`): steps over the token to keep going. */
function stepOverUnread(c: TokenCursor, before: number, closer: number): void {
  if (c.pos !== before) return;
  const after = c.kinds[c.pos];
  if (after !== closer && after !== NL && after !== EOF) c.skip();
}

/** Keywords that start a top-level declaration. */
export const DECLARATION_KEYWORDS: ReadonlySet<string> = new Set([
  'targetScope', 'metadata', 'param', 'var', 'resource', 'module', 'output', 'func', 'type', 'import', 'extension',
  'provider', 'using', 'extends', 'assert', 'test', 'extensionConfig',
]);

/** A declaration keyword followed by a name, at the very start of a line: a new top-level statement. */
function startsTopLevelStatement(c: TokenCursor): boolean {
  const start = c.starts[c.pos];
  const before = start > 0 ? c.text.charCodeAt(start - 1) : 10;
  if (c.kinds[c.pos] !== IDENT || (before !== 10 /* \n */ && before !== 13) /* \r */) return false;
  if (!DECLARATION_KEYWORDS.has(c.text.slice(start, c.endOffset()))) return false;
  const after = c.kindAt(1);
  return after === 'ident' || after === '=' || after === 'string';
}

/** Decorators in an object or array (`@description('…')` before a property): read and dropped. */
function skipDecorators(c: TokenCursor): void {
  while (c.kinds[c.pos] === AT) {
    c.skip();
    recovering(c, NO_STOPS, parsePostfix);
    c.skipNewlines();
  }
}

/**
 * The members of an object or array literal, split where spread members stand, so that the literal can
 * be lowered as the compiler emits it: `shallowMerge([{a}, spread, {b}])`, `flatten([[a], spread, [b]])`.
 * Made at the first spread member: most literals have none.
 */
class SpreadSegments<T> {
  private start: number;
  /** The first of `members` after the last spread. */
  private from = 0;
  private readonly parts: Expr[] = [];

  constructor(
    private readonly c: TokenCursor,
    open: number,
    private readonly closer: '}' | ']',
    /** Every member written out, in order (filled by the caller). */
    private readonly members: readonly T[],
    private readonly literal: (c: TokenCursor, members: T[], start: number, end: number) => Expr,
  ) {
    this.start = open;
  }

  /** The spread member (`...expr`) at the cursor. */
  add(): void {
    const { c } = this;
    this.flush(c.next().start);
    this.parts.push(recovering(c, this.closer === '}' ? PROPERTY_STOPS : ITEM_STOPS, parseExpression));
    this.start = c.lastEnd;
  }

  /** The parts, the literal members after the last spread included. */
  finish(end: number): Expr[] {
    this.flush(end);
    return this.parts;
  }

  private flush(end: number): void {
    if (this.members.length > this.from) this.parts.push(this.literal(this.c, this.members.slice(this.from), this.start, end));
    this.from = this.members.length;
  }
}

const objectPart = (c: TokenCursor, props: ObjectProp[], start: number, end: number): Expr => new ObjectNode(c.file, start, end, props);
const arrayPart = (c: TokenCursor, items: Expr[], start: number, end: number): Expr => new ArrayNode(c.file, start, end, items);

/**
 * `{ key: value, ...spread }`, as the evaluator sees it: spread members make the object
 * `shallowMerge([{…}, spread, {…}])`, as compiled.
 */
export function parseObject(c: TokenCursor): Expr {
  return parseObjectLiteral(c, undefined, false);
}

/**
 * A resource or module body `{…}`: the properties written out, without spread members. `onResource`
 * receives nested `resource` declarations.
 */
export function parseBody(c: TokenCursor, onResource: NestedResourceHandler | undefined): ObjectExpr {
  return parseObjectLiteral(c, onResource, true) as ObjectExpr;
}

/** `{…}`; `written`: the object of the properties written out even when spread members stand among them. */
function parseObjectLiteral(c: TokenCursor, onResource: NestedResourceHandler | undefined, written: boolean): Expr {
  // Offsets and kind codes at the brackets, as in parseArrayOrFor: a large file has tens of thousands of objects.
  const open = c.pos;
  if (c.kinds[open] !== OPEN_BRACE) throw c.fail('Expected `{`');
  const openStart = c.starts[open];
  c.pos = open + 1;
  let all: ObjectProp[] | undefined;
  let segments: SpreadSegments<ObjectProp> | undefined;
  for (let more = atItem(c, CLOSE_BRACE, false, onResource !== undefined); more; more = atItem(c, CLOSE_BRACE, true, onResource !== undefined)) {
    const before = c.pos;
    if (c.kinds[c.pos] === AT) skipDecorators(c);
    if (c.kinds[c.pos] === SPREAD) {
      (segments ??= new SpreadSegments(c, openStart, '}', (all ??= []), objectPart)).add();
    } else {
      const code = c.kinds[c.pos];
      // A property's name is followed by `:`, a nested resource's keyword by its name: that test first, as it is the cheaper.
      if (onResource && code === IDENT && c.kinds[c.pos + 1] === IDENT && c.atWord('resource')) onResource(c);
      else if (code !== CLOSE_BRACE) {
        const prop = parseProperty(c);
        if (prop && all) all.push(prop);
        else if (prop) all = [prop];
      }
    }
    stepOverUnread(c, before, CLOSE_BRACE);
  }
  // atItem stops only at the `}`.
  const end = c.ends[c.pos++];
  const object = new ObjectNode(c.file, openStart, end, exact(all));
  if (!segments || written) return object;
  const span = object.span;
  const parts = segments.finish(end);
  return { kind: 'call', name: 'shallowmerge', args: [{ kind: 'array', items: parts, span }], span };
}

/** `key: value`; undefined (after recording the error) when the key is missing or interpolated. */
function parseProperty(c: TokenCursor): ObjectProp | undefined {
  const p = c.pos;
  const kind = TOKEN_KINDS[c.kinds[p]];
  const start = c.starts[p];
  let key: string | undefined;
  let keyEnd = c.ends[p];
  if (kind === 'ident' || kind === '*') {
    key = c.name(start, keyEnd);
    c.pos = p + 1;
  } else if (kind === 'string') {
    c.pos = p + 1;
    const e = parseStringToken(c, start, keyEnd);
    key = e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
  } else if (kind === 'stringLeft') {
    parseInterpolatedString(c, parseExpression);
    keyEnd = c.lastEnd;
  } else {
    c.report(c.fail('Expected a property name'));
    c.skipTo([',', '}']);
    return undefined;
  }
  // The short ways only past a `:`: anything else there is the syntax error colonAndValue reports.
  let value: Expr;
  if (c.kinds[c.pos] !== COLON) {
    value = recovering(c, PROPERTY_STOPS, colonAndValue);
  } else if (c.atSingleTokenItem(1, CLOSE_BRACE)) {
    c.pos++;
    value = parsePrimary(c);
  } else {
    // The value is recovered as from its `:`.
    const colon = c.starts[c.pos++];
    value = recovering(c, PROPERTY_STOPS, parseExpression, colon);
  }
  return key === undefined ? undefined : new BicepProperty(key, value, start, keyEnd);
}

/** `: value` of a property. */
function colonAndValue(c: TokenCursor): Expr {
  c.expect(':');
  return parseExpression(c);
}

/** A property of an object literal. Its key's span is made when read: rules read values, and a large file has many keys. */
class BicepProperty implements ObjectProp {
  constructor(
    readonly key: string,
    readonly value: Expr,
    private readonly keyStart: number,
    private readonly keyEnd: number,
  ) {}

  get keySpan(): Span {
    return spanOf(this.value.span.file, this.keyStart, this.keyEnd);
  }
}

/**
 * A list of members (undefined for none) at its length. The parser starts a list with its first member
 * (`[first]`, made at its length), as most objects and arrays of a large file have one, and pushes the
 * others: a pushed-to array keeps room for 16 more items, which for the many small objects and arrays of
 * a large file is most of their memory (and garbage collector time), so a longer list is copied.
 */
export function exact<T>(list: T[] | undefined): T[] {
  return list === undefined ? [] : list.length === 1 ? list : list.slice();
}

/** `[a, b, ...c]` or `[for … in …: …]`. Spread items make the array `flatten([[a, b], c])`, as compiled. */
function parseArrayOrFor(c: TokenCursor): Expr {
  let p = c.pos + 1;
  while (c.kinds[p] === NL) p++;
  if (c.kinds[p] === IDENT && c.atWord('for', p - c.pos)) return parseFor(c).expr;
  // At the `[` (see parsePrimary).
  const openStart = c.starts[c.pos++];
  let items: Expr[] | undefined;
  let segments: SpreadSegments<Expr> | undefined;
  for (let more = atItem(c, CLOSE_BRACKET, false, false); more; more = atItem(c, CLOSE_BRACKET, true, false)) {
    const before = c.pos;
    if (c.kinds[c.pos] === AT) skipDecorators(c);
    if (c.kinds[c.pos] === SPREAD) (segments ??= new SpreadSegments(c, openStart, ']', (items ??= []), arrayPart)).add();
    else if (c.kinds[c.pos] !== CLOSE_BRACKET) {
      const item = c.atSingleTokenItem(0, CLOSE_BRACKET) ? parsePrimary(c) : recovering(c, ITEM_STOPS, parseExpression);
      if (items) items.push(item);
      else items = [item];
    }
    stepOverUnread(c, before, CLOSE_BRACKET);
  }
  // atItem stops only at the `]`.
  const end = c.ends[c.pos++];
  if (!segments) return new ArrayNode(c.file, openStart, end, exact(items));
  const span = c.span(openStart, end);
  return { kind: 'call', name: 'flatten', args: [{ kind: 'array', items: segments.finish(end), span }], span };
}

/** The parts of a `[for … in …: …]`, shared by `for` expressions and resource and module loops. */
export interface ForParts {
  itemVar?: string;
  indexVar?: string;
  iterable: Expr;
  filter?: Expr;
  start: number;
  end: number;
}

/**
 * `[for item in xs: body]`, `[for (item, i) in xs: if (cond) body]`. `parseBody` reads the body (an
 * object in resource and module loops); the default reads any expression.
 */
export function parseFor<B extends Expr>(
  c: TokenCursor,
  parseBody: () => B = () => parseExpression(c) as B,
): { parts: ForParts; body: B; expr: Expr } {
  const open = c.take('[');
  c.skipNewlines();
  c.expectWord('for');
  const parts: Partial<ForParts> = { start: open.start };
  if (c.at('(')) {
    c.skip();
    parts.itemVar = c.tokenText(c.expectIdent('a loop item variable'));
    c.expect(',');
    parts.indexVar = c.tokenText(c.expectIdent('a loop index variable'));
    c.expect(')');
  } else {
    parts.itemVar = c.tokenText(c.expectIdent('a loop item variable or `(`'));
  }
  c.expectWord('in');
  parts.iterable = parseExpression(c);
  c.expect(':');
  if (c.atWord('if') && c.kindAt(1) === '(') {
    c.skip();
    parts.filter = parseCondition(c);
  }
  const body = parseBody();
  c.skipNewlines();
  const close = c.take(']');
  parts.end = close.end;
  const full = parts as ForParts;
  const expr: Expr = {
    kind: 'for',
    ...loopBinding(full),
    iterable: full.iterable,
    body,
    span: c.span(open.start, close.end),
  };
  return { parts: full, body, expr };
}

/** `(condition)` after `if`. */
export function parseCondition(c: TokenCursor): Expr {
  c.expect('(');
  return parseParenthesizedContent(c);
}

/** The loop variables and filter of a `for`, without absent members. */
export function loopBinding(parts: ForParts): { itemVar?: string; indexVar?: string; filter?: Expr } {
  const binding: { itemVar?: string; indexVar?: string; filter?: Expr } = {};
  if (parts.itemVar !== undefined) binding.itemVar = parts.itemVar;
  if (parts.indexVar !== undefined) binding.indexVar = parts.indexVar;
  if (parts.filter) binding.filter = parts.filter;
  return binding;
}

/** A decorator after its `@`: `name(…)` or `ns.name(…)`; undefined when it is not a call (the compiler says why). */
export function parseDecorator(c: TokenCursor): CallExpr | undefined {
  const e = parsePostfix(c);
  return e.kind === 'call' ? e : undefined;
}
