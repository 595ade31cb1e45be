import { describe, expect, it } from 'vitest';
import {
  damerauLevenshtein,
  GATEWAY_SUBNET,
  matchSpecialSubnet,
  nearMissOf,
  SPECIAL_SUBNETS,
} from '../../src/knowledge/gateway.js';

describe('damerauLevenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['abc', 'abc', 0],
    ['abc', 'abd', 1],
    ['abc', 'acb', 1],
    ['gatewaysubnet', 'gatwaysubnet', 1],
    ['gatewaysubnet', 'gatewaysbunet', 1],
    ['gatewaysubnet', 'appgatewaysubnet', 3],
    ['ca', 'abc', 3],
  ])('%s / %s = %i', (a, b, distance) => {
    expect(damerauLevenshtein(a, b)).toBe(distance);
    expect(damerauLevenshtein(b, a)).toBe(distance);
  });

  it('with a limit, answers the same distance up to it and more than it past it', () => {
    const letters = 'abgs';
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const word = () => Array.from({ length: Math.floor(random() * 9) }, () => letters[Math.floor(random() * letters.length)]).join('');
    for (let n = 0; n < 2000; n++) {
      const [a, b, limit] = [word(), word(), Math.floor(random() * 4)];
      const full = damerauLevenshtein(a, b);
      const limited = damerauLevenshtein(a, b, limit);
      if (full <= limit) expect(limited).toBe(full);
      else expect(limited).toBeGreaterThan(limit);
    }
  });
});

describe('nearMissOf(name, GatewaySubnet)', () => {
  it.each([
    ['GatewaySubnet', 'exact'],
    ['gatewaySubnet', 'case'],
    ['gatEwaysuBnet', 'case'],
    ['GATEWAYSUBNET', 'case'],
    ['Gateway-Subnet', 'near-miss'],
    ['gateway_subnet', 'near-miss'],
    ['GatewaySubnet1', 'near-miss'],
    ['GatewaySubnet01', 'near-miss'],
    ['Gateway Subnet', 'near-miss'],
    ['GatewaySubnets', 'near-miss'],
    ['GateWaySubnet ', 'near-miss'],
    [' GatewaySubnet', 'near-miss'],
    ['GatwaySubnet', 'near-miss'],
    ['GatewaySbunet', 'near-miss'],
    ['Gateway.Subnet', 'near-miss'],
  ])('%j is %s', (name, match) => {
    expect(nearMissOf(name, GATEWAY_SUBNET)).toBe(match);
  });

  it.each([
    'appGatewaySubnet',
    'ApplicationGatewaySubnet',
    'AppGwSubnet',
    'gateway-subnet-app',
    'natGatewaySubnet',
    'subnet-gateway',
    'vpnGatewaySubnet',
    'GwSubnet',
    'Gateway',
    'Subnet',
    'default',
    'GtwySbnt',
    '',
  ])('%j is a different name', (name) => {
    expect(nearMissOf(name, GATEWAY_SUBNET)).toBeUndefined();
  });
});

describe('nearMissOf on the other special subnets', () => {
  it.each([
    ['AzureBastionSubnet', 'AzureBastionSubnet', 'exact'],
    ['azurebastionsubnet', 'AzureBastionSubnet', 'case'],
    ['AzureBastionSubnet1', 'AzureBastionSubnet', 'near-miss'],
    ['Azure-Bastion-Subnet', 'AzureBastionSubnet', 'near-miss'],
    ['AzureBastianSubnet', 'AzureBastionSubnet', 'near-miss'],
    ['AzureFirewallSubnet', 'AzureFirewallSubnet', 'exact'],
    ['AzureFireWallSubnet', 'AzureFirewallSubnet', 'case'],
    ['Azure_Firewall_Subnet', 'AzureFirewallSubnet', 'near-miss'],
    ['AzureFirewalManagmentSubnet', 'AzureFirewallManagementSubnet', 'near-miss'],
    ['RouteServerSubnet2', 'RouteServerSubnet', 'near-miss'],
  ])('%j vs %s is %s', (name, canonical, match) => {
    expect(nearMissOf(name, canonical)).toBe(match);
  });

  it.each([
    ['BastionSubnet', 'AzureBastionSubnet'],
    ['AzureBastionSubnetOld', 'AzureBastionSubnet'],
    ['AzureFirewallSubnet', 'AzureFirewallManagementSubnet'],
    ['AzureFirewallManagementSubnet', 'AzureFirewallSubnet'],
    ['FirewallSubnet', 'AzureFirewallSubnet'],
    ['RouteServer', 'RouteServerSubnet'],
  ])('%j is not %s', (name, canonical) => {
    expect(nearMissOf(name, canonical)).toBeUndefined();
  });
});

describe('special subnets (gateway-facts §7)', () => {
  it('lists the reserved names and their minimum prefixes', () => {
    expect(SPECIAL_SUBNETS.map((s) => [s.name, s.minimumPrefix])).toEqual([
      ['GatewaySubnet', 29],
      ['AzureFirewallSubnet', 26],
      ['AzureFirewallManagementSubnet', 26],
      ['AzureBastionSubnet', 26],
      ['RouteServerSubnet', 26],
    ]);
    for (const subnet of SPECIAL_SUBNETS) expect(subnet.sources.length).toBeGreaterThan(0);
  });

  it('notes the /27 that Route Server and older Bastion subnets still accept', () => {
    const byName = (name: string) => SPECIAL_SUBNETS.find((s) => s.name === name);
    expect(byName('RouteServerSubnet')).toMatchObject({ acceptedLegacyPrefix: 27, note: expect.stringMatching(/CONFLICT/) });
    expect(byName('AzureBastionSubnet')?.acceptedLegacyPrefix).toBe(27);
    expect(byName('AzureFirewallSubnet')?.acceptedLegacyPrefix).toBeUndefined();
  });

  it('matches a written name to the closest special subnet', () => {
    expect(matchSpecialSubnet('AzureFirewallSubnet')).toMatchObject({ subnet: { name: 'AzureFirewallSubnet' }, match: 'exact' });
    expect(matchSpecialSubnet('azurefirewallmanagementsubnet')).toMatchObject({
      subnet: { name: 'AzureFirewallManagementSubnet' },
      match: 'case',
    });
    expect(matchSpecialSubnet('Gateway_Subnet')).toMatchObject({ subnet: { name: 'GatewaySubnet' }, match: 'near-miss' });
    expect(matchSpecialSubnet('appGatewaySubnet')).toBeUndefined();
    expect(matchSpecialSubnet('workload')).toBeUndefined();
  });
});
