import type { Span } from '../core/span.js';
import { GATEWAY_SUBNET } from '../knowledge/gateway.js';
import { gatewaysOf } from './gateway.js';
import type { Model } from './model.js';
import type { Subnet } from './network.js';
import { network } from './network.js';

/**
 * A VNet's address space and subnets as far as they are known, for reports that draw the address plan
 * (the HTML report). Unknown names and prefixes are left out and counted, never guessed.
 */
export interface NetworkSummary {
  /** The VNet's name, when it is known. */
  name?: string;
  /** Where the VNet is declared. */
  span: Span;
  /** Known `addressSpace.addressPrefixes`, as written. */
  addressPrefixes: string[];
  /** How many address prefixes are not known (parameters without values, runtime values). */
  unknownAddressPrefixes: number;
  subnets: SubnetSummary[];
}

export interface SubnetSummary {
  /** The subnet's name, when it is known. */
  name?: string;
  /** Where the subnet's name is written. */
  span: Span;
  /** The whole declaration: the subnet's object in `subnets[]`, or its resource. */
  declaration: Span;
  /** Known `addressPrefix` and `addressPrefixes` entries. */
  prefixes: string[];
  unknownPrefixes: number;
  /** Named `GatewaySubnet` (in any casing). */
  gatewaySubnet: boolean;
  /** Names (or symbolic names) of the virtual network gateways placed in the subnet. */
  gateways: string[];
}

/** The VNets of a model, with their subnets (all four declaration shapes) and the gateways in them. */
export function summariseNetwork(model: Model): NetworkSummary[] {
  try {
    return summarise(model);
  } catch {
    // A summary is for drawing; a template the model cannot summarise is linted all the same.
    return [];
  }
}

function summarise(model: Model): NetworkSummary[] {
  const net = network(model);
  const gatewaysIn = new Map<Subnet, string[]>();
  for (const gateway of gatewaysOf(net))
    for (const subnet of gateway.subnets(net)) {
      const list = gatewaysIn.get(subnet) ?? [];
      list.push(gateway.label.replace(/^'|'$/g, ''));
      gatewaysIn.set(subnet, list);
    }
  const out: NetworkSummary[] = [];
  for (const vnet of net.vnets) {
    const subnets = net.subnetsOf(vnet).filter((s) => s.inline || !s.resource.existing);
    // An `existing` VNet is listed only for the subnets this template declares in it.
    if (vnet.existing && subnets.length === 0) continue;
    const prefixes = vnet.existing ? undefined : vnet.value(['properties', 'addressSpace', 'addressPrefixes']);
    const known = Array.isArray(prefixes) ? prefixes.filter((p): p is string => typeof p === 'string') : [];
    out.push({
      name: typeof vnet.shortName === 'string' ? vnet.shortName : undefined,
      span: vnet.reportNode.span,
      addressPrefixes: known,
      unknownAddressPrefixes: Array.isArray(prefixes) ? prefixes.length - known.length : 1,
      subnets: subnets.map((s) => subnetSummary(s, gatewaysIn.get(s) ?? [])),
    });
  }
  return out;
}

function subnetSummary(subnet: Subnet, gateways: string[]): SubnetSummary {
  const values = subnet.prefixes().map((p) => p.value);
  const prefixes = values.filter((v): v is string => typeof v === 'string');
  const name = typeof subnet.name === 'string' ? subnet.name : undefined;
  return {
    name,
    span: subnet.nameLocated.node.span,
    declaration: subnet.resource.get(subnet.base).node.span,
    prefixes,
    unknownPrefixes: values.length - prefixes.length,
    gatewaySubnet: name?.toLowerCase() === GATEWAY_SUBNET.toLowerCase(),
    gateways: [...new Set(gateways)],
  };
}

/**
 * One entry per VNet declaration and name: the same VNet reached twice (a module linted on its own and
 * through its caller) is listed once, and an entry whose name is unknown is dropped when the same
 * declaration is also known by name.
 */
export function mergeNetworkSummaries(list: NetworkSummary[]): NetworkSummary[] {
  const at = (s: NetworkSummary) => `${s.span.file.path}\0${s.span.start}`;
  const named = new Set(list.filter((s) => s.name !== undefined).map(at));
  const out = new Map<string, NetworkSummary>();
  for (const s of list) {
    if (s.name === undefined && named.has(at(s))) continue;
    const key = `${at(s)}\0${s.name ?? ''}`;
    const seen = out.get(key);
    if (!seen || knownCount(s) > knownCount(seen)) out.set(key, s);
  }
  return [...out.values()];
}

function knownCount(s: NetworkSummary): number {
  return s.addressPrefixes.length + s.subnets.reduce((n, sub) => n + sub.prefixes.length + (sub.name ? 1 : 0), 0);
}
