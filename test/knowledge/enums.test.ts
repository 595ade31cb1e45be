import { describe, expect, it } from 'vitest';
import {
  canonicalValue,
  connectionProtocols,
  connectionTypes,
  expressRouteSkus,
  familySkus,
  gatewaySkus,
  gatewayTypes,
  generations,
  ipAllocationMethods,
  isKnownGatewayType,
  p2sAuthTypes,
  p2sProtocols,
  publicIpSkuNames,
  publicIpSkuTiers,
  vpnSkus,
  vpnTypes,
} from '../../src/knowledge/gateway.js';

const sorted = (values: readonly string[]): string[] => [...values].sort();

describe('enum values (gateway-facts §8)', () => {
  it.each([
    ['gatewayTypes', gatewayTypes, ['ExpressRoute', 'LocalGateway', 'Vpn']],
    ['vpnTypes', vpnTypes, ['PolicyBased', 'RouteBased']],
    ['generations', generations, ['Generation1', 'Generation2', 'None']],
    ['connectionTypes', connectionTypes, ['ExpressRoute', 'IPsec', 'VPNClient', 'Vnet2Vnet']],
    ['connectionProtocols', connectionProtocols, ['IKEv1', 'IKEv2']],
    ['p2sProtocols', p2sProtocols, ['IkeV2', 'OpenVPN', 'SSTP']],
    ['p2sAuthTypes', p2sAuthTypes, ['AAD', 'Certificate', 'Radius']],
    ['publicIpSkuNames', publicIpSkuNames, ['Basic', 'Standard', 'StandardV2']],
    ['publicIpSkuTiers', publicIpSkuTiers, ['Global', 'Regional']],
    ['ipAllocationMethods', ipAllocationMethods, ['Dynamic', 'Static']],
  ])('%s', (_name, read, expected) => {
    expect(sorted(read())).toEqual(sorted(expected));
  });

  it('lists the 18 gateway SKUs of §2.2 once each', () => {
    expect(sorted(gatewaySkus())).toEqual(
      sorted([
        'Basic', 'ErGw1AZ', 'ErGw2AZ', 'ErGw3AZ', 'ErGwScale', 'HighPerformance', 'Standard', 'UltraPerformance',
        'VpnGw1', 'VpnGw1AZ', 'VpnGw2', 'VpnGw2AZ', 'VpnGw3', 'VpnGw3AZ', 'VpnGw4', 'VpnGw4AZ', 'VpnGw5', 'VpnGw5AZ',
      ]),
    );
  });

  it('splits the SKUs into the VPN and ExpressRoute families', () => {
    expect(sorted(vpnSkus())).toEqual(
      sorted(['Basic', 'Standard', 'HighPerformance', 'VpnGw1', 'VpnGw2', 'VpnGw3', 'VpnGw4', 'VpnGw5',
        'VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ']),
    );
    expect(sorted(expressRouteSkus())).toEqual(
      sorted(['Standard', 'HighPerformance', 'UltraPerformance', 'ErGw1AZ', 'ErGw2AZ', 'ErGw3AZ', 'ErGwScale']),
    );
    expect(familySkus('Vpn')).toBe(vpnSkus());
    expect(familySkus('ExpressRoute')).toBe(expressRouteSkus());
    expect(sorted([...new Set([...vpnSkus(), ...expressRouteSkus()])])).toEqual(sorted(gatewaySkus()));
  });

  it('returns frozen lists', () => {
    expect(Object.isFrozen(gatewayTypes())).toBe(true);
    expect(Object.isFrozen(gatewaySkus())).toBe(true);
  });
});

describe('canonicalValue / isKnownGatewayType', () => {
  it('matches case-insensitively and returns the canonical spelling', () => {
    expect(canonicalValue(vpnTypes(), 'routebased')).toBe('RouteBased');
    expect(canonicalValue(p2sProtocols(), 'IKEV2')).toBe('IkeV2');
    expect(canonicalValue(vpnTypes(), 'Route Based')).toBeUndefined();
  });

  it('prefers the member written exactly so, then the first equal in lower case, and answers the same when asked again', () => {
    const names = ['Standard', 'Basic', 'STANDARD', 'basic'];
    for (let pass = 0; pass < 2; pass++) {
      expect(canonicalValue(names, 'STANDARD')).toBe('STANDARD');
      expect(canonicalValue(names, 'standard')).toBe('Standard');
      expect(canonicalValue(names, 'basic')).toBe('basic');
      expect(canonicalValue(names, 'BASIC')).toBe('Basic');
      expect(canonicalValue(names, 'Premium')).toBeUndefined();
      expect(canonicalValue([], 'Basic')).toBeUndefined();
    }
  });

  it('knows Vpn, ExpressRoute and LocalGateway in any casing only', () => {
    expect(isKnownGatewayType('Vpn')).toBe(true);
    expect(isKnownGatewayType('expressroute')).toBe(true);
    expect(isKnownGatewayType('LocalGateway')).toBe(true);
    expect(isKnownGatewayType('VPN ')).toBe(false);
    expect(isKnownGatewayType('Er')).toBe(false);
    expect(isKnownGatewayType('')).toBe(false);
  });
});
