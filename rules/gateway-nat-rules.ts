import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { policyRef, VPN_GATEWAY_BASIC_SKU } from '../src/knowledge/azure-policy.js';
import { canonicalSku, canonicalValue, connectionTypes, vpnSkuFacts } from '../src/knowledge/gateway.js';
import { DYNAMIC_NAT_LARGEST_EXTERNAL_PREFIX, MAX_NAT_RULES, NAT_CONNECTION_TYPES, NAT_RULE_LISTS } from '../src/knowledge/nat.js';
import type { CidrRange } from '../src/model/cidr.js';
import { parseCidrRange, rangesOverlap } from '../src/model/cidr.js';
import type { Connection } from '../src/model/connection.js';
import { connectionsOf, CONNECTION } from '../src/model/connection.js';
import type { Gateway } from '../src/model/gateway.js';
import type { Located } from '../src/model/locate.js';
import { parseIdTarget } from '../src/model/lookup.js';
import type { GatewayNatRules, NatRule } from '../src/model/nat-rule.js';
import { NAT_RULE, natRulesByGateway } from '../src/model/nat-rule.js';
import { GATEWAY } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'gateway-nat-rules',
    summary: 'NAT rules need a VPN gateway of VpnGw2 or larger and IPsec connections, with external mappings that do not overlap.',
    description:
      "Checks NAT rules (a gateway's natRules and virtualNetworkGateways/natRules resources) and the connections that use them, against Microsoft's NAT pages: NAT only on VpnGw2-5 and VpnGw2AZ-5AZ, at most 500 rules, external mappings of different networks must not overlap (rules for one network, or for different instances of an active-active gateway, may repeat them), a dynamic rule's external mapping at most /26, a static rule maps ranges of one size; connections: NAT only on IPsec connections, not with policy-based traffic selectors, rules of the connection's own gateway in the list of their mode. enableBgpRouteTranslationForNat without NAT rules is a warning.",
    level: 'error',
    levels: ['error', 'warning'],
    category: 'gateway',
    types: [GATEWAY, CONNECTION],
    policies: [policyRef(VPN_GATEWAY_BASIC_SKU)],
  },
  check(context) {
    const byGateway = natRulesByGateway(context.model, context.network);
    for (const [gateway, natRules] of byGateway) {
      if (gateway.resource.existing) continue;
      checkBgpTranslation(context, gateway, natRules);
      const { rules } = natRules;
      if (!rules.length) continue;
      checkSku(context, gateway, rules[0]);
      if (rules.length > MAX_NAT_RULES)
        context.report({ at: rules[MAX_NAT_RULES].located, message: `Gateway ${gateway.label} has ${rules.length} NAT rules; Azure allows ${MAX_NAT_RULES}.`, hint: 'Merge rules.' });
      for (const rule of rules) checkMappingSizes(context, rule);
      checkExternalOverlaps(context, gateway, rules);
    }
    const modes = new Map<string, string>();
    for (const { rules } of byGateway.values())
      for (const rule of rules) {
        const id = rule.idKey;
        const mode = rule.prop('mode').value;
        if (id !== undefined && typeof mode === 'string') modes.set(id, mode);
      }
    for (const c of connectionsOf(context.model)) checkConnection(context, c, modes);
  },
});

function checkSku(context: RuleContext, gateway: Gateway, first: NatRule): void {
  const related: RelatedLocation[] = [{ span: first.located.node.span, message: `NAT rule ${first.label}.` }];
  if (gateway.family === 'ExpressRoute') {
    context.report({ at: first.located, message: `ExpressRoute gateway ${gateway.label} has NAT rules; only VPN gateways of VpnGw2 or larger have NAT.`, hint: 'Remove them.' });
    return;
  }
  const sku = gateway.text('sku', 'name');
  if (gateway.family !== 'Vpn' || sku === undefined || vpnSkuFacts(sku)?.natRules !== false) return;
  context.report({
    at: gateway.skuName,
    related,
    policy: canonicalSku(sku) === 'Basic' ? policyRef(VPN_GATEWAY_BASIC_SKU) : undefined,
    message: `Gateway ${gateway.label} has NAT rules, but SKU '${sku}' has no NAT.`,
    hint: 'Use VpnGw2AZ or larger, or remove the rules.',
  });
}

function checkBgpTranslation(context: RuleContext, gateway: Gateway, { rules, complete }: GatewayNatRules): void {
  if (rules.length || !complete || gateway.flag('enableBgpRouteTranslationForNat') !== true) return;
  context.report({
    at: gateway.prop('enableBgpRouteTranslationForNat'),
    level: 'warning',
    message: `Gateway ${gateway.label} sets enableBgpRouteTranslationForNat without NAT rules, so it does nothing.`,
    hint: 'Remove it.',
  });
}

/** A mapping's address space, located, with its range when it is a known CIDR. */
interface Mapping {
  at: Located;
  range?: CidrRange;
}

function mappings(rule: NatRule, side: 'internalMappings' | 'externalMappings'): Mapping[] | undefined {
  const list = rule.prop(side).value;
  if (!Array.isArray(list)) return undefined;
  return list.map((_, i) => {
    const at = rule.prop(side, i, 'addressSpace');
    return { at, range: parseCidrRange(at.value) };
  });
}

function text(rule: NatRule, property: string): string | undefined {
  const v = rule.prop(property).value;
  return typeof v === 'string' ? v.toLowerCase() : undefined;
}

function checkMappingSizes(context: RuleContext, rule: NatRule): void {
  const type = text(rule, 'type');
  const external = mappings(rule, 'externalMappings') ?? [];
  if (type === 'dynamic')
    for (const m of external)
      if (m.range?.family === 4 && m.range.prefix < DYNAMIC_NAT_LARGEST_EXTERNAL_PREFIX)
        context.report({ at: m.at, message: `Dynamic NAT rule ${rule.label} maps to '${m.range.text}'; dynamic NAT takes /${DYNAMIC_NAT_LARGEST_EXTERNAL_PREFIX} or smaller.`, hint: 'Use a smaller range, or a Static rule.' });
  if (type !== 'static') return;
  const internal = mappings(rule, 'internalMappings') ?? [];
  internal.forEach((m, i) => {
    const other = external[i];
    if (!m.range || !other?.range || m.range.family !== other.range.family || m.range.prefix === other.range.prefix) return;
    context.report({
      at: other.at,
      related: [{ span: m.at.node.span, message: `The internal mapping, /${m.range.prefix}.` }],
      message: `Static NAT rule ${rule.label} maps a /${m.range.prefix} to a /${other.range.prefix}; static NAT is 1:1.`,
      hint: 'Match the sizes, or use a Dynamic rule.',
    });
  });
}

/**
 * External mappings of different networks must not overlap. Two rules stand for one network when they
 * have the same mode and the same internal mappings (Microsoft's example repeats an internal range in two
 * IngressSnat rules for two branches, with different external ranges); rules bound to different
 * ip configurations serve different instances of an active-active gateway and may repeat a mapping.
 */
function checkExternalOverlaps(context: RuleContext, gateway: Gateway, rules: NatRule[]): void {
  const known = rules.map((rule) => ({ rule, external: mappings(rule, 'externalMappings') ?? [], internal: internalKey(rule), mode: text(rule, 'mode'), ipConfig: ipConfigKey(rule) }));
  for (let b = 1; b < known.length; b++)
    for (let a = 0; a < b; a++) {
      const first = known[a];
      const second = known[b];
      if (first.mode === undefined || second.mode === undefined || first.internal === undefined || second.internal === undefined) continue;
      if (first.mode === second.mode && first.internal === second.internal) continue;
      if (first.ipConfig !== undefined && second.ipConfig !== undefined && first.ipConfig !== second.ipConfig) continue;
      const clash = firstOverlap(first.external, second.external);
      if (!clash) continue;
      context.report({
        at: clash.mine.at,
        related: [{ span: clash.theirs.at.node.span, message: `External mapping of NAT rule ${first.rule.label}.` }],
        message: `External mapping '${clash.mine.range!.text}' of NAT rule ${second.rule.label} overlaps '${clash.theirs.range!.text}' of ${first.rule.label} on gateway ${gateway.label}.`,
        hint: 'Give each network its own range.',
      });
      break;
    }
}

function firstOverlap(theirs: Mapping[], mine: Mapping[]): { mine: Mapping; theirs: Mapping } | undefined {
  for (const m of mine)
    for (const t of theirs) if (m.range && t.range && rangesOverlap(m.range, t.range)) return { mine: m, theirs: t };
  return undefined;
}

/** The internal mappings as one comparable text, when every one is a known string. */
function internalKey(rule: NatRule): string | undefined {
  const list = mappings(rule, 'internalMappings');
  if (!list) return undefined;
  const texts = list.map((m) => (typeof m.at.value === 'string' ? m.at.value.trim().toLowerCase() : undefined));
  return texts.every((t) => t !== undefined) ? [...texts].sort().join(',') : undefined;
}

function ipConfigKey(rule: NatRule): string | undefined {
  const v = rule.prop('ipConfigurationId').value;
  return typeof v === 'string' && v !== '' ? v.toLowerCase() : undefined;
}

function checkConnection(context: RuleContext, c: Connection, modes: ReadonlyMap<string, string>): void {
  const gateway = parseIdTarget(c.ref('virtualNetworkGateway1').id.value);
  const gatewayKey = gateway && !gateway.nameKey.includes('\u0000') ? gateway.nameKey : undefined;
  const type = c.text('connectionType');
  const connectionType = type === undefined ? undefined : canonicalValue(connectionTypes(), type);
  for (const [list, mode] of Object.entries(NAT_RULE_LISTS)) {
    const listAt = c.prop(list);
    if (!Array.isArray(listAt.value) || listAt.value.length === 0) continue;
    if (connectionType !== undefined && !NAT_CONNECTION_TYPES.includes(connectionType)) {
      context.report({ at: listAt, message: `Connection ${c.label} of type '${connectionType}' has ${list}; NAT works on IPsec connections only.`, hint: 'Remove them.' });
      continue;
    }
    if (c.flag('usePolicyBasedTrafficSelectors') === true)
      context.report({ at: listAt, message: `Connection ${c.label} has ${list} and usePolicyBasedTrafficSelectors, which NAT does not support.`, hint: 'Drop one of them.' });
    listAt.value.forEach((_, i) => {
      const idAt = c.prop(list, i, 'id');
      const target = parseIdTarget(idAt.value);
      if (!target || target.type !== NAT_RULE.toLowerCase() || target.nameKey.includes('\u0000')) return;
      const [owner, ruleName] = target.nameKey.split('/');
      if (gatewayKey !== undefined && owner !== gatewayKey) {
        context.report({ at: idAt, message: `NAT rule '${ruleName}' in ${list} of connection ${c.label} belongs to gateway '${owner}', not '${gatewayKey}'.`, hint: 'Use a rule of its own gateway.' });
        return;
      }
      const actual = modes.get(target.nameKey);
      if (actual !== undefined && actual.toLowerCase() !== mode.toLowerCase())
        context.report({ at: idAt, message: `NAT rule '${ruleName}' is ${actual}, but connection ${c.label} lists it in ${list}, for ${mode} rules.`, hint: 'Move it to the other list.' });
    });
  }
}
