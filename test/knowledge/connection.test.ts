import { describe, expect, it } from 'vitest';
import { connectionRequirement, connectionTypes, P2S_PRIVATE_IPV4_RANGES } from '../../src/knowledge/gateway.js';
import { parseCidrRange } from '../../src/model/cidr.js';

describe('connectionRequirement (gateway-facts §3)', () => {
  it('gives the far end and gateway type of each documented connection type, case-insensitively', () => {
    expect(connectionRequirement('ipsec')).toMatchObject({ gateway1Type: 'Vpn', peerProperty: 'localNetworkGateway2', peerType: 'Microsoft.Network/localNetworkGateways', routeBased: false });
    expect(connectionRequirement('Vnet2Vnet')).toMatchObject({ gateway1Type: 'Vpn', peerProperty: 'virtualNetworkGateway2', routeBased: true });
    expect(connectionRequirement('EXPRESSROUTE')).toMatchObject({ gateway1Type: 'ExpressRoute', peerProperty: 'peer', peerType: 'Microsoft.Network/expressRouteCircuits' });
  });

  it('requires nothing of VPNClient, which has no documented ARM usage, and knows nothing of unknown types', () => {
    expect(connectionTypes()).toContain('VPNClient');
    expect(connectionRequirement('VPNClient')).toBeUndefined();
    expect(connectionRequirement('Site2Site')).toBeUndefined();
  });
});

describe('P2S_PRIVATE_IPV4_RANGES (gateway-facts §5, §6)', () => {
  it('are the RFC 1918 ranges and the RFC 6598 shared space, in CIDR notation', () => {
    expect(P2S_PRIVATE_IPV4_RANGES.map((r) => parseCidrRange(r)?.prefix)).toEqual([8, 12, 16, 10]);
  });
});
