import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import type { Diagnostic } from '../../src/index.js';
import { toLineColumn } from '../../src/core/span.js';

async function findings(path: string, text: string): Promise<Diagnostic[]> {
  const result = await lint({ files: [{ path, text }] });
  return result.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === 'special-subnets');
}

/** Applies a finding's fix to the text it was made for. */
function applyFix(text: string, d: Diagnostic): string {
  const edits = [...(d.fix?.edits ?? [])].sort((a, b) => b.span.start - a.span.start);
  return edits.reduce((t, e) => t.slice(0, e.span.start) + e.text + t.slice(e.span.end), text);
}

const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2024-05-01",
      "name": "hub-vnet",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
        "subnets": [ { "name": "Azure-Bastion-Subnet", "properties": { "addressPrefix": "10.0.1.0/26" } } ]
      }
    },
    {
      "type": "Microsoft.Network/bastionHosts",
      "apiVersion": "2024-05-01",
      "name": "hub-bastion",
      "properties": {
        "ipConfigurations": [
          { "name": "ipconfig", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'Azure-Bastion-Subnet')]" } } }
        ]
      }
    }
  ]
}
`;

describe('special-subnets', () => {
  it('reports a bastion host in a misspelt subnet once, on the subnet name, with the reference as related, and renames both', async () => {
    const found = await findings('/t/bastion.json', TEMPLATE);
    expect(found).toHaveLength(1);
    expect(found[0].level).toBe('error');
    expect(toLineColumn(found[0].span).line).toBe(11);
    expect(found[0].related.map((r) => toLineColumn(r.span).line)).toEqual([20]);
    const fixed = applyFix(TEMPLATE, found[0]);
    expect(fixed.match(/AzureBastionSubnet/g)).toHaveLength(2);
    expect(fixed).not.toContain('Azure-Bastion-Subnet');
    expect(await findings('/t/bastion.json', fixed)).toEqual([]);
  });

  it('does not report a firewall whose subnet id is unknown', async () => {
    const found = await findings(
      '/t/fw.bicep',
      `param subnetId string

resource fw 'Microsoft.Network/azureFirewalls@2024-05-01' = {
  name: 'fw'
  properties: { ipConfigurations: [ { name: 'ipconfig', properties: { subnet: { id: subnetId } } } ] }
}
`,
    );
    expect(found).toEqual([]);
  });

  it('judges each declared subnet against the closest reserved name, leaving GatewaySubnet and its look-alikes to other rules', async () => {
    const names: [string, string][] = [
      ['AzureFirewallSubnet', '10.0.0.0/27'],
      ['azurebastionsubnet', '10.0.1.0/26'],
      ['RouteServerSubnet', '10.0.2.0/27'],
      ['AzureFirewalSubnet', '10.0.3.0/26'],
      ['AzureFirewallManagementSubnet', '10.0.4.0/26'],
      ['GatewaySubnet', '10.0.5.0/28'],
      ['gateway-subnet', '10.0.6.0/28'],
      ['workload', '10.0.7.0/28'],
    ];
    const subnets = names.map(([name, prefix]) => `      { name: '${name}', properties: { addressPrefix: '${prefix}' } }`).join('\n');
    const found = await findings(
      '/t/reserved.bicep',
      `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
${subnets}
    ]
  }
}
`,
    );
    expect(found.map((d) => [toLineColumn(d.span).line, d.level, d.message])).toEqual([
      [6, 'error', 'AzureFirewallSubnet is /27, but the Azure Firewall needs /26 or larger, and its deployment fails. Resize the subnet to /26 or larger.'],
      [7, 'warning', "Subnet 'azurebastionsubnet' should be spelled 'AzureBastionSubnet': Azure Policy and scripts compare the name exactly."],
      [8, 'warning', 'RouteServerSubnet is /27; new deployments need /26 or larger. Resize it to /26 or larger.'],
      [9, 'warning', "Subnet 'AzureFirewalSubnet' looks like a misspelling of 'AzureFirewallSubnet', so an Azure Firewall placed in it would fail to deploy."],
    ]);
  });
});
