// A hub VNet with a zone-redundant VPN gateway, written the way gwlint expects: no findings.
param location string = resourceGroup().location

@secure()
param sharedKey string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.30.0.0/16'] }
    subnets: [
      { name: 'GatewaySubnet', properties: { addressPrefix: '10.30.255.0/27' } }
      { name: 'workload', properties: { addressPrefix: '10.30.1.0/24' } }
    ]
  }
}

resource pip 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'hub-gw-pip'
  location: location
  sku: { name: 'Standard' }
  properties: { publicIPAllocationMethod: 'Static' }
}

resource gateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'hub-gw'
  location: location
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    vpnGatewayGeneration: 'Generation2'
    enableBgp: true
    bgpSettings: { asn: 65010 }
    sku: { name: 'VpnGw2AZ', tier: 'VpnGw2AZ' }
    ipConfigurations: [
      {
        name: 'default'
        properties: {
          subnet: { id: vnet.properties.subnets[0].id }
          publicIPAddress: { id: pip.id }
        }
      }
    ]
  }
}

resource onPremises 'Microsoft.Network/localNetworkGateways@2024-05-01' = {
  name: 'on-premises'
  location: location
  properties: {
    gatewayIpAddress: '203.0.113.10'
    localNetworkAddressSpace: { addressPrefixes: ['192.168.0.0/16'] }
    bgpSettings: { asn: 65020, bgpPeeringAddress: '192.168.0.1' }
  }
}

resource connection 'Microsoft.Network/connections@2024-05-01' = {
  name: 'hub-to-on-premises'
  location: location
  properties: {
    connectionType: 'IPsec'
    enableBgp: true
    virtualNetworkGateway1: { id: gateway.id }
    localNetworkGateway2: { id: onPremises.id }
    sharedKey: sharedKey
  }
}
