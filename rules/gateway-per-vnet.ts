import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { canonicalSku, canonicalValue, vpnSkuFacts, vpnTypes } from '../src/knowledge/gateway.js';
import type { PlacedGateway } from '../src/model/gateway.js';
import { capitalize, deployedGatewaysBySubnet } from '../src/model/gateway.js';
import type { Located } from '../src/model/locate.js';
import { asUsed } from '../src/model/locate.js';
import type { Network } from '../src/model/network.js';
import { nameKey, GATEWAY } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'gateway-per-vnet',
    summary: 'One VPN gateway and one ExpressRoute gateway per VNet; coexistence needs route-based VPN above Basic and no IPv6.',
    description:
      'A VNet holds at most one VPN gateway and one ExpressRoute gateway. A second VPN gateway is an error. Two ExpressRoute gateways exist only while an ExpressRoute gateway is migrated (warning); a third fails with MaxGatewayCountInVnetReached (error). A VPN gateway and an ExpressRoute gateway may coexist, but not when the VPN gateway is Basic or PolicyBased, nor in a dual-stack (IPv4 and IPv6) VNet. Only gateways deployed unconditionally are counted: gateways with a condition are often alternatives.',
    level: 'error',
    levels: ['error', 'warning'],
    category: 'gateway',
    types: [GATEWAY],
  },
  check(context) {
    for (const placed of deployedGatewaysBySubnet(context.network).values()) {
      // Every finding needs two gateways in the subnet: a lone gateway's family is not read.
      if (placed.length < 2) continue;
      const vpn = placed.filter((p) => p.gateway.family === 'Vpn');
      const expressRoute = placed.filter((p) => p.gateway.family === 'ExpressRoute');
      checkVpnCount(context, vpn);
      checkExpressRouteCount(context, expressRoute);
      if (vpn.length && expressRoute.length) checkCoexistence(context, placed[0].vnetKey, vpn, expressRoute);
    }
  },
});

function placedHere(p: PlacedGateway, what: string): RelatedLocation {
  return { span: p.config.subnetId.property.span, message: `${capitalize(p.gateway.named(what))} is placed in the same VNet here.` };
}

function checkVpnCount(context: RuleContext, vpn: PlacedGateway[]): void {
  for (const extra of vpn.slice(1))
    context.report({
      at: asUsed(extra.config.subnetId),
      related: [placedHere(vpn[0], 'VPN gateway')],
      message: `${capitalize(extra.gateway.named('VPN gateway'))} is a second VPN gateway in this VNet (with ${vpn[0].gateway.named()}).`,
      hint: 'Use one gateway with several connections.',
    });
}

function checkExpressRouteCount(context: RuleContext, expressRoute: PlacedGateway[]): void {
  expressRoute.slice(1).forEach((extra, i) => {
    const related = [placedHere(expressRoute[0], 'ExpressRoute gateway')];
    if (i === 0)
      context.report({
        at: asUsed(extra.config.subnetId),
        level: 'warning',
        related,
        message: `${capitalize(extra.gateway.named('ExpressRoute gateway'))} is a second ExpressRoute gateway in this VNet (with ${expressRoute[0].gateway.named()}), allowed only during a SKU migration.`,
        hint: 'Remove one when the migration is done.',
      });
    else
      context.report({
        at: asUsed(extra.config.subnetId),
        related,
        message: `${capitalize(extra.gateway.named('ExpressRoute gateway'))} is ExpressRoute gateway number ${i + 2} in this VNet; Azure allows at most two (MaxGatewayCountInVnetReached).`,
        hint: 'Remove it or put it in another VNet.',
      });
  });
}

function checkCoexistence(context: RuleContext, vnetKey: string, vpn: PlacedGateway[], expressRoute: PlacedGateway[]): void {
  const er = expressRoute[0];
  const later = (a: PlacedGateway, b: PlacedGateway) => (context.model.resources.indexOf(a.gateway.resource) > context.model.resources.indexOf(b.gateway.resource) ? a : b);
  for (const v of vpn) {
    const reasons: string[] = [];
    const related: RelatedLocation[] = [];
    const sku = v.gateway.text('sku', 'name');
    const facts = sku === undefined ? undefined : vpnSkuFacts(sku);
    if (facts && !facts.coexistence) {
      reasons.push(`SKU ${canonicalSku(sku!)} does not support it`);
      related.push({ span: v.gateway.skuName.node.span, message: `SKU of ${v.gateway.named('VPN gateway')}.` });
    }
    const vpnType = v.gateway.text('vpnType');
    if (vpnType !== undefined && canonicalValue(vpnTypes(), vpnType) === 'PolicyBased') {
      reasons.push('it needs RouteBased, not PolicyBased');
      related.push({ span: v.gateway.prop('vpnType').node.span, message: `VPN type of ${v.gateway.named('VPN gateway')}.` });
    }
    if (!reasons.length) continue;
    const at = later(v, er);
    const other = at === v ? er : v;
    context.report({
      at: asUsed(at.config.subnetId),
      related: [placedHere(other, other === er ? 'ExpressRoute gateway' : 'VPN gateway'), ...related],
      message: `${capitalize(v.gateway.named('VPN gateway'))} and ${er.gateway.named('ExpressRoute gateway')} share a VNet, but ${reasons.join(', and ')}.`,
      hint: 'Use a RouteBased VpnGw1AZ or larger, or separate VNets.',
    });
  }
  const ipv6 = ipv6Prefix(context.network, vnetKey, [...vpn, ...expressRoute]);
  if (ipv6) {
    const at = later(vpn[0], er);
    const other = at === er ? vpn[0] : er;
    context.report({
      at: asUsed(at.config.subnetId),
      related: [placedHere(other, other === er ? 'ExpressRoute gateway' : 'VPN gateway'), { span: ipv6.node.span, message: 'IPv6 address space of the VNet.' }],
      message: `${capitalize(vpn[0].gateway.named('VPN gateway'))} and ${er.gateway.named('ExpressRoute gateway')} share a dual-stack VNet (IPv6 ${String(ipv6.value)}), where they cannot coexist.`,
      hint: 'Keep the VNet IPv4-only, or separate VNets.',
    });
  }
}

/** An IPv6 prefix of the VNet's address space (or, when the VNet is not declared, of the gateways' subnets). */
function ipv6Prefix(network: Network, vnetKey: string, placed: PlacedGateway[]): Located | undefined {
  const isIpv6 = (l: Located) => typeof l.value === 'string' && l.value.includes(':');
  const vnets = network.vnetsNamed(vnetKey);
  if (vnets.length === 1) {
    const list = vnets[0].get(['properties', 'addressSpace', 'addressPrefixes']);
    if (Array.isArray(list.value))
      for (let i = 0; i < list.value.length; i++) {
        const prefix = vnets[0].get(['properties', 'addressSpace', 'addressPrefixes', i]);
        if (isIpv6(prefix)) return prefix;
      }
    return undefined;
  }
  for (const p of placed)
    for (const subnet of p.gateway.subnets(network))
      if (nameKey(subnet.vnetName) === vnetKey) for (const prefix of subnet.prefixes()) if (isIpv6(prefix)) return prefix;
  return undefined;
}
