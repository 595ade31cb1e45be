import { Unknown, evalError, type Value } from '../value.js';
import { define, firstUnknown, type FunctionEntry, type Known } from './helpers.js';

/** Integer arithmetic as ARM does it (64-bit integers; results beyond JavaScript's exact range are Unknown). */

function arithmetic(name: string, op: (a: number, b: number) => number, divides = false) {
  return define(name, 'int, int', ([a, b]: Known[]): Value => {
    if (divides && b === 0) return evalError(`${name}() cannot divide by zero`);
    const r = op(a as number, b as number);
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
    return new Unknown(`${name}() result is outside the exactly representable integer range`);
  });
}

const INTEGER = /^\s*[+-]?\d+\s*$/;

function toInt([v]: Known[]): Value {
  if (typeof v === 'number') return Number.isInteger(v) ? v : evalError(`int() cannot convert ${v} to an integer`);
  if (!INTEGER.test(v as string)) return evalError(`int() cannot convert '${v as string}' to an integer`);
  return Number(v);
}

function toFloat([v]: Known[]): Value {
  if (typeof v === 'number') return v;
  const n = (v as string).trim() === '' ? NaN : Number(v);
  return Number.isFinite(n) ? n : evalError(`float() cannot convert '${v as string}' to a number`);
}

/** min / max over a list of numbers or over one array of numbers. */
function extreme(name: string, pick: (...n: number[]) => number) {
  return define(name, 'array|number, number...', (args: Known[]): Value => {
    if (Array.isArray(args[0]) && args.length > 1) return evalError(`${name}() takes either one array or a list of numbers`);
    const list = (Array.isArray(args[0]) ? args[0] : args) as Value[];
    const u = firstUnknown(list);
    if (u) return u;
    if (list.length === 0) return evalError(`${name}() needs at least one number`);
    if (!list.every((x) => typeof x === 'number')) return evalError(`${name}() works on numbers only`);
    return pick(...(list as number[]));
  });
}

export const numericFunctions: FunctionEntry[] = [
  arithmetic('add', (a, b) => a + b),
  arithmetic('sub', (a, b) => a - b),
  arithmetic('mul', (a, b) => a * b),
  arithmetic('div', (a, b) => Math.trunc(a / b), true),
  arithmetic('mod', (a, b) => a % b, true),
  define('int', 'int|number|string', toInt),
  define('float', 'number|string', toFloat),
  extreme('min', Math.min),
  extreme('max', Math.max),
];
