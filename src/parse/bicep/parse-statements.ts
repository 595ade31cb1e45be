import type { CallExpr, Expr } from '../../expr/ast.js';
import type { FunctionDecl, OutputDecl, ParamDecl, ResourceDecl, TemplateIR, VarDecl } from '../ir.js';
import { literalUnion } from '../literal-union.js';
import { AT, EOF, IDENT, NL, type Token } from './lexer.js';
import { DECLARATION_KEYWORDS, UnclosedBody, parseDecorator, parseExpression, parseObject } from './parse-expressions.js';
import { parseModule, parseResource, parseStringOperand } from './parse-resources.js';
import { literalText } from './parse-strings.js';
import { parseType, parseTypeName } from './parse-types.js';
import { BicepSyntaxError, NestingTooDeep, type TokenCursor } from './token-cursor.js';

type TargetScope = TemplateIR['targetScope'];
const TARGET_SCOPES: readonly string[] = ['resourceGroup', 'subscription', 'managementGroup', 'tenant'];

/** What a `.bicep` or `.bicepparam` file declares. */
export interface Declarations {
  targetScope?: TargetScope;
  parameters: ParamDecl[];
  variables: VarDecl[];
  functions: FunctionDecl[];
  resources: ResourceDecl[];
  outputs: OutputDecl[];
  /** `.bicepparam`: the path of `using '…'` as written. */
  using?: string;
  /** `.bicepparam`: `param x = value` assignments. */
  paramAssignments: VarDecl[];
}

export type SourceMode = 'bicep' | 'bicepparam';

/** Parses every statement of the file; a broken statement is reported and skipped, the next one is read. */
export function parseStatements(c: TokenCursor, mode: SourceMode): Declarations {
  const out: Declarations = { parameters: [], variables: [], functions: [], resources: [], outputs: [], paramAssignments: [] };
  for (;;) {
    while (c.kinds[c.pos] === NL) c.pos++;
    if (c.kinds[c.pos] === EOF) return out;
    try {
      parseStatement(c, mode, out);
      const after = c.kinds[c.pos];
      if (after !== NL && after !== EOF) throw c.fail('Expected a new line after the declaration');
    } catch (e) {
      if (!(e instanceof BicepSyntaxError)) throw e;
      c.report(e);
      if (e instanceof NestingTooDeep) skipToNextDeclaration(c);
      else if (!(e instanceof UnclosedBody)) skipToBody(c);
    }
  }
}

/**
 * After an error in a declaration's head: the rest of the line, but a body that opens on it (`{`, `[`)
 * is still read, as the compiler does, so its errors are reported and its lines are not taken for
 * declarations.
 */
function skipToBody(c: TokenCursor): void {
  c.skipTo(['{', '[']);
  if (c.at('nl') || c.at('eof')) return;
  try {
    parseExpression(c);
  } catch (e) {
    if (!(e instanceof BicepSyntaxError) || e instanceof NestingTooDeep) throw e;
    c.report(e);
    if (e instanceof UnclosedBody) return;
  }
  c.skipTo([]);
}

/** After giving up on a statement: on to the next line that starts with a declaration keyword or a decorator. */
function skipToNextDeclaration(c: TokenCursor): void {
  for (;;) {
    const t = c.next();
    if (t.kind === 'eof') return;
    const next = c.peek();
    if (t.kind === 'nl' && ((next.kind === 'ident' && DECLARATION_KEYWORDS.has(c.tokenText(next))) || next.kind === '@')) return;
  }
}

function parseStatement(c: TokenCursor, mode: SourceMode, out: Declarations): void {
  // Offsets and kind codes rather than tokens: a token object per statement was garbage.
  const first = c.pos;
  const decorators = parseDecorators(c);
  const start = c.starts[c.pos];
  const word = c.kinds[c.pos] === IDENT ? c.text.slice(start, c.ends[c.pos]) : '';
  if (!DECLARATION_KEYWORDS.has(word)) {
    if (word !== '' && c.kindAt(1) === 'ident' && startsLine(c)) {
      // `newkeyword name …`: a declaration of a kind this version does not know; skip it, its body too.
      const end = c.endOffset();
      skipToBody(c);
      c.report(new BicepSyntaxError(start, end, `gwlint does not know the \`${word}\` declaration; it is skipped.`), 'newer');
      return;
    }
    if (c.kinds[first] === AT && c.at('eof')) throw new BicepSyntaxError(c.starts[first], c.ends[first], 'This decorator is not followed by a declaration.');
    throw c.fail('Expected a declaration keyword (param, var, resource, …)');
  }
  c.pos++;
  switch (word) {
    case 'targetScope': {
      c.expect('=');
      const scope = literalText(parseExpression(c));
      if (scope !== undefined && TARGET_SCOPES.includes(scope)) out.targetScope = scope as TargetScope;
      return;
    }
    case 'param':
      parseParam(c, start, decorators, mode, out);
      return;
    case 'var': {
      const name = c.expectIdent('a variable name');
      if (!c.at('=')) parseType(c);
      out.variables.push(namedValue(c, start, name));
      return;
    }
    case 'output': {
      const name = c.expectIdent('an output name');
      skipDeclaredType(c);
      out.outputs.push(namedValue(c, start, name));
      return;
    }
    case 'metadata':
    case 'assert':
      c.expectIdent(`a ${word} name`);
      c.expect('=');
      parseExpression(c);
      return;
    case 'type':
      c.expectIdent('a type name');
      c.expect('=');
      parseType(c);
      return;
    case 'func':
      out.functions.push(parseFunction(c, start));
      return;
    case 'resource':
      out.resources.push(parseResource(c, start));
      return;
    case 'module':
      out.resources.push(parseModule(c, start));
      return;
    case 'test':
      c.expectIdent('a test name');
      parseStringOperand(c, 'a test file path');
      c.expect('=');
      parseObject(c);
      return;
    case 'import':
      parseImport(c);
      return;
    case 'extensionConfig':
      c.expectIdent('an extension alias');
      c.expectWord('with');
      parseObject(c);
      return;
    case 'extension':
    case 'provider':
      parseExtension(c);
      return;
    case 'using':
      if (c.atWord('none')) c.skip();
      else out.using = literalText(parseStringOperand(c, 'a template path or `none`'));
      parseOptionalWith(c);
      return;
    case 'extends':
      parseStringOperand(c, 'the path of the file it extends');
      return;
  }
}

/** Only blanks before the current token on its line: where a declaration begins. */
function startsLine(c: TokenCursor): boolean {
  const before = c.previous();
  if (before && before.kind !== 'nl') return false;
  const lineStart = before ? before.end : 0;
  return c.text.slice(lineStart, c.offset()).trim() === '';
}

function parseDecorators(c: TokenCursor): CallExpr[] {
  const decorators: CallExpr[] = [];
  while (c.kinds[c.pos] === AT) {
    c.skip();
    const call = parseDecorator(c);
    if (call) decorators.push(call);
    if (!c.at('nl')) throw c.fail('Expected a new line after the decorator');
    c.skipNewlines();
  }
  return decorators;
}

function findDecorator(decorators: CallExpr[], name: string): CallExpr | undefined {
  return decorators.find((d) => d.name === name && (d.namespace === undefined || d.namespace === 'sys'));
}

/** `param name type [= default]`, `param name resource 'Type@api'`; in `.bicepparam`, `param name = value`. */
function parseParam(c: TokenCursor, start: number, decorators: CallExpr[], mode: SourceMode, out: Declarations): void {
  const name = c.expectIdent('a parameter name');
  if (mode === 'bicepparam' && c.at('=')) {
    out.paramAssignments.push(namedValue(c, start, name));
    return;
  }
  const typeStart = c.peek().start;
  const type = skipDeclaredType(c);
  const typeEnd = c.lastEnd;
  let defaultValue: Expr | undefined;
  if (c.at('=')) {
    c.skip();
    defaultValue = parseExpression(c);
  }
  const param: ParamDecl = { name: c.tokenText(name), nameSpan: c.span(name.start, name.end), span: c.span(start, c.lastEnd), secure: false, type };
  if (defaultValue) param.defaultValue = defaultValue;
  const allowed = findDecorator(decorators, 'allowed')?.args[0];
  if (allowed?.kind === 'array') param.allowedValues = allowed;
  // A literal-union type (`'Vpn' | 'ExpressRoute'`) lists the parameter's allowed values, as `@allowed` does.
  else if (type === 'string' || type === 'int' || type === 'bool') param.allowedValues = literalUnion(c.file, typeStart, typeEnd);
  if (findDecorator(decorators, 'secure')) param.secure = true;
  out.parameters.push(param);
}

/** The type of a `param` or `output`: a type expression, or `resource 'Type@api'`. */
function skipDeclaredType(c: TokenCursor): string {
  if (c.atWord('resource') && (c.kindAt(1) === 'string' || c.kindAt(1) === 'stringLeft')) {
    const start = c.next().start;
    parseStringOperand(c, 'a resource type string');
    return c.text.slice(start, c.lastEnd);
  }
  return parseTypeName(c);
}

/** `= value` after a declaration's name (and type). */
function namedValue(c: TokenCursor, start: number, name: Token): VarDecl {
  c.expect('=');
  const value = parseExpression(c);
  return { name: c.tokenText(name), nameSpan: c.span(name.start, name.end), value, span: c.span(start, c.lastEnd) };
}

/** `func name(a type, b type) returnType => body`. */
function parseFunction(c: TokenCursor, start: number): FunctionDecl {
  const name = c.expectIdent('a function name');
  c.expect('(');
  const params: string[] = [];
  c.skipNewlines();
  while (!c.at(')')) {
    params.push(c.tokenText(c.expectIdent('a parameter name')));
    parseType(c);
    c.skipNewlines();
    if (!c.at(',')) break;
    c.skip();
    c.skipNewlines();
  }
  c.expect(')');
  parseType(c);
  c.expect('=>');
  c.skipNewlines();
  const body = parseExpression(c);
  return { name: c.tokenText(name), params, body, span: c.span(start, c.lastEnd) };
}

/** `import {a, b as c} from '…'`, `import * as ns from '…'`, or the older `import 'provider@1' [with {…}] [as ns]`. */
function parseImport(c: TokenCursor): void {
  if (c.at('string') || c.at('stringLeft')) {
    parseExtension(c);
    return;
  }
  if (c.at('*')) {
    c.skip();
    parseAlias(c, true);
  } else {
    c.expect('{', 'a list of symbols `{…}` or `*`');
    c.skipNewlines();
    while (!c.at('}')) {
      if (c.at('string')) c.skip();
      else c.expectIdent('an imported symbol name');
      parseAlias(c, false);
      if (c.at(',')) c.skip();
      else if (!c.at('nl') && !c.at('}')) throw c.fail('Expected a new line, `,` or `}`');
      c.skipNewlines();
    }
    c.skip();
  }
  c.expectWord('from');
  parseStringOperand(c, 'the path to import from');
}

function parseAlias(c: TokenCursor, required: boolean): void {
  if (!required && !c.atWord('as')) return;
  c.expectWord('as');
  c.expectIdent('an alias name');
}

/** `extension name|'spec' [with {…}] [as alias]` (and the older `provider`). */
function parseExtension(c: TokenCursor): void {
  if (c.at('ident')) c.skip();
  else parseStringOperand(c, 'an extension name or specification');
  parseOptionalWith(c);
  if (c.atWord('as')) parseAlias(c, true);
}

function parseOptionalWith(c: TokenCursor): void {
  if (!c.atWord('with')) return;
  c.skip();
  parseObject(c);
}
