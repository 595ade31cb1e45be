import type { Value } from '../expr/value.js';
import { isObjectValue, Unknown } from '../expr/value.js';
import type { Gateway } from './gateway.js';
import { gatewaysOf } from './gateway.js';
import type { Located, PathSegment } from './locate.js';
import type { Model } from './model.js';
import type { Network } from './network.js';
import { nameKey } from './network.js';
import type { ModelResource } from './resource.js';
import { isCertainlyDeclared } from './resource.js';
import { nameSegments } from './resource-id.js';
import { memoKey } from './memo.js';

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

/** A gateway's NAT rules; `complete` is false when some are not known (an unknown `natRules` value, a rule that may not exist). */
export interface GatewayNatRules {
  rules: NatRule[];
  complete: boolean;
}

const NAT_RULES = memoKey<Map<Gateway, GatewayNatRules>>('NAT rules by gateway');

/** The NAT rules of every gateway of the model, inline and child resources together; made once per model. */
export function natRulesByGateway(model: Model, network: Network): Map<Gateway, GatewayNatRules> {
  return network.memo.get(NAT_RULES, () => findNatRules(model, network));
}

function findNatRules(model: Model, network: Network): Map<Gateway, GatewayNatRules> {
  const map = new Map<Gateway, GatewayNatRules>();
  const gateways = gatewaysOf(network);
  for (const gateway of gateways) map.set(gateway, inlineRules(gateway));
  const declared = model.ofType(NAT_RULE);
  // Most templates write NAT rules inline, if at all: the gateways are indexed by name only for rule resources.
  if (!declared.length) return map;
  // A rule declared in a module names its gateway through an `existing` parent: match it by name to the gateway deployed.
  const byName = new Map<string, Gateway[]>();
  for (const g of gateways) {
    const key = nameKey(g.resource.name);
    if (key !== undefined && !g.resource.existing) byName.set(key, [...(byName.get(key) ?? []), g]);
  }
  for (const r of declared) {
    if (r.existing) continue;
    const segments = nameSegments(r.name);
    const parentKey = segments.length >= 2 ? nameKey(segments[segments.length - 2]) : undefined;
    const direct = r.parent && !r.parent.existing ? gateways.find((g) => g.resource === r.parent) : undefined;
    const named = parentKey === undefined ? undefined : byName.get(parentKey);
    // One gateway declared more than once (a module called twice, as idempotency tests do) owns the rule in each declaration.
    const owners = direct ? [direct] : named && sameResource(named) ? named : [];
    const certain = isCertainlyDeclared(r);
    for (const owner of owners) {
      const entry = map.get(owner)!;
      // A rule that may not exist (a condition, a loop of unknown length) leaves the gateway's rules unknown.
      if (certain) entry.rules.push(new NatRule(r, [], r.shortName));
      else entry.complete = false;
    }
  }
  return map;
}

/** Whether declarations are all of one resource: the same id. */
function sameResource(gateways: Gateway[]): boolean {
  const ids = new Set(gateways.map((g) => g.resource.idKey));
  return ids.size === 1 && !ids.has(undefined);
}

function inlineRules(gateway: Gateway): GatewayNatRules {
  const list = gateway.prop('natRules').value;
  if (list === undefined || list === null) return { rules: [], complete: true };
  if (!Array.isArray(list)) return { rules: [], complete: false };
  const rules = list.map((item, i) => new NatRule(gateway.resource, ['properties', 'natRules', i], (isObjectValue(item) ? item.name : undefined) ?? new Unknown('unnamed NAT rule')));
  return { rules, complete: true };
}
