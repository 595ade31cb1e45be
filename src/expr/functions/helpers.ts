import { LambdaValue, Unknown, evalError, isObjectValue, typeName, type ObjectValue, type Value } from '../value.js';
import type { FunctionContext, TemplateFunction } from './types.js';

/** A value that is not Unknown at its top level (members may still be Unknown). */
export type Known = Exclude<Value, Unknown>;

export type FunctionEntry = readonly [name: string, fn: TemplateFunction];

type Kind = 'any' | 'string' | 'int' | 'number' | 'bool' | 'array' | 'object' | 'null' | 'lambda';

interface Param {
  kinds: Kind[];
  optional: boolean;
  rest: boolean;
}

export interface DefineOptions {
  /** The implementation receives Unknown arguments itself (known arguments are still type-checked). */
  lenient?: boolean;
}

/**
 * Defines a template function from a parameter list such as `'string, int, int?'` or `'string|array, any...'`
 * (`?` optional, `...` zero or more). The wrapper checks the argument count and types, and propagates
 * Unknown arguments (an evaluation error first), so `impl` only sees known arguments of the right kinds.
 */
export function define(
  name: string,
  params: string,
  impl: (args: Known[], ctx: FunctionContext) => Value,
  options: DefineOptions = {},
): FunctionEntry {
  const list = parseParams(params);
  const min = list.filter((p) => !p.optional && !p.rest).length;
  const max = list.some((p) => p.rest) ? Infinity : list.length;
  // Each parameter's test is made once here, not for every argument of every call.
  const accepts = list.map(kindTest);
  const fn: TemplateFunction = (args, ctx) => {
    if (args.length < min || args.length > max) return evalError(`${name}() ${arityText(min, max)}, got ${args.length}`);
    if (!options.lenient) {
      const u = firstUnknown(args);
      if (u) return u;
    }
    for (let i = 0; i < args.length; i++) {
      const at = Math.min(i, list.length - 1);
      const a = args[i];
      if (!(a instanceof Unknown) && !accepts[at](a)) return typeError(name, i, list[at].kinds.join(' or '), a);
    }
    return impl(args as Known[], ctx);
  };
  return [name, fn];
}

function parseParams(spec: string): Param[] {
  if (!spec.trim()) return [];
  return spec.split(',').map((raw) => {
    let s = raw.trim();
    const rest = s.endsWith('...');
    if (rest) s = s.slice(0, -3);
    const optional = s.endsWith('?');
    if (optional) s = s.slice(0, -1);
    return { kinds: s.split('|') as Kind[], optional, rest };
  });
}

function arityText(min: number, max: number): string {
  const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (min === max) return `expects ${plural(min)}`;
  if (max === Infinity) return `expects at least ${plural(min)}`;
  return `expects ${min} to ${max} arguments`;
}

/** Whether a known argument is of one of the parameter's kinds. */
function kindTest(p: Param): (v: Value) => boolean {
  if (p.kinds.length === 1 && p.kinds[0] === 'any') return isNotLambda;
  return (v) => p.kinds.some((k) => hasKind(v, k));
}

const isNotLambda = (v: Value): boolean => !(v instanceof LambdaValue);

function hasKind(v: Value, k: Kind): boolean {
  switch (k) {
    case 'any':
      return !(v instanceof LambdaValue);
    case 'string':
      return typeof v === 'string';
    case 'int':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'bool':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObjectValue(v);
    case 'null':
      return v === null;
    case 'lambda':
      return v instanceof LambdaValue;
  }
}

export function typeError(fn: string, index: number, expected: string, got: Value): Unknown {
  return evalError(`${fn}() argument ${index + 1} must be ${expected}, got ${typeName(got)}`);
}

/** An Unknown standing for a whole value: a partial string's pieces are dropped. */
export function asWhole(u: Unknown): Unknown {
  return u.parts ? new Unknown(u.reason, undefined, u.error) : u;
}

/** The first evaluation error among the values, else the first Unknown, else undefined. */
export function firstUnknown(values: readonly Value[]): Unknown | undefined {
  let found: Unknown | undefined;
  // Indexed loops here and below: every template function call comes through, often before it is optimised.
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v instanceof Unknown) {
      if (v.error) return v;
      found ??= v;
    }
  }
  return found && asWhole(found);
}

export function firstError(values: readonly Value[]): Unknown | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v instanceof Unknown && v.error) return v;
  }
  return undefined;
}

/** The value of anything that would exceed the budget (the budget has recorded the hit). */
export const overLimit = (): Unknown => new Unknown('limit');

/**
 * A string built from known and unknown pieces. Adjacent known pieces are merged, adjacent unknown pieces
 * collapse into one, and nested partial strings are flattened.
 */
export class StringParts {
  private readonly parts: (string | Unknown)[] = [];
  private knownLength = 0;
  private hasUnknown = false;

  add(piece: string | Unknown): this {
    if (piece instanceof Unknown) {
      if (piece.parts) for (const p of piece.parts) this.add(p);
      else if (!(this.parts[this.parts.length - 1] instanceof Unknown)) {
        this.parts.push(piece);
        this.hasUnknown = true;
      }
      return this;
    }
    if (!piece) return this;
    this.knownLength += piece.length;
    const last = this.parts.length - 1;
    if (typeof this.parts[last] === 'string') this.parts[last] += piece;
    else this.parts.push(piece);
    return this;
  }

  /** True when at least one known character was added. */
  get hasKnown(): boolean {
    return this.knownLength > 0;
  }

  /** The string, a partial Unknown when some pieces are unknown, or a limit Unknown when too long. */
  result(ctx: FunctionContext): string | Unknown {
    return ctx.budget.allowLength(this.knownLength + (this.hasUnknown ? this.parts.length : 0)) ? this.value() : overLimit();
  }

  /** As `result`, for pieces of a value that was already within the limits. */
  value(): string | Unknown {
    if (!this.hasUnknown) return (this.parts[0] as string | undefined) ?? '';
    return new Unknown('partial', this.parts.slice());
  }
}

/**
 * Serialises a value as compact JSON, as `string()` does. Unknown (or a limit hit) when a member is unknown
 * or the text would be too long. The size is measured first, so values that share members cannot blow up.
 */
export function toJson(v: Value, ctx: FunctionContext): string | Unknown {
  const size = jsonSize(v, ctx.budget.limits.maxLength + 1, ctx);
  if (size instanceof Unknown) return size;
  if (!ctx.budget.allowLength(size)) return overLimit();
  return JSON.stringify(v);
}

function jsonSize(v: Value, limit: number, ctx: FunctionContext): number | Unknown {
  if (v instanceof Unknown) return asWhole(v);
  if (v instanceof LambdaValue) return evalError('a lambda cannot be converted to a string');
  if (!ctx.budget.charge()) return overLimit();
  if (typeof v === 'string') return v.length + 2;
  if (v === null || typeof v !== 'object') return String(v).length;
  let size = 2;
  const members = Array.isArray(v) ? v : Object.values(v);
  const keys = Array.isArray(v) ? undefined : Object.keys(v);
  for (let i = 0; i < members.length && size <= limit; i++) {
    const s = jsonSize(members[i], limit - size, ctx);
    if (s instanceof Unknown) return s;
    size += s + 1 + (keys ? keys[i].length + 3 : 0);
  }
  return size;
}

/** ARM's string conversion of a scalar or structured value (`True`/`False` for booleans, JSON for objects). */
export function toArmString(v: Value, ctx: FunctionContext): string | Unknown {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (v instanceof Unknown) return v;
  return toJson(v, ctx);
}

/** Deep equality as ARM's `equals`: case-sensitive strings, key order ignored. Unknown when undecidable. */
export function deepEqual(a: Value, b: Value, ctx: FunctionContext): boolean | Unknown {
  if (a === b) return true;
  if (a instanceof Unknown || b instanceof Unknown) return firstUnknown([a, b]) as Unknown;
  if (!ctx.budget.charge()) return overLimit();
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return allEqual(a.map((x, i) => [x, b[i]] as const), ctx);
  }
  if (isObjectValue(a) && isObjectValue(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length || !keys.every((k) => Object.hasOwn(b, k))) return false;
    return allEqual(keys.map((k) => [a[k], b[k]] as const), ctx);
  }
  return false;
}

function allEqual(pairs: (readonly [Value, Value])[], ctx: FunctionContext): boolean | Unknown {
  let unknown: Unknown | undefined;
  for (const [x, y] of pairs) {
    const eq = deepEqual(x, y, ctx);
    if (eq === false) return false;
    if (eq instanceof Unknown) unknown ??= eq;
  }
  return unknown ?? true;
}

/** Index of the first element equal to `item`, -1 when absent, Unknown when an undecidable comparison comes first. */
export function findIndex(items: readonly Value[], item: Value, ctx: FunctionContext, fromEnd = false): number | Unknown {
  for (let n = 0; n < items.length; n++) {
    const i = fromEnd ? items.length - 1 - n : n;
    const eq = deepEqual(items[i], item, ctx);
    if (eq instanceof Unknown) return eq;
    if (eq) return i;
  }
  return -1;
}

/** Ordered de-duplication by deep equality; Unknown when an element's equality cannot be decided. */
export function distinctValues(items: readonly Value[], ctx: FunctionContext): Value[] | Unknown {
  if (!ctx.budget.charge(items.length)) return overLimit();
  const out: Value[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = scalarKey(item);
    if (key !== undefined) {
      if (!seen.has(key)) {
        seen.add(key);
        out.push(item);
      }
      continue;
    }
    const at = findIndex(out, item, ctx);
    if (at instanceof Unknown) return at;
    if (at < 0) out.push(item);
  }
  return out;
}

function scalarKey(v: Value): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'string') return `s${v}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v}${v}`;
  return undefined;
}

/** Case-insensitive key lookup that returns the key as written. */
export function findKey(obj: ObjectValue, key: string): string | undefined {
  if (Object.hasOwn(obj, key)) return key;
  const lower = key.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** Sets an own property, even one named `__proto__`, on an object being built. */
export function put(obj: ObjectValue, key: string, value: Value): ObjectValue {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return obj;
}
