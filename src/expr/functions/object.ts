import { evalError, getProperty, isObjectValue, type ObjectValue, type Value } from '../value.js';
import { overLimit, define, firstError, firstUnknown, put, type FunctionEntry, type Known } from './helpers.js';
import type { FunctionContext } from './types.js';

/** Object functions. `union`, `intersection`, `contains`, `empty` and `length` are in array.ts; `json` in string.ts. */

function createObject(args: Value[], ctx: FunctionContext): Value {
  if (args.length % 2 !== 0) return evalError(`createObject() needs key/value pairs, got ${args.length} arguments`);
  const u = firstError(args) ?? firstUnknown(args.filter((_, i) => i % 2 === 0));
  if (u) return u;
  const out: ObjectValue = {};
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i];
    if (typeof key !== 'string') return evalError(`createObject() key at argument ${i + 1} must be a string`);
    if (Object.hasOwn(out, key)) return evalError(`createObject() has the key '${key}' twice`);
    put(out, key, args[i + 1]);
  }
  return ctx.budget.charge(args.length) ? out : overLimit();
}

/** items(): `[{key, value}]` sorted by key, ignoring case as ARM does. */
function items([v]: Known[], ctx: FunctionContext): Value {
  const obj = v as ObjectValue;
  const keys = Object.keys(obj);
  if (!ctx.budget.allowLength(keys.length) || !ctx.budget.charge(keys.length)) return overLimit();
  keys.sort((a, b) => compareOrdinal(a.toUpperCase(), b.toUpperCase()) || compareOrdinal(a, b));
  return keys.map((key) => ({ key, value: obj[key] }));
}

function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function shallowMerge([v]: Known[], ctx: FunctionContext): Value {
  const list = v as Value[];
  const u = firstUnknown(list);
  if (u) return u;
  const out: ObjectValue = {};
  for (let i = 0; i < list.length; i++) {
    const o = list[i];
    if (!isObjectValue(o)) return evalError(`shallowMerge() element ${i} is not an object`);
    for (const [key, value] of Object.entries(o)) put(out, key, value);
    if (!ctx.budget.charge(Object.keys(o).length)) return overLimit();
  }
  return out;
}

/** tryGet(value, key, …): follows object keys and array indexes, null as soon as one is missing. */
function tryGet(args: Value[]): Value {
  let current = args[0];
  for (let i = 1; i < args.length; i++) {
    const key = args[i];
    const u = firstUnknown([current, key]);
    if (u) return u;
    if (typeof key !== 'string' && !Number.isInteger(key)) return evalError(`tryGet() argument ${i + 1} must be a string or an int`);
    if (isObjectValue(current) && typeof key === 'string') current = getProperty(current, key) ?? null;
    else if (Array.isArray(current) && typeof key === 'number') current = current[key] ?? null;
    else return null;
  }
  return current;
}

export const objectFunctions: FunctionEntry[] = [
  define('createObject', 'any...', createObject, { lenient: true }),
  define('items', 'object', items),
  define('objectKeys', 'object', ([v]) => Object.keys(v as ObjectValue)),
  define('shallowMerge', 'array', shallowMerge),
  define('tryGet', 'any, string|int, string|int...', tryGet, { lenient: true }),
  define('null', '', () => null),
];
