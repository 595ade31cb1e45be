import type { RelatedLocation } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import { objectGet, objectProp } from '../expr/ast.js';
import { evaluate } from '../expr/evaluate.js';
import type { Frame } from '../expr/scope.js';
import type { ParamDecl } from '../parse/ir.js';
import { TemplateInstance } from './instance.js';
import type { Located, PathSegment } from './locate.js';
import type { ModelResource } from './resource.js';

/**
 * Where a secret property's value comes from, judged by how it reaches the resource rather than by the
 * value itself (which is never read into a message):
 *
 * - `literal`: the value is written in the linted files (in the resource, a variable, a parameter
 *   default or a parameters file), whatever parameters it passed through;
 * - `plain-parameter`: it passes through a parameter that is not secure (`string`, not `securestring` /
 *   `@secure()`), so ARM records it in the deployment history;
 * - `secure`: a secure parameter with no value in the files, a Key Vault reference in a parameters file
 *   or a nested deployment, or Bicep `getSecret()`;
 * - `derived`: anything else (runtime functions, outputs of other deployments, expressions not followed).
 */
/** A secure parameter's value written in its default or in a parameters file. */
export interface WrittenValue {
  parameter: ParamDecl;
  in: 'default' | 'parameters file';
}

export type SecretSource =
  /** `value`: the secure parameter whose default or parameters-file value it is, when so. */
  | { kind: 'literal'; span: Span; value?: WrittenValue }
  /** `written`: the parameter's value (default or parameters file) is also written in the files. */
  | { kind: 'plain-parameter'; parameter: ParamDecl; written: boolean }
  | { kind: 'secure' }
  | { kind: 'derived' };

/** Functions whose result carries their arguments' text: a key built with them from literals is still written in source. */
const PASS_THROUGH = new Set(['concat', 'format', 'string', 'base64', 'tolower', 'toupper', 'trim', 'replace']);

const MAX_STEPS = 64;
/**
 * Steps of one look-up over all its branches: a value built by concat() of variables that are each built
 * twice from the next would otherwise be followed along 2^n paths.
 */
const MAX_TOTAL_STEPS = 10_000;

interface StepBudget {
  steps: number;
}

/** How the value at `path` of a resource body (`['properties', 'sharedKey']`) reaches the resource. */
export function secretSource(resource: ModelResource, path: readonly PathSegment[]): SecretSource {
  return trace(resource.decl.body, resource.frame, [...path], resource, 0, { steps: MAX_TOTAL_STEPS });
}

function trace(start: Expr, startFrame: Frame, startPath: PathSegment[], resource: ModelResource, depth: number, budget: StepBudget): SecretSource {
  let node = start;
  let frame = startFrame;
  let path = startPath;
  for (let step = 0; step < MAX_STEPS && depth < MAX_STEPS; step++) {
    // Past the budget the value is not followed further: not judged, as a value the trace cannot follow.
    if (--budget.steps < 0) return { kind: 'derived' };
    const instance = frame.env instanceof TemplateInstance ? frame.env : undefined;
    if (!instance) return { kind: 'derived' };

    const param = parameterName(node, frame, instance);
    if (param !== undefined) return viaParameter(instance, param, path, resource, depth, budget);

    const variable = variableName(node, frame, instance);
    if (variable !== undefined) {
      const source = instance.variableSource(variable);
      if (!source) return { kind: 'derived' };
      node = source.expr;
      frame = source.frame;
      continue;
    }

    // A Bicep loop variable of the resource itself: the item of the iterable at this instance's index.
    if (node.kind === 'symbol' && !node.path && frame.local(node.name) !== undefined) {
      const loop = resource.decl.loop;
      if (loop?.kind === 'for' && loop.itemVar === node.name && resource.loopIndex !== undefined && frame === resource.frame) {
        path = [resource.loopIndex, ...path];
        node = loop.iterable;
        continue;
      }
      return { kind: 'derived' };
    }

    if (node.kind === 'member' || node.kind === 'index') {
      const key = node.kind === 'member' ? node.name : evaluate(node.index, frame);
      if (typeof key !== 'string' && typeof key !== 'number') return { kind: 'derived' };
      path = [key, ...path];
      node = node.object;
      continue;
    }

    if (path.length) {
      const [head, ...tail] = path;
      if (node.kind === 'object' && typeof head === 'string') {
        const prop = objectProp(node, head);
        if (!prop) return { kind: 'derived' };
        node = prop.value;
        path = tail;
        continue;
      }
      if (node.kind === 'array' && typeof head === 'number') {
        const item = node.items[head];
        if (!item) return { kind: 'derived' };
        node = item;
        path = tail;
        continue;
      }
      return { kind: 'derived' };
    }

    if (node.kind === 'literal') return typeof node.value === 'string' && node.value !== '' ? { kind: 'literal', span: node.span } : { kind: 'derived' };
    if (node.kind === 'ternary') {
      const condition = evaluate(node.condition, frame);
      if (typeof condition === 'boolean') {
        node = condition ? node.whenTrue : node.whenFalse;
        continue;
      }
      return combine([node.whenTrue, node.whenFalse].map((e) => trace(e, frame, [], resource, depth + 1, budget)));
    }
    if (node.kind === 'interpolation')
      return combine(node.parts.filter((p) => p !== '').map((p) => (typeof p === 'string' ? { kind: 'literal', span: node.span } : trace(p, frame, [], resource, depth + 1, budget))));
    if (node.kind === 'call') {
      if (node.name.toLowerCase() === 'getsecret') return { kind: 'secure' };
      if (!node.namespace && PASS_THROUGH.has(node.name.toLowerCase()))
        return combine(node.args.map((a) => trace(a, frame, [], resource, depth + 1, budget)));
      if (!node.namespace && node.name.toLowerCase() === 'if' && node.args.length === 3) {
        node = { kind: 'ternary', condition: node.args[0], whenTrue: node.args[1], whenFalse: node.args[2], span: node.span };
        continue;
      }
    }
    return { kind: 'derived' };
  }
  return { kind: 'derived' };
}

/**
 * A value built from several pieces: a plain parameter anywhere exposes (part of) the key; otherwise it
 * is written in source only when every piece is; a secure or runtime piece makes it not judged.
 */
function combine(parts: SecretSource[]): SecretSource {
  const plain = parts.find((p) => p.kind === 'plain-parameter');
  if (plain) return plain;
  if (parts.length && parts.every((p) => p.kind === 'literal')) return parts[0];
  return parts.some((p) => p.kind === 'secure') ? { kind: 'secure' } : { kind: 'derived' };
}

function parameterName(node: Expr, frame: Frame, instance: TemplateInstance): string | undefined {
  if (node.kind === 'call' && node.name === 'parameters' && !node.namespace && node.args.length === 1) {
    const name = evaluate(node.args[0], frame);
    if (typeof name !== 'string' || frame.local(`@param:${name.toLowerCase()}`) !== undefined) return undefined;
    return name;
  }
  if (node.kind === 'symbol' && !node.path && frame.local(node.name) === undefined && instance.template.language === 'bicep' && instance.parameterDecl(node.name))
    return node.name;
  return undefined;
}

function variableName(node: Expr, frame: Frame, instance: TemplateInstance): string | undefined {
  if (node.kind === 'call' && node.name === 'variables' && !node.namespace && node.args.length === 1) {
    const name = evaluate(node.args[0], frame);
    return typeof name === 'string' ? name : undefined;
  }
  if (node.kind === 'symbol' && !node.path && frame.local(node.name) === undefined && instance.template.language === 'bicep' && instance.variableSource(node.name))
    return node.name;
  return undefined;
}

/** The template instance whose parameters an instance reads (outer-scoped nested templates read their caller's). */
function owner(instance: TemplateInstance): TemplateInstance {
  let i = instance;
  while (i.callSite?.nested.scope === 'outer') i = i.callSite.instance;
  return i;
}

function viaParameter(instance: TemplateInstance, name: string, path: PathSegment[], resource: ModelResource, depth: number, budget: StepBudget): SecretSource {
  const home = owner(instance);
  const decl = home.parameterDecl(name);
  if (!decl) return { kind: 'derived' };
  if (isKeyVaultReference(home, name)) return { kind: 'secure' };
  const source = home.parameterSource(name);
  if (!decl.secure) {
    const written = source !== undefined && trace(source.expr, source.frame, path, resource, depth + 1, budget).kind === 'literal';
    return { kind: 'plain-parameter', parameter: decl, written };
  }
  if (!source) return { kind: 'secure' };
  const inner = trace(source.expr, source.frame, path, resource, depth + 1, budget);
  // A secure parameter fed by a secure source, or by a runtime value, keeps the key secret.
  if (inner.kind === 'derived') return { kind: 'secure' };
  if (inner.kind !== 'literal' || inner.value) return inner;
  // A value passed by a caller is the caller's literal, which a secure parameter of its own fixes.
  const written = source.expr === decl.defaultValue ? 'default' : home.paramFile?.values.some((v) => v.value === source.expr) ? 'parameters file' : undefined;
  return written ? { ...inner, value: { parameter: decl, in: written } } : inner;
}

/**
 * The fix for a secret written in the files: a secure parameter's written value leaves its default or its
 * parameters file (which can reference Key Vault instead); any other literal becomes a secure parameter.
 */
export function writtenSecretFix(value: WrittenValue | undefined): string {
  if (!value) return 'Pass it as a @secure() parameter.';
  if (value.in === 'default') return `Remove the default of '${value.parameter.name}'.`;
  return 'Use a Key Vault reference in the parameters file.';
}

/** A Key Vault reference for the parameter: in the parameters file, or passed by a nested deployment (`reference`). */
function isKeyVaultReference(instance: TemplateInstance, name: string): boolean {
  const lower = name.toLowerCase();
  const fromFile = instance.paramFile?.values.find((v) => v.name.toLowerCase() === lower);
  if (fromFile) return fromFile.keyVaultReference;
  const site = instance.callSite;
  if (!site?.nested.parameters || site.nested.parametersShape !== 'arm') return false;
  const passed = objectProp(site.nested.parameters, name);
  return passed !== undefined && objectGet(passed.value, 'reference') !== undefined && objectGet(passed.value, 'value') === undefined;
}

/** Where a secret is written, as a related location, unless the finding or its value origins point there already. */
export function secretWrittenAt(span: Span, at: Located): RelatedLocation[] {
  const same = (a: Span) => a.file === span.file && a.start === span.start && a.end === span.end;
  if (same(at.node.span) || at.origins.some((o) => same(o.span))) return [];
  return [{ span, message: 'The secret is written here.' }];
}
