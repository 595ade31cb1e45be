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
});
