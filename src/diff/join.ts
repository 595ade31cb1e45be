import type { Value } from '../expr/value.js';
import type { Model } from '../model/model.js';
import type { ModelResource } from '../model/resource.js';
import { isCertainlyDeclared } from '../model/resource.js';
import { parseResourceId } from '../model/resource-id.js';

/** One resource in both versions of the repository. */
export interface ResourcePair {
  head: ModelResource;
  base: ModelResource;
}

/**
 * What the two versions of a resource share: its full id (type, evaluated name and, through the
 * deployment it belongs to, its scope), compared ignoring case as Azure does. Undefined when any part
 * is unknown: resources are never joined on an Unknown value.
 */
export function resourceKey(resource: ModelResource): string | undefined {
  const id = resource.id;
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}

/** Deployed resources of a type by key; a key declared twice (alternatives under conditions) is ambiguous and left out. */
function deployedByKey(model: Model, type: string): Map<string, ModelResource> {
  const out = new Map<string, ModelResource | undefined>();
  for (const r of model.ofType(type)) {
    const key = r.existing ? undefined : resourceKey(r);
    if (key !== undefined) out.set(key, out.has(key) ? undefined : r);
  }
  return new Map([...out].filter((e): e is [string, ModelResource] => e[1] !== undefined));
}

/** The resources of a type that both versions deploy (condition not known false, not `existing`), joined by key. */
export function pairsOfType(head: Model, base: Model, type: string): ResourcePair[] {
  const before = deployedByKey(base, type);
  const out: ResourcePair[] = [];
  for (const [key, r] of deployedByKey(head, type)) {
    const old = before.get(key);
    if (old) out.push({ head: r, base: old });
  }
  return out;
}

/**
 * Resources of a type the base version certainly deploys and the head version does not declare at all.
 * Nothing is reported removed while a head resource of the type has an unknown key: it may be the same one.
 */
export function removedOfType(head: Model, base: Model, type: string): ModelResource[] {
  const lower = type.toLowerCase();
  const present = new Set<string>();
  for (const r of head.resources) {
    if (r.typeLower !== lower) continue;
    const key = resourceKey(r);
    if (key === undefined) return [];
    present.add(key);
  }
  return base.ofType(type).filter((r) => {
    const key = resourceKey(r);
    return key !== undefined && !r.existing && !present.has(key) && isCertainlyDeclared(r);
  });
}

/** Two known strings that differ other than in case (Azure compares these names ignoring case); undefined otherwise. */
export function changedText(head: Value | undefined, base: Value | undefined): { from: string; to: string } | undefined {
  if (typeof head !== 'string' || typeof base !== 'string') return undefined;
  return head.toLowerCase() === base.toLowerCase() ? undefined : { from: base, to: head };
}

/**
 * Two known resource ids that name different resources (compared ignoring case), as the names to show:
 * the last segment of each (`pip-a`), the whole id when it is not one.
 */
export function changedId(head: Value | undefined, base: Value | undefined): { from: string; to: string } | undefined {
  const change = changedText(head, base);
  const name = (id: string) => parseResourceId(id)?.names.at(-1) ?? id;
  return change && { from: name(change.from), to: name(change.to) };
}
