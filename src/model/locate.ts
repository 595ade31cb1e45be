import type { Span } from '../core/span.js';
import type { Expr, ForExpr } from '../expr/ast.js';
import { objectProp } from '../expr/ast.js';
import { evaluate, forLocals, index as indexValue, loopItems, resourceMember } from '../expr/evaluate.js';
import type { Frame } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { Unknown, getProperty, isObjectValue } from '../expr/value.js';
import { loopOrigin } from './wording.js';

/**
 * A place a value came from or passed through on its way into a resource: a parameter, variable or module
 * input that wrote it, or (`passage`) a loop that picked it out of a collection.
 */
export interface Origin {
  span: Span;
  /** e.g. "set as the default of parameter 'gatewaySku'", or for a passage "iterated here, element 3". */
  description: string;
  /** True for a place the value passed through (a loop, the property using it), not one that wrote it. */
  passage?: boolean;
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

/** A Bicep loop variable: the collection it walks, evaluated in `frame`, and the element it holds. */
export interface LoopBinding {
  iterable: Expr;
  frame: Frame;
  index: number;
}

/** The variables of the Bicep loops a declaration is inside, by name. */
export interface LoopVariables {
  items: ReadonlyMap<string, LoopBinding>;
  indexes: ReadonlyMap<string, LoopBinding>;
}

/** A value inside a resource, with the place the user wrote it. */
export interface Located {
  /** The value; `undefined` when the property is absent. */
  value: Value | undefined;
  /**
   * The node to report on: the property in the declaration where the value, or the expression producing
   * it, is written; for a value picked out of a collection by a loop, the element itself.
   */
  node: Expr;
  /** The places the value came through, outermost first; the last one that is not a passage wrote it. */
  origins: Origin[];
}

export type PathSegment = string | number;

/**
 * Finds the value at `path` under `expr`, following object literals, array literals, parameters,
 * variables and loops (ARM `copy`, `copyIndex()`, Bicep `for`) to the node that wrote each part, so that
 * findings point at the line the user must change.
 */
export function locate(expr: Expr, frame: Frame, path: readonly PathSegment[], resolver: SourceResolver, loop?: LoopVariables): Located {
  const origins: Origin[] = [];
  /** Loop item variables in scope, and loop index variables (whose value is the element's index). */
  const loops = new Map(loop?.items);
  const indexes = new Map(loop?.indexes);
  let node = expr;
  let primary: Expr = expr;
  let rest = [...path];
  let throughLoop = false;
  /** The last property of the declaration on the way (where the value is used), before any name was followed. */
  let usedAt: Expr = expr;
  const passage = (span: Span, element: number) => {
    throughLoop = true;
    const description = loopOrigin(element);
    // A loop met twice (its body's frame, then its variable) is one place on the way.
    if (!origins.some((o) => o.passage && o.description === description && o.span.start === span.start && o.span.file === span.file)) origins.push({ span, description, passage: true });
  };
  /** Set once the walk goes into the collection a loop walks: its elements are not where the value is used. */
  let inCollection = false;
  const inDeclaration = () => !inCollection && !origins.some((o) => !o.passage);
  // Bounded: each step either consumes a path segment or follows a named value, and names are finite.
  for (let guard = 0; guard < 256; guard++) {
    const hop = followName(node, frame, resolver);
    if (hop) {
      origins.push({ span: hop.expr.span, description: hop.description });
      node = hop.expr;
      frame = hop.frame;
      continue;
    }
    const loopVar = node.kind === 'symbol' && !node.path ? loops.get(node.name) : undefined;
    if (loopVar && frame.local((node as { name: string }).name) !== undefined) {
      passage(loopVar.iterable.span, loopVar.index);
      inCollection = true;
      rest = [loopVar.index, ...rest];
      node = loopVar.iterable;
      frame = loopVar.frame;
      continue;
    }
    if (node.kind === 'member' || node.kind === 'index') {
      const key = node.kind === 'member' ? node.name : evaluate(node.index, frame);
      if (typeof key === 'string' || typeof key === 'number') {
        if (node.kind === 'index' && typeof key === 'number') {
          // `list[copyIndex()]`, `list[i]` with `i` a Bicep loop's index or a `range()` item: an element picked by a loop.
          const by = node.index;
          const bound = by.kind === 'symbol' ? (loops.get(by.name) ?? indexes.get(by.name)) : undefined;
          if (by.kind === 'call' && by.name.toLowerCase() === 'copyindex') passage(by.span, key);
          else if (bound) passage(bound.iterable.span, key);
          if (bound || by.kind === 'call') inCollection = true;
        }
        rest = [key, ...rest];
        node = node.object;
        continue;
      }
    }
    if (rest.length === 0) break;
    const [head, ...tail] = rest;
    if (node.kind === 'copy' && typeof head === 'number') {
      passage(node.count.span, head);
      frame = frame.withCopyIndex([node.name], head);
      node = node.input;
      rest = tail;
      continue;
    }
    if (node.kind === 'for' && typeof head === 'number') {
      const element = forElement(node, frame, head);
      if (!element) break;
      passage(node.iterable.span, element.index);
      const binding = { iterable: node.iterable, frame, index: element.index };
      if (node.itemVar) loops.set(node.itemVar, binding);
      if (node.indexVar) indexes.set(node.indexVar, binding);
      frame = element.frame;
      node = node.body;
      rest = tail;
      continue;
    }
    if (node.kind === 'object' && typeof head === 'string') {
      const prop = objectProp(node, head);
      if (!prop) return { value: undefined, node: origins.length ? primary : node, origins };
      node = prop.value;
      rest = tail;
      if (!origins.length) primary = node;
      if (inDeclaration()) usedAt = node;
      continue;
    }
    const merged = spreadMember(node, head, frame);
    if (merged) {
      node = merged;
      rest = tail;
      if (!origins.length) primary = node;
      if (inDeclaration()) usedAt = node;
      continue;
    }
    if (node.kind === 'array' && typeof head === 'number') {
      const item = node.items[head];
      if (!item) return { value: undefined, node: origins.length ? primary : node, origins };
      node = item;
      rest = tail;
      if (!origins.length) primary = node;
      if (inDeclaration()) usedAt = node;
      continue;
    }
    break;
  }
  // `pip.id`, `vnet.name`: read without evaluating the resource's whole view.
  const direct = typeof rest[0] === 'string' ? resourceMember(node, rest[0], frame) : undefined;
  let value: Value | undefined = direct !== undefined ? direct : evaluate(node, frame);
  for (const key of direct === undefined ? rest : rest.slice(1)) {
    if (value instanceof Unknown) break;
    value = indexValue(value, key, true);
    if (value === null) {
      value = undefined;
      break;
    }
  }
  if (throughLoop) {
    origins.unshift({ span: usedAt.span, description: 'used here', passage: true });
    primary = node;
  } else if (!origins.length) primary = node;
  return { value: value ?? undefined, node: primary, origins: withWriter(origins, node) };
}


/** The element a `[for …]` produces at `position` (after its filter): the collection's index and the body's frame. */
function forElement(loop: ForExpr, frame: Frame, position: number): { index: number; frame: Frame } | undefined {
  const items = loopItems(evaluate(loop.iterable, frame));
  if (items instanceof Unknown) return undefined;
  let kept = -1;
  for (let i = 0; i < items.length; i++) {
    const local = frame.withLocals(forLocals(loop.itemVar, loop.indexVar, items[i], i));
    if (loop.filter && evaluate(loop.filter, local) !== true) continue;
    if (++kept === position) return { index: i, frame: local };
  }
  return undefined;
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

/** The last origin, when it wrote the value, is narrowed to the node that wrote it (a property inside a default object…). */
function withWriter(origins: Origin[], writer: Expr): Origin[] {
  const last = origins[origins.length - 1];
  if (!last || last.passage) return origins;
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
