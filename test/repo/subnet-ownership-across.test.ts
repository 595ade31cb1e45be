import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { cli, tempTrees } from '../cli/helpers.js';

const tree = tempTrees();
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const arm = (resources: unknown[]) => JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }, null, 2);

/** A hub VNet that lists GatewaySubnet and app inline. */
const vnetBicep = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
      { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } }
      { name: 'app', properties: { addressPrefix: '10.0.1.0/24' } }
    ]
  }
}
`;
/** Another template adds subnets to the same VNet as resources: GatewaySubnet again (a), and data, which the inline list omits (b). */
const subnetsBicep = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'hub-vnet'
}

resource gatewaySubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'GatewaySubnet'
  properties: { addressPrefix: '10.0.255.0/27' }
}

resource data 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'data'
  properties: { addressPrefix: '10.0.2.0/24' }
}
`;
const vnetJson = arm([
  {
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: '2024-05-01',
    name: 'hub-vnet',
    location: 'westeurope',
    properties: {
      addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
      subnets: [
        { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } },
        { name: 'app', properties: { addressPrefix: '10.0.1.0/24' } },
      ],
    },
  },
]);
const subnetsJson = arm([
  { type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2024-05-01', name: 'hub-vnet/GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } },
  { type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2024-05-01', name: 'hub-vnet/data', properties: { addressPrefix: '10.0.2.0/24' } },
]);

/** `file:line level message-start → related file:line` for each vnet-subnet-ownership finding. */
function ownership(result: LintResult): string[] {
  return result.files.flatMap((f) =>
    f.diagnostics
      .filter((d) => d.ruleId === 'vnet-subnet-ownership')
      .map((d) => {
        const line = (s: { file: { path: string; position(o: number): { line: number } }; start: number }) => `${path.basename(s.file.path)}:${s.file.position(s.start).line + 1}`;
        return `${line(d.span)} ${d.level} → ${d.related.map((r) => line(r.span)).join(', ')}`;
      }),
  );
}

describe('vnet-subnet-ownership across templates of the repository', () => {
  for (const [kind, vnet, subnets, expected] of [
    [
      'Bicep',
      { path: 'vnet.bicep', text: vnetBicep },
      { path: 'subnets.bicep', text: subnetsBicep },
      { vnet: ['vnet.bicep:6 warning → subnets.bicep:13', 'vnet.bicep:7 error → subnets.bicep:7'], subnets: ['subnets.bicep:7 error → vnet.bicep:7', 'subnets.bicep:13 warning → vnet.bicep:6'] },
    ],
    [
      'JSON',
      { path: 'vnet.json', text: vnetJson },
      { path: 'subnets.json', text: subnetsJson },
      { vnet: ['vnet.json:16 warning → subnets.json:16', 'vnet.json:18 error → subnets.json:8'], subnets: ['subnets.json:8 error → vnet.json:18', 'subnets.json:16 warning → vnet.json:16'] },
    ],
  ] as const) {
    it(`${kind}: alone, neither file has a finding`, async () => {
      expect(ownership(await lint({ files: [vnet] }))).toEqual([]);
      expect(ownership(await lint({ files: [subnets] }))).toEqual([]);
    });

    it(`${kind}: the VNet's file, linted with its sibling, names the other declarations (error for GatewaySubnet)`, async () => {
      const found = ownership(await lint({ files: [vnet], context: [subnets], repository: { siblings: [[vnet.path, subnets.path]] } }));
      expect(found.sort()).toEqual([...expected.vnet].sort());
    });

    it(`${kind}: the subnets' file, linted with its sibling, names the VNet's inline list`, async () => {
      const found = ownership(await lint({ files: [subnets], context: [vnet], repository: { siblings: [[subnets.path, vnet.path]] } }));
      expect(found.sort()).toEqual([...expected.subnets].sort());
    });

    it(`${kind}: through the command line, naming only one changed file (a pre-commit run)`, async () => {
      const t = tree({ '.git/HEAD': 'ref: refs/heads/main\n', [`network/${vnet.path}`]: vnet.text, [`subnets/${subnets.path}`]: subnets.text });
      for (const [changed, want] of [
        [`network/${vnet.path}`, expected.vnet],
        [`subnets/${subnets.path}`, expected.subnets],
      ] as const) {
        const run = await cli(t.dir, ['--format', 'json', changed]);
        const report = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; level: string; line: number; related: { filePath: string; line: number }[] }[] }[];
        const found = report.flatMap((f) =>
          f.messages
            .filter((m) => m.ruleId === 'vnet-subnet-ownership')
            .map((m) => `${path.basename(f.filePath)}:${m.line} ${m.level} → ${m.related.map((r) => `${path.basename(r.filePath)}:${r.line}`).join(', ')}`),
        );
        expect(found.sort()).toEqual([...want].sort());
      }
    });
  }

  it('a VNet of another name in the other template is not joined', async () => {
    const other = { path: 'subnets.bicep', text: subnetsBicep.replace("name: 'hub-vnet'", "name: 'spoke-vnet'") };
    expect(ownership(await lint({ files: [{ path: 'vnet.bicep', text: vnetBicep }], context: [other], repository: { siblings: [['vnet.bicep', 'subnets.bicep']] } }))).toEqual([]);
  });
});
