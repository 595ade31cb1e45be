import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, gatewayTemplate, tempTree } from '../cli/helpers.js';
import { git, twoCommitRepo } from '../support/git-repo.js';

// YAML is read with Python's yaml module, which comes with pre-commit (.ci/run installs it).
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import yaml'], { encoding: 'utf8' }).status === 0);
const run = PYTHON || process.env.CI ? describe : describe.skip;
if (!PYTHON && !process.env.CI) console.warn('ci-files: no python3 with the yaml module; skipping (apt-get install pre-commit)');

type Yaml = Record<string, unknown>;

function loadYaml(file: string): unknown {
  return JSON.parse(execFileSync(PYTHON ?? 'python3', ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', file], { encoding: 'utf8' }));
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const BIN = path.join(REPO, 'bin/gwlint.js');

run('.pre-commit-hooks.yaml', () => {
  it('declares the gwlint node hook, serial, for JSON, JSONC, Bicep and Bicep parameter files', () => {
    const hooks = loadYaml(path.join(REPO, '.pre-commit-hooks.yaml')) as Yaml[];
    expect(hooks).toHaveLength(1);
    const hook = hooks[0];
    expect(hook).toMatchObject({ id: 'gwlint', language: 'node', require_serial: true });
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(hook.entry);
    const files = new RegExp(hook.files as string);
    for (const f of ['main.json', 'infra/a.jsonc', 'hub.bicep', 'hub.bicepparam', 'main.parameters.prod.json']) expect(files.test(f), f).toBe(true);
    for (const f of ['action.yml', 'main.json.bak', 'hub.bicep.md', 'README.md']) expect(files.test(f), f).toBe(false);
    const example = loadYaml(path.join(REPO, 'examples/ci/pre-commit-config.yaml')) as { repos: { hooks: { id: string }[] }[] };
    expect(example.repos[0].hooks[0].id).toBe('gwlint');
  });
});

run('action.yml', () => {
  const action = () => loadYaml(path.join(REPO, 'action.yml')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Yaml[] } };

  it('is a composite action whose run steps name a shell and whose expressions name declared inputs', () => {
    const a = action();
    expect(a.runs.using).toBe('composite');
    for (const step of a.runs.steps) if ('run' in step) expect(step.shell, String(step.name)).toBe('bash');
    const text = readFileSync(path.join(REPO, 'action.yml'), 'utf8');
    for (const m of text.matchAll(/inputs\.([a-z-]+)/g)) expect(Object.keys(a.inputs), m[0]).toContain(m[1]);
    const upload = a.runs.steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload).toBeDefined();
    expect(upload!.if).toContain("inputs.upload-sarif == 'true'");
    expect(a.outputs['exit-code'].value).toBe('${{ steps.lint.outputs.exit-code }}');
  });

  /** Runs the action's lint step as the runner would on a push: its script, with its env filled in (`github` expressions are empty). */
  function lintStep(cwd: string, inputs: Record<string, string>) {
    const a = action();
    const step = a.runs.steps.find((s) => s.id === 'lint')!;
    const value = (name: string) => inputs[name] ?? (a.inputs[name].default ?? '').replace(/\$\{\{\s*github\.[^}]*\}\}/g, '');
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env as Record<string, string>))
      env[k] = v.replace(/\$\{\{\s*inputs\.([a-z-]+)\s*\}\}/g, (_, n: string) => value(n)).replace('${{ github.action_path }}', REPO);
    const output = path.join(cwd, '.github-output');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run as string], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: output, ...env },
    });
    const outputs = existsSync(output) ? Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2))) : {};
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
  }

  it('writes SARIF and annotations, and hands the exit code on without failing the step', () => {
    const t = tempTree({ 'infra/main.json': gatewayTemplate(), 'other/ok.json': gatewayTemplate('10.0.255.0/27'), 'skipped/main.json': gatewayTemplate() });
    cleanups.push(t.cleanup);
    const step = lintStep(t.dir, { path: 'infra\nother', args: '--rule gateway-type-sku:off --max-warnings 5', 'sarif-file': 'reports/gwlint.sarif' });
    expect(step.stderr).toBe('');
    expect(step.code).toBe(0);
    expect(step.outputs).toEqual({ 'sarif-file': path.join(t.dir, 'reports/gwlint.sarif'), 'exit-code': '1' });
    expect(step.stdout).toMatch(/^::error file=infra\/main\.json,line=5,endLine=5,col=64,endColumn=\d+,title=gwlint \(gateway-subnet-size\)::GatewaySubnet is \/28/m);
    expect(step.stdout).not.toContain('skipped/');
    const sarif = JSON.parse(t.read('reports/gwlint.sarif')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0].results.map((r) => r.ruleId)).toEqual(['gateway-subnet-size']);
  });

  it('with a base revision, also reports the changes since it (a pull request\'s base commit)', () => {
    const r = twoCommitRepo({ 'main.json': gatewayTemplate('10.0.255.0/27') }, { 'main.json': gatewayTemplate('10.0.255.0/27').replace('"Vpn"', '"ExpressRoute"') });
    cleanups.push(r.cleanup);
    expect(action().inputs.base.default).toBe('${{ github.event.pull_request.base.sha }}');
    const base = git(r.dir, ['rev-parse', 'HEAD~1']).trim();
    const step = lintStep(r.dir, { base });
    expect(step.outputs['exit-code']).toBe('1');
    const sarif = JSON.parse(readFileSync(path.join(r.dir, 'gwlint.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0].results.map((x) => x.ruleId)).toContain('change-gateway-type');
    expect(step.stdout).toMatch(/^::error file=main\.json,line=\d+,.*title=gwlint \(change-gateway-type\)::gatewayType of gateway 'hub-gw' changes from Vpn to ExpressRoute/m);
  });

  it('fails the step on a usage or configuration error', () => {
    const t = tempTree({ 'gwlint.config.json': '{ "rules": { "gateway-subnet-sise": "off" } }', 'main.json': gatewayTemplate() });
    cleanups.push(t.cleanup);
    const step = lintStep(t.dir, {});
    expect(step.code).toBe(2);
    expect(step.outputs['exit-code']).toBe('2');
    expect(step.stderr).toContain("did you mean 'gateway-subnet-size'?");
    expect(step.stdout).toContain('::error title=gwlint::gwlint could not run (exit code 2)');
  });

  it('is used by the example workflow with inputs it declares, and the workflow may upload SARIF', () => {
    const workflow = loadYaml(path.join(REPO, 'examples/ci/github-workflow.yml')) as { permissions: Record<string, string>; jobs: Record<string, { steps: Yaml[] }> };
    expect(workflow.permissions['security-events']).toBe('write');
    const step = Object.values(workflow.jobs)[0].steps.find((s) => typeof s.uses === 'string' && s.uses.startsWith('gwlint/gwlint@'))!;
    expect(Object.keys(step.with as Yaml).every((k) => k in action().inputs)).toBe(true);
    expect((step.with as Yaml)['upload-sarif']).toBe('true');
  });
});

run('examples/ci/azure-pipelines.yml', () => {
  it('runs gwlint with the azure-devops format, which logs findings as issues, and publishes SARIF as CodeAnalysisLogs', () => {
    const pipeline = loadYaml(path.join(REPO, 'examples/ci/azure-pipelines.yml')) as { steps: Yaml[] };
    const scripts = pipeline.steps.filter((s) => typeof s.script === 'string').map((s) => s.script as string);
    const command = scripts.find((s) => s.includes('--format azure-devops'))!;
    expect(command).toBe('gwlint infra --format azure-devops');
    const publish = pipeline.steps.find((s) => s.task === 'PublishBuildArtifacts@1')!;
    expect((publish.inputs as Yaml).ArtifactName).toBe('CodeAnalysisLogs');

    const t = tempTree({ 'infra/main.json': gatewayTemplate() });
    cleanups.push(t.cleanup);
    const r = spawnSync(process.execPath, [BIN, ...command.split(' ').slice(1)], { cwd: t.dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^##vso\[task\.logissue type=error;sourcepath=infra\/main\.json;linenumber=5;columnnumber=64;code=gateway-subnet-size\]GatewaySubnet is \/28/m);
  });
});
