import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { cli, gatewayBicep, gatewayTemplate, parametersFile, tempTrees, vpnGatewayBicep } from '../cli/helpers.js';

const tree = tempTrees();

const bicepParams = (using: string, prefix: string) => `using '${using}'\n\nparam gatewaySubnetPrefix = '${prefix}'\n`;

function sizeFindings(result: LintResult) {
  return result.files.flatMap((f) =>
    f.diagnostics.filter((d) => d.ruleId === 'gateway-subnet-size').map((d) => ({ file: path.basename(f.path), message: d.message, related: d.related.map((r) => path.basename(r.span.file.path)) })),
  );
}

describe('every parameters file of a template is a deployment', () => {
  it('JSON: dev (/27) and prod (/29) are both evaluated; the finding sits on the value in the prod file', async () => {
    const result = await lint({
      files: [
        { path: 'net.json', text: gatewayTemplate('10.0.255.0/27') },
        { path: 'net.parameters.dev.json', text: parametersFile('10.0.255.0/27') },
        { path: 'net.parameters.prod.json', text: parametersFile('10.0.255.0/29') },
      ],
    });
    const found = sizeFindings(result);
    expect(found).toHaveLength(1);
    expect(found[0].file).toBe('net.parameters.prod.json');
    // Its place names the set and the file: no "In prod:" before the message, no file name in it.
    expect(found[0].message).toMatch(/^GatewaySubnet is \/29.* From parameter '\w+'\./);
    expect(found[0].message).not.toContain('net.parameters.prod.json');
    expect(found[0].related).toContain('net.json');
  });

  it('JSON: a plain net.parameters.json does not hide the environment files', async () => {
    const result = await lint({
      files: [
        { path: 'net.json', text: gatewayTemplate('10.0.255.0/27') },
        { path: 'net.parameters.json', text: parametersFile('10.0.255.0/27') },
        { path: 'net.parameters.dev.json', text: parametersFile('10.0.255.0/27') },
        { path: 'net.parameters.prod.json', text: parametersFile('10.0.255.0/29') },
      ],
    });
    expect(sizeFindings(result).map((f) => f.file)).toEqual(['net.parameters.prod.json']);
  });

  it('the same value written in each parameters file is reported in each file, without a set name', async () => {
    const result = await lint({
      files: [
        { path: 'net.json', text: gatewayTemplate('10.0.255.0/27') },
        { path: 'net.parameters.dev.json', text: parametersFile('10.0.255.0/28') },
        { path: 'net.parameters.prod.json', text: parametersFile('10.0.255.0/28') },
      ],
    });
    const found = sizeFindings(result);
    expect(found.map((f) => f.file).sort()).toEqual(['net.parameters.dev.json', 'net.parameters.prod.json']);
    for (const f of found) {
      expect(f.message).not.toMatch(/^In /);
      expect(f.related).toEqual(['net.json']);
    }
  });

  it('Bicep: each .bicepparam whose using names the template is a set', async () => {
    const result = await lint({
      files: [
        { path: 'main.bicep', text: gatewayBicep('10.0.255.0/27') },
        { path: 'dev.bicepparam', text: bicepParams('main.bicep', '10.0.255.0/27') },
        { path: 'prod.bicepparam', text: bicepParams('main.bicep', '10.0.255.0/29') },
      ],
    });
    const found = sizeFindings(result);
    expect(found).toHaveLength(1);
    expect(found[0].file).toBe('prod.bicepparam');
    expect(found[0].related).toContain('main.bicep');
  });

  it('explicit parameter files merge in order, later values winning', async () => {
    const files = [{ path: 'net.json', text: gatewayTemplate('10.0.255.0/27') }];
    const context = [
      { path: 'a.json', text: parametersFile('10.0.255.0/29') },
      { path: 'b.json', text: parametersFile('10.0.255.0/27') },
    ];
    const aThenB = await lint({ files, context, parameterFiles: new Map([['net.json', ['a.json', 'b.json']]]) });
    const bThenA = await lint({ files, context, parameterFiles: new Map([['net.json', ['b.json', 'a.json']]]) });
    expect(sizeFindings(aThenB)).toEqual([]);
    expect(sizeFindings(bThenA)).toHaveLength(1);
  });
});

describe('parameter sets through the command line', () => {
  it('a pre-commit run naming only the template evaluates every parameters file beside it', async () => {
    const t = tree({ 'net.json': gatewayTemplate('10.0.255.0/27'), 'net.parameters.dev.json': parametersFile('10.0.255.0/27'), 'net.parameters.prod.json': parametersFile('10.0.255.0/29') });
    const run = await cli(t.dir, ['--format', 'json', 'net.json']);
    const files = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).filter((f) => f.messages.some((m) => m.ruleId === 'gateway-subnet-size'));
    expect(files.map((f) => path.basename(f.filePath))).toEqual(['net.parameters.prod.json']);
    expect(run.code).toBe(1);
  });

  it('Bicep: naming only main.bicep uses every .bicepparam beside it', async () => {
    const t = tree({ 'main.bicep': gatewayBicep('10.0.255.0/27'), 'dev.bicepparam': bicepParams('main.bicep', '10.0.255.0/27'), 'prod.bicepparam': bicepParams('main.bicep', '10.0.255.0/29') });
    const run = await cli(t.dir, ['--format', 'json', 'main.bicep']);
    const files = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).filter((f) => f.messages.some((m) => m.ruleId === 'gateway-subnet-size'));
    expect(files.map((f) => path.basename(f.filePath))).toEqual(['prod.bicepparam']);
  });

  it('-p given twice merges the files, the later one winning', async () => {
    const t = tree({ 'net.json': gatewayTemplate('10.0.255.0/27'), 'small.json': parametersFile('10.0.255.0/29'), 'fits.json': parametersFile('10.0.255.0/27') });
    expect((await cli(t.dir, ['-p', 'small.json', '-p', 'fits.json', 'net.json'])).code).toBe(0);
    const bad = await cli(t.dir, ['-p', 'fits.json', '-p', 'small.json', 'net.json']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('gateway-subnet-size');
  });
});

/** A /28 GatewaySubnet written in the template: whether it is an error depends on the gateway SKU each set gives. */
const skuFromParameters = `param sku string = 'Basic'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/28' } } ]
  }
}

${vpnGatewayBicep('sku', 'subnet: { id: vnet.properties.subnets[0].id }')}`;
const skuParams = (sku: string) => `using 'main.bicep'\n\nparam unrelated = 'same'\nparam sku = '${sku}'\n`;

describe('a finding of one set whose value is in the template names the set values that cause it', () => {
  const relatedLines = (result: LintResult) =>
    result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'gateway-subnet-size' && d.level === 'error').map((d) => ({ message: d.message, related: d.related.map((r) => `${path.basename(r.span.file.path)}:${r.span.file.position(r.span.start).line + 1} ${r.message}`) })));

  it("through lint(): the related location is prod's 'sku' line, not the file's first line", async () => {
    const result = await lint({ files: [{ path: 'main.bicep', text: skuFromParameters }, { path: 'dev.bicepparam', text: skuParams('Basic') }, { path: 'prod.bicepparam', text: skuParams('VpnGw1AZ') }] });
    const found = relatedLines(result);
    expect(found).toHaveLength(1);
    expect(found[0].message).toMatch(/^In prod: /);
    expect(found[0].related).toEqual(["prod.bicepparam:4 In prod, 'sku' is set here."]);
  });

  it('through the command line naming only the template', async () => {
    const t = tree({ 'main.bicep': skuFromParameters, 'dev.bicepparam': skuParams('Basic'), 'prod.bicepparam': skuParams('VpnGw1AZ') });
    const run = await cli(t.dir, ['--format', 'json', 'main.bicep']);
    const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string; message: string; related: { filePath: string; line: number }[] }[] }[]).flatMap((f) => f.messages);
    const prod = messages.filter((m) => m.ruleId === 'gateway-subnet-size' && m.message.startsWith('In prod: '));
    expect(prod.map((m) => m.related.map((r) => `${path.basename(r.filePath)}:${r.line}`))).toEqual([['prod.bicepparam:4']]);
  });
});
