import { describe, expect, it } from 'vitest';
import {
  canonicalSku,
  connectionProtocolsFor,
  familySkus,
  gatewaySkus,
  isAzSku,
  p2sPoolMinimumPrefix,
  p2sProtocolsForAuthType,
  ROUTE_BASED_ONLY,
  skuFamilies,
  skuFitsGatewayType,
  vpnSkuFacts,
  vpnSkuGenerations,
  vpnSkus,
} from '../../src/knowledge/gateway.js';

describe('canonicalSku', () => {
  it.each([
    ['ErGw1Az', 'ErGw1AZ'],
    ['ergw1az', 'ErGw1AZ'],
    ['VPNGW2AZ', 'VpnGw2AZ'],
    ['ergwscale', 'ErGwScale'],
    ['standard', 'Standard'],
    ['Basic', 'Basic'],
  ])('%s → %s', (written, canonical) => {
    expect(canonicalSku(written)).toBe(canonical);
  });

  it('is undefined for unknown SKUs', () => {
    expect(canonicalSku('VpnGw6')).toBeUndefined();
    expect(canonicalSku('ErGw1')).toBeUndefined();
    expect(canonicalSku(' Basic')).toBeUndefined();
  });
});

describe('skuFamilies / skuFitsGatewayType', () => {
  it.each([
    ['Basic', ['Vpn']],
    ['VpnGw1', ['Vpn']],
    ['vpngw5az', ['Vpn']],
    ['Standard', ['Vpn', 'ExpressRoute']],
    ['HighPerformance', ['Vpn', 'ExpressRoute']],
    ['UltraPerformance', ['ExpressRoute']],
    ['ErGw3Az', ['ExpressRoute']],
    ['ErGwScale', ['ExpressRoute']],
    ['Premium', []],
  ])('%s is in %j', (sku, families) => {
    expect(skuFamilies(sku)).toEqual(families);
  });

  it('answers as the family lists do, for every SKU in any casing', () => {
    const casings = (s: string) => [s, s.toLowerCase(), s.toUpperCase()];
    for (const sku of [...gatewaySkus(), 'Premium', 'VpnGw'].flatMap(casings)) {
      const expected = (['Vpn', 'ExpressRoute'] as const).filter((f) => familySkus(f).some((s) => s.toLowerCase() === sku.toLowerCase()));
      expect(skuFamilies(sku)).toEqual(expected);
      for (const type of ['Vpn', 'expressroute', 'LocalGateway', 'Other'])
        expect(skuFitsGatewayType(sku, type)).toBe(
          !['vpn', 'expressroute'].includes(type.toLowerCase()) || canonicalSku(sku) === undefined ? undefined : expected.some((f) => f.toLowerCase() === type.toLowerCase()),
        );
    }
  });

  it('checks a SKU against a gateway type', () => {
    expect(skuFitsGatewayType('Basic', 'Vpn')).toBe(true);
    expect(skuFitsGatewayType('Basic', 'ExpressRoute')).toBe(false);
    expect(skuFitsGatewayType('ErGw1AZ', 'vpn')).toBe(false);
    expect(skuFitsGatewayType('ergw1az', 'ExpressRoute')).toBe(true);
    expect(skuFitsGatewayType('VpnGw1AZ', 'ExpressRoute')).toBe(false);
    expect(skuFitsGatewayType('Standard', 'Vpn')).toBe(true);
    expect(skuFitsGatewayType('Standard', 'ExpressRoute')).toBe(true);
    expect(skuFitsGatewayType('UltraPerformance', 'Vpn')).toBe(false);
  });

  it('has no answer for unknown values or LocalGateway', () => {
    expect(skuFitsGatewayType('VpnGw9', 'Vpn')).toBeUndefined();
    expect(skuFitsGatewayType('VpnGw1', 'Firewall')).toBeUndefined();
    expect(skuFitsGatewayType('VpnGw1', 'LocalGateway')).toBeUndefined();
  });
});

describe('isAzSku', () => {
  it('is true for the AZ-suffixed SKUs only', () => {
    expect(gatewaySkus().filter(isAzSku).sort()).toEqual(
      ['ErGw1AZ', 'ErGw2AZ', 'ErGw3AZ', 'VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ'],
    );
    expect(isAzSku('ergw2az')).toBe(true);
    expect(isAzSku('ErGwScale')).toBe(false);
    expect(isAzSku('FooAZ')).toBe(false);
  });
});

describe('vpnSkuGenerations (gateway-facts §2.4)', () => {
  const G1 = ['Generation1'];
  const G12 = ['Generation1', 'Generation2'];
  const G2 = ['Generation2'];
  it.each([
    ['Basic', G1],
    ['VpnGw1', G1],
    ['VpnGw1AZ', G1],
    ['VpnGw2', G12],
    ['vpngw2az', G12],
    ['VpnGw3', G12],
    ['VpnGw3AZ', G12],
    ['VpnGw4', G2],
    ['VpnGw4AZ', G2],
    ['VpnGw5', G2],
    ['VpnGw5AZ', G2],
  ])('%s → %j', (sku, expected) => {
    expect(vpnSkuGenerations(sku)).toEqual(expected);
  });

  it('is undefined where no source gives generations (legacy, ExpressRoute, unknown)', () => {
    expect(vpnSkuGenerations('Standard')).toBeUndefined();
    expect(vpnSkuGenerations('HighPerformance')).toBeUndefined();
    expect(vpnSkuGenerations('ErGw1AZ')).toBeUndefined();
    expect(vpnSkuGenerations('VpnGw6')).toBeUndefined();
  });
});

describe('vpnSkuFacts', () => {
  const where = (field: 'bgp' | 'activeActive' | 'policyBased' | 'ikev1RouteBased' | 'natRules' | 'customIpsecPolicy' | 'coexistence') =>
    vpnSkus().filter((sku) => vpnSkuFacts(sku)?.[field]).sort();
  const allBut = (...excluded: string[]) => vpnSkus().filter((sku) => !excluded.includes(sku)).sort();

  it('BGP on every VPN SKU except Basic (§2.7)', () => {
    expect(where('bgp')).toEqual(allBut('Basic'));
  });

  it('active-active: not Basic, not legacy Standard (§2.6)', () => {
    expect(where('activeActive')).toEqual(allBut('Basic', 'Standard'));
  });

  it('PolicyBased only on Basic (§2.3)', () => {
    expect(where('policyBased')).toEqual(['Basic']);
  });

  it('route-based IKEv1: not Basic nor the legacy SKUs (§3)', () => {
    expect(where('ikev1RouteBased')).toEqual(allBut('Basic', 'Standard', 'HighPerformance'));
  });

  it('NAT rules on VpnGw2-5 and VpnGw2AZ-5AZ (§2.5)', () => {
    expect(where('natRules')).toEqual(
      ['VpnGw2', 'VpnGw2AZ', 'VpnGw3', 'VpnGw3AZ', 'VpnGw4', 'VpnGw4AZ', 'VpnGw5', 'VpnGw5AZ'],
    );
  });

  it('custom IPsec policy and coexistence: every SKU except Basic', () => {
    expect(where('customIpsecPolicy')).toEqual(allBut('Basic'));
    expect(where('coexistence')).toEqual(allBut('Basic'));
  });

  it('P2S on Basic is SSTP with certificates only (§5)', () => {
    expect(vpnSkuFacts('basic')).toMatchObject({ p2sProtocols: ['SSTP'], p2sAuthTypes: ['Certificate'] });
    expect([...(vpnSkuFacts('VpnGw1AZ')?.p2sProtocols ?? [])].sort()).toEqual(['IkeV2', 'OpenVPN', 'SSTP']);
    expect([...(vpnSkuFacts('VpnGw1AZ')?.p2sAuthTypes ?? [])].sort()).toEqual(['AAD', 'Certificate', 'Radius']);
  });

  it('is undefined for ExpressRoute-only and unknown SKUs', () => {
    expect(vpnSkuFacts('ErGwScale')).toBeUndefined();
    expect(vpnSkuFacts('UltraPerformance')).toBeUndefined();
    expect(vpnSkuFacts('nope')).toBeUndefined();
  });
});

describe('connectionProtocolsFor (§3)', () => {
  it.each([
    ['Basic', 'PolicyBased', ['IKEv1']],
    ['Basic', 'RouteBased', ['IKEv2']],
    ['Basic', undefined, ['IKEv2', 'IKEv1']],
    ['Standard', 'RouteBased', ['IKEv2']],
    ['HighPerformance', undefined, ['IKEv2']],
    ['VpnGw1', 'RouteBased', ['IKEv2', 'IKEv1']],
    ['VpnGw3AZ', undefined, ['IKEv2', 'IKEv1']],
  ] as const)('%s %s → %j', (sku, vpnType, expected) => {
    expect(connectionProtocolsFor(sku, vpnType)).toEqual(expected);
  });

  it('is undefined for SKUs without VPN facts', () => {
    expect(connectionProtocolsFor('ErGw1AZ', 'RouteBased')).toBeUndefined();
  });
});

describe('P2S (§5)', () => {
  it('pool minimum prefix: /29 active-standby, /28 active-active', () => {
    expect(p2sPoolMinimumPrefix(false)).toBe(29);
    expect(p2sPoolMinimumPrefix(true)).toBe(28);
  });

  it('Entra ID (AAD) needs OpenVPN; RADIUS and certificates work with every protocol', () => {
    expect(p2sProtocolsForAuthType('AAD')).toEqual(['OpenVPN']);
    expect(p2sProtocolsForAuthType('aad')).toEqual(['OpenVPN']);
    expect([...(p2sProtocolsForAuthType('Radius') ?? [])].sort()).toEqual(['IkeV2', 'OpenVPN', 'SSTP']);
    expect([...(p2sProtocolsForAuthType('Certificate') ?? [])].sort()).toEqual(['IkeV2', 'OpenVPN', 'SSTP']);
    expect(p2sProtocolsForAuthType('Kerberos')).toBeUndefined();
  });

  it('lists the route-based-only features of §2.3', () => {
    expect(ROUTE_BASED_ONLY).toEqual(
      expect.arrayContaining(['point-to-site', 'vnet-to-vnet', 'coexistence', 'active-active', 'bgp']),
    );
  });
});
