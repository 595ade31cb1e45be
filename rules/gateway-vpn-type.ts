import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { canonicalSku, canonicalValue, vpnSkuFacts, vpnTypes } from '../src/knowledge/gateway.js';
import type { Gateway, PlacedGateway } from '../src/model/gateway.js';
import { capitalize, deployedGatewaysBySubnet, gatewaysOf, listOf } from '../src/model/gateway.js';
import { GATEWAY } from '../src/model/network.js';
import type { Connection } from '../src/model/connection.js';
import { connectionsOf } from '../src/model/connection.js';
import { isCertainlyDeclared } from '../src/model/resource.js';

export default defineRule({
  meta: {
    id: 'gateway-vpn-type',
    summary: 'A PolicyBased gateway must be Basic, with one site-to-site connection and no point-to-site, active-active, BGP or ExpressRoute coexistence.',
    description:
      'vpnType PolicyBased exists only on the Basic SKU (IKEv1, one site-to-site tunnel). Point-to-site (vpnClientConfiguration), active-active, BGP (enableBgp), several site-to-site connections (multi-site) and coexistence with an ExpressRoute gateway in the same VNet all need a RouteBased gateway. The VPN type cannot be changed after creation. Coexistence and multi-site count only gateways and connections deployed unconditionally.',
    level: 'error',
    category: 'gateway',
    types: [GATEWAY],
  },
  check(context) {
    const bySubnet = deployedGatewaysBySubnet(context.network);
    for (const gateway of gatewaysOf(context.network)) {
      if (gateway.family !== 'Vpn') continue;
      const vpnType = gateway.text('vpnType');
      if (vpnType === undefined || canonicalValue(vpnTypes(), vpnType) !== 'PolicyBased') continue;
      checkPolicyBased(context, gateway, coexisting(gateway, bySubnet));
    }
  },
});

/**
 * The site-to-site (IPsec) connections certainly deployed on a gateway, each once: a PolicyBased gateway
 * has one tunnel, so several sites need RouteBased (multi-site). Conditional ones are often alternatives.
 */
function siteToSiteConnections(context: RuleContext, gateway: Gateway): Connection[] {
  const seen = new Set<string>();
  return connectionsOf(context.model).filter((c) => {
    if (!isCertainlyDeclared(c.resource) || c.resource.existing || c.text('connectionType')?.toLowerCase() !== 'ipsec') return false;
    if (c.gateway('virtualNetworkGateway1')?.resource !== gateway.resource) return false;
    const key = c.resource.idKey;
    if (key === undefined) return true;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The ExpressRoute gateways deployed in the gateway subnet where this gateway is deployed. */
function coexisting(gateway: Gateway, bySubnet: ReadonlyMap<string, readonly PlacedGateway[]>): PlacedGateway[] {
  const lists = [...bySubnet.values()].filter((list) => list.some((p) => p.gateway.resource === gateway.resource));
  return lists.flat().filter((p) => p.gateway.family === 'ExpressRoute');
}

function checkPolicyBased(context: RuleContext, gateway: Gateway, expressRoute: PlacedGateway[]): void {
  const reasons: string[] = [];
  const related: RelatedLocation[] = [];
  const sku = gateway.text('sku', 'name');
  const facts = sku === undefined ? undefined : vpnSkuFacts(sku);
  if (facts && !facts.policyBased) {
    reasons.push(`SKU ${canonicalSku(sku!)}`);
    related.push({ span: gateway.skuName.node.span, message: 'The SKU.' });
  }
  const p2s = gateway.prop('vpnClientConfiguration');
  if (gateway.pointToSite === true) {
    reasons.push('point-to-site');
    related.push({ span: p2s.node.span, message: 'The point-to-site configuration.' });
  }
  const activeActive = gateway.prop('activeActive');
  if (gateway.flag('activeActive') === true) {
    reasons.push('active-active');
    related.push({ span: activeActive.node.span, message: 'activeActive is set.' });
  }
  const bgp = gateway.prop('enableBgp');
  if (gateway.flag('enableBgp') === true) {
    reasons.push('BGP');
    related.push({ span: bgp.node.span, message: 'enableBgp is set.' });
  }
  const sites = siteToSiteConnections(context, gateway);
  if (sites.length > 1) {
    reasons.push(`${sites.length} site-to-site connections`);
    for (const c of sites) related.push({ span: c.connectionType.node.span, message: `Connection ${c.label} uses this gateway.` });
  }
  if (expressRoute.length) {
    reasons.push('coexistence with an ExpressRoute gateway');
    for (const p of expressRoute) related.push({ span: p.config.subnetId.property.span, message: `${capitalize(p.gateway.named('ExpressRoute gateway'))} is placed in the same VNet here.` });
  }
  if (!reasons.length) return;
  context.report({
    at: gateway.prop('vpnType'),
    related,
    message: `${capitalize(gateway.named())} is PolicyBased, but ${listOf(reasons)} need${reasons.length === 1 && sites.length < 2 ? 's' : ''} RouteBased.`,
    hint: "Use vpnType 'RouteBased'; an existing gateway has to be recreated.",
  });
}

