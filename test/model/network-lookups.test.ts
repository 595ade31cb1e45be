import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import type { Diagnostic } from '../../src/index.js';
import { SourceFile } from '../../src/core/source.js';
import { toLineColumn } from '../../src/core/span.js';
import { Model } from '../../src/model/model.js';
import { network } from '../../src/model/network.js';
import { vnetOf } from '../../src/model/subnet-context.js';
import { parseBicep } from '../../src/parse/bicep/index.js';

/** The network view's look-ups by name (VNets by name, subnets by name alone), through the rules that use them. */

async function findings(text: string, rule: string): Promise<Diagnostic[]> {
  const result = await lint({ files: [{ path: '/n/main.bicep', text }] });
  return result.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === rule);
}

const line = (d: Diagnostic) => toLineColumn(d.span).line;

function vnet(symbol: string, name: string, space: string): string {
  return `resource ${symbol} 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${name}'
  properties: { addressSpace: { addressPrefixes: ['${space}'] } }
}
`;
}

function subnet(symbol: string, name: string, prefix: string): string {
  return `resource ${symbol} 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  name: '${name}'
  properties: { addressPrefix: '${prefix}' }
}
`;
}

describe('VNets found by name', () => {
  it('matches each top-level vnet/subnet resource with its own VNet among many', async () => {
    const text = [vnet('a', 'vnet-a', '10.1.0.0/16'), vnet('b', 'vnet-b', '10.2.0.0/16'), vnet('c', 'VNET-C', '10.3.0.0/16')].join('') +
      [subnet('s1', 'vnet-a/one', '10.1.0.0/24'), subnet('s2', 'vnet-b/two', '10.1.1.0/24'), subnet('s3', 'vnet-c/three', '10.3.0.0/24')].join('');
    const found = await findings(text, 'subnet-cidr');
    // Only vnet-b's subnet lies outside its VNet; vnet-c is found whatever the casing.
    expect(found.map((d) => d.message)).toEqual([
      "Subnet 'two' (10.1.1.0/24) is outside the address space of VNet 'vnet-b' (10.2.0.0/16; NetcfgSubnetRangeOutsideVnet). Move the subnet inside it, or add a range that contains it.",
    ]);
    expect(line(found[0])).toBe(text.slice(0, text.indexOf("'10.1.1.0/24'")).split('\n').length);
  });

  it('leaves a subnet whose VNet name is declared twice without a VNet', async () => {
    const text = vnet('a', 'twin', '10.1.0.0/16') + vnet('b', 'twin', '10.2.0.0/16') + subnet('s', 'twin/one', '10.9.0.0/24');
    expect(await findings(text, 'subnet-cidr')).toEqual([]);
    const model = new Model(parseBicep(new SourceFile('/n/main.bicep', text)));
    const net = network(model);
    expect(net.vnetsNamed('twin')).toHaveLength(2);
    expect(net.vnetsNamed('absent')).toEqual([]);
    expect(vnetOf(net, net.subnets[0])).toBeUndefined();
  });

  it('reports overlaps between inline subnets and later subnet resources on the later declaration, in order', async () => {
    const text = `resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
      { name: 'first', properties: { addressPrefix: '10.0.0.0/24' } }
      { name: 'second', properties: { addressPrefixes: ['10.0.1.0/24', '10.0.0.128/25'] } }
    ]
  }
}
${subnet('third', 'hub/third', '10.0.1.0/25')}`;
    const found = await findings(text, 'subnet-cidr');
    expect(found.map((d) => d.message)).toEqual([
      "Subnet 'second' (10.0.0.128/25) overlaps subnet 'first' (10.0.0.0/24) in VNet 'hub' (NetcfgSubnetRangesOverlap). Give one of them its own range.",
      "Subnet 'third' (10.0.1.0/25) overlaps subnet 'second' (10.0.1.0/24) in VNet 'hub' (NetcfgSubnetRangesOverlap). Give one of them its own range.",
    ]);
    expect(found.map((d) => d.related.map((r) => toLineColumn(r.span).line))).toEqual([[6], [7]]);
  });
});

describe('a subnet id that names its resource group', () => {
  const text = (group: string) => `resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  properties: {
    gatewayType: 'Vpn'
    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }
    ipConfigurations: [{ name: 'c', properties: { subnet: { id: resourceId('${group}', 'Microsoft.Network/virtualNetworks/subnets', 'hub', 'Gateway-Subnet') } } }]
  }
}
resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [{ name: 'Gateway-Subnet', properties: { addressPrefix: '10.0.0.0/27' } }]
  }
}
`;

  it("is the subnet declared here when the group is this deployment's", async () => {
    const found = await findings(text('resourceGroup'), 'gateway-subnet-name');
    expect(found.map(line)).toEqual([13]);
  });

  it('is not the subnet of the same name declared here when the group is another', async () => {
    const found = await findings(text('other-rg'), 'gateway-subnet-name');
    // The gateway's id is reported; the subnet declared here is only a near-miss of GatewaySubnet.
    expect(found.map(line)).toEqual([6, 13]);
    expect(found[0].message).toContain("is placed in subnet 'Gateway-Subnet'");
  });
});

describe('subnets found by name alone', () => {
  const gateway = (subnetName: string) => `param vnetId string
resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  properties: {
    gatewayType: 'Vpn'
    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }
    ipConfigurations: [{ name: 'c', properties: { subnet: { id: '\${vnetId}/subnets/${subnetName}' } } }]
  }
}
`;
  const inline = (symbol: string, name: string, subnetName: string) => `resource ${symbol} 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: '${name}'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [{ name: '${subnetName}', properties: { addressPrefix: '10.0.0.0/27' } }]
  }
}
`;

  it('finds the one subnet of that name when the id does not name its VNet', async () => {
    const text = gateway('Gateway-Subnet') + inline('v', 'hub', 'Gateway-Subnet');
    const [found] = await findings(text, 'gateway-subnet-name');
    expect(found.message).toBe("Gateway 'gw' is placed in subnet 'Gateway-Subnet', but Azure deploys gateways only into a subnet named 'GatewaySubnet'. Rename the subnet to 'GatewaySubnet' (and its references).");
    // On the subnet's name, with the gateway's reference as a related location.
    expect(line(found)).toBe(14);
    expect(found.related.map((r) => toLineColumn(r.span).line)).toEqual([7]);
  });

  it('finds none when two VNets have a subnet of that name, and reports on the id instead', async () => {
    const text = gateway('Gateway-Subnet') + inline('v', 'hub', 'Gateway-Subnet') + inline('w', 'spoke', 'gateway-subnet');
    const found = await findings(text, 'gateway-subnet-name');
    expect(found.map(line)).toEqual([7, 14, 21]);
    expect(found[0].related).toEqual([]);
  });
});
