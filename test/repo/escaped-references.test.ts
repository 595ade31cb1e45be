import { describe, expect, it } from 'vitest';
import { writtenDeployments } from '../../src/repo/references.js';
import { scanNetwork } from '../../src/repo/network-scan.js';
import { cli, tempTrees } from '../cli/helpers.js';
import { ARM_SCHEMA, nicTemplate } from '../support/templates.js';

/**
 * Serialisers escape characters JSON does not require escaping: Windows PowerShell's ConvertTo-Json writes
 * an expression's quotes as \u0027, others write `/` as `\/`. ARM reads the decoded strings, and so must
 * the text scans that find which files a template deploys and which network resources it names.
 */
const tree = tempTrees();

/** A NIC whose subnet id is the template's parameter `subnetId`. */
const nic = JSON.stringify(nicTemplate("[parameters('subnetId')]", { name: 'nic', parameter: 'subnetId' }), null, 2);

/** A caller linking nested/nic.json by `uri`, passing GatewaySubnet's id, with its quotes written as \u0027. */
const escapedCaller = JSON.stringify(
  {
    $schema: ARM_SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.Resources/deployments',
        apiVersion: '2022-09-01',
        name: 'nics',
        properties: {
          mode: 'Incremental',
          templateLink: { uri: "[uri(deployment().properties.templateLink.uri, 'nested/nic.json')]" },
          parameters: { subnetId: { value: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', 'GatewaySubnet')]" } },
        },
      },
    ],
  },
  null,
  2,
).replaceAll("'", '\\u0027');

describe('templates written with escapes', () => {
  it('deploy the files their decoded relativePath and uri name', () => {
    const text = `{"resources": [
      {"properties": {"templateLink": {"relativePath": "nested\\/vnet.json"}}},
      {"properties": {"templateLink": {"uri": "[uri(deployment().properties.templateLink.uri, \\u0027linked\\/nic.json\\u0027)]"}}}
    ]}`;
    expect(writtenDeployments({ path: '/repo/main.json', text })).toEqual(['nested/vnet.json', 'linked/nic.json']);
  });

  it('name the network resources their decoded expressions name', () => {
    const text = `{"resources": [{"type": "Microsoft.Network/networkInterfaces", "name": "nic", "properties": {"subnet": {"id": "[resourceId(\\u0027Microsoft.Network/virtualNetworks/subnets\\u0027, \\u0027hub\\u0027, \\u0027GatewaySubnet\\u0027)]"}}}]}`;
    expect([...scanNetwork(text, false).referred]).toContain('microsoft.network/virtualnetworks/subnets|hub/gatewaysubnet');
  });

  it('give a linked template linted alone the values they pass it', async () => {
    const t = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'main.json': escapedCaller, 'nested/nic.json': nic });
    expect(t.read('main.json')).toContain('\\u0027GatewaySubnet\\u0027');
    const run = await cli(t.dir, ['nested/nic.json', '-f', 'compact']);
    expect(run.stdout).toContain("networkInterfaces 'nic' is placed in GatewaySubnet");
    expect(run.stdout).toContain('no-resources-in-gateway-subnet');
    expect(run.code).toBe(1);
  });
});
