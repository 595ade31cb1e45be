import type { Level, RelatedLocation } from '../src/core/diagnostic.js';
import type { Clock } from '../src/engine/clock.js';
import { systemClock } from '../src/engine/clock.js';
import { asUsed } from '../src/model/locate.js';
import { defineRule } from '../src/engine/rule.js';
import type { Finding, Rule, RuleContext } from '../src/engine/rule.js';
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
import type { GatewayIpConfig } from '../src/model/gateway.js';
import { parseIdTarget, resourceById, resourcesById } from '../src/model/lookup.js';
import { GATEWAY, nameKey } from '../src/model/network.js';
import type { ModelResource } from '../src/model/resource.js';
import { isCertainlyDeclared } from '../src/model/resource.js';

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
      summary: "The public IPs of a gateway's ip configurations: no Basic SKU, no Dynamic allocation, no zones on a non-AZ SKU, one ip configuration each.",
      description:
        "Follows each ip configuration's publicIPAddress.id to the public IP declared in the templates. ExpressRoute gateways and VPN availability-zone SKUs need a Standard, Static public IP (error on Basic or Dynamic); a Standard public IP must be Static (error). Basic public IPs are retired (deadline for VPN gateways: end of June 2026): warning on the Basic VPN SKU, where sources disagree whether Basic still needs a Basic public IP, and on non-AZ VPN SKUs, which only exist as older gateways. Dynamic allocation is being phased out (warning). A Standard public IP without zones on an AZ SKU is not reported: Azure then spreads the gateway over zones. Zones on the public IP of a non-AZ VPN SKU (VpnGw1-5, legacy Standard/HighPerformance) are rejected (error); one public IP used by two ip configurations, of one gateway or two, is an error; a public IP given to an ExpressRoute gateway is info: Azure assigns new ExpressRoute gateways their own public IP.",
      level: 'error',
      levels: ['error', 'warning', 'info'],
      category: 'gateway',
      types: [GATEWAY],
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
      // The public IP each ip configuration's id names, when declared once: sharedPublicIps keys it without reading the id again.
      const resolved = new Map<GatewayIpConfig, ModelResource>();
      // Ids that name several declarations (two public IPs given one name, by a parameters file say).
      const twice = new Map<GatewayIpConfig, number>();
      for (const gateway of gatewaysOf(context.network)) {
        const need = needOf(gateway);
        for (const config of gateway.ipConfigs) {
          const named = resourcesById(context.model, config.publicIpId.value).filter((r) => r.typeLower === PUBLIC_IP);
          if (named.length === 1) resolved.set(config, named[0]);
          else if (named.length > 1) twice.set(config, named.length);
          // Each declaration the id may name is judged: Azure deploys one of them, whichever it is.
          for (const pip of named) {
            const name = () => describeResource('public IP', pip);
            const related = (): RelatedLocation[] => [usedBy(gateway, config)];
            const skuAt = pip.get(['sku', 'name']);
            const sku = typeof skuAt.value === 'string' ? canonicalValue(publicIpSkuNames(), skuAt.value) : undefined;
            if (sku === 'Basic') add(pip, 'sku', { at: skuAt, related: related(), ...orRemoved(gateway, basicSku(gateway, need, name(), now)) });
            if (need === 'older-vpn') zonesOnNonAzSku(context, gateway, config, pip);
            const methodAt = pip.get(['properties', 'publicIPAllocationMethod']);
            const method = typeof methodAt.value === 'string' ? canonicalValue(ipAllocationMethods(), methodAt.value) : undefined;
            if (method === 'Dynamic') add(pip, 'allocation', { at: methodAt, related: related(), ...orRemoved(gateway, dynamic(gateway, need, name(), sku === 'Standard')) });
          }
        }
      }
      for (const own of findings.values()) for (const finding of own.values()) context.report(finding);
      sharedPublicIps(context, resolved, twice);
      // A public IP reported above already says to remove it from a new ExpressRoute gateway.
      expressRoutePublicIps(context, (config) => {
        const pip = resolved.get(config);
        return pip !== undefined && findings.has(pip);
      });
    },
  });
}

export default gatewayPublicIp();

/** Zones on the public IP of a non-AZ VPN SKU: Azure rejects them (Azure-Landing-Zones#1728). */
function zonesOnNonAzSku(context: RuleContext, gateway: Gateway, config: GatewayIpConfig, pip: ModelResource): void {
  const zones = pip.get(['zones']);
  if (!Array.isArray(zones.value) || zones.value.length === 0) return;
  context.report({
    at: zones,
    related: [{ span: gateway.skuName.node.span, message: `The SKU of ${gateway.named()}.` }, usedBy(gateway, config)],
    message: `${capitalize(describeResource('public IP', pip))} has zones, which Azure rejects on ${gateway.named()}'s non-AZ SKU '${gateway.text('sku', 'name')}'.`,
    hint: 'Remove zones, or use an AZ SKU.',
  });
}

/**
 * One public IP per ip configuration: the same public IP in two ip configurations, of one gateway or of
 * two, is reported on the second. Only gateways that are certainly deployed count (conditional ones are
 * often alternatives), and only fully known ids.
 */
function sharedPublicIps(context: RuleContext, resolved: ReadonlyMap<GatewayIpConfig, ModelResource>, twice: ReadonlyMap<GatewayIpConfig, number>): void {
  const first = new Map<string, { gateway: Gateway; config: GatewayIpConfig }>();
  const gateways = new Set<string>();
  for (const gateway of gatewaysOf(context.network)) {
    const resource = gateway.resource;
    const id = resource.idKey;
    if (!isCertainlyDeclared(resource) || resource.existing || (id !== undefined && gateways.has(id))) continue;
    if (id !== undefined) gateways.add(id);
    for (const config of gateway.ipConfigs) {
      const key = publicIpKey(config, resolved.get(config));
      if (key === undefined || key.includes('\u0000')) continue;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, { gateway, config });
        continue;
      }
      const where = earlier.gateway === gateway ? `ipConfigurations[${earlier.config.index}]` : `${earlier.gateway.named()}`;
      // Two declarations of one name are one public IP to Azure, which the user may not see in the templates.
      const declared = twice.get(config);
      const sameName = declared ? `: ${declared} public IPs are declared with that name` : '';
      context.report({
        at: asUsed(config.publicIpId),
        related: [usedBy(earlier.gateway, earlier.config)],
        message: `Public IP '${writtenName(config)}' of ${gateway.named()}, ipConfigurations[${config.index}], is already used by ${where}${sameName}.`,
        hint: sameName ? 'Give each public IP its own name.' : 'Give each ip configuration its own public IP.',
      });
    }
  }
}

/**
 * The comparison key of the full name of the public IP an ip configuration's id names; undefined when the
 * id names no public IP. `pip`, the public IP the id was found to name, was found by that key.
 */
function publicIpKey(config: GatewayIpConfig, pip: ModelResource | undefined): string | undefined {
  if (pip) return nameKey(pip.name);
  const target = parseIdTarget(config.publicIpId.value);
  return target?.type === PUBLIC_IP ? target.nameKey : undefined;
}

/**
 * Since about Aug 2025 Azure gives a new ExpressRoute gateway a public IP of its own; a public IP in the
 * template is at best ignored (one report says creation failed). An existing gateway keeps the one it has.
 */
function expressRoutePublicIps(context: RuleContext, reported: (config: GatewayIpConfig) => boolean): void {
  for (const gateway of gatewaysOf(context.network)) {
    if (!isNewExpressRoute(gateway)) continue;
    for (const config of gateway.ipConfigs) {
      if (reported(config)) continue;
      const id = config.publicIpId.value;
      if (!(typeof id === 'string' && id !== '') && !resourceById(context.model, id)) continue;
      context.report({
        at: asUsed(config.publicIpId),
        level: 'info',
        message: `${capitalize(gateway.named('ExpressRoute gateway'))} is given a public IP; Azure assigns new ExpressRoute gateways their own.`,
        hint: 'Remove it unless the gateway already has it.',
      });
    }
  }
}

function usedBy(gateway: Gateway, config: GatewayIpConfig): RelatedLocation {
  return { span: config.publicIpId.property.span, message: `Used by ${gateway.named()}, ipConfigurations[${config.index}].` };
}

/** The public IP's name as the id writes it (the comparison key is lower-cased). */
function writtenName(config: GatewayIpConfig): string {
  return String(config.publicIpId.value).split('/').pop() ?? '';
}

type Verdict = { level: Level; message: string; hint: string };

function isNewExpressRoute(gateway: Gateway): boolean {
  return gateway.family === 'ExpressRoute' && !gateway.resource.existing;
}

/** A new ExpressRoute gateway gets a public IP from Azure: the first fix is to give it none. */
function orRemoved(gateway: Gateway, verdict: Verdict): Verdict {
  if (!isNewExpressRoute(gateway)) return verdict;
  const fix = verdict.hint.charAt(0).toLowerCase() + verdict.hint.slice(1, -1);
  return { ...verdict, hint: `Drop it from a new gateway, or ${fix} on an existing one.` };
}

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
