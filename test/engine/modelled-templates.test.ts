import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { smallGatewaySubnetVnet } from '../robustness/support.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A deployment resource of a root template: `properties` as given. */
const deploymentOf = (properties: Record<string, unknown>) =>
  JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', properties: { mode: 'Incremental', ...properties } }],
  });

/** An inline template with one resource, whose name is an expression that does not parse. */
const brokenStorage = {
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[concat('st',]", location: 'westeurope' }],
};

/** A VNet whose GatewaySubnet is a /29, too small for any gateway. */
const smallGatewaySubnet = { $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [smallGatewaySubnetVnet('hub')] };

const ruleIds = async (files: { path: string; text: string }[], context: { path: string; text: string }[] = []) =>
  (await lint({ files, context })).files.flatMap((f) => f.diagnostics.map((d) => d.ruleId));

describe('which templates are modelled', () => {
  it('a template whose deployments are all inline and name no network resource is parsed, not modelled, as a template about nothing of gwlint’s', async () => {
    const inline = deploymentOf({ template: brokenStorage });
    // Its expressions are checked only when it is modelled: the broken name would be a parse error then.
    expect(await ruleIds([{ path: 'main.json', text: inline }])).toEqual([]);
    // The same template with a VNet beside it is modelled, and the broken expression is reported.
    const withVnet = inline.replace('"resources":[', `"resources":[${JSON.stringify(smallGatewaySubnet.resources[0])},`);
    expect(await ruleIds([{ path: 'main.json', text: withVnet }])).toEqual(expect.arrayContaining(['parse-error', 'gateway-subnet-size']));
  });

  it('an inline nested template that declares the network is modelled through its caller', async () => {
    expect(await ruleIds([{ path: 'main.json', text: deploymentOf({ template: smallGatewaySubnet }) }])).toContain('gateway-subnet-size');
  });

  it('a caller that names no network resource but links a template that does is modelled', async () => {
    const context = [{ path: 'nested/vnet.json', text: JSON.stringify(smallGatewaySubnet) }];
    const main = deploymentOf({ templateLink: { relativePath: 'nested/vnet.json' } });
    expect(await ruleIds([{ path: 'main.json', text: main }], context)).toContain('gateway-subnet-size');
  });

  it('a template that names no network resource is modelled when its parameters file gives a subnet id', async () => {
    // A NIC whose subnet id is a parameter: only the parameters file names the VNet and GatewaySubnet.
    const nic = JSON.stringify({
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { subnetId: { type: 'string' } },
      resources: [
        {
          type: 'Microsoft.Network/networkInterfaces',
          apiVersion: '2024-05-01',
          name: 'nic1',
          location: 'westeurope',
          properties: { ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: "[parameters('subnetId')]" } } }] },
        },
      ],
    });
    const subnetId = (subnet: string) => `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/${subnet}`;
    const parameters = (subnet: string) =>
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        contentVersion: '1.0.0.0',
        parameters: { subnetId: { value: subnetId(subnet) } },
      });
    const template = [{ path: '/t/nic.json', text: nic }];
    expect(await ruleIds(template, [{ path: '/t/nic.parameters.json', text: parameters('GatewaySubnet') }])).toEqual(['no-resources-in-gateway-subnet']);
    expect(await ruleIds(template, [{ path: '/t/nic.parameters.json', text: parameters('workload') }])).toEqual([]);
  });
});
