import type { Value } from '../expr/value.js';
import { isObjectValue, Unknown } from '../expr/value.js';
import type { Gateway } from './gateway.js';
import { gatewaysOf } from './gateway.js';
import type { Located, PathSegment } from './locate.js';
import type { Model } from './model.js';
import type { Network } from './network.js';
import { nameKey } from './network.js';
import type { ModelResource } from './resource.js';
import { nameSegments } from './resource-id.js';

export const NAT_RULE = 'Microsoft.Network/virtualNetworkGateways/natRules';

/**
 * One NAT rule of a VPN gateway, whichever way it is declared: an item of the gateway's
 * `properties.natRules`, or a `virtualNetworkGateways/natRules` child resource.
 */
export class NatRule {
  constructor(
    /** The gateway (inline rules) or the natRules resource that declares the rule. */
    readonly resource: ModelResource,
    /** Path of the rule object in the resource body: `['properties', 'natRules', i]`, or `[]`. */
    readonly base: PathSegment[],
    readonly name: Value,
  ) {}

  /** A value under the rule's `properties`. */
  prop(...path: PathSegment[]): Located {
    return this.resource.get([...this.base, 'properties', ...path]);
  }

  /** The rule as a whole, to report on. */
  get located(): Located {
    return this.resource.get(this.base.length ? this.base : ['name']);
  }

  /** `gateway/rule` as a comparison key (see nameKey): what the id of this rule names. */
  get idKey(): string | undefined {
    if (!this.base.length) return nameKey(this.resource.name);
    const gateway = nameKey(this.resource.name);
    const rule = nameKey(this.name);
    return gateway !== undefined && rule !== undefined ? `${gateway}/${rule}` : undefined;
  }

  /** A display name for messages. */
  get label(): string {
    return typeof this.name === 'string' ? `'${this.name}'` : 'a NAT rule';
  }
}

/** A gateway's NAT rules; `complete` is false when some are not known (an unknown `natRules` value). */
export interface GatewayNatRules {
  rules: NatRule[];
  complete: boolean;
}

const cache = new WeakMap<Network, Map<Gateway, GatewayNatRules>>();

/** The NAT rules of every gateway of the model, inline and child resources together; made once per model. */
export function natRulesByGateway(model: Model, network: Network): Map<Gateway, GatewayNatRules> {
  let map = cache.get(network);
  if (map) return map;
  map = new Map();
  cache.set(network, map);
  const gateways = gatewaysOf(network);
  for (const gateway of gateways) map.set(gateway, inlineRules(gateway));
  const byName = new Map<string, Gateway[]>();
  for (const g of gateways) {
    const key = nameKey(g.resource.name);
    if (key !== undefined) byName.set(key, [...(byName.get(key) ?? []), g]);
  }
  for (const r of model.ofType(NAT_RULE)) {
    if (r.existing) continue;
    const segments = nameSegments(r.name);
    const parentKey = segments.length >= 2 ? nameKey(segments[segments.length - 2]) : undefined;
    const owner = (r.parent && gateways.find((g) => g.resource === r.parent)) ?? (parentKey !== undefined && byName.get(parentKey)?.length === 1 ? byName.get(parentKey)![0] : undefined);
    if (owner) map.get(owner)!.rules.push(new NatRule(r, [], r.shortName));
  }
  return map;
}

function inlineRules(gateway: Gateway): GatewayNatRules {
  const list = gateway.prop('natRules').value;
  if (list === undefined || list === null) return { rules: [], complete: true };
  if (!Array.isArray(list)) return { rules: [], complete: false };
  const rules = list.map((item, i) => new NatRule(gateway.resource, ['properties', 'natRules', i], (isObjectValue(item) ? item.name : undefined) ?? new Unknown('unnamed NAT rule')));
  return { rules, complete: true };
}
