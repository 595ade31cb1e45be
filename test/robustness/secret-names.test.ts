import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { DEPLOYMENT_SCHEMA, PARAMETERS_SCHEMA } from './support.js';

/**
 * Masking hides secret values, never the names a template defines on its own: quickstart parameters files
 * use one placeholder (`GEN-UNIQUE`) for shared keys and names alike.
 */
const template = (gatewayNameType: string) => ({
  $schema: DEPLOYMENT_SCHEMA,
  contentVersion: '1.0.0.0',
  parameters: { sharedKey: { type: 'securestring' }, gatewayName: { type: gatewayNameType } },
  resources: [
    {
      type: 'Microsoft.Network/publicIPAddresses',
      apiVersion: '2024-05-01',
      name: "[concat(parameters('gatewayName'), '-pip')]",
      location: 'westeurope',
      sku: { name: 'Basic' },
      properties: { publicIPAllocationMethod: 'Dynamic' },
    },
    {
      type: 'Microsoft.Network/virtualNetworkGateways',
      apiVersion: '2024-05-01',
      name: "[parameters('gatewayName')]",
      location: 'westeurope',
      properties: {
        gatewayType: 'Vpn',
        vpnType: 'RouteBased',
        sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' },
        ipConfigurations: [{ name: 'c', properties: { publicIPAddress: { id: "[resourceId('Microsoft.Network/publicIPAddresses', concat(parameters('gatewayName'), '-pip'))]" } } }],
      },
    },
    {
      type: 'Microsoft.Network/connections',
      apiVersion: '2024-05-01',
      name: 'conn',
      location: 'westeurope',
      properties: { connectionType: 'IPsec', sharedKey: "[parameters('sharedKey')]", virtualNetworkGateway1: { id: "[resourceId('Microsoft.Network/virtualNetworkGateways', parameters('gatewayName'))]" } },
    },
  ],
});

const parameters = JSON.stringify({ $schema: PARAMETERS_SCHEMA, contentVersion: '1.0.0.0', parameters: { sharedKey: { value: 'GEN-UNIQUE' }, gatewayName: { value: 'GEN-UNIQUE' } } });

async function messages(gatewayNameType: string): Promise<string[]> {
  const result = await lint({
    files: [
      { path: '/t/azuredeploy.json', text: JSON.stringify(template(gatewayNameType), null, 2) },
      { path: '/t/azuredeploy.parameters.json', text: parameters },
    ],
  });
  return result.files.flatMap((f) => f.diagnostics.map((d) => d.message));
}

describe('secret masking and names', () => {
  it('shows a resource name that equals a shared key, or contains it, when the name comes from a plain parameter', async () => {
    const found = (await messages('string')).join('\n');
    expect(found).toContain("Public IP 'GEN-UNIQUE-pip' of gateway 'GEN-UNIQUE'");
    expect(found).not.toContain('***');
  });

  it('masks a name computed from a secure parameter', async () => {
    const found = (await messages('securestring')).join('\n');
    expect(found).toContain("Public IP '***-pip' of gateway '***'");
    expect(found).not.toContain('GEN-UNIQUE');
  });
});
