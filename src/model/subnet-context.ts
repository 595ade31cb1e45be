import { GATEWAY_SUBNET } from '../knowledge/gateway.js';
import type { Value } from '../expr/value.js';
import type { ObjectValue } from '../expr/value.js';
import { Unknown, getProperty, isObjectValue, joinStrings } from '../expr/value.js';
import { memoKey } from './memo.js';
import type { Model } from './model.js';
import type { Network, Subnet } from './network.js';
import { VNET, nameKey } from './network.js';
import type { ModelResource } from './resource.js';
import { nameSegments, parseResourceId } from './resource-id.js';
import { declaredAt, resourceName } from './wording.js';

/**
 * What rules about one subnet need around it: the VNet that declares it, resources that belong to another
 * resource (routes of a route table), and what a subnet property such as `networkSecurityGroup` refers to.
 */

/**
 * The VNet a subnet belongs to, when it is declared in the model and there is exactly one: the VNet of an
 * inline subnet, the parent of a nested or Bicep `parent:` subnet, or, for a top-level `vnet/subnet`
 * resource, the VNet of that name (one in the same template wins over others elsewhere). Undefined when
 * several VNets are declared under the VNet's name. An `existing` VNet is returned as such: its properties
 * are runtime state.
 */
export function vnetOf(network: Network, subnet: Subnet): ModelResource | undefined {
  if (subnet.inline) return subnet.resource;
  const parent = subnet.resource.parent;
  if (parent && parent.typeLower !== VNET.toLowerCase()) return undefined;
  const key = nameKey(subnet.vnetName);
  if (key === undefined) return parent;
  // The same rule whether the subnet names its VNet (`vnet/subnet`) or has a parent, so that a Bicep file and
  // the JSON compiled from it agree: a VNet declared more than once under one name is ambiguous.
  const named = network.vnetsNamed(key);
  const local = named.filter((v) => v.instance === subnet.resource.instance);
  const candidates = local.length ? local : named;
  if (candidates.length !== 1 || (parent && candidates[0] !== parent)) return undefined;
  return candidates[0];
}

/**
 * Resources of `childType` that belong to `parent`: nested in it, given `parent:` in Bicep, or declared at
 * the top level with a name `parentName/childName`.
 */
export function childResources(model: Model, parent: ModelResource, childType: string): ModelResource[] {
  const parentKey = nameKey(parent.name);
  return model.ofType(childType).filter((r) => {
    if (r.parent) return r.parent === parent;
    const segments = nameSegments(r.name);
    if (segments.length < 2 || parentKey === undefined) return false;
    const parentName = joinStrings(segments.slice(0, -1).flatMap((s, i) => (i === 0 ? [s] : ['/', s])));
    return nameKey(parentName) === parentKey;
  });
}

/**
 * The subnets named GatewaySubnet (in any casing) that are declared, not `existing`, in model order: found
 * once per network for the rules that judge only those, rather than by each going through every subnet.
 */
export function declaredGatewaySubnets(network: Network): readonly Subnet[] {
  return network.memo.get(GATEWAY_SUBNETS, () => network.subnets.filter((s) => !s.resource.existing && isNamed(s, GATEWAY_SUBNET)));
}

const GATEWAY_SUBNETS = memoKey<readonly Subnet[]>('declared gateway subnets');

/** True when the subnet's name is known and is `canonical` in any casing (Azure compares it case-insensitively). */
export function isNamed(subnet: Subnet, canonical: string): boolean {
  // What nearMissOf calls `exact` or `case`, without its normalising: every subnet is asked this.
  return typeof subnet.name === 'string' && subnet.name.toLowerCase() === canonical.toLowerCase();
}

/**
 * The id in a reference object such as `networkSecurityGroup: { id: … }`, when the object is there and its
 * id is known, at least in part (`resourceId(…, parameters('name'))`): the property then certainly attaches
 * something. Undefined when the property is absent, null, or unknown as a whole (it may be null at deploy
 * time), and when the id is wholly unknown or empty.
 */
export function attachedId(value: Value | undefined): string | Unknown | undefined {
  if (!isObjectValue(value)) return undefined;
  const id = value.id;
  if (typeof id === 'string') return id.trim() === '' ? undefined : id;
  if (id instanceof Unknown && id.parts?.some((p) => typeof p === 'string' && p.includes('/'))) return id;
  return undefined;
}

/**
 * A resource declared inline in a reference property (`networkSecurityGroup: { properties: { securityRules:
 * […] } }`, with no id): Azure creates it with the subnet or rejects the template; either way it is attached.
 */
export function inlineDeclaration(value: Value | undefined): ObjectValue | undefined {
  if (!isObjectValue(value) || getProperty(value, 'id') !== undefined) return undefined;
  return isObjectValue(getProperty(value, 'properties')) ? value : undefined;
}

/** The name an inline declaration gives itself, when known. */
export function inlineName(value: ObjectValue): string | undefined {
  const name = getProperty(value, 'name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The last name segment of a resource id, for messages (`nsg-hub` for `…/networkSecurityGroups/nsg-hub`), when known. */
export function idName(id: string | Unknown): string | undefined {
  if (typeof id !== 'string') {
    const tail = id.knownSuffix;
    const last = tail?.split('/').pop();
    return tail !== undefined && tail.includes('/') && last ? last : undefined;
  }
  const parsed = parseResourceId(id);
  return parsed?.names[parsed.names.length - 1];
}

/** `'name'` when the subnet's name is known, else where it is declared (`on line 12`), for messages. */
export function subnetLabel(subnet: Subnet): string {
  if (typeof subnet.name === 'string' && subnet.name !== '') return `'${subnet.name}'`;
  return subnet.inline ? declaredAt(subnet.nameLocated.node.span) : resourceName(subnet.resource);
}

/** A resource's name for messages (see resourceName). */
export function resourceLabel(resource: ModelResource): string {
  return resourceName(resource);
}

/**
 * ` of VNet 'name'` when the subnet's VNet name is known, else ` of the VNet on line 12` for a subnet
 * listed inline (two VNets of a file may both have a GatewaySubnet), for messages.
 */
export function ofVnet(subnet: Subnet): string {
  if (typeof subnet.vnetName === 'string') return ` of VNet '${subnet.vnetName}'`;
  return subnet.inline ? ` of the VNet ${declaredAt(subnet.resource.decl.span)}` : '';
}
