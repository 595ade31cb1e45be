import { describe, expect, it } from 'vitest';
import { gatewaySubnetMinimumPrefix } from '../../src/knowledge/gateway.js';
import type { GatewayDescription } from '../../src/knowledge/gateway.js';

const vpn = (sku?: string): GatewayDescription => ({ gatewayType: 'Vpn', sku });
const er = (sku?: string, expressRouteCircuits?: number): GatewayDescription => ({
  gatewayType: 'ExpressRoute',
  sku,
  expressRouteCircuits,
});

describe('gatewaySubnetMinimumPrefix (gateway-facts §1.2)', () => {
  it.each<[string, GatewayDescription[], number, number, RegExp]>([
    ['Basic VPN alone', [vpn('Basic')], 29, 27, /Basic/],
    ['Basic VPN, lower-case', [vpn('basic')], 29, 27, /Basic/],
    ['VpnGw1AZ', [vpn('VpnGw1AZ')], 27, 27, /other than Basic/],
    ['VpnGw5 (non-AZ)', [vpn('VpnGw5')], 27, 27, /other than Basic/],
    ['legacy VPN Standard', [vpn('Standard')], 27, 27, /other than Basic/],
    ['VPN with unknown SKU', [vpn(undefined)], 29, 27, /not known/],
    ['VPN with unknown SKU name', [vpn('Whatever')], 29, 27, /not known/],
    ['ErGw1AZ', [er('ErGw1AZ')], 27, 27, /ExpressRoute/],
    ['ER Standard', [er('Standard')], 27, 27, /ExpressRoute/],
    ['ER with unknown SKU', [er(undefined)], 27, 27, /ExpressRoute/],
    ['ErGwScale', [er('ErGwScale')], 26, 26, /ErGwScale/],
    ['ErGwScale, any casing', [er('ergwscale')], 26, 26, /ErGwScale/],
    ['ER with 16 circuits', [er('ErGw3AZ', 16)], 26, 26, /16 circuits/],
    ['ER with 15 circuits', [er('ErGw3AZ', 15)], 27, 27, /ExpressRoute/],
    ['Basic VPN + ER (coexistence)', [vpn('Basic'), er('ErGw1AZ')], 27, 27, /coexisting/],
    ['VpnGw2AZ + ER (coexistence)', [vpn('VpnGw2AZ'), er('ErGw2AZ')], 27, 27, /coexisting/],
    ['VPN + ErGwScale', [vpn('VpnGw1AZ'), er('ErGwScale')], 26, 26, /ErGwScale/],
    ['two ER gateways during migration', [er('Standard'), er('ErGw1AZ')], 27, 27, /ExpressRoute/],
    ['no gateway', [], 29, 27, /no gateway/],
    ['only a LocalGateway', [{ gatewayType: 'LocalGateway', sku: 'Basic' }], 29, 27, /no gateway/],
    ['type inferred from an ER-only SKU', [{ sku: 'ErGw1AZ' }], 27, 27, /ExpressRoute/],
    ['type inferred from Basic', [{ sku: 'Basic' }], 29, 27, /Basic/],
    ['type unknown, SKU in both families', [{ sku: 'HighPerformance' }], 27, 27, /other than Basic/],
    ['type and SKU unknown', [{}], 29, 27, /not known/],
    ['coexistence inferred from SKUs', [{ sku: 'VpnGw1' }, { sku: 'UltraPerformance' }], 27, 27, /coexisting/],
  ])('%s → /%i (recommended /%i)', (_name, gateways, required, recommended, reason) => {
    const result = gatewaySubnetMinimumPrefix(gateways);
    expect(result.required).toBe(required);
    expect(result.recommended).toBe(recommended);
    expect(result.strictReason).toMatch(reason);
    expect(result.sources.length).toBeGreaterThan(0);
  });

  it('takes the stricter /27 reading for non-Basic VPN, citing VPNSET-2024', () => {
    expect(gatewaySubnetMinimumPrefix([vpn('VpnGw1')]).sources).toContain('VPNSET-2024');
    expect(gatewaySubnetMinimumPrefix([er('ErGw1AZ')]).sources).toContain('ERPORTAL');
    expect(gatewaySubnetMinimumPrefix([er('ErGwScale')]).sources).toEqual(['ERSCALEHOWTO']);
  });

  it('never recommends a smaller subnet than it requires', () => {
    const result = gatewaySubnetMinimumPrefix([vpn('Basic'), er('ErGwScale')]);
    expect(result.required).toBe(26);
    expect(result.recommended).toBeLessThanOrEqual(result.required);
  });
});
