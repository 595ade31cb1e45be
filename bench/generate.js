// Generates ARM templates of a given size for benchmarks: VNets with subnets, NICs and a VPN gateway per block.
export function generateTemplate(blocks) {
  const resources = [];
  for (let i = 0; i < blocks; i++) {
    const vnet = `vnet${i}`;
    const octet = `10.${Math.floor(i / 256) % 256}.${i % 256}`;
    resources.push({
      type: 'Microsoft.Network/virtualNetworks',
      apiVersion: '2024-05-01',
      name: vnet,
      location: "[parameters('location')]",
      properties: {
        addressSpace: { addressPrefixes: [`${octet}.0/24`] },
        subnets: [
          { name: 'GatewaySubnet', properties: { addressPrefix: `${octet}.0/27` } },
          { name: 'workload', properties: { addressPrefix: `${octet}.128/25` } },
        ],
      },
    });
    resources.push({
      type: 'Microsoft.Network/networkInterfaces',
      apiVersion: '2024-05-01',
      name: `nic${i}`,
      location: "[parameters('location')]",
      dependsOn: [`[resourceId('Microsoft.Network/virtualNetworks', '${vnet}')]`],
      properties: {
        ipConfigurations: [
          { name: 'ipconfig1', properties: { privateIPAllocationMethod: 'Dynamic', subnet: { id: `[resourceId('Microsoft.Network/virtualNetworks/subnets', '${vnet}', 'workload')]` } } },
        ],
      },
    });
    resources.push({
      type: 'Microsoft.Network/virtualNetworkGateways',
      apiVersion: '2024-05-01',
      name: `gw${i}`,
      location: "[parameters('location')]",
      properties: {
        gatewayType: 'Vpn',
        vpnType: 'RouteBased',
        vpnGatewayGeneration: 'Generation2',
        sku: { name: 'VpnGw2AZ', tier: 'VpnGw2AZ' },
        ipConfigurations: [
          {
            name: 'default',
            properties: {
              subnet: { id: `[resourceId('Microsoft.Network/virtualNetworks/subnets', '${vnet}', 'GatewaySubnet')]` },
              publicIPAddress: { id: `[resourceId('Microsoft.Network/publicIPAddresses', 'pip${i}')]` },
            },
          },
        ],
      },
    });
  }
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { location: { type: 'string', defaultValue: '[resourceGroup().location]' } },
    resources,
  };
  return JSON.stringify(template, null, 2);
}

/** A Bicep file of about `bytes` characters: distinct VNets (with a GatewaySubnet), public IPs and VPN gateways. */
export function generateBicep(bytes) {
  const parts = ["param location string = resourceGroup().location\n"];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const octet = `10.${Math.floor(i / 256) % 256}.${i % 256}`;
    const block = `
resource vnet${i} 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet${i}'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['${octet}.0/24'] }
    subnets: [
      { name: 'GatewaySubnet', properties: { addressPrefix: '${octet}.0/27' } }
      { name: 'workload', properties: { addressPrefix: '${octet}.128/25' } }
    ]
  }
}

resource pip${i} 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'pip${i}'
  location: location
  sku: { name: 'Standard' }
  zones: ['1', '2', '3']
  properties: { publicIPAllocationMethod: 'Static' }
}

resource gw${i} 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw${i}'
  location: location
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    vpnGatewayGeneration: 'Generation2'
    sku: { name: 'VpnGw2AZ', tier: 'VpnGw2AZ' }
    ipConfigurations: [
      {
        name: 'default'
        properties: {
          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet${i}.name, 'GatewaySubnet') }
          publicIPAddress: { id: pip${i}.id }
        }
      }
    ]
  }
}
`;
    parts.push(block);
    size += block.length;
  }
  return parts.join('');
}
