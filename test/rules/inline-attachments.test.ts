import { describe, expect, it } from 'vitest';
import { toLineColumn } from '../../src/core/span.js';
import { lint } from '../../src/index.js';

/** A VNet whose GatewaySubnet has the given extra properties, on lines 6 onwards. */
const vnet = (props: string) => `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: {
${props}
      addressPrefix: '10.0.255.0/27' } } ]
  }
}
`;

async function findings(text: string, ruleId: string) {
  const result = await lint({ files: [{ path: 'main.bicep', text }] });
  return result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === ruleId)).map((d) => ({ line: toLineColumn(d.span).line, message: d.message, related: d.related.map((r) => `${toLineColumn(r.span).line}: ${r.message}`) }));
}

describe('network security groups and route tables declared inline on GatewaySubnet', () => {
  it('reports an inline NSG (an object with properties and no id) on the networkSecurityGroup property, with its name when it has one', async () => {
    const found = await findings(vnet(`      networkSecurityGroup: { name: 'gw-nsg', properties: { securityRules: [] } }`), 'gateway-subnet-nsg');
    expect(found.map((f) => f.line)).toEqual([6]);
    expect(found[0].message).toContain("GatewaySubnet of VNet 'hub-vnet' has an inline NSG 'gw-nsg':");
  });

  it('tells two VNets whose names are not known apart by the line each is declared on', async () => {
    const unnamed = (symbol: string) => vnet(`      networkSecurityGroup: { properties: { securityRules: [] } }`).replace("resource vnet", `resource ${symbol}`).replace("name: 'hub-vnet'", 'name: vnetName');
    const found = await findings(`param vnetName string\n${unnamed('one')}${unnamed('two')}`, 'gateway-subnet-nsg');
    expect(found.map((f) => f.message.slice(0, f.message.indexOf(':')))).toEqual(['GatewaySubnet of the VNet on line 2 has an inline NSG', 'GatewaySubnet of the VNet on line 11 has an inline NSG']);
    expect(found[0].message).toMatch(/Remove it\.$/);
  });

  it('says nothing for an empty, null or wholly unknown networkSecurityGroup', async () => {
    for (const value of ['{}', 'null', 'nsgParam'])
      expect(await findings(`param nsgParam object\n${vnet(`      networkSecurityGroup: ${value}`)}`, 'gateway-subnet-nsg')).toEqual([]);
  });

  it('judges an inline route table like a declared one: its routes and its BGP propagation flag are related locations', async () => {
    const found = await findings(
      vnet(`      routeTable: { properties: {
        disableBgpRoutePropagation: true
        routes: [ { name: 'default', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } } ] } }`),
      'gateway-subnet-route-table',
    );
    expect(found.map((f) => f.line)).toEqual([6]);
    expect(found[0].message).toMatch(/^GatewaySubnet of VNet 'hub-vnet' uses an inline route table, which has a route for 0\.0\.0\.0\/0 \('default'\) and disables BGP route propagation/);
    expect(found[0].related).toEqual(["8: Route 'default' of an inline route table sends 0.0.0.0/0 here.", '7: An inline route table sets disableBgpRoutePropagation to true here.']);
  });

  it('says nothing for an inline route table without a forbidden route or flag', async () => {
    const ok = vnet(`      routeTable: { properties: { routes: [ { name: 'onprem', properties: { addressPrefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' } } ] } }`);
    expect(await findings(ok, 'gateway-subnet-route-table')).toEqual([]);
  });
});
