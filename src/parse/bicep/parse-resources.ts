import type { Expr, LiteralExpr, ObjectExpr } from '../../expr/ast.js';
import type { NestedDeployment, ResourceDecl, ResourceLoop } from '../ir.js';
import { NL, OPEN_BRACE, STRING, STRING_LEFT, type TokenKind } from './lexer.js';
import { LiteralNode } from './nodes.js';
import { loopBinding, parseBody, parseCondition, parseExpression, parseFor, recovering } from './parse-expressions.js';
import { literalText, parseInterpolatedString, parseStringToken } from './parse-strings.js';
import type { TokenCursor } from './token-cursor.js';

const DEPLOYMENTS_TYPE = 'Microsoft.Resources/deployments';
/** Module references Bicep restores from a registry or a template spec, which a static linter does not fetch. */
const REMOTE_MODULE = /^(br|ts)[:/]/;

/** A string after a keyword (`'Microsoft.Network/virtualNetworks@…'`, a module path, an import source). */
export function parseStringOperand(c: TokenCursor, what: string): Expr {
  const p = c.pos;
  const code = c.kinds[p];
  if (code === STRING) {
    c.pos = p + 1;
    return parseStringToken(c, c.starts[p], c.ends[p]);
  }
  if (code === STRING_LEFT) return parseInterpolatedString(c, parseExpression);
  throw c.fail(`Expected ${what}`);
}

const CONDITION_STOPS: readonly TokenKind[] = ['{'];

/** Newlines between `=` and the body are allowed only before `if`. */
function skipNewlinesBeforeIf(c: TokenCursor): void {
  if (c.kinds[c.pos] !== NL) return;
  let k = 0;
  while (c.kindAt(k) === 'nl') k++;
  if (k > 0 && c.atWord('if', k)) c.skipNewlines();
}

interface ResourceBody {
  body: ObjectExpr;
  condition?: Expr;
  loop?: ResourceLoop;
}

/** The value after `=` of a resource or module: `{…}`, `if (…) {…}` or `[for … in …: [if (…)] {…}]`. */
function parseResourceBody(c: TokenCursor, children: ResourceDecl[] | undefined): ResourceBody {
  const onResource =
    children &&
    ((inner: TokenCursor) => {
      const start = inner.offset();
      inner.skip();
      children.push(parseResource(inner, start));
    });
  if (c.kinds[c.pos] === OPEN_BRACE) return { body: parseBody(c, onResource) };
  if (c.atWord('if')) {
    c.skip();
    // A broken condition is unknown; the body is still read.
    const condition = recovering(c, CONDITION_STOPS, parseCondition);
    return { body: parseBody(c, onResource), condition };
  }
  if (c.at('[')) {
    const { parts, body } = parseFor(c, () => parseBody(c, onResource));
    const loop: ResourceLoop = { kind: 'for', ...loopBinding(parts), iterable: parts.iterable, span: c.span(parts.start, parts.end) };
    return { body, loop };
  }
  throw c.fail('Expected `{`, `if` or `[for`');
}

/** `resource sym 'Type@api' [existing] = …` after the keyword at `start`; nested `resource` declarations become children. */
export function parseResource(c: TokenCursor, start: number): ResourceDecl {
  const symbolicName = c.expectIdentText('a resource name');
  const target = parseStringOperand(c, 'a resource type string');
  const existing = c.atWord('existing');
  if (existing) c.skip();
  c.expect('=');
  skipNewlinesBeforeIf(c);
  const children: ResourceDecl[] = [];
  const lowered = parseResourceBody(c, children);
  const { type, apiVersion } = splitResourceType(c, target);
  const decl: ResourceDecl = {
    symbolicName,
    span: c.span(start, c.lastEnd),
    type,
    body: lowered.body,
    existing,
    children,
  };
  if (apiVersion) decl.apiVersion = apiVersion;
  if (lowered.condition) decl.condition = lowered.condition;
  if (lowered.loop) decl.loop = lowered.loop;
  // Both keys found in one pass over the body: every resource asks for them.
  const { props } = lowered.body;
  for (let i = 0; i < props.length; i++) {
    const { key } = props[i];
    if (key === 'name') decl.name ??= props[i].value;
    else if (key === 'parent') decl.parent ??= props[i].value;
  }
  return decl;
}

function propertyValue(body: ObjectExpr, key: string): Expr | undefined {
  const { props } = body;
  for (let i = 0; i < props.length; i++) if (props[i].key === key) return props[i].value;
  return undefined;
}

/** `'Microsoft.Network/virtualNetworks@2024-05-01'` → type and api version literals, each with its own span. */
function splitResourceType(c: TokenCursor, whole: Expr): { type: Expr; apiVersion?: LiteralExpr } {
  const value = literalText(whole);
  const at = value === undefined ? -1 : value.lastIndexOf('@');
  if (value === undefined || at < 0) return { type: whole };
  // Spans inside the quotes, unless escapes make the value differ from the text as written.
  const { start, end } = whole.span;
  const contentStart = start + 1;
  const exact = c.text.slice(contentStart, contentStart + value.length) === value;
  const { file } = c;
  return {
    // One shared string per distinct type and version (c.name): ids and look-ups by type are built from them.
    type: exact ? new LiteralNode(file, contentStart, contentStart + at, c.name(contentStart, contentStart + at)) : new LiteralNode(file, start, end, value.slice(0, at)),
    apiVersion: exact
      ? new LiteralNode(file, contentStart + at + 1, contentStart + value.length, c.name(contentStart + at + 1, contentStart + value.length))
      : new LiteralNode(file, start, end, value.slice(at + 1)),
  };
}

/**
 * `module sym 'path' = {…}` → a `Microsoft.Resources/deployments` resource whose `deployment` names the
 * module file as written (resolved by the engine) and passes the `params` object.
 */
export function parseModule(c: TokenCursor, start: number): ResourceDecl {
  const symbolStart = c.offset();
  const name = c.expectIdentText('a module name');
  const pathExpr = parseStringOperand(c, 'a module path string');
  c.expect('=');
  skipNewlinesBeforeIf(c);
  const lowered = parseResourceBody(c, undefined);
  const decl: ResourceDecl = {
    symbolicName: name,
    span: c.span(start, c.lastEnd),
    type: { kind: 'literal', value: DEPLOYMENTS_TYPE, span: c.span(pathExpr.span.start, pathExpr.span.end) },
    body: lowered.body,
    existing: false,
    children: [],
    name: propertyValue(lowered.body, 'name') ?? { kind: 'literal', value: name, span: c.span(symbolStart, symbolStart + name.length) },
  };
  if (lowered.condition) decl.condition = lowered.condition;
  if (lowered.loop) decl.loop = lowered.loop;

  const params = propertyValue(lowered.body, 'params');
  const path = literalText(pathExpr);
  const unresolved = moduleUnresolved(path, params);
  const deployment: NestedDeployment = { scope: 'inner', parametersShape: 'bicep' };
  if (unresolved) deployment.unresolved = unresolved;
  else if (path !== undefined) deployment.modulePath = path;
  if (path !== undefined && /^br[:/]/i.test(path) && (!params || params.kind === 'object')) deployment.registryRef = path;
  if (params?.kind === 'object') deployment.parameters = params;
  decl.deployment = deployment;
  return decl;
}

/**
 * Why a module's template is not evaluated. Parameters that could not be read (a spread, a non-literal
 * object) would otherwise leave the module's defaults in place of the values actually passed.
 */
function moduleUnresolved(path: string | undefined, params: Expr | undefined): string | undefined {
  if (path === undefined) return 'module path is not a literal string';
  if (REMOTE_MODULE.test(path)) return `registry module ${path} is not fetched`;
  if (params && params.kind !== 'object') return `parameters of module ${path} could not be read`;
  return undefined;
}
