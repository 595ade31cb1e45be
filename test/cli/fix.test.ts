import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { SourceFile } from '../../src/core/source.js';
import { applyEdits, chooseFixes } from '../../src/cli/fix.js';
import type { LintResult } from '../../src/engine/result.js';
import { cli, tempTrees, vpnGatewayBicep } from './helpers.js';

const tree = tempTrees();

/** Offsets of every occurrence of `needle`. */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** `text` with the occurrences of `from` at the given indexes (0-based, in order) replaced by `to`, and nothing else changed. */
function replaceOccurrences(text: string, from: string, to: string, which: number[]): string {
  const at = occurrences(text, from);
  let out = text;
  for (const i of [...which].sort((a, b) => b - a)) out = out.slice(0, at[i]) + to + out.slice(at[i] + from.length);
  return out;
}

// Occurrences of 'Gateway-Subnet': 0 the comment, 1 the tag (not a reference), 2 the subnet name, 3 the
// gateway's resourceId(...), 4 the literal id built with concat(...).
const JSON_TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  // The hub network. Gateway-Subnet is misspelt on purpose.
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2024-05-01",
      "name": "hub-vnet",
      "location": "westeurope",
      "tags": { "note": "Gateway-Subnet" },
      "properties": {
        "addressSpace": {   "addressPrefixes": [ "10.0.0.0/16" ] },
        "subnets": [
          {"name":"Gateway-Subnet","properties":{"addressPrefix":"10.0.255.0/27"}},
          { "name": "workloads", "properties": { "addressPrefix": "10.0.1.0/24" } }, // trailing comma kept
        ]
      }
    },
    {
      "type": "Microsoft.Network/virtualNetworkGateways",
      "apiVersion": "2024-05-01",
      "name": "hub-gw",
      "location": "westeurope",
      "properties": {
        "gatewayType": "Vpn",
        "vpnType": "RouteBased",
        "activeActive": true,
        "sku": { "name": "VpnGw2AZ", "tier": "VpnGw2AZ" },
        "ipConfigurations": [
          { "name": "one", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'Gateway-Subnet')]" } } },
          { "name": "two", "properties": { "subnet": { "id": "[concat(resourceId('Microsoft.Network/virtualNetworks', 'hub-vnet'), '/subnets/Gateway-Subnet')]" } } }
        ]
      }
    }
  ]
}
`;

// Occurrences of 'Gateway-Subnet': 0 the comment, 1 the subnet name, 2 resourceId(...), 3 the interpolated id.
const BICEP_TEMPLATE = [
  '// Gateway-Subnet is misspelt on purpose.',
  "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
  "  name: 'hub-vnet'",
  "  location: 'westeurope'",
  '  properties: {',
  "    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }",
  '    subnets: [',
  "      { name: 'Gateway-Subnet',   properties: { addressPrefix: '10.0.255.0/27' } }",
  "      { name: 'workloads', properties: { addressPrefix: '10.0.1.0/24' } }",
  '    ]',
  '  }',
  '}',
  '',
  "resource gateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {",
  "  name: 'hub-gw'",
  "  location: 'westeurope'",
  '  properties: {',
  "    gatewayType: 'Vpn'",
  "    vpnType: 'RouteBased'",
  '    activeActive: true',
  "    sku: { name: 'VpnGw2AZ', tier: 'VpnGw2AZ' }",
  '    ipConfigurations: [',
  "      { name: 'one', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'Gateway-Subnet') } } }",
  "      { name: 'two', properties: { subnet: { id: '${vnet.id}/subnets/Gateway-Subnet' } } }",
  '    ]',
  '  }',
  '}',
  '',
].join('\r\n');

function ruleIds(stdout: string): string[] {
  return (JSON.parse(stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId));
}

describe('--fix', () => {
  it('renames a near-miss GatewaySubnet and its references in a JSON template, and nothing else', async () => {
    const { dir, read } = tree({ 'main.json': JSON_TEMPLATE });
    expect(ruleIds((await cli(dir, ['-f', 'json'])).stdout)).toEqual(['gateway-subnet-name']);

    const run = await cli(dir, ['--fix', '-f', 'json']);
    expect(run.code).toBe(0);
    expect(ruleIds(run.stdout)).toEqual([]);
    expect(run.stderr).toBe('gwlint: fixed 1 problem in main.json.\n');
    // Byte for byte: the name and the two references changed; the comment, the tag and the formatting did not.
    expect(read('main.json')).toBe(replaceOccurrences(JSON_TEMPLATE, 'Gateway-Subnet', 'GatewaySubnet', [2, 3, 4]));
    // The fixed file lints clean.
    expect((await cli(dir, ['-f', 'json'])).code).toBe(0);
  });

  it('offers no rename when an expression looks the subnet up by its name, which the rename would break', async () => {
    const vnet = "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: 'hub'\n  properties: {\n    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }\n    subnets: [ { name: 'GwSubnet', properties: { addressPrefix: '10.0.255.0/27' } } ]\n  }\n}\n";
    const text = vnet + vpnGatewayBicep("'VpnGw2AZ'", "subnet: { id: filter(vnet.properties.subnets, s => s.name == 'GwSubnet')[0].id }");
    const { dir, read } = tree({ 'main.bicep': text });
    const found = JSON.parse((await cli(dir, ['-f', 'json'])).stdout) as { messages: { ruleId: string; fix?: unknown }[] }[];
    expect(found[0].messages.map((m) => [m.ruleId, m.fix === undefined])).toEqual([['gateway-subnet-name', true]]);
    const run = await cli(dir, ['--fix']);
    expect(run.code).toBe(1);
    expect(read('main.bicep')).toBe(text);
  });

  it('renames a near-miss GatewaySubnet and its references in Bicep, keeping CRLF line ends and comments', async () => {
    const { dir, read } = tree({ 'main.bicep': BICEP_TEMPLATE });
    expect(ruleIds((await cli(dir, ['-f', 'json'])).stdout)).toEqual(['gateway-subnet-name']);
    const run = await cli(dir, ['--fix', '-f', 'json']);
    expect(ruleIds(run.stdout)).toEqual([]);
    expect(run.code).toBe(0);
    expect(read('main.bicep')).toBe(replaceOccurrences(BICEP_TEMPLATE, 'Gateway-Subnet', 'GatewaySubnet', [1, 2, 3]));
  });

  it('reports what remains after fixing, and keeps the byte order mark and the file mode', async () => {
    // The misnamed subnet is also too small: the name is fixed, the size is left for a person.
    const text = `\uFEFF${JSON_TEMPLATE.replace('10.0.255.0/27', '10.0.255.0/28')}`;
    const { dir } = tree({ 'main.json': text });
    const file = path.join(dir, 'main.json');
    chmodSync(file, 0o640);
    const run = await cli(dir, ['--fix', '-f', 'compact']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\/main\.json: line 15, col \d+, Error - GatewaySubnet is \/28.*\(gateway-subnet-size\)$/m);
    expect(run.stdout).not.toContain('gateway-subnet-name');
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(replaceOccurrences(text, 'Gateway-Subnet', 'GatewaySubnet', [2, 3, 4]));
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('never writes the masked copy of a file that holds a secret', async () => {
    const withSecret = JSON_TEMPLATE.replace(
      '"contentVersion": "1.0.0.0",',
      '"contentVersion": "1.0.0.0",\n  "parameters": { "vpnSharedKey": { "type": "securestring", "defaultValue": "Sup3r-Secret-Key-42" } },',
    );
    const { dir, read } = tree({ 'main.json': withSecret });
    const run = await cli(dir, ['--fix', '-f', 'json']);
    expect(run.stdout).not.toContain('Sup3r-Secret-Key-42');
    expect(read('main.json')).toBe(replaceOccurrences(withSecret, 'Gateway-Subnet', 'GatewaySubnet', [2, 3, 4]));
  });

  it('fixes a UTF-16 file in UTF-16', async () => {
    const { dir } = tree({});
    const file = path.join(dir, 'main.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON_TEMPLATE, 'utf16le')]));
    expect((await cli(dir, ['--fix'])).code).toBe(0);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    expect(bytes.subarray(2).toString('utf16le')).toBe(replaceOccurrences(JSON_TEMPLATE, 'Gateway-Subnet', 'GatewaySubnet', [2, 3, 4]));
  });

  it('leaves suppressed findings and other files alone', async () => {
    const suppressed = JSON_TEMPLATE.replace('{"name":"Gateway-Subnet"', '// gwlint-disable-next-line gateway-subnet-name -- legacy name\n          {"name":"Gateway-Subnet"');
    const { dir, read } = tree({ 'main.json': suppressed, 'other.json': JSON_TEMPLATE });
    const run = await cli(dir, ['--fix', 'main.json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(read('main.json')).toBe(suppressed);
    expect(read('other.json')).toBe(JSON_TEMPLATE);
  });
});

describe('--fix-dry-run', () => {
  it('prints a unified diff that gives the --fix result, writes nothing, and reports what would remain on stderr', async () => {
    const { dir, read } = tree({ 'infra/main.json': JSON_TEMPLATE, 'infra/main.bicep': BICEP_TEMPLATE });
    const before = statSync(path.join(dir, 'infra/main.json')).mtimeMs;
    const run = await cli(dir, ['--fix-dry-run', '--rule', 'no-resources-in-gateway-subnet:off']);
    expect(run.code).toBe(0);
    expect(read('infra/main.json')).toBe(JSON_TEMPLATE);
    expect(read('infra/main.bicep')).toBe(BICEP_TEMPLATE);
    expect(statSync(path.join(dir, 'infra/main.json')).mtimeMs).toBe(before);
    expect(run.stdout).toMatch(/^--- a\/infra\/main\.bicep\n\+\+\+ b\/infra\/main\.bicep\n@@ /);
    expect(run.stdout).toContain('--- a/infra/main.json\n+++ b/infra/main.json\n');
    expect(run.stdout).toContain(`-          {"name":"Gateway-Subnet","properties":{"addressPrefix":"10.0.255.0/27"}},\n+          {"name":"GatewaySubnet","properties":{"addressPrefix":"10.0.255.0/27"}},`);
    // The diff applied to the original gives exactly what --fix writes.
    const patches = run.stdout.split(/(?=^--- a\/)/m);
    const jsonPatch = patches.find((p) => p.startsWith('--- a/infra/main.json'))!;
    const bicepPatch = patches.find((p) => p.startsWith('--- a/infra/main.bicep'))!;
    await cli(dir, ['--fix', '--rule', 'no-resources-in-gateway-subnet:off']);
    expect(applyPatch(JSON_TEMPLATE, jsonPatch)).toBe(read('infra/main.json'));
    expect(applyPatch(BICEP_TEMPLATE, bicepPatch)).toBe(read('infra/main.bicep'));
  });

  it('prints nothing when there is nothing to fix, and the report of the remaining findings on stderr', async () => {
    const { dir } = tree({ 'main.json': JSON_TEMPLATE.replace('Gateway-Subnet","properties":{"addressPrefix":"10.0.255.0/27"', 'GatewaySubnet","properties":{"addressPrefix":"10.0.255.0/28"').replace(/'Gateway-Subnet'|\/subnets\/Gateway-Subnet/g, (m) => m.replace('Gateway-Subnet', 'GatewaySubnet')) });
    const run = await cli(dir, ['--fix-dry-run', '-f', 'compact']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/\/main\.json: line 15, col \d+, Error - GatewaySubnet is \/28.*\(gateway-subnet-size\)$/m);
  });
});

describe('choosing and applying edits', () => {
  const file = new SourceFile('/x/a.json', '0123456789');
  const at = (start: number, end: number) => ({ file, start, end });
  const fixable = (ruleId: string, edits: [number, number, string][], extra: Partial<Diagnostic> = {}): Diagnostic => ({
    ruleId,
    level: 'error',
    message: ruleId,
    span: at(edits[0][0], edits[0][1]),
    related: [],
    fix: { description: ruleId, edits: edits.map(([s, e, text]) => ({ span: at(s, e), text })) },
    ...extra,
  });
  const result = (diagnostics: Diagnostic[]): LintResult => ({ files: [{ path: file.path, source: file, kind: 'arm-template', diagnostics }], rules: [] });

  it('takes non-overlapping fixes whole, skips a fix whose edit overlaps one taken, and takes a repeated edit once', () => {
    const chosen = chooseFixes(
      result([
        fixable('a', [[1, 3, 'AA'], [8, 9, 'Z']]),
        fixable('b', [[2, 4, 'B']]), // overlaps a's first edit: skipped whole
        fixable('c', [[5, 6, 'C'], [8, 9, 'Z']]), // its second edit repeats a's
        fixable('d', [[6, 6, '+']]),
        fixable('e', [[6, 6, '-']]), // a second insertion at the same place
        fixable('f', [[0, 1, 'S']], { suppression: { kind: 'comment' } }),
        fixable('g', [[9, 12, 'past the end']]),
      ]),
      () => true,
      () => file.text,
    );
    expect(chosen.fixes).toBe(3);
    const edits = chosen.edits.get('/x/a.json')!;
    expect(edits.map((e) => [e.span.start, e.span.end, e.text])).toEqual([
      [1, 3, 'AA'],
      [8, 9, 'Z'],
      [5, 6, 'C'],
      [6, 6, '+'],
    ]);
    expect(applyEdits(file.text, edits)).toBe('0AA34C+67Z9');
  });

  it('leaves findings the selection refuses, files that may not be edited, and edits made against other text', () => {
    const diagnostics = [fixable('a', [[1, 2, 'x']]), fixable('b', [[3, 4, 'y']], { level: 'warning' })];
    expect(chooseFixes(result(diagnostics), (d) => d.level === 'error', () => file.text).fixes).toBe(1);
    expect(chooseFixes(result(diagnostics), () => true, () => undefined).fixes).toBe(0);
    // The file changed since the edits were computed (or the text they saw was masked): nothing is applied.
    expect(chooseFixes(result(diagnostics), () => true, () => '0123456789 changed').fixes).toBe(0);
  });
});
