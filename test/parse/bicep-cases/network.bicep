// Hub network with a VPN gateway, written in every shape the front end must lower.
targetScope = 'resourceGroup'

@description('Location of all resources.')
param location string = resourceGroup().location

@allowed([
  'VpnGw1'
  'VpnGw2AZ'
])
param gatewaySku string = 'VpnGw1'

@secure()
param sharedKey string

param spokes array = [
  { name: 'spoke1', prefix: '10.1.0.0/16' }
  { name: 'spoke2', prefix: '10.2.0.0/16' }
]

param deployGateway bool = true

var gatewaySubnetPrefix = cidrSubnet('10.0.0.0/16', 27, 0)

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: ['10.0.0.0/16']
    }
  }

  resource gatewaySubnet 'subnets' = {
    name: 'GatewaySubnet'
    properties: {
      addressPrefix: gatewaySubnetPrefix
    }
  }
}

resource appSubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'app'
  properties: {
    addressPrefix: '10.0.1.0/24'
  }
}

resource existingVnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'shared-vnet'
  scope: resourceGroup('shared-rg')
}

#disable-next-line gateway-subnet-size no-hardcoded-location
resource gateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = if (deployGateway) {
  name: 'hub-gw'
  location: location
  properties: {
    gatewayType: 'Vpn'
    sku: {
      name: gatewaySku
      tier: gatewaySku
    }
    ipConfigurations: [
      {
        name: 'default'
        properties: {
          subnet: {
            id: vnet::gatewaySubnet.id
          }
        }
      }
    ]
  }
}

@batchSize(1)
resource spokeVnets 'Microsoft.Network/virtualNetworks@2024-05-01' = [for (spoke, i) in spokes: if (spoke.name != 'skip') {
  name: '${spoke.name}-vnet'
  location: location
  properties: {
    addressSpace: {
      addressPrefixes: [spoke.prefix]
    }
  }
}]

module peering './modules/peering.bicep' = [for spoke in spokes: {
  name: 'peer-${spoke.name}'
  params: {
    hubId: vnet.id
    spokeName: spoke.name
  }
}]

module avmVnet 'br/public:avm/res/network/virtual-network:0.5.2' = {
  params: {
    name: 'avm-vnet'
    addressPrefixes: ['10.9.0.0/16']
  }
}

/* outputs */
output gatewaySubnetId string = vnet::gatewaySubnet.id
output connectionKey string = sharedKey
