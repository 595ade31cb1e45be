import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFixes } from '../../src/cli/fix.js';
import { decodeText } from '../../src/cli/read-files.js';
import { CLI, CLI_BUILT, CLI_SKIP_MESSAGE, runCli, unprivilegedCannotRunCli } from '../robustness/support.js';
import { cli, gatewayTemplate, tempTrees } from './helpers.js';

const tree = tempTrees();
const IS_ROOT = process.getuid?.() === 0;
/** 'Gateway-Subnet' is misspelt: gateway-subnet-name renames it (a fix) and the name is its only finding. */
const FIXABLE = gatewayTemplate('10.0.255.0/27', 'Gateway-Subnet');

describe('--output', () => {
  it.skipIf(!IS_ROOT)('writes into a device in place instead of replacing it', async () => {
    const { dir } = tree({ 'main.json': FIXABLE });
    // A private null device, so that a failure cannot break the machine's /dev/null.
    execFileSync('mknod', [path.join(dir, 'null'), 'c', '1', '3']);
    const run = await cli(dir, ['main.json', '-f', 'sarif', '-o', 'null']);
    expect(run.stderr).toBe('');
    expect(lstatSync(path.join(dir, 'null')).isCharacterDevice()).toBe(true);
  });

  it('writes into a pipe that is read, and refuses one that nothing reads', async () => {
    const { dir } = tree({ 'main.json': FIXABLE });
    const fifo = path.join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const refused = await cli(dir, ['main.json', '-o', 'fifo']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^gwlint: cannot write .*fifo: it is a pipe or socket that nothing reads from\.\n$/);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (b: Buffer) => (read += b.toString()));
    const closed = new Promise((r) => reader.on('close', r));
    await new Promise((r) => setTimeout(r, 200));
    await cli(dir, ['main.json', '-f', 'compact', '-o', 'fifo']);
    await closed;
    expect(read).toContain('gateway-subnet-name');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('writes the target of a symbolic link and keeps the link', async () => {
    const { dir } = tree({ 'main.json': FIXABLE, 'reports/.keep': '' });
    symlinkSync('reports/real.txt', path.join(dir, 'out.txt'));
    await cli(dir, ['main.json', '-f', 'compact', '-o', 'out.txt']);
    expect(lstatSync(path.join(dir, 'out.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, 'out.txt'))).toBe('reports/real.txt');
    expect(readFileSync(path.join(dir, 'reports/real.txt'), 'utf8')).toContain('gateway-subnet-name');
  });

  it.each([
    ['a folder', 'dir', /cannot write .*dir: it is a folder\.$/],
    ['below a file', 'main.json/out.sarif', /cannot write .*main\.json: .*main\.json is a file, not a folder\.$/],
    ['below a folder that cannot be created', '/proc/none/out.sarif', /cannot write \/proc\/none: its folder does not exist \(ENOENT\)\.$/],
  ])('refuses %s in one line, exit 2', async (_, output, message) => {
    const { dir } = tree({ 'main.json': FIXABLE, 'dir/.keep': '' });
    const run = await cli(dir, ['main.json', '-f', 'sarif', '-o', output]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd()).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('--fix writes', () => {
  it('fix the target of a symbolic link and keep the link', async () => {
    const { dir } = tree({ 'real/main.json': FIXABLE });
    symlinkSync('real/main.json', path.join(dir, 'main.json'));
    const run = await cli(dir, ['main.json', '--fix']);
    expect(run.code).toBe(0);
    expect(lstatSync(path.join(dir, 'main.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, 'real/main.json'), 'utf8')).toContain('"GatewaySubnet"');
  });

  it('fix every name of a file with hard links, keeping its mode', async () => {
    const { dir } = tree({ 'main.json': FIXABLE });
    chmodSync(path.join(dir, 'main.json'), 0o640);
    linkSync(path.join(dir, 'main.json'), path.join(dir, 'other.json'));
    await cli(dir, ['main.json', '--fix']);
    expect(readFileSync(path.join(dir, 'other.json'), 'utf8')).toContain('"GatewaySubnet"');
    expect(statSync(path.join(dir, 'main.json')).nlink).toBe(2);
    expect(statSync(path.join(dir, 'main.json')).mode & 0o777).toBe(0o640);
  });

  it('refuse a read-only file, with a message, exit 2, and its findings', async () => {
    const { dir } = tree({ 'main.json': FIXABLE });
    chmodSync(path.join(dir, 'main.json'), 0o444);
    const run = await cli(dir, ['main.json', '--fix', '-f', 'compact']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('gwlint: not fixed: main.json: it is read-only.\n');
    expect(run.stdout).toContain('gateway-subnet-name');
    expect(readFileSync(path.join(dir, 'main.json'), 'utf8')).toBe(FIXABLE);
  });

  it('refuse a file with bytes that are not valid UTF-8 rather than rewrite them', async () => {
    const { dir } = tree({});
    const bytes = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${FIXABLE}`)]);
    writeFileSync(path.join(dir, 'main.jsonc'), bytes);
    const run = await cli(dir, ['main.jsonc', '--fix', '-f', 'compact']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gwlint: not fixed: main\.jsonc: it holds bytes that are not valid in its encoding/);
    expect(run.stdout).toContain('gateway-subnet-name');
    expect(readFileSync(path.join(dir, 'main.jsonc')).equals(bytes)).toBe(true);
  });

  it('keep the owner and group of a file it fixes (as root; others cannot give a file away)', async (ctx) => {
    if (!IS_ROOT) ctx.skip('not running as root: a file owned by another user cannot be set up, the owner case is skipped');
    const { dir } = tree({ 'main.json': FIXABLE });
    const file = path.join(dir, 'main.json');
    chownSync(file, 4321, 8765);
    const run = await cli(dir, ['main.json', '--fix']);
    expect(run.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('"GatewaySubnet"');
    expect(statSync(file)).toMatchObject({ uid: 4321, gid: 8765 });
  });

  it('refuse a file in a read-only folder in one line, exit 2, keeping its findings', async (ctx) => {
    if (!CLI_BUILT) ctx.skip(CLI_SKIP_MESSAGE);
    const unreachable = IS_ROOT ? unprivilegedCannotRunCli() : undefined;
    if (unreachable) ctx.skip(`${unreachable}: the read-only folder case is skipped`);
    const { dir } = tree({ 'ro/main.json': FIXABLE });
    const folder = path.join(dir, 'ro');
    // Root writes anywhere whatever the mode, so as root the command runs as the unprivileged user nobody.
    chmodSync(path.join(folder, 'main.json'), 0o666);
    chmodSync(dir, 0o755);
    chmodSync(folder, 0o555);
    try {
      const run = runCli(['main.json', '--fix', '-f', 'compact'], { cwd: folder, timeout: 30_000, ...(IS_ROOT ? { uid: 65534, gid: 65534 } : {}) });
      expect(run.stderr).toBe('gwlint: not fixed: main.json: permission denied (EACCES).\n');
      expect(run.status).toBe(2);
      expect(run.stdout).toContain('gateway-subnet-name');
      expect(readFileSync(path.join(folder, 'main.json'), 'utf8')).toBe(FIXABLE);
      expect(readdirSync(folder)).toEqual(['main.json']);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('count only fixes that reach the disk when two runs fix the same files at once', async (ctx) => {
    if (!CLI_BUILT) ctx.skip(CLI_SKIP_MESSAGE);
    // Each run fixes a different finding of the same files, so a run that overwrote the other's write would erase a fix it counted.
    const both = FIXABLE.replace('"workloads"', '"AzureBastion-Subnet"').replace('10.0.1.0/24', '10.0.1.0/26');
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`t/f${i}.json`, both]));
    const fixedCount = (stderr: string) => Number(/fixed (\d+) problems? in/.exec(stderr)?.[1] ?? 0);
    for (let round = 0; round < 3; round++) {
      const { dir, read, write } = tree(files);
      write('slow-rename.mjs', SLOW_RENAME);
      const [gatewayRun, bastionRun] = await Promise.all([
        spawnCli(['t', '--fix', '--rule', 'special-subnets:off'], dir),
        spawnCli(['t', '--fix', '--rule', 'gateway-subnet-name:off'], dir),
      ]);
      const texts = Object.keys(files).map(read);
      expect(fixedCount(gatewayRun.stderr)).toBe(texts.filter((t) => t.includes('"GatewaySubnet"')).length);
      expect(fixedCount(bastionRun.stderr)).toBe(texts.filter((t) => t.includes('"AzureBastionSubnet"')).length);
      expect(readdirSync(path.join(dir, 't')).filter((f) => !f.endsWith('.json'))).toEqual([]);
    }
  }, 120_000);

  it('leave alone a file that changed on disk since it was read', async () => {
    const { dir } = tree({ 'main.json': FIXABLE });
    const file = path.join(dir, 'main.json');
    const changed = new Map([[file, { before: `${FIXABLE} `, after: 'fixed' }]]);
    expect(await writeFixes(changed, decodeText)).toEqual({ written: [], skipped: [file], refused: [] });
    expect(readFileSync(file, 'utf8')).toBe(FIXABLE);
  });
});

/** Preloaded by spawnCli: each file replaced waits a little before its rename, so two runs' writes interleave. */
const SLOW_RENAME = `import { promises } from 'node:fs';
const original = promises.rename;
promises.rename = async function (from, to) {
  await new Promise((resolve) => setTimeout(resolve, 40));
  return original.call(this, from, to);
};
`;

/** Runs the built command line without blocking (so that two runs overlap), with the tree's slow-rename.mjs preloaded. */
function spawnCli(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', './slow-rename.mjs', CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a gwlint.config.json that is a symbolic link', () => {
  it('is refused when it leads out of its repository', async () => {
    const { dir } = tree({ 'repo/.git/HEAD': '', 'repo/main.json': FIXABLE });
    symlinkSync('/proc/self/environ', path.join(dir, 'repo/gwlint.config.json'));
    const run = await cli(path.join(dir, 'repo'), ['main.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gwlint: configuration error: .*gwlint\.config\.json: the configuration file is a symbolic link that leads out of its repository/);
  });

  it('is read when it stays inside', async () => {
    const { dir } = tree({ 'repo/.git/HEAD': '', 'repo/main.json': FIXABLE, 'repo/config/shared.json': '{ "rules": { "gateway-subnet-name": "off" } }' });
    symlinkSync('config/shared.json', path.join(dir, 'repo/gwlint.config.json'));
    const run = await cli(path.join(dir, 'repo'), ['main.json', '-f', 'compact']);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('gateway-subnet-name');
  });
});

describe('--jobs', () => {
  it('is capped by the cores and by half the memory', async () => {
    const { usableThreads } = await import('../../src/cli/parallel.js');
    expect(usableThreads(64, 2, 64 * 2 ** 30)).toBe(2);
    expect(usableThreads(64, 64, 2 * 2 ** 30)).toBe(2);
    expect(usableThreads(3, 64, 64 * 2 ** 30)).toBe(3);
    expect(usableThreads(64, 1, 2 ** 20)).toBe(1);
  });
});
