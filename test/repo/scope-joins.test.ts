import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { cli, tempTrees, vpnGatewayBicep } from '../cli/helpers.js';

const tree = tempTrees();

/** A hub VNet with a /28 GatewaySubnet, deployed in the template's own resource group. */
const vnetBicep = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/28' } } ]
  }
}
`;
/** A VpnGw1AZ gateway in the GatewaySubnet of the VNet 'hub-vnet' of resource group `scope` (Bicep expression), or of its own. */
const gatewayBicep = (scope?: string) => `param hubResourceGroup string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'hub-vnet'${scope ? `\n  scope: ${scope}` : ''}
}

${vpnGatewayBicep("'VpnGw1AZ'", "subnet: { id: '${vnet.id}/subnets/GatewaySubnet' }")}`;
const levels = (result: LintResult) => result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'gateway-subnet-size').map((d) => d.level));
const withSibling = (gateway: string) => lint({ files: [{ path: 'vnet.bicep', text: vnetBicep }], context: [{ path: 'gateway.bicep', text: gateway }], repository: { siblings: [['vnet.bicep', 'gateway.bicep']] } });

describe('joins compare the resource group and subscription where they are known', () => {
  it("an existing VNet in another resource group is not the sibling's VNet of the same name", async () => {
    expect(levels(await withSibling(gatewayBicep()))).toEqual(['error']);
    expect(levels(await withSibling(gatewayBicep("resourceGroup('other-rg')")))).toEqual(['warning']);
    expect(levels(await withSibling(gatewayBicep("resourceGroup('00000000-0000-0000-0000-000000000001', 'other-rg')")))).toEqual(['warning']);
  });

  it('a scope gwlint cannot know joins when there is one candidate', async () => {
    expect(levels(await withSibling(gatewayBicep('resourceGroup(hubResourceGroup)')))).toEqual(['error']);
  });

  it("a module deployed to another resource group places its resources there: its gateway is not in the caller's VNet", async () => {
    const module = gatewayBicep().replace(/resource vnet[^}]*}\n/, '').replace("'${vnet.id}/subnets/GatewaySubnet'", "resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'GatewaySubnet')");
    const main = (scope: string) => `${vnetBicep}
module gw 'gateway.bicep' = {
  name: 'gw'${scope}
  params: { hubResourceGroup: 'x' }
}
`;
    const run = (scope: string) => lint({ files: [{ path: 'main.bicep', text: main(scope) }], context: [{ path: 'gateway.bicep', text: module }] });
    expect(levels(await run(''))).toEqual(['error']);
    expect(levels(await run("\n  scope: resourceGroup('spoke-rg')"))).toEqual(['warning']);
  });

  it('ARM: a linked deployment with "resourceGroup" places its resources in that group', async () => {
    const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
    const gateway = JSON.stringify({
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworkGateways',
          apiVersion: '2024-05-01',
          name: 'hub-gw',
          location: 'westeurope',
          properties: { gatewayType: 'Vpn', vpnType: 'RouteBased', sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }, ipConfigurations: [{ name: 'default', properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'GatewaySubnet')]" } } }] },
        },
      ],
    });
    const main = (extra: Record<string, string>) =>
      JSON.stringify({
        $schema: SCHEMA,
        contentVersion: '1.0.0.0',
        resources: [
          { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2024-05-01', name: 'hub-vnet', location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/28' } }] } },
          { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'gw', ...extra, properties: { mode: 'Incremental', templateLink: { relativePath: 'gateway.json' } } },
        ],
      });
    const run = (extra: Record<string, string>) => lint({ files: [{ path: 'main.json', text: main(extra) }], context: [{ path: 'gateway.json', text: gateway }] });
    expect(levels(await run({}))).toEqual(['error']);
    expect(levels(await run({ resourceGroup: 'spoke-rg' }))).toEqual(['warning']);
  });

  it('through the command line, naming only the VNet file', async () => {
    const t = tree({ '.git/HEAD': 'x', 'network/vnet.bicep': vnetBicep, 'gateway/gateway.bicep': gatewayBicep("resourceGroup('other-rg')") });
    const run = await cli(t.dir, ['--format', 'json', path.join('network', 'vnet.bicep')]);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; level: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.filter((m) => m.ruleId === 'gateway-subnet-size').map((m) => m.level)).toEqual(['warning']);
  });
});
