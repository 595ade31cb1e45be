import { canonicalValue } from './enums.js';
import type { ExpressRouteSku, GatewayFamily, GatewaySku, VpnSku } from './gateway-types.js';

/**
 * Retirement data for the `gateway-legacy-sku` rule (gateway-facts.md §2.2). Microsoft has moved these
 * dates several times (§10.9), so they are data, never logic: every source's date is kept, and a
 * repeated `event` in `milestones` means the sources disagree. `status` is the state in the newest
 * source read. Not listed: the Basic VPN SKU, which is not retiring [SKUCONS] [VPNFAQ-2026].
 */

export type RetirementStatus =
  /** The newest source calls the SKU retired. */
  | 'retired'
  /** A retirement date is announced; new gateways can still be created. */
  | 'retiring'
  /** New gateways of the SKU can no longer be created; existing ones are being migrated. */
  | 'creation-blocked'
  /** No retirement announced, but Microsoft recommends migrating. */
  | 'migration-recommended';

export interface Milestone {
  event: 'creation-blocked' | 'migration' | 'auto-migration' | 'retirement';
  /** `YYYY-MM-DD`, or `YYYY-MM` when the source gives only a month. */
  date: string;
  /** End of a period (the migration window). */
  until?: string;
  sources: readonly string[];
  note?: string;
}

export interface SkuRetirement {
  family: GatewayFamily;
  sku: GatewaySku;
  status: RetirementStatus;
  /** The SKU to move to. */
  migrateTo: GatewaySku;
  /** Other SKUs the sources name as migration targets. */
  alternatives?: readonly GatewaySku[];
  migrateToSources: readonly string[];
  milestones: readonly Milestone[];
  /** How the sources disagree, when they do. */
  conflict?: string;
}

const LEGACY_VPN_MILESTONES: readonly Milestone[] = [
  { event: 'creation-blocked', date: '2023-12-01', sources: ['LEGACYFAQ'] },
  { event: 'creation-blocked', date: '2023-11', sources: ['WHATSNEW'] },
  { event: 'retirement', date: '2025-09-30', sources: ['WHATSNEW'], note: 'original announcement' },
  { event: 'retirement', date: '2026-02-28', sources: ['LEGACYFAQ'] },
  { event: 'retirement', date: '2026-03', sources: ['WHATSNEW'] },
  { event: 'auto-migration', date: '2026-06', sources: ['VPNFAQ-2026'], note: "retired; after Jun 2026 Azure attempts to migrate automatically" },
];

function legacyVpn(sku: VpnSku, migrateTo: VpnSku): SkuRetirement {
  return {
    family: 'Vpn',
    sku,
    status: 'retired',
    migrateTo,
    migrateToSources: ['VPNFAQ-2026'],
    milestones: LEGACY_VPN_MILESTONES,
    conflict: 'retirement moved Sep 30 2025 → Feb 28 2026 → Mar 2026 → auto-migration after Jun 2026; creation blocked Dec 1 2023 [LEGACYFAQ] vs Nov 2023 [WHATSNEW]',
  };
}

const NON_AZ_VPN_MILESTONES: readonly Milestone[] = [
  { event: 'creation-blocked', date: '2025-01-01', sources: ['SKUCONS'] },
  { event: 'creation-blocked', date: '2025-05', sources: ['WHATSNEW'], note: '"by May 2025"' },
  { event: 'migration', date: '2025-04', until: '2026-09', sources: ['SKUCONS', 'WHATSNEW'], note: 'starts Apr/May 2025' },
  { event: 'retirement', date: '2026-09-30', sources: ['SKUCONS', 'WHATSNEW'], note: 'announcement' },
  { event: 'retirement', date: '2026-09-16', sources: ['SKUCONS'], note: '"targeted deprecation"' },
];

function nonAzVpn(sku: VpnSku, migrateTo: VpnSku): SkuRetirement {
  return {
    family: 'Vpn',
    sku,
    status: 'creation-blocked',
    migrateTo,
    migrateToSources: ['VPNABOUT-2026', 'SKUCONS'],
    milestones: NON_AZ_VPN_MILESTONES,
    conflict: 'retirement on Sep 30 2026 vs Sep 16 2026 [SKUCONS]; creation blocked Jan 1 2025 [SKUCONS] vs by May 2025 [WHATSNEW]',
  };
}

/**
 * Non-AZ ExpressRoute SKUs: migration to ErGw1AZ-3AZ or ErGwScale is recommended [ERMIG]; no
 * retirement date was found (UNCERTAIN). The target is the AZ SKU with the same circuit limit
 * (Standard/ErGw1Az 4, HighPerformance/ErGw2Az 8, UltraPerformance/ErGw3Az 16) [ERGW-2025].
 */
function nonAzExpressRoute(sku: ExpressRouteSku, migrateTo: ExpressRouteSku): SkuRetirement {
  return { family: 'ExpressRoute', sku, status: 'migration-recommended', migrateTo, alternatives: ['ErGwScale'], migrateToSources: ['ERMIG', 'ERGW-2025'], milestones: [] };
}

export const SKU_RETIREMENTS: readonly SkuRetirement[] = [
  legacyVpn('Standard', 'VpnGw1AZ'),
  legacyVpn('HighPerformance', 'VpnGw2AZ'),
  nonAzVpn('VpnGw1', 'VpnGw1AZ'),
  nonAzVpn('VpnGw2', 'VpnGw2AZ'),
  nonAzVpn('VpnGw3', 'VpnGw3AZ'),
  nonAzVpn('VpnGw4', 'VpnGw4AZ'),
  nonAzVpn('VpnGw5', 'VpnGw5AZ'),
  nonAzExpressRoute('Standard', 'ErGw1AZ'),
  nonAzExpressRoute('HighPerformance', 'ErGw2AZ'),
  nonAzExpressRoute('UltraPerformance', 'ErGw3AZ'),
];

/**
 * The retirement entry of a SKU in a family (case-insensitive), or undefined when the SKU is current.
 * The family is needed because `Standard` and `HighPerformance` mean different SKUs in each.
 */
export function skuRetirement(sku: string, family: GatewayFamily): SkuRetirement | undefined {
  const { entries, skus } = RETIREMENTS_BY_FAMILY[family];
  const canonical = canonicalValue(skus, sku);
  return entries.find((entry) => entry.sku === canonical);
}

/** SKU_RETIREMENTS of each family, with their SKUs: asked for every gateway. */
const RETIREMENTS_BY_FAMILY: Readonly<Record<GatewayFamily, { entries: readonly SkuRetirement[]; skus: readonly string[] }>> = {
  Vpn: retirementsOf('Vpn'),
  ExpressRoute: retirementsOf('ExpressRoute'),
};

function retirementsOf(family: GatewayFamily): { entries: readonly SkuRetirement[]; skus: readonly string[] } {
  const entries = SKU_RETIREMENTS.filter((entry) => entry.family === family);
  return { entries, skus: Object.freeze(entries.map((entry) => entry.sku)) };
}

/** A dated fact with its sources (`YYYY-MM-DD`, or `YYYY-MM` when the source gives only a month). */
export interface DatedFact {
  date: string;
  sources: readonly string[];
}

/**
 * Basic SKU public IP addresses on gateways (§2.8, §10.9). The dates moved (§10.9), so they are data.
 */
export const BASIC_PUBLIC_IP_RETIREMENT = {
  /** New VPN gateways (every SKU except Basic) cannot use Basic public IPs. [SKUS-2025] [VPNFAQ-2026] */
  blockedForNewVpnGateways: { date: '2023-12-01', sources: ['SKUS-2025', 'VPNFAQ-2026'] },
  /** Basic public IPs retire. [PIPUPG] */
  retirement: { date: '2025-09-30', sources: ['PIPUPG'] },
  /** The deadline moved for VPN gateways: "end of June 2026". [WHATSNEW] */
  vpnGatewayDeadline: { date: '2026-06', sources: ['WHATSNEW'] },
  /** The Basic-to-Standard public IP migration tool for VPN gateways is GA (active-standby; active-active Apr 2026). [WHATSNEW] */
  migrationTool: { date: '2026-01-30', sources: ['WHATSNEW'] },
} as const satisfies Record<string, DatedFact>;

/** Where a milestone date lies relative to `now` (UTC): a month-only date is `current` for the whole month. */
export type MilestoneTiming = 'past' | 'current' | 'future';

export function milestoneTiming(date: string, now: Date): MilestoneTiming {
  const [year, month, day] = date.split('-').map(Number);
  const start = Date.UTC(year, month - 1, day ?? 1);
  const end = day === undefined ? Date.UTC(year, month, 1) : start + 86_400_000;
  const t = now.getTime();
  return t >= end ? 'past' : t >= start ? 'current' : 'future';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-09-30` → `Sep 30, 2026`; `2026-03` → `Mar 2026`. */
export function formatMilestoneDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return day === undefined ? `${MONTHS[month - 1]} ${year}` : `${MONTHS[month - 1]} ${day}, ${year}`;
}
