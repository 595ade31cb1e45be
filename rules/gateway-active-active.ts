import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { AZURE_DEFAULT_ASN, canonicalSku, canonicalValue, hasSpecialSubnetPlacement, nearMissOf, ROUTE_SERVER_SUBNET, specialSubnetPlacement, vpnSkuFacts, vpnTypes } from '../src/knowledge/gateway.js';
import type { Gateway } from '../src/model/gateway.js';
import { capitalize, deployedGatewaysBySubnet, gatewaysOf } from '../src/model/gateway.js';
import type { Network, SubnetRef } from '../src/model/network.js';
import { GATEWAY } from '../src/model/network.js';
import { isCertainlyDeclared } from '../src/model/resource.js';
import { nameSegments } from '../src/model/resource-id.js';

export default defineRule({
  meta: {
    id: 'gateway-active-active',
    summary: 'An active-active VPN gateway needs a route-based SKU that supports it, and two ip configurations (three with point-to-site).',
    description:
      'activeActive is not available on the Basic SKU (nor on the legacy Standard SKU) and needs vpnType RouteBased. Azure rejects an active-active gateway without exactly two ipConfigurations (ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations), or exactly three when it also has a point-to-site vpnClientConfiguration (ActiveActiveP2SGatewayMustHaveExactlyThreeIpConfigurations). A VPN gateway in a VNet with an Azure Route Server must be active-active with ASN 65515 to work with it (warning).',
    level: 'error',
    levels: ['error', 'warning'],
    category: 'gateway',
    types: [GATEWAY],
  },
  check(context) {
    for (const gateway of gatewaysOf(context.network)) {
      if (gateway.flag('activeActive') !== true || gateway.family !== 'Vpn') continue;
      if (!checkSkuAndType(context, gateway)) checkIpConfigurations(context, gateway);
    }
    checkBesideRouteServers(context);
  },
});

/**
 * "Azure VPN gateway must be configured in active-active mode and have the ASN set to 65515" to work with
 * Azure Route Server (Route Server FAQ): a VPN gateway deployed in a VNet with a Route Server is judged.
 */
function checkBesideRouteServers(context: RuleContext): void {
  const routeServers = routeServersByVnet(context.network);
  if (!routeServers.size) return;
  const seen = new Set<Gateway['resource']>();
  for (const placed of [...deployedGatewaysBySubnet(context.network).values()].flat()) {
    const routeServer = routeServers.get(placed.vnetKey);
    const gateway = placed.gateway;
    if (!routeServer || gateway.family !== 'Vpn' || seen.has(gateway.resource)) continue;
    seen.add(gateway.resource);
    const activeActive = gateway.prop('activeActive');
    const asn = gateway.prop('bgpSettings', 'asn').value;
    const notActive = activeActive.value === undefined || gateway.flag('activeActive') === false;
    const otherAsn = typeof asn === 'number' && asn !== AZURE_DEFAULT_ASN;
    if (!notActive && !otherAsn) continue;
    const problems = [...(notActive ? ['it is not active-active'] : []), ...(otherAsn ? [`its ASN is ${asn}`] : [])];
    const fixes = [...(notActive ? ['make it active-active (two ip configurations)'] : []), ...(otherAsn ? [`set its ASN to ${AZURE_DEFAULT_ASN}`] : [])];
    const name = nameSegments(routeServer.resource.name)[0];
    context.report({
      at: !notActive ? gateway.prop('bgpSettings', 'asn') : activeActive.value === undefined ? gateway.resource.reportNode : activeActive,
      level: 'warning',
      related: [{ span: routeServer.resource.get(routeServer.path).property.span, message: `Route Server${typeof name === 'string' ? ` '${name}'` : ''} is in the same VNet.` }],
      message: `${capitalize(gateway.named())} shares its VNet with a Route Server, which needs it active-active with ASN ${AZURE_DEFAULT_ASN}, but ${problems.join(' and ')}.`,
      hint: `${capitalize(fixes.join(' and '))}.`,
    });
  }
}

/** The Route Servers certainly deployed, by the VNet of their RouteServerSubnet. */
function routeServersByVnet(network: Network): Map<string, SubnetRef> {
  const out = new Map<string, SubnetRef>();
  for (const ref of network.refsFrom((r) => hasSpecialSubnetPlacement(r.typeLower))) {
    if (specialSubnetPlacement(ref.resource.type, ref.path)?.subnet !== ROUTE_SERVER_SUBNET) continue;
    const match = ref.subnetName === undefined ? undefined : nearMissOf(ref.subnetName, ROUTE_SERVER_SUBNET);
    if (ref.vnetKey === undefined || (match !== 'exact' && match !== 'case') || !isCertainlyDeclared(ref.resource)) continue;
    if (!out.has(ref.vnetKey)) out.set(ref.vnetKey, ref);
  }
  return out;
}

/** Reports a SKU or VPN type without active-active; true when it did. */
function checkSkuAndType(context: RuleContext, gateway: Gateway): boolean {
  const sku = gateway.text('sku', 'name');
  const facts = sku === undefined ? undefined : vpnSkuFacts(sku);
  const vpnType = gateway.text('vpnType');
  const policyBased = vpnType !== undefined && canonicalValue(vpnTypes(), vpnType) === 'PolicyBased';
  const reasons: string[] = [];
  if (facts && !facts.activeActive) {
    const canonical = canonicalSku(sku!);
    reasons.push(`SKU ${canonical} does not support it`);
  }
  if (policyBased) reasons.push('it needs RouteBased, not PolicyBased');
  if (!reasons.length) return false;
  context.report({
    at: gateway.prop('activeActive'),
    message: `${capitalize(gateway.named())} sets activeActive, but ${reasons.join(', and ')}.`,
    hint: 'Set activeActive to false, or use a RouteBased gateway with a VpnGw1AZ or larger SKU.',
  });
  return true;
}

function checkIpConfigurations(context: RuleContext, gateway: Gateway): void {
  const configs = gateway.prop('ipConfigurations');
  if (!Array.isArray(configs.value)) return;
  const count = configs.value.length;
  const p2s = gateway.pointToSite;
  const expected = p2s === true ? 3 : p2s === false ? 2 : undefined;
  if (expected === undefined) {
    if (count === 2 || count === 3) return;
    context.report({
      at: configs,
      message: `${capitalize(gateway.named('active-active gateway'))} has ${configurations(count)}; Azure requires two, or three with point-to-site.`,
      hint: 'Give each instance its own ip configuration and public IP.',
    });
    return;
  }
  if (count === expected) return;
  const who = capitalize(gateway.named('active-active gateway'));
  if (expected === 3)
    context.report({
      at: configs,
      message: `${who} has point-to-site and ${configurations(count)}; Azure requires exactly three.`,
      hint: 'Add a third ip configuration with its own public IP for the clients.',
    });
  else
    context.report({
      at: configs,
      message: `${who} has ${configurations(count)}; Azure requires two, one per instance.`,
      hint: `${count < 2 ? 'Add a second one' : 'Keep two'}, or set activeActive to false.`,
    });
}

function configurations(count: number): string {
  return `${count} ip configuration${count === 1 ? '' : 's'}`;
}
