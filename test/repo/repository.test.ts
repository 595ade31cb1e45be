import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { cli, tempTrees, vpnGatewayBicep } from '../cli/helpers.js';

const tree = tempTrees();
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const arm = (body: Record<string, unknown>) => JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', ...body }, null, 2);

const vnetBicep = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/28' } } ]
  }
}
`;
const gatewayBicep = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'hub-vnet'
}

${vpnGatewayBicep("'VpnGw1AZ'", "subnet: { id: '${vnet.id}/subnets/GatewaySubnet' }")}`;
const vnetJson = arm({
  resources: [
    { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2024-05-01', name: 'hub-vnet', location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/28' } }] } },
  ],
});
const gatewayJson = arm({
  resources: [
    {
      type: 'Microsoft.Network/virtualNetworkGateways',
      apiVersion: '2024-05-01',
      name: 'hub-gw',
      location: 'westeurope',
      properties: {
        gatewayType: 'Vpn',
        vpnType: 'RouteBased',
        sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' },
        ipConfigurations: [{ name: 'default', properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'GatewaySubnet')]" } } }],
      },
    },
  ],
});

function sizeFindings(result: LintResult) {
  return result.files.flatMap((f) =>
    f.diagnostics.filter((d) => d.ruleId === 'gateway-subnet-size').map((d) => ({ file: path.basename(f.path), level: d.level, related: d.related.map((r) => `${path.basename(r.span.file.path)}: ${r.message}`) })),
  );
}

describe('siblings meet: a subnet in one template, the gateway that uses it in another', () => {
  for (const [kind, vnet, gateway] of [
    ['Bicep (existing)', { path: 'vnet.bicep', text: vnetBicep }, { path: 'gateway.bicep', text: gatewayBicep }],
    ['JSON (resourceId)', { path: 'vnet.json', text: vnetJson }, { path: 'gateway.json', text: gatewayJson }],
  ] as const) {
    it(`${kind}: the /28 GatewaySubnet is an error naming the gateway's file`, async () => {
      const alone = sizeFindings(await lint({ files: [vnet] }));
      expect(alone.map((f) => f.level)).toEqual(['warning']);
      const together = sizeFindings(await lint({ files: [vnet], context: [gateway], repository: { siblings: [[vnet.path, gateway.path]] } }));
      expect(together).toHaveLength(1);
      expect(together[0].level).toBe('error');
      expect(together[0].related).toContain(`${gateway.path}: Gateway 'hub-gw' in ${gateway.path} uses this subnet.`);
    });
  }

  it('no join on another VNet name', async () => {
    const other = { path: 'gateway.bicep', text: gatewayBicep.replace("name: 'hub-vnet'", "name: 'spoke-vnet'") };
    const found = sizeFindings(await lint({ files: [{ path: 'vnet.bicep', text: vnetBicep }], context: [other], repository: { siblings: [['vnet.bicep', 'gateway.bicep']] } }));
    expect(found.map((f) => f.level)).toEqual(['warning']);
  });
});

/** A module that puts a NIC… here: a GatewaySubnet whose prefix the caller passes. */
const moduleBicep = `param prefix string = '10.0.255.0/27'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: prefix } } ]
  }
}
`;
const callerBicep = `module net 'modules/net.bicep' = {
  name: 'net'
  params: { prefix: '10.0.255.0/29' }
}
`;
const moduleJson = arm({
  parameters: { prefix: { type: 'string', defaultValue: '10.0.255.0/27' } },
  resources: [
    { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2024-05-01', name: 'hub-vnet', location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: "[parameters('prefix')]" } }] } },
  ],
});
const callerJson = arm({
  resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'net', properties: { mode: 'Incremental', templateLink: { relativePath: 'modules/net.json' }, parameters: { prefix: { value: '10.0.255.0/29' } } } }],
});

describe('a module linted alone is evaluated through its callers', () => {
  for (const [kind, module, caller] of [
    ['Bicep module', { path: 'modules/net.bicep', text: moduleBicep }, { path: 'main.bicep', text: callerBicep }],
    ['ARM linked template', { path: 'modules/net.json', text: moduleJson }, { path: 'main.json', text: callerJson }],
  ] as const) {
    it(`${kind}: the value the caller passes is judged, with the call site as a related location`, async () => {
      expect(sizeFindings(await lint({ files: [module] }))).toEqual([]);
      const found = sizeFindings(await lint({ files: [module], context: [caller], repository: { callers: [[module.path, caller.path]] } }));
      expect(found).toHaveLength(1);
      // On the value the caller writes; the module's property that uses it and the call site are related.
      expect(found[0].file).toBe(caller.path);
      expect(found[0].related).toContain(`net${path.extname(module.path)}: Used here.`);
      expect(found[0].related.some((r) => r.startsWith(`${caller.path}: Deployed from`))).toBe(true);
    });
  }
});

describe('through the command line, naming only the changed file (a pre-commit run)', () => {
  it('Bicep: the sibling gateway makes the subnet finding an error', async () => {
    const t = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'network/vnet.bicep': vnetBicep, 'gateway/gateway.bicep': gatewayBicep });
    const run = await cli(t.dir, ['--format', 'json', 'network/vnet.bicep']);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; level: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.filter((m) => m.ruleId === 'gateway-subnet-size').map((m) => m.level)).toEqual(['error']);
    expect(run.code).toBe(1);
  });

  it('JSON: the sibling gateway makes the subnet finding an error', async () => {
    const t = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'network/vnet.json': vnetJson, 'gateway/gateway.json': gatewayJson });
    const run = await cli(t.dir, ['--format', 'json', 'network/vnet.json']);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; level: string }[] }[]).flatMap((f) => f.messages);
    expect(messages.filter((m) => m.ruleId === 'gateway-subnet-size').map((m) => m.level)).toEqual(['error']);
  });

  it('outside a repository, the index covers the linted folder, not the current folder above it', async () => {
    const t = tree({ 'repo/vnet.json': vnetJson, 'outside/gateway.json': gatewayJson });
    const levels = (run: { stdout: string }) =>
      (JSON.parse(run.stdout) as { messages: { ruleId: string; level: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'gateway-subnet-size').map((m) => m.level);
    // The gateway beside the linted folder is not the linted tree's: the subnet has no gateway in it yet.
    expect(levels(await cli(t.dir, ['--format', 'json', 'repo/']))).toEqual(['warning']);
    // Asked for, the wider root brings it in.
    expect(levels(await cli(t.dir, ['--format', 'json', '--root', '.', 'repo/']))).toEqual(['error']);
  });

  for (const [kind, files, changed, caller] of [
    ['Bicep module', { 'main.bicep': callerBicep, 'modules/net.bicep': moduleBicep }, 'modules/net.bicep', 'main.bicep'],
    ['ARM linked template', { 'main.json': callerJson, 'modules/net.json': moduleJson }, 'modules/net.json', 'main.json'],
  ] as const)
    it(`${kind}: naming only the module finds the caller's value, reported where the caller writes it`, async () => {
      const t = tree({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
      const run = await cli(t.dir, ['--format', 'json', changed]);
      const messages = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => `${path.relative(t.dir, f.filePath)} ${m.ruleId}`));
      expect(messages).toContain(`${caller} gateway-subnet-size`);
    });
});

describe("the repository root from the configuration's 'root' key", () => {
  const severities = (run: { stdout: string }) =>
    (JSON.parse(run.stdout) as { messages: { ruleId: string; level: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'gateway-subnet-size').map((m) => m.level);
  const files = { 'network/vnet.bicep': vnetBicep, 'gateway/gateway.bicep': gatewayBicep };

  it('without .git, a run inside network/ sees the gateway only when the key names the folder above', async () => {
    const t = tree(files);
    const cwd = path.join(t.dir, 'network');
    expect(severities(await cli(cwd, ['--format', 'json', 'vnet.bicep']))).toEqual(['warning']);
    t.write('network/gwlint.config.json', '{ "root": ".." }');
    expect(severities(await cli(cwd, ['--format', 'json', 'vnet.bicep']))).toEqual(['error']);
  });

  it('--root overrides the key', async () => {
    const t = tree({ ...files, 'network/gwlint.config.json': '{ "root": ".." }' });
    expect(severities(await cli(path.join(t.dir, 'network'), ['--format', 'json', '--root', '.', 'vnet.bicep']))).toEqual(['warning']);
  });

  it('a root that is not a folder, or not a string, is a configuration error (exit 2)', async () => {
    const t = tree({ ...files, 'network/gwlint.config.json': '{ "root": "../nowhere" }' });
    const missing = await cli(path.join(t.dir, 'network'), ['vnet.bicep']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/gwlint\.config\.json: 'root' names .*nowhere, which is not a folder/);
    t.write('network/gwlint.config.json', '{\n  "root": 3\n}');
    const wrong = await cli(path.join(t.dir, 'network'), ['vnet.bicep']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/gwlint\.config\.json:2:11: 'root' must be a folder path/);
  });
});

describe('the language server uses the same index', () => {
  it('an open vnet.bicep gets the error through the gateway template on disk; each depends on the other', async () => {
    const { WorkspaceLinter } = await import('../../src/lsp/linter.js');
    const t = tree({ 'network/vnet.bicep': vnetBicep, 'gateway/gateway.bicep': gatewayBicep });
    const docs: { uri: string; path: string; version: number; text: string }[] = [];
    const linter = new WorkspaceLinter(() => docs, () => [t.dir]);
    const open = (rel: string) => {
      const p = path.join(t.dir, rel);
      const doc = { uri: `file://${p}`, path: p, version: 1, text: t.read(rel) };
      docs.push(doc);
      return doc;
    };
    const vnet = open('network/vnet.bicep');
    const result = await linter.lintUnit(vnet.uri);
    expect(result.documents[0].findings.filter((f) => f.ruleId === 'gateway-subnet-size').map((f) => f.level)).toEqual(['error']);
    expect(result.deps.has(path.join(t.dir, 'gateway/gateway.bicep'))).toBe(true);
    // The open gateway template depends on vnet.bicep: an edit there re-lints it.
    const gateway = open('gateway/gateway.bicep');
    expect((await linter.lintUnit(gateway.uri)).deps.has(vnet.path)).toBe(true);
  });

  it("a workspace folder's configuration 'root' widens the index beyond the folder", async () => {
    const { WorkspaceLinter } = await import('../../src/lsp/linter.js');
    const t = tree({ 'network/vnet.bicep': vnetBicep, 'gateway/gateway.bicep': gatewayBicep, 'network/gwlint.config.json': '{ "root": ".." }' });
    const p = path.join(t.dir, 'network/vnet.bicep');
    const docs = [{ uri: `file://${p}`, path: p, version: 1, text: vnetBicep }];
    const linter = new WorkspaceLinter(() => docs, () => [path.join(t.dir, 'network')]);
    const result = await linter.lintUnit(docs[0].uri);
    expect(result.documents[0].findings.filter((f) => f.ruleId === 'gateway-subnet-size').map((f) => f.level)).toEqual(['error']);
  });
});
