/** The subscription and resource group of a resource id, to keep resources of different scopes apart. */
export interface Scope {
  subscription?: string;
  resourceGroup?: string;
}

/** The subscription and resource group an id key (see nameKey) names, when they are written out and fully known. */
export function scopeOfKey(key: string | undefined): Scope {
  if (key === undefined) return {};
  const known = (v: string | undefined) => (v !== undefined && !v.includes('\u0000') ? v : undefined);
  return {
    subscription: known(/^\/subscriptions\/([^/]+)/.exec(key)?.[1]),
    resourceGroup: known(/\/resourcegroups\/([^/]+)\/providers\//.exec(key)?.[1]),
  };
}

/**
 * Ids that name different resource groups (or subscriptions) are different resources; a scope gwlint
 * cannot know (a parameter) matches any, so such a join is made only where it is the only candidate.
 */
export function scopesMatch(a: Scope, b: Scope): boolean {
  if (a.subscription && b.subscription && a.subscription !== b.subscription) return false;
  return !(a.resourceGroup && b.resourceGroup && a.resourceGroup !== b.resourceGroup);
}

/** A comparison key of a scope, for telling apart candidates in different known scopes. */
export function scopeLabel(s: Scope): string {
  return `${s.subscription ?? '?'}/${s.resourceGroup ?? '?'}`;
}
