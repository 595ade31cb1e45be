param location string
param subnetId string

resource nic 'Microsoft.Network/networkInterfaces@2024-05-01' = {
  name: 'app-server-nic'
  location: location
  properties: {
    ipConfigurations: [
      {
        name: 'ipconfig1'
        properties: {
          privateIPAllocationMethod: 'Dynamic'
          subnet: { id: subnetId }
        }
      }
    ]
  }
}
