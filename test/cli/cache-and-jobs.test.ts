import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheJson, cli, gatewayTemplate, parametersFile, tempTrees } from './helpers.js';

const tree = tempTrees();

const MAIN = `param gatewaySubnetPrefix string = '10.0.255.0/27'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: gatewaySubnetPrefix } } ]
  }
}

module nic 'nic.bicep' = {
  name: 'nic'
  params: { subnetId: vnet.properties.subnets[0].id }
}
`;
const nicModule = (subnetProperty: string) => `param subnetId string

resource nic 'Microsoft.Network/networkInterfaces@2024-05-01' = {
  name: 'nic'
  properties: {
    ipConfigurations: [ { name: 'ip', properties: { ${subnetProperty} } } ]
  }
}
`;

/** File names, positions and rule ids of a compact report, sorted, for comparing runs. */
function findings(stdout: string): string[] {
  return stdout
    .split('\n')
    .flatMap((l) => /^.*?([^/\\]+): line (\d+), col (\d+), \w+ - .* \((.+)\)$/.exec(l) ?? [])
    .flatMap((m, i, all) => (i % 5 === 0 ? [`${all[i + 1]}:${all[i + 2]}:${all[i + 3]} ${all[i + 4]}`] : []))
    .sort();
}

describe('--cache', () => {
  it('never hides a finding after a change to the file, its parameters file, a module it uses, or the configuration', async () => {
    const t = tree({
      'azuredeploy.json': gatewayTemplate('10.0.255.0/27'),
      'azuredeploy.parameters.json': parametersFile('10.0.255.0/27'),
      'main.bicep': MAIN,
      'nic.bicep': nicModule("privateIPAllocationMethod: 'Dynamic'"),
    });
    const run = async () => findings((await cli(t.dir, ['--cache', '--format', 'compact'])).stdout);
    expect(await run()).toEqual([]);
    expect(existsSync(path.join(t.dir, '.gwlintcache'))).toBe(true);
    expect(await run()).toEqual([]);

    t.write('azuredeploy.parameters.json', parametersFile('10.0.255.0/28'));
    expect(await run()).toEqual(['azuredeploy.parameters.json:4:53 gateway-subnet-size']);

    t.write('azuredeploy.parameters.json', parametersFile('10.0.255.0/27'));
    t.write('azuredeploy.json', gatewayTemplate('10.0.255.0/27', 'gatewaysubnet'));
    expect(await run()).toEqual(['azuredeploy.json:16:21 gateway-subnet-name']);
    t.write('azuredeploy.json', gatewayTemplate('10.0.255.0/27'));
    expect(await run()).toEqual([]);

    t.write('nic.bicep', nicModule('subnet: { id: subnetId }'));
    expect(await run()).toEqual(['nic.bicep:6:67 no-resources-in-gateway-subnet']);

    t.write('gwlint.config.json', '{ "rules": { "no-resources-in-gateway-subnet": "off" } }');
    expect(await run()).toEqual([]);
    t.write('gwlint.config.json', '{ "rules": { "no-resources-in-gateway-subnet": "warning" } }');
    const levels = await cli(t.dir, ['--cache', '--format', 'compact']);
    expect(levels.stdout).toContain(', Warning - ');
  });

  it('keeps the cache where --cache-location says and ignores a cache it cannot read', async () => {
    const t = tree({ 'azuredeploy.json': gatewayTemplate('10.0.255.0/28') });
    const first = await cli(t.dir, ['--cache', '--cache-location', 'state/gwlint.cache', '--format', 'compact']);
    expect(first.code).toBe(1);
    expect(JSON.parse(cacheJson(path.join(t.dir, 'state/gwlint.cache'))).entries).toBeTypeOf('object');
    t.write('state/gwlint.cache', '{ not json');
    const second = await cli(t.dir, ['--cache', '--cache-location', 'state/gwlint.cache', '--format', 'compact']);
    expect(findings(second.stdout)).toEqual(findings(first.stdout));
  });
});

describe('--jobs', () => {
  it('gives the same findings with one thread and with several', async () => {
    const t = tree({
      'a/azuredeploy.json': gatewayTemplate('10.0.255.0/28'),
      'b/azuredeploy.json': gatewayTemplate('10.0.255.0/27', 'Gateway-Subnet'),
      'c/main.bicep': MAIN,
      'c/nic.bicep': nicModule('subnet: { id: subnetId }'),
    });
    const one = await cli(t.dir, ['--jobs', '1', '--format', 'compact']);
    const four = await cli(t.dir, ['--jobs', '4', '--format', 'compact']);
    expect(findings(one.stdout).length).toBe(3);
    expect(four.stdout).toBe(one.stdout);
    const bad = await cli(t.dir, ['--jobs', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--jobs needs a whole number of 1 or more');
  });
});
