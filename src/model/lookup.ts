import type { Value } from '../expr/value.js';
import type { Model } from './model.js';
import { nameKey } from './network.js';
import type { ModelResource } from './resource.js';
import { parseResourceId } from './resource-id.js';
import { memoKey } from './memo.js';
import type { Scope } from './scope.js';
import { scopeOfKey, scopesMatch } from './scope.js';

/** What a resource id names: its full type (lower-cased) and a comparison key of its full name. */
export interface IdTarget {
  /** `microsoft.network/virtualnetworkgateways`, lower-cased; never contains an unknown piece. */
  type: string;
  /** The `/`-joined name segments as a comparison key (see `nameKey`): unknown pieces match only themselves. */
  nameKey: string;
}

/**
 * Reads the type and name of a resource id: a literal id, `resourceId(…)`, Bicep `symbol.id`, or an id
 * known only in part (`…/virtualNetworkGateways/<parameter without a value>`). Undefined when the id is
 * not an id, or when its type is not known.
 */
export function parseIdTarget(id: Value | undefined): IdTarget | undefined {
  const key = id === undefined ? undefined : nameKey(id);
  return key === undefined ? undefined : targetOfKey(key);
}

/** parseIdTarget of an id's comparison key. */
function targetOfKey(key: string): IdTarget | undefined {
  const parsed = parseResourceId(key);
  if (!parsed || parsed.type.includes('\u0000')) return undefined;
  return { type: parsed.type, nameKey: parsed.names.join('/') };
}

export interface ResourceByIdOptions {
  /** Also match `existing` declarations. Their properties are runtime state: a rule must not judge them. */
  includeExisting?: boolean;
}

/**
 * The resource declared in the model that a resource id names: the root template, nested deployments
 * and modules are searched, matching type and full name case-insensitively, as `reference()` does
 * (`Model.findReferenced`). Undefined when no declared resource matches, when several do (the id is
 * ambiguous), or when the id is unknown: a resource that is not declared in the linted files is
 * Unknown, and rules must not report on it. Resources whose condition is known false are not matched.
 * By default `existing` declarations are skipped, so `gw.id` of an `existing` gateway resolves to the
 * gateway when another template of the model deploys it.
 */
export function resourceById(model: Model, id: Value | undefined, options: ResourceByIdOptions = {}): ModelResource | undefined {
  const found = resourcesById(model, id, options, 2);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Every declared resource an id names, as resourceById matches them (more than one when the templates
 * declare the same resource twice), up to `most`.
 */
export function resourcesById(model: Model, id: Value | undefined, options: ResourceByIdOptions = {}, most = Infinity): ModelResource[] {
  // The id's key is made once: gateways look up each of their public IPs, with long ids.
  const key = id === undefined ? undefined : nameKey(id);
  const target = key === undefined ? undefined : targetOfKey(key);
  const named = target && byName(model, target.type).get(target.nameKey);
  if (!named) return [];
  let scope: Scope | undefined;
  const found: ModelResource[] = [];
  for (const r of named) {
    if (!options.includeExisting && r.existing) continue;
    // The common case, the resource's own id (`pip.id`), names its scope: no need to read it.
    if (r.idKey !== key && !scopesMatch((scope ??= scopeOfKey(key)), r.scope)) continue;
    if (found.push(r) >= most) break;
  }
  return found;
}

const INDEXES = memoKey<Map<string, Map<string, ModelResource[]>>>('resources by type and name');

/** The resources of a type by the comparison key of their full name, made once per model and type. */
function byName(model: Model, type: string): Map<string, ModelResource[]> {
  const ofModel = model.memo.get(INDEXES, () => new Map());
  let index = ofModel.get(type);
  if (!index) {
    ofModel.set(type, (index = new Map()));
    for (const r of model.ofType(type)) {
      const key = nameKey(r.name);
      if (key === undefined) continue;
      const list = index.get(key);
      if (list) list.push(r);
      else index.set(key, [r]);
    }
  }
  return index;
}

/** False when two resource ids are known to name different subscriptions or resource groups. */
export function sameScope(a: Value, b: Value): boolean {
  return scopesMatch(scopeOfKey(nameKey(a)), scopeOfKey(nameKey(b)));
}
