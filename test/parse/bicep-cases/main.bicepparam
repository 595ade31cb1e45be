using './network.bicep'

param gatewaySku = 'VpnGw2AZ'
param spokes = [
  {
    name: 'spoke1'
    prefix: '10.1.0.0/16'
  }
]
// the key comes from Key Vault
param sharedKey = getSecret('00000000-0000-0000-0000-000000000000', 'rg', 'kv', 'vpn-key')
param deployGateway = !empty(readEnvironmentVariable('DEPLOY_GW', ''))
