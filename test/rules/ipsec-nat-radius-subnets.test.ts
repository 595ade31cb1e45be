import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { FORMAT_NAMES, reporters } from '../../src/report/index.js';
import { cli, tempTrees } from '../cli/helpers.js';

const tree = tempTrees();

function connectionTemplate(ipsecIntegrity: string): string {
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "gatewayId": { "type": "string" }, "siteId": { "type": "string" } },
  "resources": [
    {
      "type": "Microsoft.Network/connections",
      "apiVersion": "2024-05-01",
      "name": "to-branch",
      "properties": {
        "connectionType": "IPsec",
        "virtualNetworkGateway1": { "id": "[parameters('gatewayId')]" },
        "localNetworkGateway2": { "id": "[parameters('siteId')]" },
        "ipsecPolicies": [ { "saLifeTimeSeconds": 27000, "saDataSizeKilobytes": 102400000, "ipsecEncryption": "GCMAES128", "ipsecIntegrity": "${ipsecIntegrity}", "ikeEncryption": "AES256", "ikeIntegrity": "SHA384", "dhGroup": "DHGroup24", "pfsGroup": "PFS24" } ]
      }
    }
  ]
}
`;
}

describe('connection-ipsec-policy', () => {
  it('--fix sets the IPsec integrity to the GCMAES encryption algorithm, and the fixed file is clean', async () => {
    const t = tree({ 'main.json': connectionTemplate('SHA256') });
    const run = await cli(t.dir, ['--fix', 'main.json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(t.read('main.json')).toBe(connectionTemplate('GCMAES128'));
  });
});

describe('radius-server-secret never prints the secret', () => {
  const SECRET = 'Planted-Radius-7f3a21';
  it('reports a planted secret in every place, and no reporter output contains it', async () => {
    const text = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: { plain: { type: 'string', defaultValue: SECRET } },
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworkGateways',
          apiVersion: '2024-05-01',
          name: 'p2s-gw',
          properties: {
            gatewayType: 'Vpn',
            vpnType: 'RouteBased',
            sku: { name: 'VpnGw2AZ', tier: 'VpnGw2AZ' },
            vpnClientConfiguration: {
              radiusServerSecret: SECRET,
              radiusServers: [{ radiusServerAddress: '10.0.1.5', radiusServerSecret: "[parameters('plain')]" }],
            },
          },
        },
      ],
    });
    const result = await lint({ files: [{ path: '/repo/main.json', text }] });
    const findings = result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'radius-server-secret'));
    expect(findings).toHaveLength(2);
    for (const name of FORMAT_NAMES) {
      const output = reporters[name](result, { cwd: '/repo', color: false, version: '0.0.0' });
      expect(output, name).toContain('radius-server-secret');
      expect(output, name).not.toContain(SECRET);
    }
  });
});

describe('vnet-subnet-ownership', () => {
  const json = (api: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "${api}", "name": "hub", "location": "westeurope", "properties": { "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] } } },
    { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01", "name": "hub/GatewaySubnet", "dependsOn": [ "hub" ], "properties": { "addressPrefix": "10.0.255.0/27" } }
  ]
}
`;
  const bicep = (api: string) => `resource hub 'Microsoft.Network/virtualNetworks@${api}' = {
  name: 'hub'
  location: 'westeurope'
  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }
}

resource gatewaySubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: hub
  name: 'GatewaySubnet'
  properties: { addressPrefix: '10.0.255.0/27' }
}
`;

  it('--fix raises the API version of a VNet without subnets to the first that keeps them, in JSON and Bicep', async () => {
    const t = tree({ 'main.json': json('2021-05-01'), 'main.bicep': bicep('2021-05-01') });
    const run = await cli(t.dir, ['--fix', 'main.json', 'main.bicep']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(t.read('main.json')).toBe(json('2023-11-01'));
    expect(t.read('main.bicep')).toBe(bicep('2023-11-01'));
  });

  it('names a subnet resource whose name is not known by its declaration, never as an object', async () => {
    const text = `param subnetName string
resource hub 'Microsoft.Network/virtualNetworks@2020-06-01' = {
  name: 'hub'
  location: 'westeurope'
  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }
}
resource workload 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  name: '\${hub.name}/\${subnetName}'
  properties: { addressPrefix: '10.0.1.0/24' }
}
`;
    const result = await lint({ files: [{ path: 'main.bicep', text }] });
    const [finding] = result.files[0].diagnostics.filter((d) => d.ruleId === 'vnet-subnet-ownership');
    expect(finding.message).toContain('no subnets at API 2020-06-01');
    expect(finding.related?.map((r) => r.message)).toEqual(['Subnet workload (symbolic name), declared as a resource.']);
  });
});
