import type { Clock } from '../src/engine/clock.js';
import { systemClock } from '../src/engine/clock.js';
import { defineRule } from '../src/engine/rule.js';
import type { Rule } from '../src/engine/rule.js';
import type { PolicyRef } from '../src/core/diagnostic.js';
import { auditedAsNotZoneRedundant, effectiveTier, GATEWAY_ZONE_REDUNDANT, policyRef } from '../src/knowledge/azure-policy.js';
import { canonicalSku, formatMilestoneDate, milestoneTiming, skuRetirement } from '../src/knowledge/gateway.js';
import type { Milestone, SkuRetirement } from '../src/knowledge/gateway.js';
import { capitalize, gatewaysOf } from '../src/model/gateway.js';

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
      category: 'gateway',
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
            message: `${capitalize(gateway.named('ExpressRoute gateway'))} uses '${written}', a SKU without availability zones. No retirement date is announced, but Microsoft recommends moving to ${targets(entry)}: '${entry.migrateTo}' has the same circuit limit and spreads its instances over availability zones. Choose it for a new gateway; an existing one moves between non-AZ and AZ SKUs only through Azure's gateway migration or by being recreated.`,
          });
          continue;
        }
        context.report({
          at: gateway.skuName,
          policy,
          message: `${capitalize(gateway.named(`${kind} gateway`))} uses the SKU '${written}': ${timeline(entry, now)}. Use ${targets(entry)} (sku.name and sku.tier); an existing gateway cannot be resized from a non-AZ to an AZ SKU in place, it moves through Azure's SKU migration.`,
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

/** The milestones of an entry as one clause, each phrased by whether its date has passed. */
function timeline(entry: SkuRetirement, now: Date): string {
  const of = (event: Milestone['event']) => entry.milestones.filter((m) => m.event === event);
  const parts: string[] = [];
  const blocked = of('creation-blocked');
  if (blocked.length) {
    const [first, ...others] = blocked;
    const past = milestoneTiming(first.date, now) !== 'future';
    parts.push(`${past ? 'new gateways cannot be created with it since' : 'new gateways can no longer be created with it from'} ${formatMilestoneDate(first.date)}${alsoGiven(others)}`);
  }
  const migration = of('migration')[0];
  if (migration?.until) {
    const timing = milestoneTiming(migration.until, now);
    const start = formatMilestoneDate(migration.date);
    const end = formatMilestoneDate(migration.until);
    if (timing === 'past') parts.push(`Azure's migration window ran from ${start} to ${end}`);
    else if (milestoneTiming(migration.date, now) === 'future') parts.push(`Azure's migration window runs from ${start} to ${end}`);
    else parts.push(`Azure's migration window is open until ${end}`);
  }
  const retirements = of('retirement');
  if (retirements.length) {
    // The sources moved these dates later over time, so the latest one is the date in force.
    const sorted = [...retirements].sort((a, b) => a.date.localeCompare(b.date));
    const last = sorted[sorted.length - 1];
    const past = milestoneTiming(last.date, now) === 'past';
    const current = milestoneTiming(last.date, now) === 'current';
    const verb = past ? 'it was retired' : current ? 'it is being retired' : 'it retires';
    parts.push(`${verb} ${on(last.date)}${alsoGiven(sorted.slice(0, -1))}`);
  }
  const auto = of('auto-migration')[0];
  if (auto) {
    const past = milestoneTiming(auto.date, now) === 'past';
    parts.push(past ? `since the end of ${formatMilestoneDate(auto.date)} Azure attempts to migrate remaining gateways automatically` : `after ${formatMilestoneDate(auto.date)} Azure will attempt to migrate remaining gateways automatically`);
  }
  return parts.join('; ');
}

/** `on Sep 30, 2026` or `in Mar 2026`. */
function on(date: string): string {
  return `${date.length === 7 ? 'in' : 'on'} ${formatMilestoneDate(date)}`;
}

/** Where sources disagree: ` (sources also give Feb 28, 2026 and Mar 2026)`. */
function alsoGiven(others: readonly Milestone[]): string {
  if (!others.length) return '';
  const dates = others.map((m) => formatMilestoneDate(m.date));
  const list = dates.length === 1 ? dates[0] : `${dates.slice(0, -1).join(', ')} and ${dates[dates.length - 1]}`;
  return ` (Microsoft's sources also give ${list})`;
}
