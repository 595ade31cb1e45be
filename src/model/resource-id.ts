import type { Value } from '../expr/value.js';
import { Unknown, joinStrings } from '../expr/value.js';
import type { DeploymentContext } from '../expr/functions/types.js';
import { providerPath } from '../expr/functions/resource-id.js';
import type { Scope } from './scope.js';
import { scopeOfKeysStartingWith } from './scope.js';

/** `Microsoft.Network/virtualNetworks/subnets` → namespace and type segments (shared: never changed). */
export function splitType(fullType: string): { namespace: string; segments: readonly string[] } {
  // Every resource's name and id come through here, and templates declare few distinct types.
  let split = splitTypes.get(fullType);
  if (!split) {
    const segments = fullType.split('/');
    // Shifted rather than destructured: often run before the code is optimised.
    const namespace = segments.shift()!;
    split = { namespace, segments };
    if (splitTypes.size < MAX_SPLIT_TYPES) splitTypes.set(fullType, split);
  }
  return split;
}

/** splitType's answers, by type; past this many types (a long-running language server), not kept. */
const splitTypes = new Map<string, { namespace: string; segments: readonly string[] }>();
const MAX_SPLIT_TYPES = 1024;

/** Splits a resource name value into its `/`-separated segments; unknown pieces stay unknown. */
export function nameSegments(name: Value): Value[] {
  if (typeof name === 'string') return name.split('/');
  if (name instanceof Unknown && name.parts) {
    const segments: Value[] = [];
    let current: (string | Unknown)[] = [];
    const flush = () => {
      segments.push(current.every((p) => typeof p === 'string') ? current.join('') : new Unknown('partial', current));
      current = [];
    };
    for (const part of name.parts) {
      if (typeof part !== 'string') {
        current.push(part);
        continue;
      }
      const pieces = part.split('/');
      pieces.forEach((piece, i) => {
        if (i > 0) flush();
        if (piece) current.push(piece);
      });
    }
    flush();
    return segments;
  }
  return [name];
}

/** The resource id ARM gives a resource of this full type and full name in the deployment's scope. */
export function resourceIdOf(fullType: string, name: Value, deployment: DeploymentContext): Value {
  const { namespace, segments } = splitType(fullType);
  const scope = knownScopeText(deployment);
  // The common case, a known name in a known scope: one string, without pieces to join.
  if (typeof name === 'string' && scope !== undefined) {
    const known = name.split('/');
    if (known.length >= segments.length) return scope + providerPath(namespace, segments, known);
  }
  const names = nameSegments(name);
  const pieces = scopePrefix(deployment);
  pieces.push(`/providers/${namespace}`);
  for (let i = 0; i < segments.length; i++) pieces.push(`/${segments[i]}/`, names[i] ?? new Unknown('missing name segment'));
  return joinStrings(pieces);
}

/** What scopePrefix joins to, when its pieces are known: joined once per deployment, as every resource id starts with it. */
function knownScopeText(d: DeploymentContext): string | undefined {
  let text = knownScopes.get(d);
  if (text === undefined) knownScopes.set(d, (text = joinedIfKnown(scopePrefix(d)) ?? null));
  return text ?? undefined;
}

/** knownScopeText's answers (null: not known), by deployment context (never changed once made). */
const knownScopes = new WeakMap<DeploymentContext, string | null>();

/**
 * The scope (see scopeOfKey) of every resource id made here from a name (resourceIdOf), read once per
 * deployment from its known scope when that decides it; undefined otherwise. Every such id starts with the
 * known scope's text, then `/providers/`, and so does its key when that text is ASCII (lower-casing other
 * text may depend on what follows it).
 */
export function deploymentScope(d: DeploymentContext): Scope | undefined {
  let scope = deploymentScopes.get(d);
  if (scope === undefined) {
    const text = knownScopeText(d);
    scope = (text !== undefined && ASCII.test(text) && scopeOfKeysStartingWith(`${text.toLowerCase()}/providers/`)) || null;
    deploymentScopes.set(d, scope);
  }
  return scope ?? undefined;
}

/** deploymentScope's answers (null: the ids must tell), by deployment context. */
const deploymentScopes = new WeakMap<DeploymentContext, Scope | null>();
/** Printable ASCII: its lower case does not depend on what surrounds it. */
const ASCII = /^[ -~]*$/;

function joinedIfKnown(pieces: Value[]): string | undefined {
  let text = '';
  for (const piece of pieces) {
    if (typeof piece !== 'string') return undefined;
    text += piece;
  }
  return text;
}

function scopePrefix(d: DeploymentContext): Value[] {
  switch (d.targetScope) {
    case 'resourceGroup':
      return ['/subscriptions/', d.subscriptionId, '/resourceGroups/', d.resourceGroupName];
    case 'subscription':
      return ['/subscriptions/', d.subscriptionId];
    default:
      return [];
  }
}

export interface ParsedResourceId {
  /** `microsoft.network/virtualnetworks/subnets`, lower-cased. */
  type: string;
  names: string[];
}

/** Parses the provider part of a resource id: the last `/providers/ns/type/name[/type/name…]`. */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) return undefined;
  const parts = id.slice(at + '/providers/'.length).split('/');
  if (parts.length < 3 || parts.length % 2 === 0) return undefined;
  const types = [parts[0]];
  const names: string[] = [];
  for (let i = 1; i < parts.length; i += 2) {
    types.push(parts[i]);
    names.push(parts[i + 1]);
  }
  return { type: types.join('/').toLowerCase(), names };
}
