import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import type { Diagnostic } from '../../src/index.js';
import { toLineColumn } from '../../src/core/span.js';

async function findings(files: Record<string, string>, entry: string): Promise<Diagnostic[]> {
  const all = Object.entries(files).map(([path, text]) => ({ path, text }));
  const target = all.find((f) => f.path === entry)!;
  const result = await lint({ files: [target], context: all.filter((f) => f !== target) });
  return result.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === 'gateway-subnet-route-table');
}

const at = (r: { span: Diagnostic['span'] }) => `${r.span.file.path}:${toLineColumn(r.span).line}`;

const VNET = (routeTableId: string) => `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
      { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27', routeTable: { id: ${routeTableId} } } }
    ]
  }
}
`;

describe('gateway-subnet-route-table', () => {
  it('follows a route table id from a module output, and points at the route and the flag as related locations', async () => {
    const found = await findings(
      {
        '/t/main.bicep': `module tables 'tables.bicep' = {
  name: 'tables'
}

${VNET('tables.outputs.gatewayTableId')}`,
        '/t/tables.bicep': `resource table 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-gateway'
  properties: {
    disableBgpRoutePropagation: true
  }
}

resource internet 'Microsoft.Network/routeTables/routes@2024-05-01' = {
  parent: table
  name: 'internet'
  properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }
}

output gatewayTableId string = table.id
`,
      },
      '/t/main.bicep',
    );
    expect(found).toHaveLength(1);
    expect(at(found[0])).toBe('/t/main.bicep:10');
    expect(found[0].message).toContain("route table 'rt-gateway', which has a route for 0.0.0.0/0 ('internet') and disables BGP route propagation");
    expect(found[0].related.map(at)).toEqual(['/t/tables.bicep:11', '/t/tables.bicep:4']);
  });

  it('does not judge a route table that is not declared in the linted files', async () => {
    const found = await findings({ '/t/main.bicep': `param tableName string = 'rt-elsewhere'\n\n${VNET("resourceId('Microsoft.Network/routeTables', tableName)")}` }, '/t/main.bicep');
    expect(found).toEqual([]);
  });

  it('does not report a default route on a route table that GatewaySubnet does not use', async () => {
    const found = await findings(
      {
        '/t/main.bicep': `resource other 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-other'
  properties: { routes: [ { name: 'internet', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } } ] }
}

resource gateway 'Microsoft.Network/routeTables@2024-05-01' = {
  name: 'rt-gateway'
  properties: { routes: [ { name: 'spokes', properties: { addressPrefix: '10.10.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' } } ] }
}

${VNET('gateway.id')}`,
      },
      '/t/main.bicep',
    );
    expect(found).toEqual([]);
  });
});
