import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contextFiles } from '../../src/cli/discover.js';
import { readVirtualFile } from '../../src/cli/read-files.js';
import { CLI_BUILT, CLI_SKIP_MESSAGE, armTemplate, runCli, smallGatewaySubnetVnet, tempDir } from './support.js';

/**
 * gwlint reads only inside the folder it lints: `templateLink.relativePath` and Bicep module paths that
 * lead out of it (by `..` or through a symbolic link) are not followed; URIs, registry modules and template
 * specs are never fetched; nothing is run.
 */

const nested = (relativePath: string) => ({
  type: 'Microsoft.Resources/deployments',
  apiVersion: '2022-09-01',
  name: `linked-${path.basename(relativePath, '.json')}`,
  properties: { mode: 'Incremental', templateLink: { relativePath } },
});

const module = (name: string, from: string) => `module ${name} '${from}' = {\n  name: '${name}'\n}\n`;

/** A template whose VNet name says where it is, so that reading it would show in the findings. */
const marked = (where: string) => armTemplate({ resources: [smallGatewaySubnetVnet(`${where}-vnet`)] });
const markedBicep = (where: string) =>
  `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: '${where}-vnet'\n  location: 'westeurope'\n  properties: {\n    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.0.0/29' } } ]\n  }\n}\n`;

/** The files a JSON report has findings in. */
const reportedFiles = (stdout: string) => (JSON.parse(stdout) as { filePath: string; messages: unknown[] }[]).filter((f) => f.messages.length).map((f) => f.filePath);

/** How many `module-unresolved` findings each file of a JSON report has, by file name. */
const unresolvedModules = (stdout: string) =>
  Object.fromEntries((JSON.parse(stdout) as { filePath: string; messages: { ruleId: string }[] }[]).map((f) => [path.basename(f.filePath), f.messages.filter((m) => m.ruleId === 'module-unresolved').length]).filter(([, n]) => n));

describe('no reading outside the linted folder', () => {
  let t: ReturnType<typeof tempDir>;
  let root: string;
  let outside: string;

  beforeAll(() => {
    t = tempDir();
    root = path.join(t.dir, 'root');
    outside = path.join(t.dir, 'outside');
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'linked.json'), marked('outside'));
    writeFileSync(path.join(outside, 'mod.bicep'), markedBicep('outside'));
    writeFileSync(path.join(root, 'inside.json'), marked('inside'));
    writeFileSync(path.join(root, 'inside.bicep'), markedBicep('inside-bicep'));
    symlinkSync(path.join(outside, 'linked.json'), path.join(root, 'link.json'));
    symlinkSync(path.join(outside, 'mod.bicep'), path.join(root, 'link.bicep'));
    symlinkSync(outside, path.join(root, 'sub', 'escape'));
    writeFileSync(
      path.join(root, 'main.json'),
      armTemplate({
        resources: [nested('inside.json'), nested('../outside/linked.json'), nested('link.json'), nested('sub/escape/linked.json'), nested(path.join(outside, 'linked.json')), nested('sub/../../outside/linked.json')],
      }),
    );
    writeFileSync(
      path.join(root, 'main.bicep'),
      module('a', 'inside.bicep') + module('b', '../outside/mod.bicep') + module('c', 'link.bicep') + module('d', 'sub/escape/mod.bicep') + module('e', path.join(outside, 'mod.bicep')),
    );
  });
  afterAll(() => t?.remove());

  it('context files: followed inside the root, never outside it by .., an absolute path or a symbolic link', async () => {
    const targets = await Promise.all(['main.json', 'main.bicep'].map((f) => readVirtualFile(path.join(root, f))));
    const context = await contextFiles(targets, root, new Set(targets.map((f) => f.path)));
    const read = context.map((f) => path.relative(root, f.path)).sort();
    expect(read).toEqual(['inside.bicep', 'inside.json']);
    for (const f of context) expect(f.text).not.toContain('outside-vnet');
  });

  it.skipIf(!CLI_BUILT)('the command line reports on inside files only, and the inside ones are followed', () => {
    if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);
    const run = runCli(['-f', 'json', 'main.json', 'main.bicep'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('outside-vnet');
    expect(reportedFiles(run.stdout).filter((p) => !p.startsWith(root))).toEqual([]);
    // The linked template and module inside the root were read: their findings show.
    expect(run.stdout).toContain(path.join(root, 'inside.json'));
    expect(run.stdout).toContain(path.join(root, 'inside.bicep'));
    // Each of the others is said not to be linted, where its path is written (five links, four modules).
    expect(unresolvedModules(run.stdout)).toEqual({ 'main.json': 5, 'main.bicep': 4 });
  });

  it.skipIf(!CLI_BUILT)('the boundary is the linted folder, not the current one: run from the parent, root/ still cannot reach ../outside', () => {
    const run = runCli(['-f', 'json', 'root'], { cwd: t.dir });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(path.join(root, 'inside.json'));
    expect(run.stdout).not.toContain('outside-vnet');
    expect(reportedFiles(run.stdout).filter((p) => !p.startsWith(root))).toEqual([]);
  });

  it.skipIf(!CLI_BUILT)('in a Git repository the boundary is its root, wherever the command runs', () => {
    const repo = path.join(t.dir, 'repo');
    mkdirSync(path.join(repo, '.git'), { recursive: true });
    mkdirSync(path.join(repo, 'app'), { recursive: true });
    mkdirSync(path.join(repo, 'shared'), { recursive: true });
    writeFileSync(path.join(repo, 'shared', 'linked.json'), marked('shared'));
    writeFileSync(path.join(repo, 'app', 'main.json'), armTemplate({ resources: [nested('../shared/linked.json'), nested('../../outside/linked.json')] }));
    for (const cwd of [t.dir, path.join(repo, 'app'), '/']) {
      const run = runCli(['-f', 'json', path.join(repo, 'app')], { cwd });
      expect(run.stdout).toContain(path.join(repo, 'shared', 'linked.json'));
      expect(run.stdout).not.toContain(outside);
    }
  });
});

/** Preloaded into the command line: loading a network module, fetch() or starting a process is recorded and fails. */
function guardScript(log: string): string {
  return `import { register, createRequire, syncBuiltinESMExports } from 'node:module';
import { appendFileSync } from 'node:fs';
const log = ${JSON.stringify(log)};
const note = (what) => appendFileSync(log, what + '\\n');
const NETWORK = ['http', 'https', 'http2', 'net', 'tls', 'dns', 'dgram', 'undici'];
register('data:text/javascript,' + encodeURIComponent(\`
import { appendFileSync } from 'node:fs';
const NETWORK = new Set(\${JSON.stringify(NETWORK)});
export async function resolve(specifier, context, next) {
  if (NETWORK.has(specifier.replace(/^node:/, '').split('/')[0])) {
    appendFileSync(\${JSON.stringify(log)}, 'import ' + specifier + ' from ' + context.parentURL + '\\\\n');
    throw new Error('network modules are blocked: ' + specifier);
  }
  return next(specifier, context);
}\`));
const require = createRequire(import.meta.url);
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (NETWORK.includes(String(request).replace(/^node:/, '').split('/')[0])) { note('require ' + request); throw new Error('blocked ' + request); }
  return load.call(this, request, ...rest);
};
const cp = require('node:child_process');
for (const fn of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
  cp[fn] = () => { note('child_process.' + fn); throw new Error('running programs is blocked'); };
syncBuiltinESMExports();
globalThis.fetch = () => { note('fetch'); throw new Error('fetch is blocked'); };
`;
}

describe.skipIf(!CLI_BUILT)('nothing fetched, nothing run', () => {
  if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir();
  });
  afterAll(() => t?.remove());

  it('the guard itself catches network use and processes (so that a clean run means something)', () => {
    const log = path.join(t.dir, 'control.log');
    const guard = path.join(t.dir, 'control-guard.mjs');
    writeFileSync(guard, guardScript(log));
    const probe = path.join(t.dir, 'probe.mjs');
    writeFileSync(
      probe,
      `try { await import('node:https'); } catch {}\ntry { fetch('https://example.invalid/'); } catch {}\ntry { (await import('node:child_process')).execFileSync('true'); } catch {}\n`,
    );
    runCli([], { cwd: t.dir, nodeArgs: ['--import', guard, probe] });
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' ')[0])).toEqual(['import', 'fetch', 'child_process.execFileSync']);
  });

  it('templates with URIs, template specs and registry modules are linted without any network module, fetch or process', () => {
    const dir = path.join(t.dir, 'remote');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'main.json'),
      armTemplate({
        parameters: { artifacts: { type: 'string', defaultValue: 'https://raw.githubusercontent.com/Azure/azure-quickstart-templates/master/' } },
        resources: [
          smallGatewaySubnetVnet(),
          { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'byUri', properties: { mode: 'Incremental', templateLink: { uri: "[uri(parameters('artifacts'), 'nested/vnet.json')]", contentVersion: '1.0.0.0' }, parametersLink: { uri: 'https://example.invalid/p.json' } } },
          { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'bySpec', properties: { mode: 'Incremental', templateLink: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Resources/templateSpecs/spec/versions/1.0' } } },
          { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'byHttpPath', properties: { mode: 'Incremental', templateLink: { relativePath: 'https://example.invalid/x.json' } } },
        ],
      }),
    );
    writeFileSync(
      path.join(dir, 'main.bicep'),
      [
        "module a 'br:mcr.microsoft.com/bicep/avm/res/network/virtual-network:0.5.0' = {\n  name: 'a'\n}",
        "module b 'br/public:avm/res/network/virtual-network-gateway:0.4.0' = {\n  name: 'b'\n}",
        "module c 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {\n  name: 'c'\n}",
        "module d 'https://example.invalid/module.bicep' = {\n  name: 'd'\n}",
        "var text = loadTextContent('https://example.invalid/x.txt')",
        "extension microsoftGraphV1 with { }",
        markedBicep('local'),
      ].join('\n'),
    );
    writeFileSync(path.join(dir, 'main.bicepparam'), "using 'br/public:avm/res/network/virtual-network:0.5.0'\nparam x = 'y'\n");
    writeFileSync(path.join(dir, 'main.parameters.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { artifacts: { value: 'https://example.invalid/' } } }));
    const log = path.join(dir, 'guard.log');
    const guard = path.join(dir, 'guard.mjs');
    writeFileSync(guard, guardScript(log));
    for (const format of ['json', 'sarif', 'html']) {
      const run = runCli(['-f', format, '.'], { cwd: dir, nodeArgs: ['--import', guard] });
      expect(run.stderr, format).not.toMatch(/blocked|internal error/);
      expect([0, 1]).toContain(run.status);
      expect(existsSync(log) ? readFileSync(log, 'utf8') : '', format).toBe('');
    }
    const run = runCli(['-f', 'json', '.'], { cwd: dir, nodeArgs: ['--import', guard] });
    // The local parts are still linted, in the JSON template and in the Bicep file.
    const linted = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).filter((f) => f.messages.some((m) => m.ruleId === 'gateway-subnet-size'));
    expect(linted.map((f) => path.basename(f.filePath)).sort()).toEqual(['main.bicep', 'main.json']);
  });
});
