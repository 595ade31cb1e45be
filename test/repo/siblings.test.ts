import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { RepoIndex } from '../../src/repo/index.js';
import { RepoWalk } from '../../src/repo/walk.js';
import { directFacts } from '../../src/repo/file-facts.js';
import { readVirtualFileSync } from '../../src/cli/read-files.js';
import { cli, gatewayUsingPipBicep, tempTrees, ZONAL_PIP_BICEP } from '../cli/helpers.js';

const tree = tempTrees();
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const arm = (resources: unknown[]) => JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2);

/** A zone-redundant public IP in one template, used by a non-AZ VPN gateway in another: Azure rejects the zones. */
const gatewayBicep = gatewayUsingPipBicep();
const pipJson = arm([
  { type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2024-05-01', name: 'hub-gw-pip', location: 'westeurope', sku: { name: 'Standard' }, zones: ['1', '2', '3'], properties: { publicIPAllocationMethod: 'Static' } },
]);
const gatewayJson = arm([
  {
    type: 'Microsoft.Network/virtualNetworkGateways',
    apiVersion: '2024-05-01',
    name: 'hub-gw',
    location: 'westeurope',
    properties: {
      gatewayType: 'Vpn',
      vpnType: 'RouteBased',
      sku: { name: 'VpnGw2', tier: 'VpnGw2' },
      ipConfigurations: [
        {
          name: 'default',
          properties: {
            publicIPAddress: { id: "[resourceId('Microsoft.Network/publicIPAddresses', 'hub-gw-pip')]" },
            subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'GatewaySubnet')]" },
          },
        },
      ],
    },
  },
]);
/** An ExpressRoute gateway in one template, and an IPsec connection to it in another. */
const erGatewayBicep = `resource gateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'hub-er'
  location: 'westeurope'
  properties: {
    gatewayType: 'ExpressRoute'
    sku: { name: 'ErGw1AZ', tier: 'ErGw1AZ' }
    ipConfigurations: [ { name: 'default', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'GatewaySubnet') } } } ]
  }
}
`;
const connectionBicep = `@secure()
param sharedKey string

resource gateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' existing = {
  name: 'hub-er'
}

resource onprem 'Microsoft.Network/localNetworkGateways@2024-05-01' existing = {
  name: 'onprem'
}

resource connection 'Microsoft.Network/connections@2024-05-01' = {
  name: 'to-onprem'
  location: 'westeurope'
  properties: {
    connectionType: 'IPsec'
    virtualNetworkGateway1: { id: gateway.id, properties: {} }
    localNetworkGateway2: { id: onprem.id, properties: {} }
    sharedKey: sharedKey
  }
}
`;
const connectionJson = arm([
  {
    type: 'Microsoft.Network/connections',
    apiVersion: '2024-05-01',
    name: 'to-onprem',
    location: 'westeurope',
    properties: {
      connectionType: 'IPsec',
      virtualNetworkGateway1: { id: "[resourceId('Microsoft.Network/virtualNetworkGateways', 'hub-er')]", properties: {} },
      localNetworkGateway2: { id: "[resourceId('Microsoft.Network/localNetworkGateways', 'onprem')]", properties: {} },
    },
  },
]);

function findings(result: LintResult, ruleId: string): string[] {
  return result.files.flatMap((f) =>
    f.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => `${path.basename(f.path)}:${d.span.file.position(d.span.start).line + 1} ${d.level} → ${[...new Set(d.related.map((r) => path.basename(r.span.file.path)))].join(', ')}`),
  );
}

async function cliFindings(files: Record<string, string>, changed: string, ruleId: string): Promise<string[]> {
  const t = tree({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
  const run = await cli(t.dir, ['--format', 'json', changed]);
  const report = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; level: string; line: number }[] }[];
  return report.flatMap((f) => f.messages.filter((m) => m.ruleId === ruleId).map((m) => `${path.basename(f.filePath)}:${m.line} ${m.level}`));
}

describe('siblings beyond GatewaySubnet and gateway: any network resource one template declares and another refers to', () => {
  for (const [kind, pip, gateway, line] of [
    ['Bicep', { path: 'pip.bicep', text: ZONAL_PIP_BICEP }, { path: 'gateway.bicep', text: gatewayBicep }, 5],
    ['JSON', { path: 'pip.json', text: pipJson }, { path: 'gateway.json', text: gatewayJson }, 13],
  ] as const) {
    it(`${kind}: a zone-redundant public IP used by a non-AZ gateway in another template is an error naming the gateway's file`, async () => {
      expect(findings(await lint({ files: [pip] }), 'gateway-public-ip')).toEqual([]);
      const found = findings(await lint({ files: [pip], context: [gateway], repository: { siblings: [[pip.path, gateway.path]] } }), 'gateway-public-ip');
      expect(found).toEqual([`${pip.path}:${line} error → ${gateway.path}`]);
    });

    it(`${kind}: through the command line, naming only the public IP's file`, async () => {
      expect(await cliFindings({ [`net/${pip.path}`]: pip.text, [`gw/${gateway.path}`]: gateway.text }, `net/${pip.path}`, 'gateway-public-ip')).toEqual([`${pip.path}:${line} error`]);
    });
  }

  for (const [kind, connection, line] of [
    ['Bicep', { path: 'connection.bicep', text: connectionBicep }, 17],
    ['JSON', { path: 'connection.json', text: connectionJson }, 13],
  ] as const) {
    it(`${kind}: a connection to a gateway deployed in another template is judged with that gateway's type`, async () => {
      const gateway = { path: 'er.bicep', text: erGatewayBicep };
      expect(findings(await lint({ files: [connection] }), 'connection-gateway-type')).toEqual([]);
      const found = findings(await lint({ files: [connection], context: [gateway], repository: { siblings: [[connection.path, gateway.path]] } }), 'connection-gateway-type');
      expect(found).toEqual([`${connection.path}:${line} error → ${gateway.path}`]);
      expect(await cliFindings({ [`conn/${connection.path}`]: connection.text, 'gw/er.bicep': erGatewayBicep }, `conn/${connection.path}`, 'connection-gateway-type')).toEqual([`${connection.path}:${line} error`]);
    });
  }
});

describe('the index pairs templates that declare and refer to the same network resource', () => {
  const siblingsOf = (files: Record<string, string>, target: string) => {
    const t = tree(files);
    const index = new RepoIndex(t.dir, new RepoWalk(), [], directFacts(readVirtualFileSync));
    return index.contextFor([path.join(t.dir, target)]).repository.siblings.map(([, s]) => path.relative(t.dir, s).split(path.sep).join('/'));
  };

  it('a public IP and the gateway that uses it, a gateway and its connection, a VNet and the gateways and NIC placed in it', () => {
    const nic = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {\n  name: 'hub-vnet'\n}\n\nresource nic 'Microsoft.Network/networkInterfaces@2024-05-01' = {\n  name: 'nic'\n  properties: { ipConfigurations: [ { name: 'ip', properties: { subnet: { id: '\${vnet.id}/subnets/app' } } } ] }\n}\n`;
    const vnet = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'hub-vnet'\n}\n`;
    const files = { 'pip.bicep': ZONAL_PIP_BICEP, 'gateway.bicep': gatewayBicep, 'er.bicep': erGatewayBicep, 'connection.json': connectionJson, 'nic.bicep': nic, 'vnet.bicep': vnet };
    expect(siblingsOf(files, 'pip.bicep')).toEqual(['gateway.bicep']);
    expect(siblingsOf(files, 'connection.json')).toEqual(['er.bicep']);
    expect(siblingsOf(files, 'vnet.bicep').sort()).toEqual(['er.bicep', 'gateway.bicep', 'nic.bicep']);
    expect(siblingsOf(files, 'nic.bicep')).toEqual(['vnet.bicep']);
  });

  it('two templates that both deploy a gateway into the same VNet are alternatives, not siblings', () => {
    const other = gatewayBicep.replace("name: 'hub-gw'", "name: 'hub-gw-2'");
    expect(siblingsOf({ 'a/gateway.bicep': gatewayBicep.replace(/resource pip[^}]*}\n/, ''), 'b/gateway.bicep': other.replace(/resource pip[^}]*}\n/, '') }, 'a/gateway.bicep')).toEqual([]);
  });
});

describe('the network pre-scan stays linear on hostile text', () => {
  it('scans a megabyte of repeated openings in well under a second each', async () => {
    const { scanNetwork } = await import('../../src/repo/network-scan.js');
    const inputs: [string, boolean][] = [
      ['resourceId('.repeat(100_000) + "'Microsoft.Network/virtualNetworks'", false],
      ["resourceId('Microsoft.Network/virtualNetworks'" + ", 'a'".repeat(100_000), true],
      ['"type": "Microsoft.Network/virtualNetworks", "name": "[parameters(\'x\')]", '.repeat(20_000) + '"x": {' + ' '.repeat(100_000), false],
      ["resource v 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: x\n".repeat(20_000), true],
      ['/providers/Microsoft.Network/virtualNetworks/'.repeat(20_000), false],
    ];
    for (const [text, bicep] of inputs) {
      const start = performance.now();
      scanNetwork(text, bicep);
      expect(performance.now() - start).toBeLessThan(1000);
    }
  });
});
