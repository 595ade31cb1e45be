import type { Clock } from '../src/engine/clock.js';
import { systemClock } from '../src/engine/clock.js';
import { defineRule } from '../src/engine/rule.js';
import type { Rule } from '../src/engine/rule.js';
import type { PolicyRef } from '../src/core/diagnostic.js';
import { auditedAsNotZoneRedundant, effectiveTier, GATEWAY_ZONE_REDUNDANT, policyRef } from '../src/knowledge/azure-policy.js';
import { canonicalSku, formatMilestoneDate, milestoneTiming, skuRetirement } from '../src/knowledge/gateway.js';
import type { Milestone, SkuRetirement } from '../src/knowledge/gateway.js';
import { capitalize, gatewaysOf } from '../src/model/gateway.js';
import { GATEWAY } from '../src/model/network.js';

/**
 * The rule, reading today's date from `clock`: messages say "retired on …" once a date has passed and
 * "retires on …" before it, so they stay true as time goes by. The default export uses the system clock.
 */
export function gatewayLegacySku(clock: Clock = systemClock): Rule {
  return defineRule({
    meta: {
      id: 'gateway-legacy-sku',
      summary: 'A gateway SKU that is retired, retiring or no longer creatable: legacy VPN Standard/HighPerformance, non-AZ VpnGw1-5, non-AZ ExpressRoute.',
      description:
        'The legacy VPN SKUs Standard and HighPerformance cannot be created since late 2023 and are retired (the date moved from Sep 2025 to Mar 2026; Azure migrates remaining gateways automatically after Jun 2026). The non-AZ VPN SKUs VpnGw1-5 cannot be created since 2025 and retire in Sep 2026 (sources give Sep 16 and Sep 30). The non-AZ ExpressRoute SKUs Standard, HighPerformance and UltraPerformance have no retirement date, but Microsoft recommends migrating to ErGw1AZ-3AZ or ErGwScale (info). Dates come from the knowledge data and are phrased against today\'s date.',
      level: 'warning',
      levels: ['warning', 'info'],
      category: 'gateway',
      types: [GATEWAY],
      policies: [policyRef(GATEWAY_ZONE_REDUNDANT)],
    },
    check(context) {
      const now = clock();
      for (const gateway of gatewaysOf(context.network)) {
        const family = gateway.family;
        const sku = gateway.text('sku', 'name');
        if (family === undefined || sku === undefined) continue;
        const entry = skuRetirement(sku, family);
        if (!entry) continue;
        const kind = family === 'Vpn' ? 'VPN' : 'ExpressRoute';
        const written = canonicalSku(sku) ?? sku;
        const policy = zonePolicy(gateway.prop('sku', 'tier').value, sku);
        if (family === 'ExpressRoute') {
          context.report({
            at: gateway.skuName,
            level: 'info',
            policy,
            message: `${capitalize(gateway.named('ExpressRoute gateway'))} uses non-AZ SKU '${written}'.`,
            hint: `Microsoft recommends ${targets(entry)}.`,
          });
          continue;
        }
        context.report({
          at: gateway.skuName,
          policy,
          message: `${capitalize(gateway.named(`${kind} gateway`))} uses SKU '${written}', ${status(entry, now)}.`,
          hint: `Use ${targets(entry)} (sku.name and sku.tier).`,
        });
      }
    },
  });
}

export default gatewayLegacySku();

/** The zone-redundancy policy, when it audits this tier (a tier written apart from the name decides). */
function zonePolicy(tier: unknown, name: string): PolicyRef | undefined {
  return auditedAsNotZoneRedundant(effectiveTier(tier, name)) ? policyRef(GATEWAY_ZONE_REDUNDANT) : undefined;
}

function targets(entry: SkuRetirement): string {
  return [entry.migrateTo, ...(entry.alternatives ?? [])].map((s) => `'${s}'`).join(' or ');
}

/**
 * Where the SKU stands today, in a few words: the retirement date in force (the latest the sources give),
 * or since when it cannot be created. The full timeline, with the sources that disagree, is on the docs page.
 */
function status(entry: SkuRetirement, now: Date): string {
  const of = (event: Milestone['event']) => entry.milestones.filter((m) => m.event === event);
  const retirement = of('retirement').sort((a, b) => a.date.localeCompare(b.date)).pop();
  const blocked = of('creation-blocked')[0];
  const blockedPast = blocked !== undefined && milestoneTiming(blocked.date, now) !== 'future';
  if (retirement) {
    const timing = milestoneTiming(retirement.date, now);
    if (timing === 'past') return `retired ${on(retirement.date)}`;
    if (timing === 'current') return `being retired ${on(retirement.date)}`;
    return `${blockedPast ? 'no longer creatable and ' : ''}retiring ${on(retirement.date)}`;
  }
  if (blocked) return `${blockedPast ? 'no longer creatable since' : 'no longer creatable from'} ${formatMilestoneDate(blocked.date)}`;
  return 'a legacy SKU';
}

/** `on Sep 30, 2026` or `in Mar 2026`. */
function on(date: string): string {
  return `${date.length === 7 ? 'in' : 'on'} ${formatMilestoneDate(date)}`;
}
