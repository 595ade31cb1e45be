import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { canonicalValue, P2S_PRIVATE_IPV4_RANGES, p2sAuthTypes, p2sPoolMinimumPrefix, p2sProtocols, p2sProtocolsForAuthType, vpnSkuFacts } from '../src/knowledge/gateway.js';
import { rangeContains } from '../src/model/address-prefix.js';
import type { CidrRange } from '../src/model/cidr.js';
import { locatedRanges, parseCidrRange, rangesOverlap } from '../src/model/cidr.js';
import { connectionsOf, gatewayVnets, labelOf } from '../src/model/connection.js';
import type { Gateway } from '../src/model/gateway.js';
import { gatewaysOf, listOf } from '../src/model/gateway.js';
import type { ModelResource } from '../src/model/resource.js';
import { GATEWAY } from '../src/model/network.js';

const CONFIG = 'vpnClientConfiguration';
const PRIVATE: readonly CidrRange[] = P2S_PRIVATE_IPV4_RANGES.map((r) => parseCidrRange(r)!);

export default defineRule({
  meta: {
    id: 'p2s-address-pool',
    summary: 'A point-to-site client pool must be large enough, must not overlap the networks it reaches, and must ask only for what the SKU offers.',
    description:
      "vpnClientConfiguration.vpnClientAddressPool gives VPN clients their addresses. It must not overlap the gateway's virtual network (error) nor the on-premises networks connected to the gateway (warning: clients could not reach the overlapping hosts), it must be /29 or larger, /28 or larger on an active-active gateway, and it should be a private range (warning). vpnClientProtocols and vpnAuthenticationTypes must be ones the gateway SKU offers: Basic supports SSTP with certificate authentication only (no IKEv2, no OpenVPN, no RADIUS, no Microsoft Entra ID), and Microsoft Entra ID (AAD) authentication needs OpenVPN.",
    level: 'error',
    levels: ['error', 'warning'],
    category: 'gateway',
    types: [GATEWAY],
  },
  check(context) {
    for (const gateway of gatewaysOf(context.network)) {
      if (gateway.resource.existing) continue;
      const config = gateway.prop(CONFIG).value;
      if (config === undefined || config === null) continue;
      checkPool(context, gateway);
      checkProtocols(context, gateway);
    }
  },
});

function checkPool(context: RuleContext, gateway: Gateway): void {
  const pool = locatedRanges(gateway.resource, ['properties', CONFIG, 'vpnClientAddressPool', 'addressPrefixes']);
  if (!pool.length) return;

  // Unknown activeActive: only pools too small for either mode are reported.
  const activeActive = gateway.prop('activeActive').value === undefined ? false : gateway.flag('activeActive');
  const minimum = p2sPoolMinimumPrefix(activeActive ?? false);
  const mode = activeActive === undefined ? 'any gateway' : activeActive ? 'an active-active gateway' : 'an active-standby gateway';
  const vnets = gatewayVnets(context.network, gateway).map((resource) => ({ resource, ranges: locatedRanges(resource, ['properties', 'addressSpace', 'addressPrefixes']) }));
  const locals = connectedLocalGateways(context, gateway).map((resource) => ({
    resource,
    ranges: locatedRanges(resource, ['properties', 'localNetworkAddressSpace', 'addressPrefixes']),
  }));

  // One finding per pool prefix, with every problem it has.
  for (const p of pool) {
    const problems: string[] = [];
    const related: RelatedLocation[] = [];
    let level: 'error' | 'warning' | undefined;
    const tooSmall = p.range.family === 4 && p.range.prefix > minimum;
    if (tooSmall) {
      problems.push(`is a /${p.range.prefix}, smaller than the /${minimum} ${mode} needs`);
      level = 'error';
    }
    for (const v of vnets) {
      const other = v.ranges.find((r) => rangesOverlap(p.range, r.range));
      if (!other) continue;
      problems.push(`overlaps ${other.range.text} of its virtual network${named(v.resource)}`);
      related.push({ span: other.at.node.span, message: `Address space ${other.range.text} of virtual network${named(v.resource)}.` });
      level = 'error';
      break;
    }
    for (const l of locals) {
      const other = l.ranges.find((r) => rangesOverlap(p.range, r.range));
      if (!other) continue;
      problems.push(`overlaps ${other.range.text} of local network gateway${named(l.resource)}`);
      related.push({ span: other.at.node.span, message: `Address space ${other.range.text} of local network gateway${named(l.resource)}.` });
      level ??= 'warning';
      break;
    }
    if (p.range.family === 4 && !PRIVATE.some((r) => rangeContains(r, p.range))) {
      problems.push('is not a private range');
      level ??= 'warning';
    }
    if (!problems.length) continue;
    const overlap = related.length > 0;
    const hint = `Use a private range${tooSmall ? ` of /${minimum} or larger` : ''}${overlap ? ' that no connected network uses' : ''}.`;
    context.report({ at: p.at, level, related, message: `Point-to-site pool ${p.range.text} of gateway ${gateway.label} ${listOf(problems)}.`, hint });
  }
}

/** Local network gateways declared here and connected to this gateway by a connection. */
function connectedLocalGateways(context: RuleContext, gateway: Gateway): ModelResource[] {
  const out = new Set<ModelResource>();
  for (const c of connectionsOf(context.model)) {
    if (c.gateway('virtualNetworkGateway1')?.resource !== gateway.resource) continue;
    const lng = c.localGateway;
    if (lng) out.add(lng);
  }
  return [...out];
}

function checkProtocols(context: RuleContext, gateway: Gateway): void {
  if (gateway.family !== 'Vpn') return;
  const sku = gateway.text('sku', 'name');
  const facts = sku === undefined ? undefined : vpnSkuFacts(sku);

  const protocols = items(gateway, 'vpnClientProtocols');
  for (const p of protocols) {
    const canonical = canonicalValue(p2sProtocols(), p.value);
    if (!canonical)
      context.report({ at: p.at, message: `Gateway ${gateway.label} asks for point-to-site protocol '${p.value}', which Azure does not know.`, hint: `Use ${p2sProtocols().map((x) => `'${x}'`).join(', ')}.` });
    else if (facts && !facts.p2sProtocols.includes(canonical))
      context.report({
        at: p.at,
        message: `Gateway ${gateway.label} has SKU '${sku}', which offers ${facts.p2sProtocols.join(', ')} for point-to-site, not ${canonical}.`,
        hint: `Remove ${canonical}, or use a VpnGw1AZ or larger SKU.`,
      });
  }

  const known = protocolsKnown(gateway);
  const offered = new Set(protocols.map((p) => canonicalValue(p2sProtocols(), p.value)));
  for (const a of items(gateway, 'vpnAuthenticationTypes')) {
    const canonical = canonicalValue(p2sAuthTypes(), a.value);
    if (!canonical) {
      context.report({ at: a.at, message: `Gateway ${gateway.label} asks for point-to-site authentication '${a.value}', which Azure does not know.`, hint: `Use ${p2sAuthTypes().map((x) => `'${x}'`).join(', ')}.` });
      continue;
    }
    if (facts && !facts.p2sAuthTypes.includes(canonical)) {
      context.report({
        at: a.at,
        message: `Gateway ${gateway.label} has SKU '${sku}', which offers ${facts.p2sAuthTypes.map(authName).join(', ')} authentication for point-to-site, not ${authName(canonical)}.`,
        hint: 'Remove it, or use a VpnGw1AZ or larger SKU.',
      });
      continue;
    }
    const needs = p2sProtocolsForAuthType(canonical);
    if (known && protocols.length && needs && !needs.some((p) => offered.has(p)))
      context.report({
        at: a.at,
        message: `Gateway ${gateway.label} uses ${authName(canonical)} authentication, which needs ${needs.join(' or ')}, but vpnClientProtocols lists ${protocols.map((p) => p.value).join(', ')}.`,
        hint: `Add ${needs.join(' or ')} to vpnClientProtocols.`,
      });
  }
}

/** True when vpnClientProtocols is a fully known list. */
function protocolsKnown(gateway: Gateway): boolean {
  const list = gateway.prop(CONFIG, 'vpnClientProtocols').value;
  return Array.isArray(list) && list.every((v) => typeof v === 'string');
}

/** The known string items of a list under vpnClientConfiguration, located. */
function items(gateway: Gateway, property: string): { at: ReturnType<Gateway['prop']>; value: string }[] {
  const list = gateway.prop(CONFIG, property).value;
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, i) => {
    const at = gateway.prop(CONFIG, property, i);
    return typeof at.value === 'string' ? [{ at, value: at.value }] : [];
  });
}

/** ` 'name'` of a resource for messages (see resourceName). */
function named(resource: ModelResource): string {
  return ` ${labelOf(resource)}`;
}

function authName(type: string): string {
  return type === 'AAD' ? 'Microsoft Entra ID (AAD)' : type === 'Radius' ? 'RADIUS' : 'certificate';
}
