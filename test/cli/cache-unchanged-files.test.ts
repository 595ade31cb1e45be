import { readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, gatewayTemplate, gatewayUsingPipBicep, parametersFile, tempTrees, ZONAL_PIP_BICEP } from './helpers.js';

// A file whose size and modification time are those the cache recorded is not read again. These runs use
// trees last modified a minute ago, as a real tree is, so that the second run answers from the records.
const tree = tempTrees();
const MINUTE_AGO = Date.now() / 1000 - 60;

/** Sets every file of the tree (the cache file aside) to a modification time a minute ago. */
function age(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name !== '.gwlintcache') utimesSync(path.join(entry.parentPath, entry.name), MINUTE_AGO, MINUTE_AGO);
}

const findings = (stdout: string) =>
  stdout
    .split('\n')
    .flatMap((l) => /([^/\\]+): line (\d+), col \d+, \w+ - .* \(([\w-]+)\)$/.exec(l)?.slice(1) ?? [])
    .reduce<string[]>((out, part, i) => (i % 3 === 0 ? [...out, part] : [...out.slice(0, -1), `${out.at(-1)}:${part}`]), [])
    .sort();

const nicModule = (subnet: string) => `param subnetId string

resource nic 'Microsoft.Network/networkInterfaces@2024-05-01' = {
  name: 'nic'
  properties: {
    ipConfigurations: [ { name: 'ip', properties: { ${subnet} } } ]
  }
}
`;
const MAIN = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } } ]
  }
}

module nic 'nic.bicep' = {
  name: 'nic'
  params: { subnetId: vnet.properties.subnets[0].id }
}
`;

interface Case {
  dependency: string;
  files: Record<string, string>;
  args: string[];
  change: Record<string, string>;
  before: string[];
  after: string[];
}

describe('--cache with files known unchanged by size and modification time', () => {
  it.each<Case>([
    {
      dependency: 'a parameters file',
      files: { 'azuredeploy.json': gatewayTemplate('10.0.255.0/27'), 'azuredeploy.parameters.json': parametersFile('10.0.255.0/27') },
      args: [],
      change: { 'azuredeploy.parameters.json': parametersFile('10.0.255.0/28') },
      before: [],
      after: ['azuredeploy.parameters.json:4:gateway-subnet-size'],
    },
    {
      dependency: 'a module',
      files: { 'main.bicep': MAIN, 'nic.bicep': nicModule("privateIPAllocationMethod: 'Dynamic'") },
      args: ['main.bicep'],
      change: { 'nic.bicep': nicModule('subnet: { id: subnetId }') },
      before: [],
      after: ['nic.bicep:6:no-resources-in-gateway-subnet'],
    },
    {
      dependency: 'a template beside it that the repository index joins',
      files: { 'net/pip.bicep': ZONAL_PIP_BICEP, 'gw/gateway.bicep': gatewayUsingPipBicep('VpnGw2AZ') },
      args: ['net/pip.bicep', '--root', '.'],
      change: { 'gw/gateway.bicep': gatewayUsingPipBicep('VpnGw2') },
      before: [],
      after: ['pip.bicep:5:gateway-public-ip'],
    },
    {
      dependency: 'what a template beside it refers to',
      files: { 'net/pip.bicep': ZONAL_PIP_BICEP, 'gw/gateway.bicep': gatewayUsingPipBicep('VpnGw2').replace(/hub-gw-pip/g, 'other-pip') },
      args: ['net/pip.bicep', '--root', '.'],
      change: { 'gw/gateway.bicep': gatewayUsingPipBicep('VpnGw2') },
      before: [],
      after: ['pip.bicep:5:gateway-public-ip'],
    },
    {
      dependency: 'a new template that the repository index joins',
      files: { 'net/pip.bicep': ZONAL_PIP_BICEP },
      args: ['net/pip.bicep', '--root', '.'],
      change: { 'gw/gateway.bicep': gatewayUsingPipBicep('VpnGw2') },
      before: [],
      after: ['pip.bicep:5:gateway-public-ip'],
    },
  ])('reports anew when $dependency changes between two runs', async ({ files, args, change, before, after }) => {
    const t = tree(files);
    age(t.dir);
    const run = async () => findings((await cli(t.dir, [...args, '--cache', '--format', 'compact'])).stdout);
    expect(await run()).toEqual(before);
    expect(await run()).toEqual(before);
    for (const [p, text] of Object.entries(change)) t.write(p, text);
    expect(await run()).toEqual(after);
    // And back to the first text (of the same size for the parameters file), dated a minute ago: a time other
    // than the recorded one is enough to read the file again.
    const changed = Object.keys(change).filter((p) => p in files);
    if (changed.length === 0) return;
    for (const p of changed) t.write(p, files[p]);
    age(t.dir);
    expect(await run()).toEqual(before);
  });

  it('does not rewrite the cache file when nothing changed', async () => {
    const t = tree({ 'a/azuredeploy.json': gatewayTemplate('10.0.255.0/28'), 'b/main.bicep': MAIN, 'b/nic.bicep': nicModule('subnet: { id: subnetId }') });
    age(t.dir);
    const cacheFile = path.join(t.dir, '.gwlintcache');
    const first = await cli(t.dir, ['--cache', '--format', 'compact']);
    expect(findings(first.stdout)).toEqual(['azuredeploy.json:5:gateway-subnet-size', 'nic.bicep:6:no-resources-in-gateway-subnet']);
    const written = statSync(cacheFile);
    const text = readFileSync(cacheFile, 'utf8');
    const second = await cli(t.dir, ['--cache', '--format', 'compact']);
    expect(second.stdout).toBe(first.stdout);
    // Written through a rename, a rewritten file would be a new one.
    expect(statSync(cacheFile).ino).toBe(written.ino);
    expect(statSync(cacheFile).mtimeMs).toBe(written.mtimeMs);
    expect(readFileSync(cacheFile, 'utf8')).toBe(text);
  });

  it('reads again a file changed just after it was recorded, even with the same size and modification time', async () => {
    const t = tree({ 'azuredeploy.json': gatewayTemplate('10.0.255.0/27') });
    const file = path.join(t.dir, 'azuredeploy.json');
    // A whole second just before the run, as a file system with coarse timestamps keeps it.
    const recent = Math.floor(Date.now() / 1000) - 1;
    utimesSync(file, recent, recent);
    const run = async () => findings((await cli(t.dir, ['--cache', '--format', 'compact'])).stdout);
    expect(await run()).toEqual([]);
    t.write('azuredeploy.json', gatewayTemplate('10.0.255.0/28'));
    utimesSync(file, recent, recent);
    expect(await run()).toEqual(['azuredeploy.json:5:gateway-subnet-size']);
  });
});
