import { arrayFunctions } from './array.js';
import { cidrFunctions } from './cidr.js';
import { comparisonFunctions } from './comparison.js';
import { dateFunctions } from './date.js';
import type { FunctionEntry } from './helpers.js';
import { lambdaFunctions } from './lambda.js';
import { logicalFunctions } from './logical.js';
import { numericFunctions } from './numeric.js';
import { objectFunctions } from './object.js';
import { resourceIdFunctions } from './resource-id.js';
import { stringFunctions } from './string.js';
import type { TemplateFunction } from './types.js';

/**
 * The built-in template functions that need only their arguments, keyed by lower-cased name. Functions that
 * need the evaluator's scope (`parameters`, `variables`, `copyIndex`, `reference`, `resourceGroup`, `if`,
 * `lambda`, `list*`, …) are the evaluator's.
 */
export const templateFunctions: Map<string, TemplateFunction> = build([
  ...stringFunctions,
  ...arrayFunctions,
  ...objectFunctions,
  ...logicalFunctions,
  ...comparisonFunctions,
  ...numericFunctions,
  ...cidrFunctions,
  ...resourceIdFunctions,
  ...lambdaFunctions,
  ...dateFunctions,
]);

function build(entries: FunctionEntry[]): Map<string, TemplateFunction> {
  const map = new Map<string, TemplateFunction>();
  for (const [name, fn] of entries) {
    const key = name.toLowerCase();
    if (map.has(key)) throw new Error(`template function '${name}' is defined twice`);
    map.set(key, fn);
  }
  return map;
}
