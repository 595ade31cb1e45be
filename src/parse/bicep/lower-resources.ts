import type { Expr, LiteralExpr, ObjectExpr } from '../../expr/ast.js';
import type { NestedDeployment, ResourceDecl, ResourceLoop } from '../ir.js';
import type { LowerContext } from './lower-context.js';
import { loopBinding, lowerExpr, lowerForParts, lowerIfParts, lowerObject } from './lower-expressions.js';
import { lowerString } from './lower-strings.js';
import { childOfType, codeChildren, type SyntaxNode } from './syntax-tree.js';

const DEPLOYMENTS_TYPE = 'Microsoft.Resources/deployments';
/** Module references Bicep restores from a registry or a template spec, which a static linter does not fetch. */
const REMOTE_MODULE = /^(br|ts)[:/]/;

/** The shared shape of `resource` and `module` declarations: `kw symbol 'string' [existing] = value`. */
interface DeclarationParts {
  symbol: SyntaxNode;
  target: SyntaxNode;
  existing: boolean;
  value: SyntaxNode;
}

function declarationParts(node: SyntaxNode): DeclarationParts | undefined {
  const symbol = childOfType(node, 'identifier');
  const target = childOfType(node, 'string');
  const value = codeChildren(node).find((c) => c.type === 'object' || c.type === 'if_statement' || c.type === 'for_statement');
  if (!symbol || !target || !value) return undefined;
  return { symbol, target, existing: childOfType(node, 'existing') !== undefined, value };
}

interface LoweredBody {
  body: ObjectExpr;
  condition?: Expr;
  loop?: ResourceLoop;
}

/** The value after `=`: an object, `if (…) {…}` or `[for … in …: {…}]` (optionally filtered). */
function lowerBody(ctx: LowerContext, value: SyntaxNode, onResource: (n: SyntaxNode) => void): LoweredBody | undefined {
  if (value.type === 'object') return { body: lowerObject(ctx, value, onResource).object };
  if (value.type === 'if_statement') {
    const branch = lowerIfParts(ctx, value);
    if (!branch) return undefined;
    return { body: lowerObject(ctx, branch.body, onResource).object, condition: branch.condition };
  }
  const parts = lowerForParts(ctx, value);
  if (parts?.body.type !== 'object') return undefined;
  const loop: ResourceLoop = { kind: 'for', ...loopBinding(parts), iterable: parts.iterable, span: ctx.span(value) };
  return { body: lowerObject(ctx, parts.body, onResource).object, loop };
}

function propertyValue(body: ObjectExpr, key: string): Expr | undefined {
  return body.props.find((p) => p.key === key)?.value;
}

function baseDecl(ctx: LowerContext, node: SyntaxNode, parts: DeclarationParts, lowered: LoweredBody, type: Expr): ResourceDecl {
  const decl: ResourceDecl = {
    symbolicName: ctx.text(parts.symbol),
    span: ctx.span(node),
    type,
    body: lowered.body,
    existing: parts.existing,
    children: [],
  };
  if (lowered.condition) decl.condition = lowered.condition;
  if (lowered.loop) decl.loop = lowered.loop;
  return decl;
}

/**
 * `resource sym 'Type@api' [existing] = …`. Nested `resource` declarations in the body become `children`.
 * Returns undefined when the declaration has no body that could be parsed.
 */
export function lowerResource(ctx: LowerContext, node: SyntaxNode): ResourceDecl | undefined {
  const parts = declarationParts(node);
  if (!parts) return undefined;
  const children: ResourceDecl[] = [];
  const lowered = lowerBody(ctx, parts.value, (child) => {
    const decl = lowerResource(ctx, child);
    if (decl) children.push(decl);
  });
  if (!lowered) return undefined;
  const { type, apiVersion } = splitResourceType(ctx, parts.target);
  const decl = baseDecl(ctx, node, parts, lowered, type);
  if (apiVersion) decl.apiVersion = apiVersion;
  const name = propertyValue(lowered.body, 'name');
  if (name) decl.name = name;
  const parent = propertyValue(lowered.body, 'parent');
  if (parent) decl.parent = parent;
  decl.children = children;
  return decl;
}

/** `'Microsoft.Network/virtualNetworks@2024-05-01'` → type and api version literals, each with its own span. */
function splitResourceType(ctx: LowerContext, node: SyntaxNode): { type: Expr; apiVersion?: LiteralExpr } {
  const whole = lowerString(ctx, node, (n) => lowerExpr(ctx, n));
  if (whole.kind !== 'literal' || typeof whole.value !== 'string') return { type: whole };
  const value = whole.value;
  const at = value.lastIndexOf('@');
  if (at < 0) return { type: whole };
  // Spans inside the quotes, unless escapes make the value differ from the text as written.
  const contentStart = node.start + 1;
  const exact = ctx.file.text.slice(contentStart, contentStart + value.length) === value;
  const typeSpan = exact ? ctx.spanOf(contentStart, contentStart + at) : whole.span;
  const apiSpan = exact ? ctx.spanOf(contentStart + at + 1, contentStart + value.length) : whole.span;
  return {
    type: { kind: 'literal', value: value.slice(0, at), span: typeSpan },
    apiVersion: { kind: 'literal', value: value.slice(at + 1), span: apiSpan },
  };
}

/**
 * `module sym 'path' = {…}` → a `Microsoft.Resources/deployments` resource whose `deployment` names the
 * module file as written (resolved by the engine) and passes the `params` object.
 */
export function lowerModule(ctx: LowerContext, node: SyntaxNode): ResourceDecl | undefined {
  const parts = declarationParts(node);
  if (!parts) return undefined;
  const lowered = lowerBody(ctx, parts.value, () => undefined);
  if (!lowered) return undefined;
  const pathExpr = lowerString(ctx, parts.target, (n) => lowerExpr(ctx, n));
  const decl = baseDecl(ctx, node, parts, lowered, { kind: 'literal', value: DEPLOYMENTS_TYPE, span: ctx.span(parts.target) });
  const symbol = ctx.text(parts.symbol);
  decl.name = propertyValue(lowered.body, 'name') ?? { kind: 'literal', value: symbol, span: ctx.span(parts.symbol) };

  const params = propertyValue(lowered.body, 'params');
  const path = pathExpr.kind === 'literal' && typeof pathExpr.value === 'string' ? pathExpr.value : undefined;
  const unresolved = moduleUnresolved(path, params);
  const deployment: NestedDeployment = { scope: 'inner', parametersShape: 'bicep' };
  if (unresolved) deployment.unresolved = unresolved;
  else if (path !== undefined) deployment.modulePath = path;
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
