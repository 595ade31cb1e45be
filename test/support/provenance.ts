export const GATEWAY_JSON = `    {
      "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw", "location": "westeurope",
      "properties": { "gatewayType": "Vpn", "vpnType": "RouteBased", "sku": { "name": "VpnGw1AZ", "tier": "VpnGw1AZ" },
        "ipConfigurations": [ { "name": "c", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'GatewaySubnet')]" } } } ] }
    }`;

export const GATEWAY_BICEP = `resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  location: 'westeurope'
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }
    ipConfigurations: [ { name: 'c', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'GatewaySubnet') } } } ]
  }
}
`;

/** An ARM template with these variables (the inside of their object), the resources, and the gateway; parameters, when given, start on line 3. */
export const arm = (variables: string, resources: string, parameters = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",${parameters ? ` "parameters": {${parameters}},` : ''}
  "variables": {
${variables}
  },
  "resources": [
${resources},
${GATEWAY_JSON}
  ]
}`;

/** Where the first occurrence of `needle` in `text` (after `after`, when given) starts and ends, 1-based, end column exclusive. */
export function placeOf(text: string, needle: string, after = ''): { line: number; column: number; endLine: number; endColumn: number } {
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, from);
  if (from < 0 || at < 0) throw new Error(`'${needle}' is not in the text`);
  const position = (offset: number) => {
    const lines = text.slice(0, offset).split('\n');
    return { line: lines.length, column: lines[lines.length - 1].length + 1 };
  };
  const start = position(at);
  const end = position(at + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** A Bicep file: `preamble`, a VNet whose `subnets` are `subnets`, and the gateway. */
export const vnetBicep = (preamble: string, subnets: string) => `${preamble}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: ${subnets}
  }
}

${GATEWAY_BICEP}`;

/** An ARM VNet resource whose `subnets` are `subnets`, for `arm()`. */
export const vnetJson = (subnets: string) => `    {
      "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet", "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },
        "subnets": ${subnets}
      }
    }`;
