import { evalError, type Value } from '../value.js';
import { define, firstUnknown, type FunctionEntry, type Known } from './helpers.js';

/**
 * Logical functions as plain functions. The evaluator handles `if` itself, and `and` / `or` lazily; these
 * versions see every argument evaluated: a decisive known argument wins over Unknown ones.
 */

function junction(decisive: boolean) {
  return (args: Value[]): Value => {
    if (args.includes(decisive)) return decisive;
    return firstUnknown(args) ?? !decisive;
  };
}

function toBool([v]: Known[]): Value {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const s = (v as string).toLowerCase();
  if (s === 'true' || s === 'false') return s === 'true';
  return evalError(`bool() cannot convert '${v as string}' to a bool`);
}

export const logicalFunctions: FunctionEntry[] = [
  define('and', 'bool, bool, bool...', junction(false), { lenient: true }),
  define('or', 'bool, bool, bool...', junction(true), { lenient: true }),
  define('not', 'bool', ([v]) => !v),
  define('bool', 'bool|int|string', toBool),
  define('true', '', () => true),
  define('false', '', () => false),
];
