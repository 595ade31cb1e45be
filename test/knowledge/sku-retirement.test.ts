import { describe, expect, it } from 'vitest';
import { familySkus, SKU_RETIREMENTS, skuRetirement } from '../../src/knowledge/gateway.js';

describe('skuRetirement (gateway-facts §2.2)', () => {
  it.each([
    ['Standard', 'Vpn', 'retired', 'VpnGw1AZ'],
    ['HighPerformance', 'Vpn', 'retired', 'VpnGw2AZ'],
    ['VpnGw1', 'Vpn', 'creation-blocked', 'VpnGw1AZ'],
    ['vpngw2', 'Vpn', 'creation-blocked', 'VpnGw2AZ'],
    ['VpnGw3', 'Vpn', 'creation-blocked', 'VpnGw3AZ'],
    ['VpnGw4', 'Vpn', 'creation-blocked', 'VpnGw4AZ'],
    ['VpnGw5', 'Vpn', 'creation-blocked', 'VpnGw5AZ'],
    ['Standard', 'ExpressRoute', 'migration-recommended', 'ErGw1AZ'],
    ['HighPerformance', 'ExpressRoute', 'migration-recommended', 'ErGw2AZ'],
    ['UltraPerformance', 'ExpressRoute', 'migration-recommended', 'ErGw3AZ'],
  ] as const)('%s (%s) is %s → %s', (sku, family, status, migrateTo) => {
    expect(skuRetirement(sku, family)).toMatchObject({ family, status, migrateTo });
  });

  it('has no entry for current SKUs, including Basic', () => {
    for (const sku of ['Basic', 'VpnGw1AZ', 'VpnGw5AZ']) expect(skuRetirement(sku, 'Vpn')).toBeUndefined();
    for (const sku of ['ErGw1AZ', 'ErGw3AZ', 'ErGwScale']) expect(skuRetirement(sku, 'ExpressRoute')).toBeUndefined();
    expect(skuRetirement('UltraPerformance', 'Vpn')).toBeUndefined();
  });

  it('keeps every conflicting retirement date of the legacy VPN SKUs as data', () => {
    const dates = skuRetirement('Standard', 'Vpn')
      ?.milestones.filter((m) => m.event === 'retirement')
      .map((m) => m.date);
    expect(dates).toEqual(['2025-09-30', '2026-02-28', '2026-03']);
    expect(skuRetirement('Standard', 'Vpn')?.conflict).toMatch(/Feb 28 2026/);
  });

  it('keeps both Sep 2026 dates and both creation-block dates of VpnGw1-5', () => {
    const entry = skuRetirement('VpnGw3', 'Vpn');
    const dates = (event: string) => entry?.milestones.filter((m) => m.event === event).map((m) => m.date);
    expect(dates('retirement')).toEqual(['2026-09-30', '2026-09-16']);
    expect(dates('creation-blocked')).toEqual(['2025-01-01', '2025-05']);
    expect(entry?.milestones.find((m) => m.event === 'migration')?.until).toBe('2026-09');
  });

  it('is consistent with the type model', () => {
    for (const entry of SKU_RETIREMENTS) {
      expect(familySkus(entry.family)).toContain(entry.sku);
      expect(familySkus(entry.family)).toContain(entry.migrateTo);
      expect(skuRetirement(entry.migrateTo, entry.family)).toBeUndefined();
      expect(entry.migrateToSources.length).toBeGreaterThan(0);
      for (const milestone of entry.milestones) {
        expect(milestone.date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
        expect(milestone.sources.length).toBeGreaterThan(0);
      }
    }
  });
});
