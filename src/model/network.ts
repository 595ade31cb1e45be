import type { Expr } from '../expr/ast.js';
import { evaluate } from '../expr/evaluate.js';
import type { Frame } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { Unknown, isObjectValue } from '../expr/value.js';
import type { Located, PathSegment } from './locate.js';
import type { Model } from './model.js';
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
    return this.resource.get([...this.base, 'name']);
  }

  /** A value under the subnet's `properties`. */
  prop(path: PathSegment[]): Located {
    return this.resource.get([...this.base, 'properties', ...path]);
  }

  /** `addressPrefix` and every entry of `addressPrefixes`, located. */
  prefixes(): Located[] {
    const out: Located[] = [];
    const single = this.prop(['addressPrefix']);
    if (single.value !== undefined) out.push(single);
    const list = this.prop(['addressPrefixes']);
    if (Array.isArray(list.value)) list.value.forEach((_, i) => out.push(this.prop(['addressPrefixes', i])));
    return out;
  }

  /** `vnet/subnet`, lower-cased, when both names are known. */
  get key(): string | undefined {
    return typeof this.vnetName === 'string' && typeof this.name === 'string' ? `${this.vnetName}/${this.name}`.toLowerCase() : undefined;
  }
}

/** A place in a resource's properties that holds a subnet id. */
export interface SubnetRef {
  resource: ModelResource;
  path: PathSegment[];
  /** Known when the id names its VNet. */
  vnetName?: string;
  subnetName: string;
}

export interface Network {
  vnets: ModelResource[];
  subnets: Subnet[];
  /** Subnet ids held by resources other than VNets, subnets and deployments. */
  refs: SubnetRef[];
  gateways: ModelResource[];
  /** The subnet declared in the model that a reference points at, when there is one. */
  subnetFor(ref: { vnetName?: string; subnetName: string }): Subnet | undefined;
  subnetsOf(vnet: ModelResource): Subnet[];
}

const cache = new WeakMap<Model, Network>();

export function network(model: Model): Network {
  let n = cache.get(model);
  if (!n) {
    n = buildNetwork(model);
    cache.set(model, n);
  }
  return n;
}

function buildNetwork(model: Model): Network {
  const vnets = model.ofType(VNET);
  const subnets: Subnet[] = [];
  for (const vnet of vnets) {
    const list = vnet.value(['properties', 'subnets']);
    if (!Array.isArray(list)) continue;
    list.forEach((item, i) => {
      const name = isObjectValue(item) ? (item.name ?? new Unknown('unnamed subnet')) : new Unknown('unknown subnet');
      subnets.push(new Subnet(vnet, ['properties', 'subnets', i], vnet.name, name));
    });
  }
  for (const s of model.ofType(SUBNET)) {
    const segments = nameSegments(s.name);
    subnets.push(new Subnet(s, [], segments.length >= 2 ? segments[segments.length - 2] : new Unknown('vnet'), s.shortName));
  }
  const refs = model.resources.filter((r) => r.condition !== false && !r.existing && !IGNORED_TYPES.has(r.typeLower)).flatMap(findSubnetRefs);
  const byKey = new Map<string, Subnet>();
  for (const s of subnets) if (s.key) byKey.set(s.key, s);
  return {
    vnets,
    subnets,
    refs,
    gateways: model.ofType(GATEWAY),
    subnetFor(ref) {
      if (ref.vnetName) return byKey.get(`${ref.vnetName}/${ref.subnetName}`.toLowerCase());
      const candidates = subnets.filter((s) => typeof s.name === 'string' && s.name.toLowerCase() === ref.subnetName.toLowerCase());
      return candidates.length === 1 ? candidates[0] : undefined;
    },
    subnetsOf(vnet) {
      return subnets.filter((s) => s.resource === vnet || (s.resource.parent === vnet) || (typeof s.vnetName === 'string' && typeof vnet.name === 'string' && s.vnetName.toLowerCase() === vnet.name.toLowerCase()));
    },
  };
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

/** Reads a subnet reference from a string id, or the known tail of a partly known one. */
export function parseSubnetId(v: Value): { vnetName?: string; subnetName: string } | undefined {
  if (typeof v === 'string') {
    const m = SUBNET_ID.exec(v);
    return m ? { vnetName: m[1], subnetName: m[2] } : undefined;
  }
  if (v instanceof Unknown) {
    const tail = v.knownSuffix;
    if (!tail) return undefined;
    const full = SUBNET_ID.exec(tail);
    if (full) return { vnetName: full[1], subnetName: full[2] };
    const m = SUBNET_SUFFIX.exec(tail);
    return m ? { subnetName: m[1] } : undefined;
  }
  return undefined;
}

function findSubnetRefs(resource: ModelResource): SubnetRef[] {
  const props = resource.decl.body.props.find((p) => p.key.toLowerCase() === 'properties');
  if (!props) return [];
  const out: SubnetRef[] = [];
  walk(props.value, resource.frame, ['properties'], (path, value) => {
    if (isAccessRulePath(resource, path)) return;
    const ref = parseSubnetId(value);
    if (ref) out.push({ resource, path, ...ref });
  });
  return out;
}

/** Visits every leaf value under an expression with its path, evaluating only where the source is not literal. */
function walk(e: Expr, frame: Frame, path: PathSegment[], visit: (path: PathSegment[], value: Value) => void): void {
  if (e.kind === 'object') {
    for (const p of e.props) walk(p.value, frame, [...path, p.key], visit);
    return;
  }
  if (e.kind === 'array') {
    e.items.forEach((item, i) => walk(item, frame, [...path, i], visit));
    return;
  }
  if (e.kind === 'literal') {
    if (typeof e.value === 'string') visit(path, e.value);
    return;
  }
  visitValue(evaluate(e, frame), path, visit);
}

function visitValue(v: Value, path: PathSegment[], visit: (path: PathSegment[], value: Value) => void): void {
  if (Array.isArray(v)) v.forEach((item, i) => visitValue(item, [...path, i], visit));
  else if (isObjectValue(v)) for (const [k, item] of Object.entries(v)) visitValue(item, [...path, k], visit);
  else visit(path, v);
}
