import type { Span } from '../core/span.js';
import { toLineColumn } from '../core/span.js';
import { basename } from './paths.js';
import type { ModelResource } from './resource.js';

/*
 * How messages name resources and say where values came from, in one place. Never a guess: a name
 * that is not known is not made up.
 */

/**
 * A resource as messages name it: its Azure name when known (`'gw1'`), else its symbolic name marked as
 * such (`gateway (symbolic name)`), else where it is declared (`on line 42`, `on line 42 of net.bicep`
 * when it is declared in a module or linked template).
 */
export function resourceName(resource: ModelResource): string {
  const name = resource.shortName;
  if (typeof name === 'string' && name !== '') return `'${name}'`;
  if (resource.symbolicName) return `${resource.symbolicName} (symbolic name)`;
  return declaredAt(resource.reportNode.span, resource.instance.callSite !== undefined);
}

/**
 * A module or nested deployment as messages name it: `module 'net'` (Bicep, by its symbolic name),
 * `deployment 'net1'` (its evaluated name), else `deployment on line 12`.
 */
export function deploymentName(resource: ModelResource, bicep: boolean): string {
  const kind = bicep ? 'module' : 'deployment';
  return resource.symbolicName ? `${kind} '${resource.symbolicName}'` : `${kind} ${resourceName(resource)}`;
}

/**
 * deploymentName, computed when first asked: values passed through a module carry its name for messages,
 * and naming it can mean evaluating its name or finding its line, for the few values that are reported.
 */
export function lazyDeploymentName(resource: ModelResource, bicep: boolean): () => string {
  let name: string | undefined;
  return () => (name ??= deploymentName(resource, bicep));
}

/** `on line 42`, with the file's name when it is not the file being linted. */
export function declaredAt(span: Span, otherFile = false): string {
  const line = `on line ${toLineColumn(span).line}`;
  return otherFile ? `${line} of ${basename(span.file.path)}` : line;
}

/** Where a value came from, as a noun phrase: `parameter 'x' in prod.parameters.json`. */
export const origin = {
  parametersFile: (parameter: string, file: string) => `parameter '${parameter}' in ${file}`,
  /** A parameters file's value, named from that file itself (the finding sits there). */
  parameter: (parameter: string) => `parameter '${parameter}'`,
  defaultValue: (parameter: string) => `the default of parameter '${parameter}'`,
  passed: (parameter: string, caller: string) => `${caller}, as parameter '${parameter}'`,
  variable: (variable: string) => `variable '${variable}'`,
  output: (output: string, deployment: string) => `output '${output}' of ${deployment}`,
  allowedValue: (value: string, parameter: string) => `the allowed value ${value} of parameter '${parameter}'`,
};

/** A named value that only handed the value on, as a related location reads: `passed to module 'net' here`. */
export const handedOn = {
  passed: (deployment: string) => `passed to ${deployment} here`,
  output: (output: string, deployment: string) => `returned as output '${output}' of ${deployment} here`,
};

/** The sentence a message ends with when its value was written elsewhere: `From parameter 'x' in prod.parameters.json.` */
export function valueOrigin(description: string): string {
  return `From ${description}.`;
}

/** A related location's message where a value was written: `Value set by variable 'subnets'.` */
export function writtenBy(description: string): string {
  return `Value set by ${description}.`;
}

/** A loop that picked a value out of a collection: `iterated here, element 3` (counting from 1), or `iterated here, key 'x'`. */
export function loopOrigin(index: number | string): string {
  return typeof index === 'number' ? `iterated here, element ${index + 1}` : `iterated here, key '${index}'`;
}

/** The property that uses a value written elsewhere (the first related location). */
export const USED_HERE = 'used here';

/** Where a value is written, when an editor shows its finding where the value is used. */
export const WRITTEN_HERE = 'The value is written here.';

/**
 * A condition that chose the branch a value comes from: `chosen here, where the condition on parameter
 * 'isProd' is false`, or
 * `chosen here (condition false)` when the condition reads no parameter or variable.
 */
export function chosenBy(names: readonly string[], condition: boolean): string {
  return names.length ? `chosen here, where the condition on ${names.join(' and ')} is ${condition}` : `chosen here (condition ${condition})`;
}
