import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, gatewayBicep, gatewayTemplate, parametersFile } from '../cli/helpers.js';

// Slow (about a minute): pre-commit installs the hook from a copy of this repository with npm (build
// included) before the first commit. Debian's pre-commit; .ci/run installs it. Outside CI the test is
// skipped when pre-commit is missing.
const PRE_COMMIT = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const run = PRE_COMMIT || process.env.CI ? describe : describe.skip;
if (!PRE_COMMIT && !process.env.CI) console.warn('pre-commit: the pre-commit tool is not installed; skipping (apt-get install pre-commit)');

// Made when the suite runs (not when the file is collected and skipped), and removed after it.
let root: string;
let env: NodeJS.ProcessEnv;

/** The folder the tests work in, and an environment that keeps git and pre-commit inside it. */
function setUp(): void {
  root = mkdtempSync(path.join(tmpdir(), 'gwlint-pre-commit-'));
  // No global or system git configuration (hooksPath, signing…) reaches these repositories.
  writeFileSync(path.join(root, 'gitconfig'), '');
  env = environment(root);
}

function environment(dir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PRE_COMMIT_HOME: path.join(dir, 'cache'),
    // Dependencies come from the npm cache when they are there (npm ci filled it), else from the registry.
    npm_config_prefer_offline: 'true',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: path.join(dir, 'gitconfig'),
    NO_COLOR: '1',
  };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8' });
}

/** A git repository holding this working tree as it is now, uncommitted and untracked files included. */
function hookRepository(): { dir: string; rev: string } {
  const dir = path.join(root, 'gwlint');
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(path.join(REPO, f))) continue; // deleted but not yet committed
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    copyFileSync(path.join(REPO, f), path.join(dir, f));
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'gwlint under test');
  return { dir, rev: git(dir, 'rev-parse', 'HEAD').trim() };
}

function commit(cwd: string, message: string): { code: number; output: string } {
  const r = spawnSync('git', ['commit', '-m', message], { cwd, env, encoding: 'utf8', timeout: 540_000 });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

run('pre-commit hook', () => {
  beforeAll(setUp);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('blocks a commit with a bad template, showing the finding, and lets the fixed commit through', () => {
    const hook = hookRepository();
    const project = path.join(root, 'project');
    mkdirSync(project);
    git(project, 'init', '-q');
    writeFileSync(path.join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hook.dir}\n    rev: ${hook.rev}\n    hooks:\n      - id: gwlint\n`);
    execFileSync('pre-commit', ['install'], { cwd: project, env });

    // A template whose default is too small, with a parameters file that fixes the value: clean together.
    mkdirSync(path.join(project, 'infra'));
    writeFileSync(path.join(project, 'infra/main.json'), gatewayTemplate('10.0.255.0/28'));
    writeFileSync(path.join(project, 'infra/main.parameters.json'), parametersFile('10.0.255.0/27'));
    writeFileSync(path.join(project, 'package.json'), '{ "name": "not-a-template" }\n');
    git(project, 'add', '-A');
    const first = commit(project, 'network');
    expect(first.output).toMatch(/gwlint \(Azure gateway lint for ARM and Bicep\)\.+Passed/);
    expect(first.code, first.output).toBe(0);

    // Only the parameters file changes: its template is linted with the new value, and the commit fails.
    writeFileSync(path.join(project, 'infra/main.parameters.json'), parametersFile('10.0.255.0/29'));
    git(project, 'add', '-A');
    const bad = commit(project, 'shrink the gateway subnet');
    expect(bad.code).not.toBe(0);
    expect(bad.output).toMatch(/gwlint \(Azure gateway lint for ARM and Bicep\)\.+Failed/);
    // On the /29 the changed parameters file writes, used by the template.
    expect(bad.output).toContain(path.join(project, 'infra/main.parameters.json'));
    expect(bad.output).toMatch(/↳ infra\/main\.json:16:71 Used here\./);
    expect(bad.output).toMatch(/4:53\s+error\s+GatewaySubnet is \/29, but VPN gateways other than Basic require \/27 or larger\..*gateway-subnet-size/);
    expect(git(project, 'log', '--oneline').trim().split('\n')).toHaveLength(1);

    // Fixed, the commit goes through.
    writeFileSync(path.join(project, 'infra/main.parameters.json'), parametersFile('10.0.255.0/26'));
    git(project, 'add', '-A');
    const fixed = commit(project, 'gateway subnet /26');
    expect(fixed.code, fixed.output).toBe(0);

    // A Bicep template too.
    writeFileSync(path.join(project, 'hub.bicep'), gatewayBicep('10.0.255.0/28'));
    git(project, 'add', '-A');
    const bicep = commit(project, 'bicep hub');
    expect(bicep.code).not.toBe(0);
    expect(bicep.output).toContain(path.join(project, 'hub.bicep'));
    expect(bicep.output).toMatch(/1:36\s+error\s+GatewaySubnet is \/28/);
    writeFileSync(path.join(project, 'hub.bicep'), gatewayBicep('10.0.255.0/27'));
    git(project, 'add', '-A');
    expect(commit(project, 'bicep hub').code).toBe(0);
    expect(git(project, 'log', '--oneline').trim().split('\n')).toHaveLength(3);
  }, 600_000);
});
