import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInRules } from '../../rules/index.js';
import { FIXTURES, readFixture } from '../support/fixtures.js';
import { git, twoCommitRepo, writeFiles } from '../support/git-repo.js';
import { REPO, tempTree } from './helpers.js';

// The compiled command, as npm installs it: `npm ci` builds dist/ through the `prepare` script.
const BIN = path.join(REPO, 'bin/gwlint.js');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function gwlint(cwd: string, args: string[]) {
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...inherited } = process.env;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: inherited, timeout: 60_000 });
}

function repo(base: Record<string, string>, head: Record<string, string | null>): string {
  const r = twoCommitRepo(base, head);
  cleanups.push(r.cleanup);
  return r.dir;
}

interface JsonReport {
  filePath: string;
  messages: { ruleId: string; level: string; line: number; message: string; suppressed?: unknown }[];
}

/** `file:line rule (level)` for every finding of a JSON report that is not suppressed, relative to the repository. */
function findings(dir: string, stdout: string, only?: (ruleId: string) => boolean): string[] {
  const report = JSON.parse(stdout) as JsonReport[];
  return report.flatMap((f) => f.messages.filter((m) => !m.suppressed && (!only || only(m.ruleId))).map((m) => `${path.relative(dir, f.filePath)}:${m.line} ${m.ruleId} (${m.level})`)).sort();
}

const EXPECT = /@expect\s+([a-z0-9-]+)(?::(error|warning|info))?/g;
const defaultLevel = new Map(builtInRules.map((r) => [r.meta.id, r.meta.level as string]));

function expected(files: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [p, text] of Object.entries(files))
    text.split(/\r?\n/).forEach((line, i) => {
      for (const m of line.matchAll(EXPECT)) out.push(`${p}:${i + 1} ${m[1]} (${m[2] ?? defaultLevel.get(m[1])})`);
    });
  return out.sort();
}

/** A fixture folder's base and head versions as file maps relative to the folder. */
function fixtureVersions(folder: string): { base: Record<string, string>; head: Record<string, string | null>; deleted: Record<string, string> } {
  const { files, base, deleted } = readFixture(folder);
  const rel = (p: string) => path.relative(folder, p).split(path.sep).join('/');
  const head: Record<string, string | null> = Object.fromEntries(files.map((f) => [rel(f.path), f.text]));
  const before: Record<string, string> = Object.fromEntries(files.filter((f) => !base!.added.includes(f.path)).map((f) => [rel(f.path), f.text]));
  for (const f of base!.files) before[rel(f.path)] = f.text;
  for (const f of deleted) head[rel(f.path)] = null;
  return { base: before, head, deleted: Object.fromEntries(deleted.map((f) => [rel(f.path), f.text])) };
}

const changeFolders = readdirSync(FIXTURES).filter((f) => f.startsWith('change-'));

describe('gwlint diff on a two-commit repository: every change rule fixture, JSON and Bicep', () => {
  it('has change rule fixtures', () => expect(changeFolders.length).toBeGreaterThan(0));
  for (const name of changeFolders)
    it(name, () => {
      const versions = fixtureVersions(path.join(FIXTURES, name));
      const dir = repo(versions.base, versions.head);
      const run = gwlint(dir, ['diff', 'HEAD~1', '--format', 'json']);
      expect(run.status, run.stderr).toBeLessThan(2);
      const head = Object.fromEntries(Object.entries(versions.head).filter((e): e is [string, string] => e[1] !== null && !e[0].startsWith('base/')));
      expect(findings(dir, run.stdout)).toEqual(expected({ ...head, ...versions.deleted }));
    });
});

const GATEWAY_JSON = (vpnType: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworkGateways",
      "apiVersion": "2024-05-01",
      "name": "gw",
      "properties": {
        "gatewayType": "Vpn",
        "vpnType": "${vpnType}",
        "sku": { "name": "Basic", "tier": "Basic" },
        "ipConfigurations": []
      }
    }
  ]
}
`;

describe('gwlint diff: reading the base revision through git', () => {
  it('--base REF in a normal run reports the same changes as gwlint diff REF, and a run without a base none', () => {
    const dir = repo({ 'infra/gw.json': GATEWAY_JSON('RouteBased') }, { 'infra/gw.json': GATEWAY_JSON('PolicyBased') });
    const change = (out: string) => findings(dir, out, (id) => id.startsWith('change-'));
    const diff = gwlint(dir, ['diff', 'HEAD~1', 'infra', '-f', 'json']);
    const withBase = gwlint(dir, ['--base', 'HEAD~1', 'infra', '-f', 'json']);
    const plain = gwlint(dir, ['infra', '-f', 'json']);
    expect(change(diff.stdout)).toEqual(['infra/gw.json:11 change-gateway-type (error)']);
    expect(diff.status).toBe(1);
    expect(change(withBase.stdout)).toEqual(change(diff.stdout));
    expect(change(plain.stdout)).toEqual([]);
    expect((JSON.parse(diff.stdout) as JsonReport[])[0].messages.find((m) => m.ruleId === 'change-gateway-type')!.message).toMatch(/^vpnType of gateway 'gw' changes from RouteBased to PolicyBased, which Azure cannot change\. /);
  });

  it('compares the work tree, uncommitted edits included, and leaves the work tree, index and HEAD as they were', () => {
    const dir = repo({ 'gw.json': GATEWAY_JSON('RouteBased') }, {});
    writeFiles(dir, { 'gw.json': GATEWAY_JSON('PolicyBased') });
    const before = [git(dir, ['status', '--porcelain']), git(dir, ['rev-parse', 'HEAD']), git(dir, ['stash', 'list'])];
    const run = gwlint(dir, ['diff', 'HEAD', '-f', 'json']);
    expect(findings(dir, run.stdout, (id) => id.startsWith('change-'))).toEqual(['gw.json:11 change-gateway-type (error)']);
    expect([git(dir, ['status', '--porcelain']), git(dir, ['rev-parse', 'HEAD']), git(dir, ['stash', 'list'])]).toEqual(before);
    expect(readFileSync(path.join(dir, 'gw.json'), 'utf8')).toBe(GATEWAY_JSON('PolicyBased'));
  });

  it('evaluates each version with its own modules and parameters files', () => {
    const main = "param vpnType string\nmodule gw 'gw.bicep' = {\n  name: 'gw'\n  params: { vpnType: vpnType }\n}\n";
    const gw = (sku: string) => `param vpnType string\nresource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {\n  name: 'gw'\n  properties: {\n    gatewayType: 'Vpn'\n    vpnType: vpnType\n    sku: { name: '${sku}', tier: '${sku}' }\n    ipConfigurations: []\n  }\n}\n`;
    const params = (vpnType: string) => `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": { "vpnType": { "value": "${vpnType}" } }\n}\n`;
    const dir = repo({ 'main.bicep': main, 'gw.bicep': gw('VpnGw2AZ'), 'main.parameters.json': params('RouteBased') }, { 'gw.bicep': gw('VpnGw1AZ'), 'main.parameters.json': params('PolicyBased') });
    const run = gwlint(dir, ['diff', 'HEAD~1', 'main.bicep', '-f', 'json']);
    // Each finding sits where the new value is written: the parameters file, the module.
    expect(findings(dir, run.stdout, (id) => id.startsWith('change-'))).toEqual(['gw.bicep:7 change-gateway-sku (error)', 'main.parameters.json:4 change-gateway-type (error)']);
  });

  it('compares with the parameters file the base deployed with, when it was deleted or replaced since', () => {
    const main = (sku: string) => `param sku string = '${sku}'\nresource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {\n  name: 'gw'\n  properties: {\n    gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    sku: { name: sku, tier: sku }\n    ipConfigurations: []\n  }\n}\n`;
    const params = (sku: string) => `using 'main.bicep'\nparam sku = '${sku}'\n`;
    const base = { 'main.bicep': main('VpnGw2AZ'), 'main.bicepparam': params('VpnGw3AZ') };
    const changes = (head: Record<string, string | null>) => {
      const dir = repo(base, head);
      return findings(dir, gwlint(dir, ['diff', 'HEAD~1', '-f', 'json']).stdout, (id) => id.startsWith('change-'));
    };
    // Deleted: the template now deploys its default, VpnGw2AZ, where the base deployed VpnGw3AZ.
    expect(changes({ 'main.bicepparam': null })).toEqual(['main.bicep:1 change-gateway-sku (error)']);
    // Replaced by a file git does not see as the same one: the new file's value is compared with the old file's.
    expect(changes({ 'main.bicepparam': null, 'prod.bicepparam': `// production\n${params('VpnGw2AZ')}` })).toEqual(['prod.bicepparam:3 change-gateway-sku (error)']);
  });

  it('follows a renamed template: its base version is the old path', () => {
    const dir = repo({ 'old/gw.json': GATEWAY_JSON('RouteBased') }, { 'old/gw.json': null, 'new/gateway.json': GATEWAY_JSON('PolicyBased') });
    const run = gwlint(dir, ['diff', 'HEAD~1', '-f', 'json']);
    expect(findings(dir, run.stdout, (id) => id.startsWith('change-'))).toEqual(['new/gateway.json:11 change-gateway-type (error)']);
  });

  it('defaults to the merge base with origin/HEAD, else with main', () => {
    const dir = repo({ 'gw.json': GATEWAY_JSON('RouteBased') }, {});
    git(dir, ['checkout', '-q', '-b', 'feature']);
    writeFiles(dir, { 'gw.json': GATEWAY_JSON('PolicyBased') });
    git(dir, ['commit', '-q', '-am', 'feature']);
    const change = (out: string) => findings(dir, out, (id) => id.startsWith('change-'));
    expect(change(gwlint(dir, ['diff', '-f', 'json']).stdout)).toEqual(['gw.json:11 change-gateway-type (error)']);
    // origin/HEAD wins over main: here it points at the feature branch itself, so nothing changed.
    git(dir, ['update-ref', 'refs/remotes/origin/feature', 'HEAD']);
    git(dir, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/feature']);
    expect(change(gwlint(dir, ['diff', '-f', 'json']).stdout)).toEqual([]);
    // The default branch moves on (a gateway added there): the comparison is with where the branch left it.
    git(dir, ['checkout', '-q', 'main']);
    writeFiles(dir, { 'other.json': GATEWAY_JSON('RouteBased').replace('"gw"', '"other-gw"') });
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'main moves on']);
    git(dir, ['update-ref', 'refs/remotes/origin/main', 'HEAD']);
    git(dir, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
    git(dir, ['checkout', '-q', 'feature']);
    expect(change(gwlint(dir, ['diff', '-f', 'json']).stdout)).toEqual(['gw.json:11 change-gateway-type (error)']);
  });

  it('exits 2 with a clear message for an unknown revision and outside a git repository', () => {
    const dir = repo({ 'gw.json': GATEWAY_JSON('RouteBased') }, {});
    const unknown = gwlint(dir, ['diff', 'no-such-ref']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^gwlint: cannot read the base revision 'no-such-ref': /);
    const plain = tempTree({ 'gw.json': GATEWAY_JSON('RouteBased') });
    cleanups.push(plain.cleanup);
    const outside = gwlint(plain.dir, ['diff', 'HEAD']);
    expect(outside.status).toBe(2);
    expect(outside.stderr).toMatch(/^gwlint: cannot read the base revision 'HEAD': .*not a git repository/i);
  });

  it('takes the base revision once, and no fixes with it', () => {
    const dir = repo({ 'gw.json': GATEWAY_JSON('RouteBased') }, {});
    for (const args of [['diff', 'HEAD', '--base', 'HEAD'], ['diff', 'HEAD', '--fix'], ['--base', 'HEAD', '--fix-dry-run']]) {
      const run = gwlint(dir, args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/^gwlint: (gwlint diff takes the base revision|--fix and --fix-dry-run do not go with a base revision)/);
    }
  });

  it('honours suppression comments and configured levels', () => {
    const suppressed = GATEWAY_JSON('PolicyBased').replace('"vpnType"', '// gwlint-disable-next-line change-gateway-type -- recreated on purpose\n        "vpnType"');
    const dir = repo({ 'gw.json': GATEWAY_JSON('RouteBased'), 'other/gw.json': GATEWAY_JSON('RouteBased') }, { 'gw.json': suppressed, 'other/gw.json': GATEWAY_JSON('PolicyBased') });
    const run = gwlint(dir, ['diff', 'HEAD~1', '-f', 'json', '--rule', 'change-gateway-type:warning']);
    expect(findings(dir, run.stdout, (id) => id.startsWith('change-'))).toEqual(['other/gw.json:11 change-gateway-type (warning)']);
    const off = gwlint(dir, ['diff', 'HEAD~1', '-f', 'json', '--rule', 'change-gateway-type:off']);
    expect(findings(dir, off.stdout, (id) => id.startsWith('change-'))).toEqual([]);
  });
});
