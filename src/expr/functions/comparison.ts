import { Unknown, evalError, type Value } from '../value.js';
import { deepEqual, define, type FunctionEntry, type Known } from './helpers.js';

/** Comparison functions. Strings compare ordinally (case-sensitive); numbers numerically; mixing is an error. */

function coalesce(args: Value[]): Value {
  for (const a of args) {
    if (a instanceof Unknown) return a;
    if (a !== null) return a;
  }
  return null;
}

function compare(name: string, test: (order: number) => boolean) {
  return define(name, 'string|number, string|number', ([a, b]: Known[]): Value => {
    if (typeof a !== typeof b) return evalError(`${name}() cannot compare a ${typeof a} with a ${typeof b}`);
    const x = a as string | number;
    const y = b as string | number;
    return test(x < y ? -1 : x > y ? 1 : 0);
  });
}

export const comparisonFunctions: FunctionEntry[] = [
  define('coalesce', 'any, any...', coalesce, { lenient: true }),
  define('equals', 'any, any', ([a, b], ctx) => deepEqual(a, b, ctx), { lenient: true }),
  compare('greater', (o) => o > 0),
  compare('greaterOrEquals', (o) => o >= 0),
  compare('less', (o) => o < 0),
  compare('lessOrEquals', (o) => o <= 0),
];
