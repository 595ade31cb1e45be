import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';

const BICEP = `param gwName string
resource vpnGateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: gwName
  location: 'westeurope'
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'PolicyBased'
    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }
  }
}
`;

const JSON_TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "gwName": { "type": "string" } },
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01",
      "name": "[parameters('gwName')]", "location": "westeurope",
      "properties": { "gatewayType": "Vpn", "vpnType": "PolicyBased", "sku": { "name": "VpnGw1AZ", "tier": "VpnGw1AZ" } }
    }
  ]
}
`;

async function messages(path: string, text: string): Promise<string[]> {
  const result = await lint({ files: [{ path, text }] });
  return result.files.flatMap((f) => f.diagnostics.map((d) => d.message));
}

describe('names in messages: never a guess', () => {
  it('Bicep: a resource whose name is unknown is named by its symbolic name, marked as such', async () => {
    const [message] = await messages('main.bicep', BICEP);
    expect(message).toMatch(/^Gateway vpnGateway \(symbolic name\) is PolicyBased/);
  });

  it('ARM: a resource whose name is unknown is named by the line it is declared on', async () => {
    const [message] = await messages('main.json', JSON_TEMPLATE);
    expect(message).toMatch(/^Gateway on line 8 is PolicyBased/);
  });
});
