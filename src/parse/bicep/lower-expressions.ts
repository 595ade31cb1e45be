import type { Span } from '../../core/span.js';
import type { BinaryOp, Expr, ForExpr, ObjectExpr, ObjectProp } from '../../expr/ast.js';
import type { LowerContext } from './lower-context.js';
import { lowerString } from './lower-strings.js';
import { BINARY_PRECEDENCE, parsePieces, type Piece } from './operator-precedence.js';
import { childOfType, codeChildren, fieldChild, hasBrokenChild, isComment, type SyntaxNode } from './syntax-tree.js';

const OPERATOR_NODES = new Set([
  'binary_expression',
  'unary_expression',
  'ternary_expression',
  'lambda_expression',
  'member_expression',
  'subscript_expression',
  'resource_expression',
  'call_expression',
]);

export function lowerExpr(ctx: LowerContext, node: SyntaxNode): Expr {
  if (node.isMissing) return ctx.error(node, `missing ${node.type}`);
  if (!OPERATOR_NODES.has(node.type)) return withNonNull(ctx, lowerOperand(ctx, node), node.end);
  const pieces: Piece[] = [];
  flatten(ctx, node, pieces);
  return parsePieces(pieces, ctx.span(node));
}

function lowerOperand(ctx: LowerContext, node: SyntaxNode): Expr {
  const span = ctx.span(node);
  switch (node.type) {
    case 'identifier':
      return { kind: 'symbol', name: ctx.text(node), span };
    case 'number': {
      const value = Number(ctx.text(node));
      return Number.isFinite(value) ? { kind: 'literal', value, span } : ctx.error(node, 'invalid number');
    }
    case 'boolean':
      return { kind: 'literal', value: ctx.text(node) === 'true', span };
    case 'null':
      return { kind: 'literal', value: null, span };
    case 'string':
      return lowerString(ctx, node, (n) => lowerExpr(ctx, n));
    case 'array':
      return lowerArray(ctx, node);
    case 'object': {
      const { object, complete } = lowerObject(ctx, node);
      return complete ? object : ctx.error(node, 'object with syntax that could not be parsed');
    }
    case 'for_statement':
      return lowerForExpr(ctx, node);
    case 'parenthesized_expression': {
      const inner = codeChildren(node);
      if (inner.length !== 1 || hasBrokenChild(node)) return ctx.error(node, 'unsupported parenthesized expression');
      return { ...lowerExpr(ctx, inner[0]), span };
    }
    case 'ERROR':
      return ctx.error(node, 'syntax that could not be parsed');
    default:
      return ctx.error(node, `unsupported syntax (${node.type})`);
  }
}

/** Re-applies a postfix `!` that was blanked before parsing right after `end`. */
function withNonNull(ctx: LowerContext, e: Expr, end: number): Expr {
  return ctx.nonNullAt.has(end) ? nonNull(e, ctx.spanOf(e.span.start, end + 1)) : e;
}

function postfix(ctx: LowerContext, pieces: Piece[], end: number, build: (target: Expr, span: Span) => Expr): void {
  pieces.push({ kind: 'postfix', apply: (t) => build(t, ctx.spanOf(t.span.start, end)) });
  if (ctx.nonNullAt.has(end)) pieces.push({ kind: 'postfix', apply: (t) => nonNull(t, ctx.spanOf(t.span.start, end + 1)) });
}

/** Puts an operator expression's operands and operators into `pieces`, in source order. */
function flatten(ctx: LowerContext, node: SyntaxNode, pieces: Piece[]): void {
  if (!OPERATOR_NODES.has(node.type) || node.isMissing) {
    pieces.push({ kind: 'operand', expr: lowerExpr(ctx, node) });
    return;
  }
  if (hasBrokenChild(node)) {
    pieces.push({ kind: 'operand', expr: ctx.error(node, 'expression with syntax that could not be parsed') });
    return;
  }
  const field = (name: string) => fieldChild(node, name);
  const end = node.end;
  switch (node.type) {
    case 'binary_expression': {
      const op = field('operator')?.type ?? '';
      const left = field('left');
      const right = field('right');
      if (!Object.hasOwn(BINARY_PRECEDENCE, op) || !left || !right) {
        pieces.push({ kind: 'operand', expr: ctx.error(node, `unsupported operator '${op}'`) });
        return;
      }
      flatten(ctx, left, pieces);
      pieces.push({ kind: 'binary', op: op as BinaryOp });
      flatten(ctx, right, pieces);
      return;
    }
    case 'unary_expression': {
      const op = field('operator');
      const argument = field('argument');
      const opType = op?.type;
      if (!op || !argument || (opType !== '!' && opType !== '-')) break;
      pieces.push({ kind: 'prefix', op: opType, start: op.start });
      flatten(ctx, argument, pieces);
      return;
    }
    case 'ternary_expression': {
      const condition = field('condition');
      const consequence = field('consequence');
      const alternative = field('alternative');
      if (!condition || !consequence || !alternative) break;
      flatten(ctx, condition, pieces);
      pieces.push({ kind: 'ternary', whenTrue: lowerExpr(ctx, consequence) });
      flatten(ctx, alternative, pieces);
      return;
    }
    case 'lambda_expression': {
      const parts = codeChildren(node);
      if (parts.length !== 2) break;
      pieces.push({ kind: 'lambda', params: lambdaParams(ctx, parts[0]), start: node.start });
      flatten(ctx, parts[1], pieces);
      return;
    }
    case 'member_expression': {
      const object = field('object');
      const property = field('property');
      if (!object || !property) break;
      flatten(ctx, object, pieces);
      const bang = childOfType(node, '!');
      if (bang) postfix(ctx, pieces, bang.end, nonNull);
      const name = ctx.text(property);
      const optional = childOfType(node, '.?') !== undefined;
      postfix(ctx, pieces, end, (t, s) => ({ kind: 'member', object: t, name, ...(optional ? { optional } : {}), span: s }));
      return;
    }
    case 'subscript_expression': {
      const object = field('object');
      const indexNode = field('index');
      if (!object || !indexNode) break;
      flatten(ctx, object, pieces);
      const index = lowerExpr(ctx, indexNode);
      const optional = childOfType(node, '?') !== undefined;
      postfix(ctx, pieces, end, (t, s) => ({ kind: 'index', object: t, index, ...(optional ? { optional } : {}), span: s }));
      return;
    }
    case 'resource_expression': {
      const object = field('object');
      const resource = field('resource');
      if (!object || !resource) break;
      flatten(ctx, object, pieces);
      const child = ctx.text(resource);
      postfix(ctx, pieces, end, (t, s) =>
        t.kind === 'symbol'
          ? { kind: 'symbol', name: t.name, path: [...(t.path ?? []), child], span: s }
          : { kind: 'error', message: "'::' applied to an expression that is not a resource symbol", span: s },
      );
      return;
    }
    case 'call_expression': {
      const fn = field('function');
      const argsNode = field('arguments');
      if (!fn || !argsNode || hasBrokenChild(argsNode)) break;
      flatten(ctx, fn, pieces);
      const args = codeChildren(argsNode).map((a) => lowerExpr(ctx, a));
      postfix(ctx, pieces, argsNode.end, (t, s) => callOf(t, args, s));
      if (childOfType(node, 'nullable_return_type')) postfix(ctx, pieces, end, nonNull);
      return;
    }
  }
  pieces.push({ kind: 'operand', expr: ctx.error(node, `unsupported ${node.type.replace(/_/g, ' ')}`) });
}

function nonNull(operand: Expr, span: Span): Expr {
  return { kind: 'unary', op: 'nonNull', operand, span };
}

/** `f(…)`, `az.f(…)`, `sys.f(…)`, `ns.f(…)`; names lower-cased as ARM function names are case-insensitive. */
function callOf(target: Expr, args: Expr[], span: Span): Expr {
  if (target.kind === 'symbol' && !target.path) return { kind: 'call', name: target.name.toLowerCase(), args, span };
  if (target.kind === 'member' && !target.optional && target.object.kind === 'symbol' && !target.object.path) {
    return { kind: 'call', name: target.name.toLowerCase(), namespace: target.object.name.toLowerCase(), args, span };
  }
  return { kind: 'error', message: 'call of an expression that is not a function name', span };
}

function lambdaParams(ctx: LowerContext, node: SyntaxNode): string[] | undefined {
  if (node.type === 'identifier') return [ctx.text(node)];
  if (node.type !== 'parenthesized_expression' || hasBrokenChild(node)) return undefined;
  const params = codeChildren(node);
  return params.every((p) => p.type === 'identifier') ? params.map((p) => ctx.text(p)) : undefined;
}

export function lowerArray(ctx: LowerContext, node: SyntaxNode): Expr {
  const items: Expr[] = [];
  for (const child of codeChildren(node)) {
    if (child.type === 'decorators') continue;
    if (child.isError) return ctx.error(node, 'array with syntax that could not be parsed');
    items.push(lowerExpr(ctx, child));
  }
  if (hasBrokenChild(node)) return ctx.error(node, 'array with syntax that could not be parsed');
  return { kind: 'array', items, span: ctx.span(node) };
}

/**
 * An `object` node. `complete` is false when a member could not be parsed (e.g. a spread `...x`); the
 * object then lacks that member. Nested `resource` declarations are handed to `onResource`.
 */
export function lowerObject(
  ctx: LowerContext,
  node: SyntaxNode,
  onResource?: (declaration: SyntaxNode) => void,
): { object: ObjectExpr; complete: boolean } {
  const props: ObjectProp[] = [];
  let complete = !hasBrokenChild(node);
  for (const child of codeChildren(node)) {
    if (child.type === 'decorators') continue;
    const first = child.type === 'object_property' ? codeChildren(child)[0] : undefined;
    if (first?.type === 'resource_declaration') {
      onResource?.(first);
      continue;
    }
    const prop = first && lowerProperty(ctx, child);
    if (prop) props.push(prop);
    else complete = false;
  }
  return { object: { kind: 'object', props, span: ctx.span(node) }, complete };
}

function lowerProperty(ctx: LowerContext, node: SyntaxNode): ObjectProp | undefined {
  let keyNode: SyntaxNode | undefined;
  let valueNode: SyntaxNode | undefined;
  let afterColon = false;
  for (const c of node.children) {
    if (isComment(c)) continue;
    if (!c.isNamed && c.type === ':') afterColon = true;
    else if (afterColon) valueNode ??= c;
    else keyNode ??= c;
  }
  if (!keyNode || !valueNode || hasBrokenChild(node)) return undefined;
  const key = propertyKey(ctx, keyNode);
  if (key === undefined) return undefined;
  return { key, keySpan: ctx.span(keyNode), value: lowerExpr(ctx, valueNode) };
}

function propertyKey(ctx: LowerContext, node: SyntaxNode): string | undefined {
  switch (node.type) {
    case 'identifier':
    case '*':
      return ctx.text(node);
    case 'compatible_identifier':
      return ctx.text(node).replace(/\?$/, '').trim();
    case 'string': {
      const e = lowerString(ctx, node, (n) => lowerExpr(ctx, n));
      return e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
    }
    default:
      return undefined;
  }
}

/** The parts of a `[for … in …: …]` node, shared by `for` expressions and resource / module loops. */
export interface ForParts {
  itemVar?: string;
  indexVar?: string;
  iterable: Expr;
  filter?: Expr;
  /** The body after the colon (inside `if (…)` when filtered). */
  body: SyntaxNode;
}

export function lowerForParts(ctx: LowerContext, node: SyntaxNode): ForParts | undefined {
  if (hasBrokenChild(node)) return undefined;
  const parts: Partial<ForParts> = {};
  let state: 'head' | 'iterable' | 'body' = 'head';
  for (const c of node.children) {
    if (isComment(c)) continue;
    if (!c.isNamed) {
      if (c.type === 'in') state = 'iterable';
      else if (c.type === ':' && state === 'iterable') state = 'body';
      continue;
    }
    if (state === 'head' && c.type === 'identifier') parts.itemVar = ctx.text(c);
    else if (state === 'head' && c.type === 'for_loop_parameters') {
      const item = childOfType(c, 'loop_variable');
      const index = childOfType(c, 'loop_enumerator');
      if (item) parts.itemVar = ctx.text(item);
      if (index) parts.indexVar = ctx.text(index);
    } else if (state === 'iterable') parts.iterable ??= lowerExpr(ctx, c);
    else if (state === 'body' && !parts.body) {
      if (c.type === 'if_statement') {
        const branch = lowerIfParts(ctx, c);
        if (!branch) return undefined;
        parts.filter = branch.condition;
        parts.body = branch.body;
      } else {
        parts.body = c;
      }
    }
  }
  if (!parts.iterable || !parts.body) return undefined;
  return parts as ForParts;
}

/** `if (condition) { … }`: the condition (an error expression when it could not be parsed) and the object node. */
export function lowerIfParts(ctx: LowerContext, node: SyntaxNode): { condition: Expr; body: SyntaxNode } | undefined {
  const paren = childOfType(node, 'parenthesized_expression');
  const body = childOfType(node, 'object');
  if (!paren || !body) return undefined;
  const inner = codeChildren(paren);
  const condition =
    inner.length === 1 && !hasBrokenChild(paren) ? lowerExpr(ctx, inner[0]) : ctx.error(paren, 'condition that could not be parsed');
  return { condition, body };
}

function lowerForExpr(ctx: LowerContext, node: SyntaxNode): Expr {
  const parts = lowerForParts(ctx, node);
  if (!parts) return ctx.error(node, 'for expression that could not be parsed');
  return { kind: 'for', ...loopBinding(parts), iterable: parts.iterable, body: lowerExpr(ctx, parts.body), span: ctx.span(node) };
}

/** The loop variables and filter of a `for`, without absent members. */
export function loopBinding(parts: ForParts): Pick<ForExpr, 'itemVar' | 'indexVar' | 'filter'> {
  const binding: Pick<ForExpr, 'itemVar' | 'indexVar' | 'filter'> = {};
  if (parts.itemVar !== undefined) binding.itemVar = parts.itemVar;
  if (parts.indexVar !== undefined) binding.indexVar = parts.indexVar;
  if (parts.filter) binding.filter = parts.filter;
  return binding;
}
