// A hub with an ExpressRoute gateway and a VPN gateway, written with the mistakes gwlint catches.
param location string = resourceGroup().location

@allowed([
  'ErGw1AZ'
  'VpnGw2AZ'
])
param erGatewaySku string = 'ErGw1AZ'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.20.0.0/16'] }
    subnets: [
      {
        name: 'GatewaySubnet'
        properties: {
          addressPrefix: '10.20.255.0/27'
          delegations: [ { name: 'aci', properties: { serviceName: 'Microsoft.ContainerInstance/containerGroups' } } ]
        }
      }
      { name: 'RouteServerSubnet', properties: { addressPrefix: '10.20.1.0/28' } }
      { name: 'workload', properties: { addressPrefix: '10.20.2.0/24' } }
    ]
  }
}

resource gatewaySubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' existing = {
  parent: vnet
  name: 'GatewaySubnet'
}

resource managementSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'management'
  properties: { addressPrefix: '10.20.3.0/24' }
}

resource spokeVnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'spoke-vnet'
  location: location
  properties: {
    addressSpace: { addressPrefixes: ['10.21.0.0/16'] }
    subnets: [
      { name: 'Gateway_Subnet', properties: { addressPrefix: '10.21.255.0/27' } }
      { name: 'app', properties: { addressPrefix: '10.21.1.0/24' } }
    ]
  }
}

resource erGateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'hub-er-gw'
  location: location
  properties: {
    gatewayType: 'ExpressRoute'
    sku: { name: erGatewaySku, tier: erGatewaySku }
    ipConfigurations: [ { name: 'default', properties: { subnet: { id: gatewaySubnet.id } } } ]
  }
}

resource vpnGateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'hub-vpn-gw'
  location: location
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'PolicyBased'
    vpnGatewayGeneration: 'Generation1'
    sku: { name: 'VpnGw4AZ', tier: 'VpnGw4AZ' }
    ipConfigurations: [ { name: 'default', properties: { subnet: { id: gatewaySubnet.id } } } ]
  }
}

resource vpnGateway2 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'hub-vpn-gw-2'
  location: location
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    sku: { name: 'VpnGw2AZ', tier: 'VpnGw2' }
    ipConfigurations: [ { name: 'default', properties: { subnet: { id: gatewaySubnet.id } } } ]
  }
}

resource erConnection 'Microsoft.Network/connections@2024-05-01' = {
  name: 'hub-er-connection'
  location: location
  properties: {
    connectionType: 'ExpressRoute'
    virtualNetworkGateway1: { id: vpnGateway.id }
    peer: { id: resourceId('Microsoft.Network/expressRouteCircuits', 'circuit') }
  }
}

module appServer 'modules/nic.bicep' = {
  name: 'app-server-nic'
  params: {
    location: location
    subnetId: gatewaySubnet.id
  }
}
