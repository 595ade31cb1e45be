import type { Span } from '../core/span.js';

/**
 * One expression language for ARM JSON and Bicep. A whole ARM document lowers to these nodes too
 * (objects, arrays, literals), so every value in a template keeps its source span.
 */
export type Expr =
  | LiteralExpr
  | ObjectExpr
  | ArrayExpr
  | CallExpr
  | MemberExpr
  | IndexExpr
  | SymbolExpr
  | UnaryExpr
  | BinaryExpr
  | TernaryExpr
  | InterpolationExpr
  | LambdaExpr
  | ForExpr
  | CopyExpr
  | ErrorExpr;

export interface LiteralExpr {
  kind: 'literal';
  value: string | number | boolean | null;
  span: Span;
}

export interface ObjectProp {
  key: string;
  keySpan: Span;
  value: Expr;
}

export interface ObjectExpr {
  kind: 'object';
  props: ObjectProp[];
  span: Span;
  /**
   * The last property `objectProp` found here and its key, on nodes that keep them (`null` until the first
   * look-up): rules read the same property of a node again and again, and in a large file each scan of a
   * node's properties misses the processor's caches.
   */
  lastKey?: string | null;
  lastProp?: ObjectProp;
}

export interface ArrayExpr {
  kind: 'array';
  items: Expr[];
  span: Span;
}

/** A function call. `namespace` is set for `az.resourceId(…)`, `sys.concat(…)` and ARM user functions `ns.fn(…)`. */
export interface CallExpr {
  kind: 'call';
  name: string;
  namespace?: string;
  args: Expr[];
  span: Span;
}

export interface MemberExpr {
  kind: 'member';
  object: Expr;
  name: string;
  optional?: boolean;
  span: Span;
}

export interface IndexExpr {
  kind: 'index';
  object: Expr;
  index: Expr;
  optional?: boolean;
  span: Span;
}

/** A Bicep identifier: parameter, variable, resource, module, loop or lambda variable. `a::b` lowers to a chain. */
export interface SymbolExpr {
  kind: 'symbol';
  name: string;
  /** `parent::child` access: the child resource's symbolic name path. */
  path?: string[];
  span: Span;
}

export interface UnaryExpr {
  kind: 'unary';
  op: '!' | '-' | 'nonNull';
  operand: Expr;
  span: Span;
}

export type BinaryOp = '==' | '!=' | '=~' | '!~' | '<' | '<=' | '>' | '>=' | '&&' | '||' | '??' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span: Span;
}

export interface TernaryExpr {
  kind: 'ternary';
  condition: Expr;
  whenTrue: Expr;
  whenFalse: Expr;
  span: Span;
}

/** Bicep `'a${b}c'`: literal pieces and expressions, in order. */
export interface InterpolationExpr {
  kind: 'interpolation';
  parts: (string | Expr)[];
  span: Span;
}

export interface LambdaExpr {
  kind: 'lambda';
  params: string[];
  body: Expr;
  span: Span;
}

/** Bicep `[for (item, index) in iterable: if (filter) body]`. */
export interface ForExpr {
  kind: 'for';
  itemVar?: string;
  indexVar?: string;
  iterable: Expr;
  filter?: Expr;
  body: Expr;
  span: Span;
}

/** ARM property or variable `copy`: `count` instances of `input`, with `copyIndex(name)` bound. */
export interface CopyExpr {
  kind: 'copy';
  name: string;
  count: Expr;
  input: Expr;
  span: Span;
}

/** Text that could not be parsed as an expression; evaluates to Unknown. */
export interface ErrorExpr {
  kind: 'error';
  message: string;
  span: Span;
}

/** The expressions directly inside `e`, in source order (an object's property values, a call's arguments…). */
export function subExpressions(e: Expr): Expr[] {
  switch (e.kind) {
    case 'object':
      return e.props.map((p) => p.value);
    case 'array':
      return e.items;
    case 'call':
      return e.args;
    case 'member':
      return [e.object];
    case 'index':
      return [e.object, e.index];
    case 'unary':
      return [e.operand];
    case 'binary':
      return [e.left, e.right];
    case 'ternary':
      return [e.condition, e.whenTrue, e.whenFalse];
    case 'interpolation':
      return e.parts.filter((p): p is Expr => typeof p !== 'string');
    case 'lambda':
      return [e.body];
    case 'for':
      return e.filter ? [e.iterable, e.filter, e.body] : [e.iterable, e.body];
    case 'copy':
      return [e.count, e.input];
    default:
      return [];
  }
}

/** The property named `key`: the one spelt exactly so, else the first whose name differs only in case. */
export function objectProp(obj: Expr | undefined, key: string): ObjectProp | undefined {
  if (!obj || obj.kind !== 'object') return undefined;
  const last = obj.lastKey;
  if (last === key) return obj.lastProp;
  const found = findProp(obj.props, key);
  if (last !== undefined && found !== undefined) {
    obj.lastKey = key;
    obj.lastProp = found;
  }
  return found;
}

function findProp(props: ObjectProp[], key: string): ObjectProp | undefined {
  for (let i = 0; i < props.length; i++) if (props[i].key === key) return props[i];
  // Only names of the same length can differ only in case; they are compared without lower-casing (it allocates).
  for (let i = 0; i < props.length; i++) {
    const name = props[i].key;
    if (name.length === key.length && sameIgnoringCase(name, key)) return props[i];
  }
  return undefined;
}

/** `a.toLowerCase() === b.toLowerCase()` for strings of the same length, without allocating for ASCII. */
function sameIgnoringCase(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x > 127 || y > 127) return a.toLowerCase() === b.toLowerCase();
    const lower = x | 32;
    if (lower !== (y | 32) || lower < 97 || lower > 122) return false;
  }
  return true;
}

export function objectGet(obj: Expr | undefined, key: string): Expr | undefined {
  return objectProp(obj, key)?.value;
}

/** The literal string of a node when it is one, without evaluating anything. */
export function literalString(e: Expr | undefined): string | undefined {
  return e && e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
}
