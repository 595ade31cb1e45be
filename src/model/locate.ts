import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import { objectProp } from '../expr/ast.js';
import { evaluate, index as indexValue } from '../expr/evaluate.js';
import type { Frame } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { Unknown, getProperty, isObjectValue } from '../expr/value.js';

/** Where a value was written, when it reached the resource through a parameter, variable or module input. */
export interface Origin {
  span: Span;
  /** e.g. "the default value of parameter 'gatewaySku'". */
  description: string;
}

/** How a template names a value it hands on: resolved by the model for `parameters()`, `variables()` and Bicep symbols. */
export interface ValueSource {
  expr: Expr;
  frame: Frame;
  description: string;
}

export interface SourceResolver {
  parameterSource(frame: Frame, name: string): ValueSource | undefined;
  variableSource(frame: Frame, name: string): ValueSource | undefined;
  /** A Bicep symbol naming a parameter or variable (not a resource or a local). */
  symbolSource(frame: Frame, name: string): ValueSource | undefined;
}

/** A value inside a resource, with the place the user wrote it. */
export interface Located {
  /** The value; `undefined` when the property is absent. */
  value: Value | undefined;
  /** The node in the declaration where the value, or the expression producing it, is written. */
  node: Expr;
  /** The chain of parameters and variables the value came through, outermost first; the last one wrote it. */
  origins: Origin[];
}

export type PathSegment = string | number;

/**
 * Finds the value at `path` under `expr`, following object literals, array literals, parameters and
 * variables to the node that wrote each part, so that findings point at the line the user must change.
 */
export function locate(expr: Expr, frame: Frame, path: readonly PathSegment[], resolver: SourceResolver): Located {
  const origins: Origin[] = [];
  let node = expr;
  let primary: Expr = expr;
  let rest = [...path];
  // Bounded: each step either consumes a path segment or follows a named value, and names are finite.
  for (let guard = 0; guard < 256; guard++) {
    const hop = followName(node, frame, resolver);
    if (hop) {
      origins.push({ span: hop.expr.span, description: hop.description });
      node = hop.expr;
      frame = hop.frame;
      continue;
    }
    if (node.kind === 'member' || node.kind === 'index') {
      const key = node.kind === 'member' ? node.name : evaluate(node.index, frame);
      if (typeof key === 'string' || typeof key === 'number') {
        rest = [key, ...rest];
        node = node.object;
        continue;
      }
    }
    if (rest.length === 0) break;
    const [head, ...tail] = rest;
    if (node.kind === 'object' && typeof head === 'string') {
      const prop = objectProp(node, head);
      if (!prop) return { value: undefined, node: origins.length ? primary : node, origins };
      node = prop.value;
      rest = tail;
      if (!origins.length) primary = node;
      continue;
    }
    const merged = spreadMember(node, head, frame);
    if (merged) {
      node = merged;
      rest = tail;
      if (!origins.length) primary = node;
      continue;
    }
    if (node.kind === 'array' && typeof head === 'number') {
      const item = node.items[head];
      if (!item) return { value: undefined, node: origins.length ? primary : node, origins };
      node = item;
      rest = tail;
      if (!origins.length) primary = node;
      continue;
    }
    break;
  }
  let value: Value | undefined = evaluate(node, frame);
  for (const key of rest) {
    if (value instanceof Unknown) break;
    value = indexValue(value, key, true);
    if (value === null) {
      value = undefined;
      break;
    }
  }
  if (!origins.length) primary = node;
  return { value: value ?? undefined, node: primary, origins: withWriter(origins, node) };
}

/**
 * Bicep spread, lowered as `shallowMerge([{…}, spread, {…}])` and `flatten([[…], spread, […]])`: the
 * literal member that supplies `key`, when the spread values around it are known well enough to tell.
 */
function spreadMember(node: Expr, key: PathSegment, frame: Frame): Expr | undefined {
  if (node.kind !== 'call' || node.namespace || node.args.length !== 1 || node.args[0].kind !== 'array') return undefined;
  const parts = node.args[0].items;
  if (node.name === 'shallowmerge' && typeof key === 'string') {
    // Later members win: the last part that has the key supplies it.
    for (let i = parts.length - 1; i >= 0; i--) {
      const part = parts[i];
      if (part.kind === 'object') {
        const prop = objectProp(part, key);
        if (prop) return prop.value;
        continue;
      }
      const value = evaluate(part, frame);
      if (!isObjectValue(value) || getProperty(value, key) !== undefined) return undefined;
    }
    return undefined;
  }
  if (node.name === 'flatten' && typeof key === 'number') {
    let offset = 0;
    for (const part of parts) {
      const length = part.kind === 'array' ? part.items.length : arrayLength(evaluate(part, frame));
      if (length === undefined) return undefined;
      if (key < offset + length) return part.kind === 'array' ? part.items[key - offset] : undefined;
      offset += length;
    }
  }
  return undefined;
}

function arrayLength(v: Value): number | undefined {
  return Array.isArray(v) ? v.length : undefined;
}

/** The last origin is narrowed to the node that wrote the value (a property inside a default object…). */
function withWriter(origins: Origin[], writer: Expr): Origin[] {
  if (!origins.length) return origins;
  const last = origins[origins.length - 1];
  return [...origins.slice(0, -1), { span: writer.span, description: last.description }];
}

function followName(node: Expr, frame: Frame, resolver: SourceResolver): ValueSource | undefined {
  if (node.kind === 'call' && (node.name === 'parameters' || node.name === 'variables') && node.args.length === 1 && !node.namespace) {
    const name = evaluate(node.args[0], frame);
    if (typeof name !== 'string') return undefined;
    if (frame.local(`@param:${name.toLowerCase()}`) !== undefined) return undefined;
    return node.name === 'parameters' ? resolver.parameterSource(frame, name) : resolver.variableSource(frame, name);
  }
  if (node.kind === 'symbol' && !node.path && frame.local(node.name) === undefined) return resolver.symbolSource(frame, node.name);
  return undefined;
}

