import type { Span } from '../../core/span.js';
import type { ArrayExpr, CallExpr, Expr } from '../../expr/ast.js';
import type { FunctionDecl, OutputDecl, ParamDecl, ResourceDecl, TemplateIR, VarDecl } from '../ir.js';
import { literalUnion } from '../literal-union.js';
import type { LowerContext } from './lower-context.js';
import { lowerExpr } from './lower-expressions.js';
import { lowerModule, lowerResource } from './lower-resources.js';
import { literalStringValue } from './lower-strings.js';
import { childOfType, codeChildAfter, codeChildren, fieldChild, hasBrokenChild, isComment, type SyntaxNode } from './syntax-tree.js';

type TargetScope = TemplateIR['targetScope'];
const TARGET_SCOPES: readonly string[] = ['resourceGroup', 'subscription', 'managementGroup', 'tenant'];

/** Declarations of one file, filled statement by statement (possibly over several partial parses). */
export interface LoweredDeclarations {
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
  /** Decorators seen since the last declaration (they precede it as sibling statements). */
  pendingDecorators: CallExpr[];
}

export function emptyDeclarations(): LoweredDeclarations {
  return { parameters: [], variables: [], functions: [], resources: [], outputs: [], paramAssignments: [], pendingDecorators: [] };
}

/**
 * Lowers the top-level statements of a (possibly partial) syntax tree into `out`. A statement whose
 * lowering fails unexpectedly is handed to `onFailure`; the following statements are still lowered.
 */
export function lowerStatements(
  ctx: LowerContext,
  root: SyntaxNode,
  out: LoweredDeclarations,
  onFailure: (statement: SyntaxNode, error: unknown) => void,
): void {
  for (const node of root.children) {
    if (!node.isNamed || isComment(node)) continue;
    try {
      if (node.type === 'decorators') {
        out.pendingDecorators.push(...lowerDecorators(ctx, node));
        continue;
      }
      const decorators = out.pendingDecorators;
      out.pendingDecorators = [];
      lowerStatement(ctx, node, decorators, out);
    } catch (error) {
      onFailure(node, error);
    }
  }
}

function lowerStatement(ctx: LowerContext, node: SyntaxNode, decorators: CallExpr[], out: LoweredDeclarations): void {
  switch (node.type) {
    case 'target_scope_assignment': {
      const value = childOfType(node, 'string');
      const scope = value && literalStringValue(ctx, value);
      if (scope !== undefined && TARGET_SCOPES.includes(scope)) out.targetScope = scope as TargetScope;
      return;
    }
    case 'parameter_declaration':
      out.parameters.push(lowerParameter(ctx, node, decorators));
      return;
    case 'variable_declaration': {
      const decl = lowerNamedValue(ctx, node);
      if (ctx.prepared.paramAssignments.has(node.start)) out.paramAssignments.push(decl);
      else out.variables.push(decl);
      return;
    }
    case 'output_declaration':
      out.outputs.push(lowerNamedValue(ctx, node));
      return;
    case 'user_defined_function':
      out.functions.push(lowerFunction(ctx, node));
      return;
    case 'resource_declaration':
      pushDefined(out.resources, lowerResource(ctx, node));
      return;
    case 'module_declaration':
      pushDefined(out.resources, lowerModule(ctx, node));
      return;
    case 'using_statement': {
      const path = childOfType(node, 'string');
      const value = path && literalStringValue(ctx, path);
      if (value !== undefined) out.using = value;
      return;
    }
    // metadata, type declarations, imports, asserts and tests carry nothing the linter evaluates;
    // ERROR nodes are reported as syntax problems by the caller.
    default:
      return;
  }
}

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}

function lowerDecorators(ctx: LowerContext, node: SyntaxNode): CallExpr[] {
  const calls: CallExpr[] = [];
  for (const decorator of codeChildren(node)) {
    const call = childOfType(decorator, 'call_expression');
    const e = call && lowerExpr(ctx, call);
    if (e?.kind === 'call') calls.push(e);
  }
  return calls;
}

function findDecorator(decorators: CallExpr[], name: string): CallExpr | undefined {
  return decorators.find((d) => d.name === name && (d.namespace === undefined || d.namespace === 'sys'));
}

/** The name identifier of a declaration: the first identifier child. */
function declarationName(ctx: LowerContext, node: SyntaxNode): { name: string; nameSpan: Span } {
  const id = childOfType(node, 'identifier');
  return id ? { name: ctx.text(id), nameSpan: ctx.span(id) } : { name: '', nameSpan: ctx.spanOf(node.start, node.start) };
}

/** The value after `=`; an error expression when the declaration has syntax that could not be parsed. */
function declarationValue(ctx: LowerContext, node: SyntaxNode): Expr | undefined {
  const value = codeChildAfter(node, '=');
  if (hasBrokenChild(node)) {
    const start = value ? value.start : node.start;
    return { kind: 'error', message: 'declaration with syntax that could not be parsed', span: ctx.spanOf(start, node.end) };
  }
  return value && lowerExpr(ctx, value);
}

/** The declaration's span, stretched over a trailing `!` the parser did not see. */
function declarationSpan(ctx: LowerContext, node: SyntaxNode, value: Expr | undefined): Span {
  return ctx.spanOf(node.start, Math.max(node.end, value?.span.end ?? 0));
}

function lowerNamedValue(ctx: LowerContext, node: SyntaxNode): VarDecl & OutputDecl {
  const value = declarationValue(ctx, node) ?? ctx.error(node, 'declaration without a value');
  return { ...declarationName(ctx, node), value, span: declarationSpan(ctx, node, value) };
}

function lowerParameter(ctx: LowerContext, node: SyntaxNode, decorators: CallExpr[]): ParamDecl {
  const defaultValue = declarationValue(ctx, node);
  const param: ParamDecl = { ...declarationName(ctx, node), span: declarationSpan(ctx, node, defaultValue), secure: false };
  const type = parameterType(ctx, node);
  if (type) param.type = type;
  if (defaultValue) param.defaultValue = defaultValue;
  const allowed = findDecorator(decorators, 'allowed')?.args[0];
  if (allowed?.kind === 'array') param.allowedValues = allowed;
  else if (type === 'string' || type === 'int' || type === 'bool') param.allowedValues = unionMembers(ctx, node);
  if (findDecorator(decorators, 'secure')) param.secure = true;
  return param;
}

/** A literal-union type (`'Vpn' | 'ExpressRoute'`) lists the parameter's allowed values, as `@allowed` does. */
function unionMembers(ctx: LowerContext, node: SyntaxNode): ArrayExpr | undefined {
  const replaced = ctx.prepared.replacedTypes.get(node.start);
  return replaced && literalUnion(ctx.file, replaced.start, replaced.end);
}

/** The parameter's type as written (the original text when it was simplified before parsing), normalised. */
function parameterType(ctx: LowerContext, node: SyntaxNode): string | undefined {
  const replaced = ctx.prepared.replacedTypes.get(node.start);
  if (replaced) return typeName(ctx.file.text.slice(replaced.start, replaced.end));
  const type = childOfType(node, 'type');
  return type ? typeName(ctx.text(type)) : undefined;
}

/**
 * `string?` → `string`, `x[]` → `array`, `{…}` → `object`, `'a' | 'b'` → `string`; other types (`int`,
 * `myType`, `resourceInput<'…'>.tags`) as written.
 */
function typeName(text: string): string {
  let t = text.replace(/\s+/g, ' ').trim().replace(/\?$/, '');
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  if (t.endsWith(']')) return 'array';
  if (t.startsWith('{')) return 'object';
  if (t.includes('|') || t.startsWith("'") || /^-?\d+$/.test(t) || t === 'true' || t === 'false') {
    const members = t.split('|').map((m) => m.trim());
    if (members.every((m) => m.startsWith("'"))) return 'string';
    if (members.every((m) => /^-?\d+$/.test(m))) return 'int';
    if (members.every((m) => m === 'true' || m === 'false')) return 'bool';
  }
  return t;
}

function lowerFunction(ctx: LowerContext, node: SyntaxNode): FunctionDecl {
  const name = fieldChild(node, 'name');
  const paramsNode = childOfType(node, 'parameters');
  const params = paramsNode
    ? codeChildren(paramsNode)
        .map((p) => childOfType(p, 'identifier'))
        .filter((id): id is SyntaxNode => id !== undefined)
        .map((id) => ctx.text(id))
    : [];
  const bodyNode = codeChildAfter(node, '=>');
  const body = bodyNode && !hasBrokenChild(node) ? lowerExpr(ctx, bodyNode) : ctx.error(node, 'function body could not be parsed');
  return { name: name ? ctx.text(name) : '', params, body, span: ctx.span(node) };
}
