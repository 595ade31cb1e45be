import { describe, expect, it } from 'vitest';
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
