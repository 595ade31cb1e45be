import { Unknown, evalError, type Value } from '../value.js';
import { StringParts, define, firstError, firstUnknown, overLimit, typeError, type FunctionEntry } from './helpers.js';
import type { FunctionContext } from './types.js';

/**
 * Resource id functions (template-functions-resource.md). Optional leading scope arguments are recognised by
 * position: the first argument shaped like `Namespace.Provider/type` is the resource type, and one name follows
 * for each type segment after the namespace (a name may hold several `/`-separated segments; too few names is an
 * error, too many is Unknown). Omitted
 * subscription and resource group come from the deployment context. Unknown names give a partly known id,
 * so `…/virtualNetworks/<unknown>/subnets/GatewaySubnet` keeps its known text.
 */

type Piece = string | Unknown;

interface IdArgs {
  leading: Piece[];
  type: string;
  names: Piece[];
}

function isResourceType(v: Value): v is string {
  if (typeof v !== 'string') return false;
  const slash = v.indexOf('/');
  return slash > 0 && slash < v.length - 1 && v.lastIndexOf('.', slash) > 0;
}

/** Splits the arguments around the resource type, allowing up to `maxLeading` scope arguments before it. */
function splitArgs(fn: string, args: Value[], maxLeading: number): IdArgs | Unknown {
  const error = firstError(args);
  if (error) return error;
  const t = typePosition(args, maxLeading);
  if (t < 0) {
    const u = firstUnknown(args.slice(0, maxLeading + 1));
    return u ?? evalError(`${fn}() needs a resource type such as 'Microsoft.Network/virtualNetworks'`);
  }
  const pieces: Piece[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (i === t) continue;
    if (typeof a !== 'string' && !(a instanceof Unknown)) return typeError(fn, i, 'string', a);
    pieces.push(a);
  }
  return { leading: pieces.slice(0, t), type: args[t] as string, names: pieces.slice(t) };
}

/** Where the resource type is among the first `maxLeading + 1` arguments; -1 when none is one. */
function typePosition(args: Value[], maxLeading: number): number {
  for (let i = 0; i <= maxLeading && i < args.length; i++) if (isResourceType(args[i])) return i;
  return -1;
}

function isSingleSegment(name: Piece): boolean {
  return typeof name === 'string' && !name.includes('/');
}

/** The `/`-separated segments of a name; the known text of a partly known name is split too. */
function nameSegments(name: Piece): Piece[] {
  if (typeof name === 'string') return name.split('/');
  if (!name.parts) return [name];
  const segments: Piece[] = [];
  let current = new StringParts();
  for (const p of name.parts) {
    if (typeof p !== 'string') {
      current.add(p);
      continue;
    }
    const [head, ...tail] = p.split('/');
    current.add(head);
    for (const t of tail) {
      segments.push(current.value());
      current = new StringParts().add(t);
    }
  }
  segments.push(current.value());
  return segments;
}

/** `/providers/{ns}/{type1}/{name1}/{type2}/{name2}…`, appended to `parts`. */
function appendTypeAndNames(fn: string, parts: StringParts, type: string, names: Piece[]): Unknown | undefined {
  const { namespace, types } = typeSegments(type);
  // Names are mostly single known segments, which need no splitting.
  const segments = names.every(isSingleSegment) ? names : names.flatMap(nameSegments);
  const hasUnknown = names.some((n) => n instanceof Unknown);
  if (segments.length < types.length && !hasUnknown) {
    return evalError(`${fn}() needs ${types.length} name${types.length === 1 ? '' : 's'} for '${type}', got ${segments.length}`);
  }
  // Extra names occur in deployed templates (in dependsOn); what ARM makes of them is not documented.
  if (segments.length > types.length) return new Unknown(`${fn}() has more names than '${type}' has type segments`);
  if (segments.length < types.length) return firstUnknown(names);
  parts.add(`/providers/${namespace}`);
  for (let i = 0; i < types.length; i++) parts.add(`/${types[i]}/`).add(segments[i]);
  return undefined;
}

/**
 * A resource type's namespace and type segments, split once per type: templates call resourceId() once per
 * reference, with a few types. A trailing '/' ('Microsoft.Network/virtualNetworks/') is accepted by ARM and
 * common in templates.
 */
function typeSegments(type: string): { namespace: string | undefined; types: readonly string[] } {
  let split = splitTypes.get(type);
  if (!split) {
    const types = type.split('/').filter((t) => t !== '');
    const namespace = types.shift();
    split = { namespace, types };
    if (splitTypes.size < MAX_SPLIT_TYPES) splitTypes.set(type, split);
  }
  return split;
}

const splitTypes = new Map<string, { namespace: string | undefined; types: readonly string[] }>();
const MAX_SPLIT_TYPES = 1024;

function buildId(fn: string, prefix: Piece[], type: string, names: Piece[], ctx: FunctionContext): Value {
  const known = knownId(prefix, type, names);
  if (known !== undefined) return ctx.budget.allowLength(known.length) ? known : overLimit();
  const parts = new StringParts();
  for (const p of prefix) parts.add(p);
  return appendTypeAndNames(fn, parts, type, names) ?? parts.result(ctx);
}

/**
 * The id as one string in the common case, every piece known and one name per type segment (no name
 * holding several segments): what appendTypeAndNames would join, without the pieces. Undefined otherwise.
 */
function knownId(prefix: Piece[], type: string, names: Piece[]): string | undefined {
  const { namespace, types } = typeSegments(type);
  if (names.length !== types.length || !names.every(isSingleSegment)) return undefined;
  let scope = '';
  for (let i = 0; i < prefix.length; i++) {
    const piece = prefix[i];
    if (typeof piece !== 'string') return undefined;
    scope += piece;
  }
  return scope + providerPath(namespace, types, names as string[]);
}

/**
 * `/providers/{namespace}/{type1}/{name1}/{type2}/{name2}…`, the part of a resource id after its scope, when
 * every name is known: one name per type segment (names past the last type segment are not read).
 */
export function providerPath(namespace: string | undefined, types: readonly string[], names: readonly string[]): string {
  let path = `/providers/${namespace}`;
  for (let i = 0; i < types.length; i++) path += `/${types[i]}/${names[i]}`;
  return path;
}

function resourceId(args: Value[], ctx: FunctionContext): Value {
  const a = splitArgs('resourceId', args, 2);
  if (a instanceof Unknown) return a;
  const { subscriptionId, resourceGroupName, targetScope } = ctx.deployment;
  const sub = a.leading.length === 2 ? a.leading[0] : subscriptionId;
  const rg = a.leading.length === 2 ? a.leading[1] : (a.leading[0] ?? resourceGroupName);
  let prefix: Piece[];
  if (a.leading.length > 0 || targetScope === 'resourceGroup') prefix = ['/subscriptions/', sub, '/resourceGroups/', rg];
  else if (targetScope === 'subscription') prefix = ['/subscriptions/', sub];
  else prefix = [];
  return buildId('resourceId', prefix, a.type, a.names, ctx);
}

function subscriptionResourceId(args: Value[], ctx: FunctionContext): Value {
  const a = splitArgs('subscriptionResourceId', args, 1);
  if (a instanceof Unknown) return a;
  return buildId('subscriptionResourceId', ['/subscriptions/', a.leading[0] ?? ctx.deployment.subscriptionId], a.type, a.names, ctx);
}

function tenantResourceId(args: Value[], ctx: FunctionContext): Value {
  const a = splitArgs('tenantResourceId', args, 0);
  return a instanceof Unknown ? a : buildId('tenantResourceId', [], a.type, a.names, ctx);
}

function managementGroupResourceId(args: Value[], ctx: FunctionContext): Value {
  const a = splitArgs('managementGroupResourceId', args, 1);
  if (a instanceof Unknown) return a;
  const group = a.leading[0] ?? new Unknown('the management group of the deployment');
  return buildId('managementGroupResourceId', ['/providers/Microsoft.Management/managementGroups/', group], a.type, a.names, ctx);
}

function extensionResourceId(args: Value[], ctx: FunctionContext): Value {
  const [base, type, ...names] = args;
  const error = firstError(args);
  if (error) return error;
  if (type instanceof Unknown) return firstUnknown([type]) as Unknown;
  if (!isResourceType(type)) return evalError(`extensionResourceId() argument 2 must be a resource type, got '${String(type)}'`);
  const split = splitArgs('extensionResourceId', [type, ...names], 0);
  if (split instanceof Unknown) return split;
  if (typeof base !== 'string' && !(base instanceof Unknown)) return typeError('extensionResourceId', 0, 'a resource id', base);
  return buildId('extensionResourceId', [base], split.type, split.names, ctx);
}

export const resourceIdFunctions: FunctionEntry[] = [
  define('resourceId', 'any, any...', resourceId, { lenient: true }),
  define('subscriptionResourceId', 'any, any...', subscriptionResourceId, { lenient: true }),
  define('tenantResourceId', 'any, any...', tenantResourceId, { lenient: true }),
  define('managementGroupResourceId', 'any, any...', managementGroupResourceId, { lenient: true }),
  define('extensionResourceId', 'any, any, any...', extensionResourceId, { lenient: true }),
  define('pickZones', 'any, any, any, any?, any?', () => new Unknown('pickZones() depends on the region'), { lenient: true }),
];
