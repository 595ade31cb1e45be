import type { Expr } from '../expr/ast.js';
import { objectGet } from '../expr/ast.js';
import type { Scope } from './scope.js';
import { scopeLabel, scopeOfKey, scopesMatch } from './scope.js';
import { evaluate } from '../expr/evaluate.js';
import type { Frame } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { Unknown, isObjectValue } from '../expr/value.js';
import type { Located, PathSegment } from './locate.js';
import { pathUnder, writtenInPlace, writtenNode } from './locate.js';
import type { Model } from './model.js';
import { Memo, memoKey } from './memo.js';
import type { ModelResource } from './resource.js';
import { nameSegments } from './resource-id.js';

export const VNET = 'Microsoft.Network/virtualNetworks';
export const SUBNET = 'Microsoft.Network/virtualNetworks/subnets';
export const GATEWAY = 'Microsoft.Network/virtualNetworkGateways';
export const DEPLOYMENT = 'Microsoft.Resources/deployments';

/**
 * A subnet, whichever of the four shapes declared it: inline in `properties.subnets[]` of a VNet, a child
 * `subnets` resource nested in the VNet, a top-level `virtualNetworks/subnets` resource named `vnet/subnet`,
 * or a Bicep resource with `parent: vnet`.
 */
export class Subnet {
  constructor(
    /** The VNet (inline subnets) or the subnet resource that declares it. */
    readonly resource: ModelResource,
    /** Path of the subnet object inside the resource body: `['properties','subnets',i]`, or `[]`. */
    readonly base: PathSegment[],
    readonly vnetName: Value,
    readonly name: Value,
  ) {}

  get inline(): boolean {
    return this.base.length > 0;
  }

  /** Where the subnet's name is written. */
  get nameLocated(): Located {
    return this.resource.get(pathUnder(this.base, 'name'));
  }

  /** A value under the subnet's `properties`. */
  prop(path: PathSegment[]): Located {
    // Rules read every subnet's properties: an inline subnet written in place is read from its own object,
    // not found again in its VNet's list for each property (the walk from the VNet answers the same).
    const own = this.inline ? (this.properties ??= writtenNode(this.resource.decl.body, pathUnder(this.base, 'properties')) ?? null) : null;
    const written = own && writtenInPlace(own, this.resource.frame, path);
    return written || this.resource.get(pathUnder(this.base, 'properties', path));
  }

  /** The subnet's `properties` object when the VNet writes it in place (null when it does not). */
  private properties?: Expr | null;

  /** `addressPrefix` and every entry of `addressPrefixes`, located (read once: several rules ask; never change the list). */
  prefixes(): readonly Located[] {
    return (this.prefixList ??= this.readPrefixes());
  }

  private prefixList?: readonly Located[];

  private readPrefixes(): Located[] {
    const out: Located[] = [];
    const single = this.prop(['addressPrefix']);
    if (single.value !== undefined) out.push(single);
    const list = this.prop(['addressPrefixes']);
    if (Array.isArray(list.value)) list.value.forEach((_, i) => out.push(this.prop(['addressPrefixes', i])));
    return out;
  }

  /** `vnet/subnet` as a comparison key (see nameKey), when both names are at least partly known. */
  get key(): string | undefined {
    const vnet = nameKey(this.vnetName);
    const name = nameKey(this.name);
    return vnet !== undefined && name !== undefined ? `${vnet}/${name}` : undefined;
  }
}

/** The subnet a subnet id names, as comparison keys (see nameKey) and, when known, the name as written. */
export interface SubnetTarget {
  /** Set when the id names its VNet (known or in part). */
  vnetKey?: string;
  /** The subscription and resource group the id names, where written out and known. */
  scope?: Scope;
  subnetKey: string;
  /** The subnet's name as written, when it is fully known. */
  subnetName?: string;
}

/** A place in a resource's properties that holds a subnet id. */
export interface SubnetRef extends SubnetTarget {
  resource: ModelResource;
  path: PathSegment[];
}

export interface Network {
  /** What helpers work out once per network view (gateways, their placements). */
  readonly memo: Memo;
  vnets: ModelResource[];
  subnets: Subnet[];
  /** Subnet ids held by resources other than VNets, subnets and deployments (found on the first call). */
  refs(): SubnetRef[];
  /** The subnet ids held by the resources a filter selects: cheaper than `refs` when few types matter. */
  refsFrom(select: (resource: ModelResource) => boolean): SubnetRef[];
  gateways: ModelResource[];
  /** The subnet declared in the model that a reference points at, when there is exactly one. */
  subnetFor(ref: SubnetTarget): Subnet | undefined;
  subnetsOf(vnet: ModelResource): Subnet[];
  /** The VNets whose name has this comparison key (see nameKey), in model order. */
  vnetsNamed(key: string): readonly ModelResource[];
  /** How many subnets a VNet lists inline; undefined when its `subnets` is absent or not a list. */
  inlineSubnetCount(vnet: ModelResource): number | undefined;
}

const NETWORK = memoKey<Network>('network');

export function network(model: Model): Network {
  return model.memo.get(NETWORK, () => buildNetwork(model));
}

function buildNetwork(model: Model): Network {
  const vnets = model.ofType(VNET);
  const subnets: Subnet[] = [];
  const inlineCounts = new Map<ModelResource, number>();
  for (const vnet of vnets) {
    const names = inlineSubnetNames(vnet);
    if (names) inlineCounts.set(vnet, names.length);
    names?.forEach((name, i) => subnets.push(new Subnet(vnet, ['properties', 'subnets', i], vnet.name, name)));
  }
  for (const s of model.ofType(SUBNET)) {
    const segments = nameSegments(s.name);
    subnets.push(new Subnet(s, [], segments.length >= 2 ? segments[segments.length - 2] : new Unknown('vnet'), s.shortName));
  }
  const byResource = new Map<ModelResource, SubnetRef[]>();
  const refsOf = (r: ModelResource): SubnetRef[] => {
    let found = byResource.get(r);
    if (!found) byResource.set(r, (found = findSubnetRefs(r)));
    return found;
  };
  // The type is known without evaluation; the condition is evaluated only for resources that pass the rest.
  const candidates = (select: (resource: ModelResource) => boolean = () => true) =>
    model.resources.filter((r) => !IGNORED_TYPES.has(r.typeLower) && !r.existing && select(r) && r.condition !== false);
  let all: SubnetRef[] | undefined;
  const byKey = groupBy(subnets, (s) => s.key);
  // Indexed on the first call: every subnet resource asks for its VNet by name, a subnet id may name no VNet.
  let vnetsByKey: Map<string, ModelResource[]> | undefined;
  let subnetsByName: Map<string, Subnet[]> | undefined;
  // Plain members only (refs through a closure): what an object literal with a getter points to outlived young-generation collections.
  const refs = () => (all ??= candidates().flatMap(refsOf));
  return {
    memo: new Memo(),
    vnets,
    subnets,
    refs,
    refsFrom(select) {
      return candidates(select).flatMap(refsOf);
    },
    gateways: model.ofType(GATEWAY),
    subnetFor(ref) {
      if (ref.vnetKey !== undefined) return inScope(byKey.get(`${ref.vnetKey}/${ref.subnetKey}`) ?? [], ref.scope);
      subnetsByName ??= groupBy(subnets, (s) => nameKey(s.name));
      const candidates = subnetsByName.get(ref.subnetKey);
      return candidates?.length === 1 ? candidates[0] : undefined;
    },
    inlineSubnetCount(vnet) {
      return inlineCounts.get(vnet);
    },
    vnetsNamed(key) {
      vnetsByKey ??= groupBy(vnets, (v) => nameKey(v.name));
      return vnetsByKey.get(key) ?? [];
    },
    subnetsOf(vnet) {
      return subnets.filter((s) => s.resource === vnet || (s.resource.parent === vnet) || (typeof s.vnetName === 'string' && typeof vnet.name === 'string' && s.vnetName.toLowerCase() === vnet.name.toLowerCase()));
    },
  };
}

/** Items by a key, each list in the items' order; items without a key are left out. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

/**
 * The names of a VNet's inline subnets, in order; undefined when `subnets` is not an array. A list written
 * as an array of objects has each name evaluated alone, as evaluating the object would, rather than every
 * property of every subnet: the rules read the few they judge.
 */
function inlineSubnetNames(vnet: ModelResource): Value[] | undefined {
  const list = objectGet(objectGet(vnet.decl.body, 'properties'), 'subnets');
  if (list?.kind !== 'array' || vnet.frame.env.budget.exhausted) {
    const value = vnet.value(['properties', 'subnets']);
    return Array.isArray(value) ? value.map(subnetName) : undefined;
  }
  return list.items.map((item) => {
    if (item.kind !== 'object') return subnetName(evaluate(item, vnet.frame));
    // The object's value would hold its last `name` property.
    let name: Expr | undefined;
    for (const p of item.props) if (p.key === 'name') name = p.value;
    return (name && evaluate(name, vnet.frame)) ?? new Unknown('unnamed subnet');
  });
}

function subnetName(item: Value): Value {
  return isObjectValue(item) ? (item.name ?? new Unknown('unnamed subnet')) : new Unknown('unknown subnet');
}

/**
 * The subnet of that name that a reference in `scope` means: the first declaration (the linted template
 * before its siblings), a declaration before an `existing` reference, among those in a matching scope.
 * Candidates in different known scopes, when the reference's scope is not known, are ambiguous: none.
 */
function inScope(candidates: Subnet[], scope: Scope | undefined): Subnet | undefined {
  if (!candidates.length) return undefined;
  // One candidate and no known scope to hold it to (the common case): nothing to compare.
  if (candidates.length === 1 && !scope?.subscription && !scope?.resourceGroup) return candidates[0];
  // One candidate in a known scope: it is the subnet unless it is declared in another one.
  if (candidates.length === 1) return scopesMatch(scope!, candidates[0].resource.scope) ? candidates[0] : undefined;
  const scoped = candidates.map((s) => ({ s, scope: s.resource.scope })).filter((c) => !scope || scopesMatch(scope, c.scope));
  if (new Set(scoped.map((c) => scopeLabel(c.scope))).size > 1) return undefined;
  return (scoped.find((c) => !c.s.resource.existing) ?? scoped[0])?.s;
}

/** Declarations and hand-overs, not resources placed in a subnet. */
const IGNORED_TYPES = new Set([VNET, SUBNET, DEPLOYMENT].map((t) => t.toLowerCase()));

/**
 * Property names under which a subnet id is an access rule (a firewall allow-list entry), not a placement:
 * storage / Key Vault / Cosmos `networkAcls.virtualNetworkRules`, Event Hubs and Service Bus rule sets,
 * App Service access restrictions.
 */
const ACCESS_RULE_SEGMENTS = ['virtualnetworkrules', 'networkacls', 'networkrulesets', 'ipsecurityrestrictions', 'scmipsecurityrestrictions'];

function isAccessRulePath(resource: ModelResource, path: PathSegment[]): boolean {
  if (ACCESS_RULE_SEGMENTS.some((s) => resource.typeLower.endsWith(`/${s}`))) return true;
  return path.some((p) => typeof p === 'string' && ACCESS_RULE_SEGMENTS.includes(p.toLowerCase()));
}

const SUBNET_ID = /\/virtualnetworks\/([^/]+)\/subnets\/([^/]+)\/?$/i;
const SUBNET_SUFFIX = /\/subnets\/([^/]+)\/?$/i;
const unknownIds = new WeakMap<Unknown, number>();
let nextUnknownId = 0;

/** Marks an unknown piece in a key; one Unknown object (a parameter's value) always gets the same mark. */
function mark(u: Unknown): string {
  let id = unknownIds.get(u);
  if (id === undefined) {
    id = nextUnknownId++;
    unknownIds.set(u, id);
  }
  return `\u0000${id}\u0000`;
}

/**
 * A comparison key for a name that may be known only in part. Unknown pieces compare equal only when
 * they are the same unknown value (the same parameter of the same template), so `concat(parameters('p'),
 * '-vnet')` in a VNet name and in a subnet id match, and unrelated unknowns never do.
 */
export function nameKey(v: Value): string | undefined {
  if (typeof v === 'string') return v.toLowerCase();
  if (v instanceof Unknown) {
    // A loop rather than map and join: the key of every resource id and subnet reference is made here.
    const parts = v.parts ?? [v];
    let key = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      key += typeof p === 'string' ? p.toLowerCase() : mark(p);
    }
    return key;
  }
  return undefined;
}

/** The subnet a string id (or a partly known one) names; `subnetName` is set when the subnet's name is known. */
export function parseSubnetId(v: Value): SubnetTarget | undefined {
  const key = nameKey(v);
  if (key === undefined) return undefined;
  const full = SUBNET_ID.exec(key);
  const m = full ?? SUBNET_SUFFIX.exec(key);
  if (!m) return undefined;
  const subnetKey = full ? full[2] : m[1];
  // The name as written (original casing) comes from the known text after the last unknown piece.
  const tail = typeof v === 'string' ? v : (v as Unknown).knownSuffix;
  const written = tail === undefined ? undefined : SUBNET_SUFFIX.exec(tail)?.[1];
  return {
    vnetKey: full ? full[1] : undefined,
    scope: full ? scopeOfKey(key) : undefined,
    subnetKey,
    subnetName: subnetKey.includes('\u0000') ? undefined : written,
  };
}

function findSubnetRefs(resource: ModelResource): SubnetRef[] {
  const props = resource.decl.body.props.find((p) => p.key.toLowerCase() === 'properties');
  if (!props) return [];
  const out: SubnetRef[] = [];
  // One path, extended and cut back as the walk goes: copied only for the few values that are subnet ids.
  const path: PathSegment[] = ['properties'];
  walk(props.value, resource.frame, path, (value) => {
    const ref = mayBeSubnetId(value) ? parseSubnetId(value) : undefined;
    if (ref && !isAccessRulePath(resource, path)) out.push({ resource, path: [...path], ...ref });
  });
  return out;
}

/** A cheap test before parseSubnetId: a known string names a subnet only if it has a `/subnets/` segment. */
function mayBeSubnetId(value: Value): boolean {
  return typeof value === 'string' ? SUBNETS_SEGMENT.test(value) : value instanceof Unknown;
}

const SUBNETS_SEGMENT = /\/subnets\//i;

/** Visits every leaf value under an expression, `path` leading to it, evaluating only where the source is not literal. */
function walk(e: Expr, frame: Frame, path: PathSegment[], visit: (value: Value) => void): void {
  if (e.kind === 'object') {
    for (const p of e.props) {
      path.push(p.key);
      walk(p.value, frame, path, visit);
      path.pop();
    }
    return;
  }
  if (e.kind === 'array') {
    const items = e.items;
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      walk(items[i], frame, path, visit);
      path.pop();
    }
    return;
  }
  if (e.kind === 'literal') {
    if (typeof e.value === 'string') visit(e.value);
    return;
  }
  visitValue(evaluate(e, frame), path, visit);
}

function visitValue(v: Value, path: PathSegment[], visit: (value: Value) => void): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      visitValue(v[i], path, visit);
      path.pop();
    }
  } else if (isObjectValue(v)) {
    for (const k of Object.keys(v)) {
      path.push(k);
      visitValue(v[k], path, visit);
      path.pop();
    }
  } else visit(v);
}
