import { Unknown, evalError, typeName, type LambdaValue, type ObjectValue, type Value } from '../value.js';
import { overLimit, asWhole, define, put, type FunctionEntry, type Known } from './helpers.js';
import type { FunctionContext } from './types.js';

/**
 * Lambda functions (template-functions-lambda.md). Lambdas run through `ctx.callLambda`; they receive the
 * element and its index (a lambda that declares one parameter simply ignores the index). A predicate, key or
 * comparison that comes back Unknown makes the whole result Unknown, since the shape of the result depends on it.
 */

function callEach(items: Value[], fn: LambdaValue, ctx: FunctionContext): Value[] | Unknown {
  if (!ctx.budget.charge(items.length)) return overLimit();
  return items.map((item, i) => ctx.callLambda(fn, [item, i]));
}

/** A lambda result that must be known and of one kind, else the Unknown or error to return. */
function expectResult<T extends Value>(fn: string, v: Value, check: (v: Value) => v is T, what: string): T | Unknown {
  if (v instanceof Unknown) return asWhole(v);
  return check(v) ? v : evalError(`${fn}() lambda must return ${what}, got ${typeName(v)}`);
}

const isBool = (v: Value): v is boolean => typeof v === 'boolean';
const isString = (v: Value): v is string => typeof v === 'string';

function map([items, fn]: Known[], ctx: FunctionContext): Value {
  const out = callEach(items as Value[], fn as LambdaValue, ctx);
  if (out instanceof Unknown) return out;
  return out.find((v) => v instanceof Unknown && v.error) ?? out;
}

function filter([items, fn]: Known[], ctx: FunctionContext): Value {
  const list = items as Value[];
  const keep = callEach(list, fn as LambdaValue, ctx);
  if (keep instanceof Unknown) return keep;
  const out: Value[] = [];
  for (let i = 0; i < list.length; i++) {
    const k = expectResult('filter', keep[i], isBool, 'a bool');
    if (k instanceof Unknown) return k;
    if (k) out.push(list[i]);
  }
  return out;
}

function reduce([items, initial, fn]: Known[], ctx: FunctionContext): Value {
  const list = items as Value[];
  if (!ctx.budget.charge(list.length)) return overLimit();
  let acc: Value = initial;
  for (let i = 0; i < list.length; i++) {
    acc = ctx.callLambda(fn as LambdaValue, [acc, list[i], i]);
    if (acc instanceof Unknown && acc.error) return acc;
  }
  return acc;
}

/** sort(array, (a, b) => a before b): a stable merge sort. */
function sort([items, fn]: Known[], ctx: FunctionContext): Value {
  const before = (a: Value, b: Value): boolean | Unknown => {
    if (!ctx.budget.charge()) return overLimit();
    return expectResult('sort', ctx.callLambda(fn as LambdaValue, [a, b]), isBool, 'a bool');
  };
  const mergeSort = (list: Value[]): Value[] | Unknown => {
    if (list.length < 2) return list;
    const mid = list.length >> 1;
    const left = mergeSort(list.slice(0, mid));
    if (left instanceof Unknown) return left;
    const right = mergeSort(list.slice(mid));
    if (right instanceof Unknown) return right;
    const out: Value[] = [];
    let i = 0;
    let j = 0;
    while (i < left.length && j < right.length) {
      const rightFirst = before(right[j], left[i]);
      if (rightFirst instanceof Unknown) return rightFirst;
      out.push(rightFirst ? right[j++] : left[i++]);
    }
    return out.concat(left.slice(i), right.slice(j));
  };
  return mergeSort(items as Value[]);
}

/** Keys of each element, each a known string. */
function keysOf(fn: string, list: Value[], keyFn: LambdaValue, ctx: FunctionContext): string[] | Unknown {
  const keys = callEach(list, keyFn, ctx);
  if (keys instanceof Unknown) return keys;
  const out: string[] = [];
  for (const k of keys) {
    const key = expectResult(fn, k, isString, 'a string key');
    if (key instanceof Unknown) return key;
    out.push(key);
  }
  return out;
}

function toObject([items, keyFn, valueFn]: Known[], ctx: FunctionContext): Value {
  const list = items as Value[];
  const keys = keysOf('toObject', list, keyFn as LambdaValue, ctx);
  if (keys instanceof Unknown) return keys;
  const values = valueFn === undefined ? list : callEach(list, valueFn as LambdaValue, ctx);
  if (values instanceof Unknown) return values;
  const out: ObjectValue = {};
  keys.forEach((k, i) => put(out, k, values[i]));
  return out;
}

function groupBy([items, keyFn]: Known[], ctx: FunctionContext): Value {
  const list = items as Value[];
  const keys = keysOf('groupBy', list, keyFn as LambdaValue, ctx);
  if (keys instanceof Unknown) return keys;
  const out: ObjectValue = {};
  keys.forEach((k, i) => {
    const group = Object.hasOwn(out, k) ? (out[k] as Value[]) : (put(out, k, [])[k] as Value[]);
    group.push(list[i]);
  });
  return out;
}

function mapValues([obj, fn]: Known[], ctx: FunctionContext): Value {
  const entries = Object.entries(obj as ObjectValue);
  const values = callEach(
    entries.map(([, v]) => v),
    fn as LambdaValue,
    ctx,
  );
  if (values instanceof Unknown) return values;
  const out: ObjectValue = {};
  entries.forEach(([k], i) => put(out, k, values[i]));
  return out;
}

export const lambdaFunctions: FunctionEntry[] = [
  define('map', 'array, lambda', map),
  define('filter', 'array, lambda', filter),
  define('reduce', 'array, any, lambda', reduce),
  define('sort', 'array, lambda', sort),
  define('toObject', 'array, lambda, lambda?', toObject),
  define('groupBy', 'array, lambda', groupBy),
  define('mapValues', 'object, lambda', mapValues),
];
