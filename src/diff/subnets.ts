import type { Located } from '../model/locate.js';
import type { Model } from '../model/model.js';
import { Gateway, gatewaysOf } from '../model/gateway.js';
import { vnetOf } from '../model/connection.js';
import type { Network, Subnet } from '../model/network.js';
import { GATEWAY, VNET } from '../model/network.js';
import type { ModelResource } from '../model/resource.js';
import { isCertainlyDeclared } from '../model/resource.js';
import { GATEWAY_SUBNET } from '../knowledge/gateway.js';
import { pairsOfType, resourceKey } from './join.js';

/** A GatewaySubnet of the base version, and what became of it in the head version. */
export interface GatewaySubnetChange {
  base: Subnet;
  /** The same subnet in the head version; undefined when the head version no longer declares it. */
  head?: Subnet;
  /** The head version of its VNet, when the head version still deploys the VNet. */
  headVnet?: ModelResource;
  /** Gateways that both versions deploy and that the base version places in this subnet, as head gateways. */
  usedBy: Gateway[];
}

function isGatewaySubnet(subnet: Subnet): boolean {
  return typeof subnet.name === 'string' && subnet.name.toLowerCase() === GATEWAY_SUBNET.toLowerCase();
}

/** A subnet's `vnet/subnet` when both names are known (never a key with an unknown part). */
function knownKey(subnet: Subnet): string | undefined {
  return typeof subnet.vnetName === 'string' && typeof subnet.name === 'string' ? `${subnet.vnetName}/${subnet.name}`.toLowerCase() : undefined;
}

/**
 * Every GatewaySubnet the base version certainly declares, with its head version, its VNet's head version
 * and the gateways kept in both versions that use it. Subnets whose VNet or name is unknown are left out, and
 * so is every subnet while a head subnet has an unknown name (it may be the same one).
 */
export function gatewaySubnetChanges(head: Model, headNetwork: Network, base: Model, baseNetwork: Network): GatewaySubnetChange[] {
  const headSubnets = new Map<string, Subnet>();
  for (const s of headNetwork.subnets) {
    const key = knownKey(s);
    if (key === undefined) return [];
    headSubnets.set(key, s);
  }
  const headVnets = new Map<string, ModelResource>();
  for (const v of head.ofType(VNET)) {
    const key = v.existing ? undefined : resourceKey(v);
    if (key !== undefined) headVnets.set(key, v);
  }
  const kept = new Map(pairsOfType(head, base, GATEWAY).map((p) => [p.base, p.head]));
  const out: GatewaySubnetChange[] = [];
  for (const subnet of baseNetwork.subnets) {
    const key = knownKey(subnet);
    if (key === undefined || !isGatewaySubnet(subnet) || subnet.resource.existing || !isCertainlyDeclared(subnet.resource)) continue;
    const vnet = vnetOf(baseNetwork, subnet);
    const vnetKey = vnet && resourceKey(vnet);
    const usedBy = gatewaysOf(baseNetwork)
      .filter((g) => kept.has(g.resource) && g.subnets(baseNetwork).includes(subnet))
      .map((g) => new Gateway(kept.get(g.resource)!));
    out.push({ base: subnet, head: headSubnets.get(key), headVnet: vnetKey === undefined ? undefined : headVnets.get(vnetKey), usedBy });
  }
  return out;
}

/**
 * The head VNet's inline `subnets`, when it is a known array: redeploying the VNet then deletes every
 * subnet the array does not list. Undefined when the VNet has no `subnets` (newer API versions keep the
 * existing subnets then) or when the array is not known.
 */
export function inlineSubnets(vnet: ModelResource | undefined): Located | undefined {
  const list = vnet?.get(['properties', 'subnets']);
  return list && Array.isArray(list.value) ? list : undefined;
}
