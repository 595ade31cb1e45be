import type { Level, RelatedLocation } from '../src/core/diagnostic.js';
import type { Clock } from '../src/engine/clock.js';
import { systemClock } from '../src/engine/clock.js';
import { defineRule } from '../src/engine/rule.js';
import type { Finding, Rule } from '../src/engine/rule.js';
import {
  BASIC_PUBLIC_IP_RETIREMENT,
  canonicalSku,
  canonicalValue,
  formatMilestoneDate,
  ipAllocationMethods,
  isAzSku,
  milestoneTiming,
  publicIpSkuNames,
} from '../src/knowledge/gateway.js';
import type { Gateway } from '../src/model/gateway.js';
import { capitalize, describeResource, gatewaysOf } from '../src/model/gateway.js';
import { resourceById } from '../src/model/lookup.js';
import type { ModelResource } from '../src/model/resource.js';

const PUBLIC_IP = 'microsoft.network/publicipaddresses';
const RANK: Record<Level, number> = { info: 0, warning: 1, error: 2 };

/** What the gateway needs of its public IPs (§2.2, §2.8). */
type Need =
  /** ExpressRoute, or a VPN availability-zone SKU: a Standard (so Static) public IP, or Azure rejects it. */
  | 'standard-required'
  /** Basic VPN SKU: sources conflict on Basic vs Standard public IPs. */
  | 'basic-vpn'
  /** Non-AZ VPN SKUs (VpnGw1-5, legacy): only existing gateways, which keep older settings until migrated. */
  | 'older-vpn'
  /** Gateway type or SKU not known. */
  | 'unknown';

function needOf(gateway: Gateway): Need {
  const family = gateway.family;
  if (family === 'ExpressRoute') return 'standard-required';
  const sku = gateway.text('sku', 'name');
  const canonical = sku === undefined ? undefined : canonicalSku(sku);
  if (family !== 'Vpn' || canonical === undefined) return 'unknown';
  if (canonical === 'Basic') return 'basic-vpn';
  return isAzSku(canonical) ? 'standard-required' : 'older-vpn';
}

/** The rule, reading today's date from `clock` for the Basic public IP retirement dates. */
export function gatewayPublicIp(clock: Clock = systemClock): Rule {
  return defineRule({
    meta: {
      id: 'gateway-public-ip',
      summary: "The public IPs of a gateway's ip configurations: no Basic SKU, no Dynamic allocation.",
      description:
        "Follows each ip configuration's publicIPAddress.id to the public IP declared in the templates. ExpressRoute gateways and VPN availability-zone SKUs need a Standard, Static public IP (error on Basic or Dynamic); a Standard public IP must be Static (error). Basic public IPs are retired (deadline for VPN gateways: end of June 2026): warning on the Basic VPN SKU, where sources disagree whether Basic still needs a Basic public IP, and on non-AZ VPN SKUs, which only exist as older gateways. Dynamic allocation is being phased out (warning). A Standard public IP without zones on an AZ SKU is not reported: Azure then spreads the gateway over zones.",
      level: 'error',
      levels: ['error', 'warning'],
      category: 'gateway',
    },
    check(context) {
      const now = clock();
      // One finding per public IP and property, at the strictest level among the gateways that use it.
      const findings = new Map<ModelResource, Map<'sku' | 'allocation', Finding & { level: Level }>>();
      const add = (pip: ModelResource, what: 'sku' | 'allocation', finding: Finding & { level: Level }) => {
        const own = findings.get(pip) ?? new Map<'sku' | 'allocation', Finding & { level: Level }>();
        findings.set(pip, own);
        const known = own.get(what);
        if (!known) own.set(what, finding);
        else if (RANK[finding.level] > RANK[known.level]) own.set(what, { ...finding, related: [...(finding.related ?? []), ...(known.related ?? [])] });
        else known.related = [...(known.related ?? []), ...(finding.related ?? [])];
      };
      for (const gateway of gatewaysOf(context.network)) {
        const need = needOf(gateway);
        for (const config of gateway.ipConfigs) {
          const pip = resourceById(context.model, config.publicIpId.value);
          if (!pip || pip.typeLower !== PUBLIC_IP) continue;
          const name = describeResource('public IP', pip);
          const related = (): RelatedLocation[] => [{ span: config.publicIpId.node.span, message: `Used by ${gateway.named()}, ipConfigurations[${config.index}].` }];
          const skuAt = pip.get(['sku', 'name']);
          const sku = typeof skuAt.value === 'string' ? canonicalValue(publicIpSkuNames(), skuAt.value) : undefined;
          if (sku === 'Basic') add(pip, 'sku', { at: skuAt, related: related(), ...basicSku(gateway, need, name, now) });
          const methodAt = pip.get(['properties', 'publicIPAllocationMethod']);
          const method = typeof methodAt.value === 'string' ? canonicalValue(ipAllocationMethods(), methodAt.value) : undefined;
          if (method === 'Dynamic') add(pip, 'allocation', { at: methodAt, related: related(), ...dynamic(gateway, need, name, sku === 'Standard') });
        }
      }
      for (const own of findings.values()) for (const finding of own.values()) context.report(finding);
    },
  });
}

export default gatewayPublicIp();

type Verdict = { level: Level; message: string; hint: string };

function basicSku(gateway: Gateway, need: Need, pip: string, now: Date): Verdict {
  const { vpnGatewayDeadline } = BASIC_PUBLIC_IP_RETIREMENT;
  const hint = "Use sku.name 'Standard', Static.";
  const who = `${capitalize(pip)} of ${gateway.named(gateway.family === 'ExpressRoute' ? 'ExpressRoute gateway' : 'VPN gateway')}`;
  if (gateway.family === 'ExpressRoute') return { level: 'error', message: `${who} has the Basic SKU, which ExpressRoute gateways no longer accept.`, hint };
  if (need === 'standard-required') return { level: 'error', message: `${who} has the Basic SKU, but AZ SKU ${gateway.text('sku', 'name')} needs a Standard public IP.`, hint };
  // VPN gateways got a later deadline than other users of Basic public IPs; the history is on the docs page.
  const deadline = milestoneTiming(vpnGatewayDeadline.date, now) === 'past' ? 'retired' : 'retiring';
  return { level: 'warning', message: `${who} has the Basic SKU, ${deadline} for VPN gateways (end of ${formatMilestoneDate(vpnGatewayDeadline.date)}).`, hint };
}

function dynamic(gateway: Gateway, need: Need, pip: string, standard: boolean): Verdict {
  const who = `${capitalize(pip)} of ${gateway.named()}`;
  const hint = "Make it Static and 'Standard'.";
  if (standard) return { level: 'error', message: `${who} is a Standard public IP with Dynamic allocation; Standard ones must be Static.`, hint: "Set publicIPAllocationMethod to 'Static'." };
  if (need === 'standard-required') {
    const why = gateway.family === 'ExpressRoute' ? 'ExpressRoute' : `AZ SKU ${gateway.text('sku', 'name')}`;
    return { level: 'error', message: `${who} uses Dynamic allocation; ${why} needs Standard, Static.`, hint };
  }
  return { level: 'warning', message: `${who} uses Dynamic allocation, being phased out.`, hint };
}
