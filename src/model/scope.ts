/** The subscription and resource group of a resource id, to keep resources of different scopes apart. */
export interface Scope {
  subscription?: string;
  resourceGroup?: string;
}

/** The subscription and resource group an id key (see nameKey) names, when they are written out and fully known. */
export function scopeOfKey(key: string | undefined): Scope {
  if (key === undefined) return {};
  return { subscription: known(subscriptionOfKey(key)), resourceGroup: known(resourceGroupOfKey(key)) };
}

/**
 * The scope of every key that starts with `prefix` (see scopeOfKey), when the prefix decides it: when it
 * starts `/subscriptions/s/resourcegroups/g/providers/`. Undefined otherwise.
 */
export function scopeOfKeysStartingWith(prefix: string): Scope | undefined {
  const subscription = subscriptionOfKey(prefix);
  const group = resourceGroupOfKey(prefix);
  if (subscription === undefined || group === undefined) return undefined;
  // Any key that starts with this prefix reads as this one: both searches end inside it.
  const decided = prefix.startsWith(`${SUBSCRIPTIONS}${subscription}${RESOURCE_GROUPS}${group}/providers/`);
  return decided ? { subscription: known(subscription), resourceGroup: known(group) } : undefined;
}

/** A name written out in full: without an unknown piece (see nameKey). */
function known(name: string | undefined): string | undefined {
  return name !== undefined && !name.includes('\u0000') ? name : undefined;
}

const SUBSCRIPTIONS = '/subscriptions/';
const RESOURCE_GROUPS = '/resourcegroups/';

/*
 * The two below read what `^/subscriptions/([^/]+)` and `/resourcegroups/([^/]+)/providers/` would match,
 * with string searches: every subnet and resource looked up by id comes through here.
 */
function subscriptionOfKey(key: string): string | undefined {
  if (!key.startsWith(SUBSCRIPTIONS)) return undefined;
  const end = key.indexOf('/', SUBSCRIPTIONS.length);
  const name = key.slice(SUBSCRIPTIONS.length, end < 0 ? key.length : end);
  return name === '' ? undefined : name;
}

function resourceGroupOfKey(key: string): string | undefined {
  for (let at = key.indexOf(RESOURCE_GROUPS); at >= 0; at = key.indexOf(RESOURCE_GROUPS, at + 1)) {
    const start = at + RESOURCE_GROUPS.length;
    const end = key.indexOf('/', start);
    if (end > start && key.startsWith('/providers/', end)) return key.slice(start, end);
  }
  return undefined;
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
