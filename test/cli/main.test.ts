import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, gatewayBicep, gatewayTemplate, parametersFile, tempTrees } from './helpers.js';

const tree = tempTrees();

/** The files of a JSON report of a run in `cwd` (with `withFindings`, those with a finding), relative to `dir`, with `/`. */
async function reportedFiles(dir: string, cwd: string, argv: string[], { withFindings = false } = {}): Promise<string[]> {
  const report = JSON.parse((await cli(cwd, ['-f', 'json', ...argv])).stdout) as { filePath: string; messages: unknown[] }[];
  return report.filter((f) => !withFindings || f.messages.length).map((f) => path.relative(dir, f.filePath).split(path.sep).join('/'));
}

describe('exit codes', () => {
  it('exits 0 and prints nothing for a clean folder', async () => {
    const { dir } = tree({ 'infra/main.json': gatewayTemplate('10.0.255.0/27') });
    const run = await cli(dir, []);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 with the finding, its position and rule id for an error', async () => {
    const { dir } = tree({ 'infra/main.json': gatewayTemplate() });
    const run = await cli(dir, ['infra']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(path.join(dir, 'infra/main.json'));
    expect(run.stdout).toMatch(/5:64\s+error\s+GatewaySubnet is \/28.*\s{2}gateway-subnet-size/);
    expect(run.stdout).toContain('1 problem (1 error, 0 warnings)');
  });

  it('exits 2 for an unknown option, an unknown format and a missing path', async () => {
    const { dir } = tree({});
    for (const argv of [['--bogus'], ['-f', 'xml'], ['nowhere.json'], ['--max-warnings', 'many'], ['--rule', 'gateway-subnet-size'], ['--fix', '--fix-dry-run']]) {
      const run = await cli(dir, argv);
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr, argv.join(' ')).toMatch(/^gwlint: /);
      expect(run.stdout).toBe('');
    }
    expect((await cli(dir, ['-f', 'xml'])).stderr).toContain("unknown format 'xml'");
    expect((await cli(dir, ['nowhere.json'])).stderr).toContain('no such file or folder: nowhere.json');
  });

  it('--max-warnings turns too many warnings into exit 1', async () => {
    const { dir } = tree({ 'main.json': gatewayTemplate() });
    const asWarning = ['--rule', 'gateway-subnet-size:warning'];
    expect((await cli(dir, asWarning)).code).toBe(0);
    expect((await cli(dir, [...asWarning, '--max-warnings', '1'])).code).toBe(0);
    const over = await cli(dir, [...asWarning, '--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('gwlint found too many warnings (maximum: 0).');
  });

  it('--quiet reports errors only', async () => {
    const { dir } = tree({ 'a.json': gatewayTemplate(), 'b.json': gatewayTemplate('10.0.255.0/28', 'Gateway-Subnet') });
    const all = await cli(dir, ['-f', 'json', '--rule', 'gateway-subnet-size:warning']);
    const quiet = await cli(dir, ['-f', 'json', '--quiet', '--rule', 'gateway-subnet-size:warning']);
    const rules = (out: string) => (JSON.parse(out) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages.map((m) => m.ruleId)).sort();
    // b.json's subnet is not named GatewaySubnet, so only a.json has a size finding.
    expect(rules(all.stdout)).toEqual(['gateway-subnet-name', 'gateway-subnet-size']);
    expect(rules(quiet.stdout)).toEqual(['gateway-subnet-name']);
    expect(quiet.code).toBe(1);
  });
});

describe('formats', () => {
  it('writes every format for the same finding', async () => {
    const { dir } = tree({ 'infra/main.json': gatewayTemplate() });
    const out = async (format: string) => {
      const run = await cli(dir, ['-f', format]);
      expect(run.code, format).toBe(1);
      return run.stdout;
    };
    const json = JSON.parse(await out('json')) as { filePath: string; messages: { ruleId: string; line: number; column: number }[] }[];
    expect(json).toHaveLength(1);
    expect(json[0].filePath).toBe(path.join(dir, 'infra/main.json'));
    expect(json[0].messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['gateway-subnet-size', 5, 64]]);

    const sarif = JSON.parse(await out('sarif')) as { version: string; runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual([['gateway-subnet-size', 'infra/main.json']]);

    expect(await out('github')).toMatch(/^::error file=infra\/main\.json,line=5,endLine=5,col=64,endColumn=\d+,title=gwlint \(gateway-subnet-size\)::GatewaySubnet is \/28/m);
    expect(await out('azure-devops')).toMatch(/^##vso\[task\.logissue type=error;sourcepath=infra\/main\.json;linenumber=5;columnnumber=64;code=gateway-subnet-size\]GatewaySubnet is \/28/m);
    expect(await out('compact')).toMatch(/\/infra\/main\.json: line 5, col 64, Error - GatewaySubnet is \/28.* \(gateway-subnet-size\)$/m);
    const junit = await out('junit');
    expect(junit).toMatch(/^<\?xml/);
    expect(junit).toContain('gateway-subnet-size');
    const html = await out('html');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('hub-vnet');
    expect(html).toContain('GatewaySubnet is /28');
  });

  it('--output writes the report atomically to a file instead of standard output', async () => {
    const { dir, read } = tree({ 'main.json': gatewayTemplate(), 'reports/.keep': '' });
    const run = await cli(dir, ['-f', 'sarif', '-o', 'reports/gwlint.sarif']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const sarif = JSON.parse(read('reports/gwlint.sarif')) as { runs: { results: unknown[] }[] };
    expect(sarif.runs[0].results).toHaveLength(1);
    // Nothing but the report is left: the temporary file was renamed into place.
    expect(readdirSync(path.join(dir, 'reports')).sort()).toEqual(['.keep', 'gwlint.sarif']);
    // A second run replaces the report whole.
    await cli(dir, ['-f', 'sarif', '-o', 'reports/gwlint.sarif', '--rule', 'gateway-subnet-size:off']);
    expect((JSON.parse(read('reports/gwlint.sarif')) as { runs: { results: unknown[] }[] }).runs[0].results).toHaveLength(0);
    // The report's folder is created when it does not exist.
    expect((await cli(dir, ['-f', 'json', '-o', 'new/folder/gwlint.json'])).code).toBe(1);
    expect(JSON.parse(read('new/folder/gwlint.json'))).toHaveLength(1);
  });

  it('uses colours on a terminal only, and honours --color, --no-color and NO_COLOR', async () => {
    const { dir } = tree({ 'main.json': gatewayTemplate() });
    const ESC = '\u001b[';
    expect((await cli(dir, [], { tty: true })).stdout).toContain(ESC);
    expect((await cli(dir, [])).stdout).not.toContain(ESC);
    expect((await cli(dir, [], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ESC);
    // An empty NO_COLOR does not count (no-color.org).
    expect((await cli(dir, [], { tty: true, env: { NO_COLOR: '' } })).stdout).toContain(ESC);
    expect((await cli(dir, ['--no-color'], { tty: true })).stdout).not.toContain(ESC);
    expect((await cli(dir, ['--color'])).stdout).toContain(ESC);
    expect((await cli(dir, ['--color'], { env: { NO_COLOR: '1' } })).stdout).toContain(ESC);
  });
});

describe('files', () => {
  it('skips JSON that is not a template quietly, and lints JSON and Bicep templates', async () => {
    const { dir } = tree({
      'package.json': '{ "name": "app", "version": "1.0.0" }',
      'tsconfig.json': '{\n  // comments are fine\n  "compilerOptions": { "strict": true, },\n}\n',
      '.vscode/settings.json': '{ "editor.tabSize": 2 }',
      'broken-config.json': '{ "a": ',
      'main.json': gatewayTemplate(),
      'main.bicep': gatewayBicep(),
    });
    const run = await cli(dir, ['-f', 'json']);
    const files = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).map((f) => [path.relative(dir, f.filePath), f.messages.map((m) => m.ruleId)]);
    expect(files).toEqual([
      ['main.bicep', ['gateway-subnet-size']],
      ['main.json', ['gateway-subnet-size']],
    ]);
    expect(run.stderr).toBe('');
  });

  it('reports a template that does not parse', async () => {
    const { dir } = tree({ 'main.json': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ }' });
    const run = await cli(dir, ['-f', 'compact']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\/main\.json: line 1, col \d+, Error - Invalid JSON.*\(parse-error\)$/m);
  });

  it('fails the run on a Bicep syntax error, at its line, and still lints the rest of the file', async () => {
    const { dir } = tree({ 'main.bicep': `${gatewayBicep()}\nresource x 'Microsoft.Network/virtualNetworks@2024-05-01' = { name:\n` });
    const run = await cli(dir, ['-f', 'compact']);
    expect(run.code).toBe(1);
    const line = gatewayBicep().split('\n').length + 1;
    expect(run.stdout).toMatch(new RegExp(`/main\\.bicep: line ${line}, col \\d+, Error - Bicep syntax error: .*\\(parse-error\\)$`, 'm'));
    expect(run.stdout).toMatch(/\(gateway-subnet-size\)$/m);
  });

  it('honours .gitignore and --ignore-pattern', async () => {
    const { dir } = tree({
      '.gitignore': 'generated/\n',
      'generated/main.json': gatewayTemplate(),
      'legacy/main.json': gatewayTemplate(),
      'infra/main.json': gatewayTemplate(),
    });
    expect(await reportedFiles(dir, dir, [])).toEqual(['infra/main.json', 'legacy/main.json']);
    expect(await reportedFiles(dir, dir, ['--ignore-pattern', 'legacy/**'])).toEqual(['infra/main.json']);
  });

  it('reports nothing in an ignored module that a linted template deploys, though the template still uses it', async () => {
    const { dir } = tree({
      'main.bicep': "module hub 'vendored/hub.bicep' = {\n  name: 'hub'\n}\nmodule shared '.shared/hub.bicep' = {\n  name: 'shared'\n}\n",
      'modules/spoke.bicep': gatewayBicep(),
      'vendored/hub.bicep': gatewayBicep(),
      '.shared/hub.bicep': gatewayBicep(),
    });
    const reported = (argv: string[]) => reportedFiles(dir, dir, argv, { withFindings: true });
    // A hidden folder is not searched, but a module there that main.bicep deploys is reported through it.
    expect(await reported([])).toEqual(['.shared/hub.bicep', 'modules/spoke.bicep', 'vendored/hub.bicep']);
    // The module's own /28 is found again through main.bicep, which deploys it: excluded, it is not reported.
    expect(await reported(['--ignore-pattern', 'vendored/**'])).toEqual(['.shared/hub.bicep', 'modules/spoke.bicep']);
    expect(await reported(['--ignore-pattern', 'vendored/**', 'main.bicep'])).toEqual(['.shared/hub.bicep']);
  });

  it('reads .gitignore files as git does: nested files, negation, folder-only and anchored lines, outer files up to the repository', async () => {
    const { dir } = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '*.gen.json\n/top-only.json\n',
      'infra/.gitignore': 'drafts/\n!keep.gen.json\nbuild/*.json\n',
      'infra/a.gen.json': gatewayTemplate(),
      'infra/keep.gen.json': gatewayTemplate(),
      'infra/drafts/main.json': gatewayTemplate(),
      'infra/build/main.json': gatewayTemplate(),
      'infra/build/deeper/main.json': gatewayTemplate(),
      'infra/top-only.json': gatewayTemplate(),
      'infra/main.json': gatewayTemplate(),
    });
    const expected = ['infra/build/deeper/main.json', 'infra/keep.gen.json', 'infra/main.json', 'infra/top-only.json'];
    expect(await reportedFiles(dir, dir, ['.'])).toEqual(expected);
    // Linting the subfolder alone still honours the repository's outer .gitignore.
    expect(await reportedFiles(dir, path.join(dir, 'infra'), ['.'])).toEqual(expected);
  });

  it('pairs <name>.parameters.json with <name>.json, and applies --parameters', async () => {
    const { dir } = tree({
      'paired/main.json': gatewayTemplate(),
      'paired/main.parameters.json': parametersFile('10.0.255.0/27'),
      'explicit/main.json': gatewayTemplate(),
      'values/fits.json': parametersFile('10.0.255.0/27'),
      'values/small.json': parametersFile('10.0.255.0/29'),
    });
    expect((await cli(dir, ['paired'])).code).toBe(0);
    expect((await cli(dir, ['explicit'])).code).toBe(1);
    expect((await cli(dir, ['explicit', '-p', 'values/fits.json'])).code).toBe(0);
    const small = await cli(dir, ['explicit', '--parameters', 'values/small.json', '-f', 'compact']);
    expect(small.code).toBe(1);
    expect(small.stdout).toContain('GatewaySubnet is /29');
  });

  it('pairs a .bicepparam file with the template its using statement names', async () => {
    const { dir, write } = tree({
      'bicep/main.bicep': gatewayBicep('10.0.255.0/28'),
      'bicep/prod.bicepparam': "using 'main.bicep'\n\nparam gatewaySubnetPrefix = '10.0.255.0/27'\n",
    });
    expect(await cli(dir, ['bicep'])).toEqual({ code: 0, stdout: '', stderr: '' });
    // Given alone, the template still finds its parameters file; given alone, the parameters file its template.
    expect((await cli(dir, ['bicep/main.bicep'])).code).toBe(0);
    write('bicep/prod.bicepparam', "using 'main.bicep'\n\nparam gatewaySubnetPrefix = '10.0.255.0/29'\n");
    const run = await cli(dir, ['bicep/prod.bicepparam', '-f', 'compact']);
    expect(run.code).toBe(1);
    // On the /29 the .bicepparam file writes.
    expect(run.stdout).toMatch(/\/bicep\/prod\.bicepparam: line 3, col 29, Error - GatewaySubnet is \/29/m);
  });

  it('lints one file with its context from the repository: parameter files, the template of a parameters file, modules', async () => {
    const module = `param subnetId string
resource nic 'Microsoft.Network/networkInterfaces@2024-05-01' = {
  name: 'vm-nic'
  location: 'westeurope'
  properties: { ipConfigurations: [ { name: 'ipconfig1', properties: { subnet: { id: subnetId } } } ] }
}
`;
    const caller = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = { name: 'hub-vnet' }
module nic 'modules/nic.bicep' = {
  name: 'nic'
  params: { subnetId: '\${vnet.id}/subnets/GatewaySubnet' }
}
`;
    const { dir, write } = tree({
      'infra/main.json': gatewayTemplate(),
      'infra/main.parameters.json': parametersFile('10.0.255.0/27'),
      'app/vm.bicep': caller,
      'app/modules/nic.bicep': module,
    });
    // The parameters file beside the template is read although only the template is given.
    expect((await cli(dir, ['infra/main.json'])).code).toBe(0);
    // Given a changed parameters file alone, its template is linted with its values.
    write('infra/main.parameters.json', parametersFile('10.0.255.0/29'));
    const params = await cli(dir, ['infra/main.parameters.json', '-f', 'compact']);
    expect(params.code).toBe(1);
    // On the /29 the parameters file writes.
    expect(params.stdout).toMatch(/\/infra\/main\.parameters\.json: line 4, col 53, Error - GatewaySubnet is \/29/m);
    // A module the given file calls is followed, and the finding lands in the module.
    const vm = await cli(dir, ['app/vm.bicep', '-f', 'compact']);
    expect(vm.code).toBe(1);
    expect(vm.stdout).toMatch(/\/app\/modules\/nic\.bicep: line 5, col \d+, Error - .*\(no-resources-in-gateway-subnet\)$/m);
  });
});

describe('configuration', () => {
  it('finds gwlint.config.json upward from each file, and -c replaces it', async () => {
    const { dir } = tree({
      'gwlint.config.json': '{ "rules": { "gateway-subnet-size": "warning" } }',
      'team/gwlint.config.json': '// stricter here\n{ "rules": { "gateway-subnet-size": "error", }, }\n',
      'off.json': '{ "rules": { "gateway-subnet-size": "off" } }',
      'a/main.json': gatewayTemplate(),
      'team/b/main.json': gatewayTemplate(),
    });
    const levels = async (argv: string[]) =>
      (JSON.parse((await cli(dir, ['-f', 'json', ...argv])).stdout) as { filePath: string; messages: { level: string }[] }[]).map((f) => [
        path.relative(dir, f.filePath).split(path.sep).join('/'),
        f.messages.map((m) => m.level),
      ]);
    expect(await levels([])).toEqual([
      ['a/main.json', ['warning']],
      ['team/b/main.json', ['error']],
    ]);
    expect(await levels(['-c', 'off.json'])).toEqual([
      ['a/main.json', []],
      ['team/b/main.json', []],
    ]);
    // --rule overrides every configuration file.
    expect(await levels(['--rule', 'gateway-subnet-size:error'])).toEqual([
      ['a/main.json', ['error']],
      ['team/b/main.json', ['error']],
    ]);
  });

  it('exits 2 on a configuration error, with the path, line and column and the closest rule id', async () => {
    const { dir } = tree({
      'gwlint.config.json': '{\n  "rules": {\n    "gateway-subnet-sise": "error"\n  }\n}\n',
      'main.json': gatewayTemplate(),
    });
    const run = await cli(dir, []);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `gwlint: configuration error: ${path.join(dir, 'gwlint.config.json')}:3:5: unknown rule 'gateway-subnet-sise' (did you mean 'gateway-subnet-size'?)\n`,
    );
  });

  it('exits 2 on a configuration that is not valid JSON, a bad level or an unknown --rule id', async () => {
    const { dir, write } = tree({ 'main.json': gatewayTemplate() });
    write('gwlint.config.json', '{ "rules": { "gateway-subnet-size": "loud" } }');
    const level = await cli(dir, []);
    expect(level.code).toBe(2);
    expect(level.stderr).toContain(`${path.join(dir, 'gwlint.config.json')}:1:37: invalid level "loud": use one of off, info, warning, error`);
    write('gwlint.config.json', '{ "rules": ');
    const broken = await cli(dir, []);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/gwlint\.config\.json:1:\d+: invalid JSON/);
    write('gwlint.config.json', '{}');
    const rule = await cli(dir, ['--rule', 'no-such-rule:off']);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain("unknown rule 'no-such-rule'");
    const typo = await cli(dir, ['--rule', 'gateway-subnet-sise:off']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("gwlint: --rule: unknown rule 'gateway-subnet-sise' (did you mean 'gateway-subnet-size'?)\n");
    const missing = await cli(dir, ['-c', 'absent.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`gwlint: configuration error: ${path.join(dir, 'absent.json')}: the configuration file could not be read (ENOENT)\n`);
  });
});

describe('information', () => {
  it('prints the version, the help and the rule list', async () => {
    const { dir } = tree({});
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { version: string };
    expect(await cli(dir, ['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    const help = await cli(dir, ['--help']);
    expect(help.code).toBe(0);
    for (const option of ['--format', '--fix', '--fix-dry-run', '--init', '--print-config', 'explain <rule-id>', 'html']) expect(help.stdout).toContain(option);
    const rules = await cli(dir, ['--list-rules']);
    expect(rules.stdout).toMatch(/^gateway-subnet-nsg\s+error\s+/m);
    expect(existsSync(path.join(dir, 'gwlint.config.json'))).toBe(false);
  });
});
