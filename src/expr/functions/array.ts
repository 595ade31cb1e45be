import { Unknown, evalError, isObjectValue, typeWithArticle, type ObjectValue, type Value } from '../value.js';
import {
  overLimit,
  deepEqual,
  define,
  distinctValues,
  findIndex,
  findKey,
  firstError,
  firstUnknown,
  put,
  type FunctionEntry,
  type Known,
} from './helpers.js';
import type { FunctionContext } from './types.js';

/**
 * Array and collection functions; those ARM also allows on strings (first, last, take, skip, contains,
 * indexOf, length, empty) and on objects (contains, length, empty, union, intersection) live here too.
 */

const sequence = (v: Known): string | Value[] => v as string | Value[];

function contains([container, item]: Value[], ctx: FunctionContext): Value {
  const u = firstUnknown([container]);
  if (u) return u;
  if (Array.isArray(container)) {
    const at = findIndex(container, item, ctx);
    return at instanceof Unknown ? at : at >= 0;
  }
  if (item instanceof Unknown) return firstUnknown([item]) as Unknown;
  if (typeof item !== 'string' && typeof item !== 'number') {
    return evalError(`contains() cannot look for ${typeWithArticle(item)} in ${typeWithArticle(container)}`);
  }
  if (isObjectValue(container)) return findKey(container, String(item)) !== undefined;
  return (container as string).includes(String(item));
}

function empty([v]: Value[]): Value {
  if (v === null) return true;
  if (v instanceof Unknown) {
    const knownText = v.parts?.some((p) => typeof p === 'string' && p.length > 0);
    return knownText && !v.error ? false : (firstUnknown([v]) as Unknown);
  }
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  return Object.keys(v as ObjectValue).length === 0;
}

function length([v]: Known[]): Value {
  if (v === null) return 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  return Object.keys(v as ObjectValue).length;
}

function firstOrLast(atEnd: boolean) {
  return ([v]: Known[]): Value => {
    if (v === null) return null;
    const s = sequence(v);
    if (s.length === 0) return typeof s === 'string' ? '' : null;
    return s[atEnd ? s.length - 1 : 0];
  };
}

/** take / skip: a count of 0 or less takes nothing (skips nothing); a count past the end takes everything. */
function slice(isTake: boolean) {
  return ([v, count]: Known[]): Value => {
    if (v === null) return null;
    const s = sequence(v);
    const n = Math.max(0, Math.min(count as number, s.length));
    return isTake ? s.slice(0, n) : s.slice(n);
  };
}

function indexOf(fromEnd: boolean) {
  return ([container, item]: Value[], ctx: FunctionContext): Value => {
    const u = firstUnknown([container]);
    if (u) return u;
    if (container === null) return -1;
    if (Array.isArray(container)) return findIndex(container, item, ctx, fromEnd);
    if (item instanceof Unknown) return firstUnknown([item]) as Unknown;
    if (typeof item !== 'string') return evalError(`${fromEnd ? 'lastIndexOf' : 'indexOf'}() needs a string to find in a string`);
    const hay = (container as string).toLowerCase();
    const needle = item.toLowerCase();
    return fromEnd ? hay.lastIndexOf(needle) : hay.indexOf(needle);
  };
}

function range([start, count]: Known[], ctx: FunctionContext): Value {
  const from = start as number;
  const n = count as number;
  if (n < 0) return evalError(`range() count must not be negative, got ${n}`);
  if (from + n > 2147483647) return evalError('range() start plus count must not exceed 2147483647');
  if (!ctx.budget.allowLength(n)) return overLimit();
  if (n > 10000) return evalError(`range() count must be at most 10000, got ${n}`);
  if (!ctx.budget.charge(n)) return overLimit();
  return Array.from({ length: n }, (_, i) => from + i);
}

function sameKind(name: string, args: Known[]): 'array' | 'object' | Unknown {
  const arrays = args.every(Array.isArray);
  if (arrays) return 'array';
  if (args.every(isObjectValue)) return 'object';
  return evalError(`${name}() needs all arrays or all objects`);
}

function union(args: Known[], ctx: FunctionContext): Value {
  const kind = sameKind('union', args);
  if (kind instanceof Unknown) return kind;
  if (kind === 'object') {
    let acc: Value = args[0];
    for (const o of args.slice(1)) acc = isObjectValue(acc) ? mergeObjects(acc, o as ObjectValue, ctx) : acc;
    return acc;
  }
  const all = (args as Value[][]).flat(1);
  if (!ctx.budget.allowLength(all.length)) return overLimit();
  return distinctValues(all, ctx);
}

/** union of objects: later keys win, nested objects merge recursively, arrays and scalars are replaced. */
function mergeObjects(a: ObjectValue, b: ObjectValue, ctx: FunctionContext): Value {
  const out: ObjectValue = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (!ctx.budget.charge()) return overLimit();
    const existing = findKey(out, key);
    const old = existing === undefined ? undefined : out[existing];
    const merged = isObjectValue(old) && isObjectValue(value) ? mergeObjects(old, value, ctx) : value;
    put(out, existing ?? key, merged);
  }
  return out;
}

function intersection(args: Known[], ctx: FunctionContext): Value {
  const kind = sameKind('intersection', args);
  if (kind instanceof Unknown) return kind;
  if (kind === 'array') {
    const [first, ...rest] = args as Value[][];
    const candidates = distinctValues(first, ctx);
    if (candidates instanceof Unknown) return candidates;
    const out: Value[] = [];
    for (const item of candidates) {
      const inAll = rest.map((r) => findIndex(r, item, ctx));
      const u = inAll.find((x) => x instanceof Unknown);
      if (u !== undefined) return u;
      if (inAll.every((x) => (x as number) >= 0)) out.push(item);
    }
    return out;
  }
  const [first, ...rest] = args as ObjectValue[];
  const out: ObjectValue = {};
  for (const [key, value] of Object.entries(first)) {
    const same = rest.map((o) => (Object.hasOwn(o, key) ? deepEqual(o[key], value, ctx) : false));
    const u = same.find((x) => x instanceof Unknown);
    if (u !== undefined) return u;
    if (same.every((x) => x === true)) put(out, key, value);
  }
  return out;
}

function flatten([v]: Known[], ctx: FunctionContext): Value {
  const items = v as Value[];
  const u = firstUnknown(items);
  if (u) return u;
  const bad = items.findIndex((x) => !Array.isArray(x));
  if (bad >= 0) return evalError(`flatten() element ${bad} is not an array`);
  const total = (items as Value[][]).reduce((n, a) => n + a.length, 0);
  if (!ctx.budget.allowLength(total) || !ctx.budget.charge(total)) return overLimit();
  return (items as Value[][]).flat(1);
}

/** indexFromEnd(array, n): the n-th element from the end (1 is the last). */
function fromEnd(isTry: boolean) {
  return ([v, n]: Known[]): Value => {
    const items = v as Value[];
    const i = n as number;
    if (i >= 1 && i <= items.length) return items[items.length - i];
    return isTry ? null : evalError(`indexFromEnd() index ${i} is outside an array of ${items.length} elements`);
  };
}

export const arrayFunctions: FunctionEntry[] = [
  define('array', 'any', ([v]) => (Array.isArray(v) ? v : [v])),
  define('createArray', 'any...', (args) => firstError(args) ?? args.slice(), { lenient: true }),
  define('contains', 'string|array|object, any', contains, { lenient: true }),
  define('empty', 'string|array|object|null', empty, { lenient: true }),
  define('length', 'string|array|object|null', length),
  define('first', 'string|array|null', firstOrLast(false)),
  define('last', 'string|array|null', firstOrLast(true)),
  define('take', 'string|array|null, int', slice(true)),
  define('skip', 'string|array|null, int', slice(false)),
  define('indexOf', 'string|array|null, any', indexOf(false), { lenient: true }),
  define('lastIndexOf', 'string|array|null, any', indexOf(true), { lenient: true }),
  define('range', 'int, int', range),
  define('union', 'array|object, array|object, array|object...', union),
  define('intersection', 'array|object, array|object, array|object...', intersection),
  define('flatten', 'array', flatten),
  define('distinct', 'array', ([v], ctx) => distinctValues(v as Value[], ctx)),
  define('indexFromEnd', 'array, int', fromEnd(false)),
  define('tryIndexFromEnd', 'array, int', fromEnd(true)),
];
