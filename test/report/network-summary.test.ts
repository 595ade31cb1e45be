import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { NetworkSummary } from '../../src/model/summary.js';

/** VNet name → [subnet name, prefixes, unknown prefixes, GatewaySubnet, gateways] for comparison. */
function shape(networks: NetworkSummary[] | undefined) {
  return (networks ?? []).map((n) => ({
    vnet: n.name ?? '?',
    file: n.span.file.path,
    space: n.addressPrefixes,
    unknownSpace: n.unknownAddressPrefixes,
    subnets: n.subnets.map((s) => [s.name ?? '?', s.prefixes, s.unknownPrefixes, s.gatewaySubnet, s.gateways]),
  }));
}

describe('network summaries in lint results', () => {
  it('lists every VNet with its subnets, whichever way they are declared', async () => {
    const template = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "appPrefix": { "type": "string" } },
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "inline-vnet",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16", "[parameters('appPrefix')]"] },
        "subnets": [
          { "name": "gatewaysubnet", "properties": { "addressPrefixes": ["10.0.255.0/27", "fd00::/64"] } },
          { "name": "app", "properties": { "addressPrefix": "[parameters('appPrefix')]" } }
        ]
      },
      "resources": [
        { "type": "subnets", "apiVersion": "2024-05-01", "name": "child", "dependsOn": ["inline-vnet"], "properties": { "addressPrefix": "10.0.2.0/24" } }
      ]
    },
    {
      "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01", "name": "inline-vnet/top-level",
      "properties": { "addressPrefix": "10.0.3.0/24" }
    },
    {
      "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw",
      "properties": {
        "gatewayType": "ExpressRoute", "sku": { "name": "ErGw1AZ", "tier": "ErGw1AZ" },
        "ipConfigurations": [ { "name": "c", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'inline-vnet', 'gatewaysubnet')]" } } } ]
      }
    }
  ]
}`;
    const result = await lint({ files: [{ path: '/r/net.json', text: template }], networkSummaries: true });
    expect(shape(result.networks)).toEqual([
      {
        vnet: 'inline-vnet',
        file: '/r/net.json',
        space: ['10.0.0.0/16'],
        unknownSpace: 1,
        subnets: [
          ['gatewaysubnet', ['10.0.255.0/27', 'fd00::/64'], 0, true, ['gw']],
          ['app', [], 1, false, []],
          ['child', ['10.0.2.0/24'], 0, false, []],
          ['top-level', ['10.0.3.0/24'], 0, false, []],
        ],
      },
    ]);
  });

  it('lists an existing VNet for the subnets the template adds to it, and a module VNet once', async () => {
    const main = `resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' existing = { name: 'hub-vnet' }

resource gatewaySubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: hub
  name: 'GatewaySubnet'
  properties: { addressPrefix: '10.0.255.0/27' }
}

module spoke 'spoke.bicep' = {
  name: 'spoke'
  params: { prefix: '10.9.0.0/16' }
}
`;
    const spoke = `param prefix string
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'spoke-vnet'
  properties: { addressSpace: { addressPrefixes: [prefix] } }
}
`;
    // The module is linted on its own (its prefix unknown) and through main.bicep (known): listed once, known.
    const result = await lint({ files: [{ path: '/r/main.bicep', text: main }, { path: '/r/spoke.bicep', text: spoke }], networkSummaries: true });
    expect(shape(result.networks)).toEqual([
      { vnet: 'hub-vnet', file: '/r/main.bicep', space: [], unknownSpace: 1, subnets: [['GatewaySubnet', ['10.0.255.0/27'], 0, true, []]] },
      { vnet: 'spoke-vnet', file: '/r/spoke.bicep', space: ['10.9.0.0/16'], unknownSpace: 0, subnets: [] },
    ]);
  });
});
