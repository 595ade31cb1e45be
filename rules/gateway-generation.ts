import { defineRule } from '../src/engine/rule.js';
import { replaceStringLiteral } from '../src/engine/fixes.js';
import { canonicalSku, canonicalValue, generations, isAzSku, vpnSkuGenerations, vpnSkus } from '../src/knowledge/gateway.js';
import { capitalize, gatewaysOf } from '../src/model/gateway.js';
import { GATEWAY } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'gateway-generation',
    summary: "A VPN gateway's vpnGatewayGeneration must be one its SKU offers.",
    description:
      'Basic and VpnGw1(AZ) exist only as Generation1, VpnGw2-3(AZ) as Generation1 or Generation2, VpnGw4-5(AZ) only as Generation2; Azure rejects any other pairing. Resizing is only possible within a generation, and moving from Generation1 to Generation2 means recreating the gateway. Only VPN gateways with a known SKU and generation are checked; the legacy Standard and HighPerformance SKUs, for which no table gives generations, are skipped.',
    level: 'error',
    category: 'gateway',
    types: [GATEWAY],
    fixable: true,
  },
  check(context) {
    for (const gateway of gatewaysOf(context.network)) {
      if (gateway.family !== 'Vpn') continue;
      const sku = gateway.text('sku', 'name');
      const written = gateway.text('vpnGatewayGeneration');
      if (sku === undefined || written === undefined) continue;
      const generation = canonicalValue(generations(), written);
      const allowed = vpnSkuGenerations(sku);
      if (!generation || generation === 'None' || !allowed || allowed.includes(generation)) continue;
      const at = gateway.prop('vpnGatewayGeneration');
      const only = allowed.length === 1;
      context.report({
        at,
        message: `${capitalize(gateway.named())} is ${generation}, but SKU ${canonicalSku(sku)} is ${allowed.join(' or ')}${only ? ' only' : ''}.`,
        hint: `Set it to '${allowed[allowed.length - 1]}', or use a ${generation} SKU such as ${skusOf(generation)[0]}.`,
        fix: only ? replaceStringLiteral(at.property, allowed[0], `Set vpnGatewayGeneration to '${allowed[0]}'`) : undefined,
      });
    }
  },
});

/** The availability-zone VPN SKUs, the ones new gateways use, offered in a generation. */
function skusOf(generation: 'Generation1' | 'Generation2'): string[] {
  return vpnSkus().filter((sku) => isAzSku(sku) && vpnSkuGenerations(sku)?.includes(generation));
}
