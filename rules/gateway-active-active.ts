import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { canonicalSku, canonicalValue, vpnSkuFacts, vpnTypes } from '../src/knowledge/gateway.js';
import type { Gateway } from '../src/model/gateway.js';
import { capitalize, gatewaysOf } from '../src/model/gateway.js';
import { GATEWAY } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'gateway-active-active',
    summary: 'An active-active VPN gateway needs a route-based SKU that supports it, and two ip configurations (three with point-to-site).',
    description:
      'activeActive is not available on the Basic SKU (nor on the legacy Standard SKU) and needs vpnType RouteBased. Azure rejects an active-active gateway without exactly two ipConfigurations (ActiveActiveGatewayMustHaveExactlyTwoIpConfigurations), or exactly three when it also has a point-to-site vpnClientConfiguration (ActiveActiveP2SGatewayMustHaveExactlyThreeIpConfigurations).',
    level: 'error',
    category: 'gateway',
    types: [GATEWAY],
  },
  check(context) {
    for (const gateway of gatewaysOf(context.network)) {
      if (gateway.flag('activeActive') !== true || gateway.family !== 'Vpn') continue;
      if (!checkSkuAndType(context, gateway)) checkIpConfigurations(context, gateway);
    }
  },
});

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
