import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { recordedAnswer } from '../../src/cli/replay.js';
import { Capture, cli, gatewayTemplate, REPO, tempTrees } from './helpers.js';

// A --cache run records what it printed with every file-system answer it used; the next run with the same
// arguments prints the record when every answer still holds. Each tree is checked twice: last modified an
// hour ago (the answers are checked by stat) and just written (checked by the hash of what was read).
const tree = tempTrees();
const HOUR_AGO = Date.now() / 1000 - 3600;
const ARGS = ['.', '--cache', '--format', 'compact'];

/** Sets every file and folder of the tree (the cache file aside) to a modification time an hour ago. */
function age(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (entry.name !== '.gwlintcache') utimesSync(path.join(entry.parentPath, entry.name), HOUR_AGO, HOUR_AGO);
  utimesSync(dir, HOUR_AGO, HOUR_AGO);
}

/** What the recorded run would print for `argv` in `dir`, as the command line asks (undefined: run afresh). */
function recorded(dir: string, argv = ARGS) {
  return recordedAnswer(argv, parseCliArgs(argv).cacheLocation, { stdout: new Capture(), stderr: new Capture(), cwd: dir, env: {} });
}

const FILES = {
  'gwlint.config.json': '{ "rules": {} }',
  '.gitignore': 'generated/\n',
  'a/azuredeploy.json': gatewayTemplate('10.0.255.0/28'),
  'b/deep/azuredeploy.json': gatewayTemplate('10.0.255.0/27', 'Gateway-Subnet'),
  'generated/azuredeploy.json': gatewayTemplate('10.0.255.0/29'),
};

/** Changes that each must give a fresh answer, equal to a run without the cache. */
const CHANGES: [string, (t: ReturnType<typeof tree>) => void][] = [
  [
    "a file's text, with the same size and modification time",
    (t) => {
      const file = path.join(t.dir, 'a/azuredeploy.json');
      const before = statSync(file);
      t.write('a/azuredeploy.json', gatewayTemplate('10.0.255.0/27'));
      utimesSync(file, before.atime, before.mtime);
    },
  ],
  ['a file added in a nested folder', (t) => t.write('b/deep/er/new.json', gatewayTemplate('10.0.255.0/29'))],
  ['a file deleted', (t) => rmSync(path.join(t.dir, 'a/azuredeploy.json'))],
  ['the configuration', (t) => t.write('gwlint.config.json', '{ "rules": { "gateway-subnet-size": "off" } }')],
  ['.gitignore', (t) => t.write('.gitignore', 'generated/\nb/\n')],
];

describe.each([
  ['checked by stat', true],
  ['checked by content', false],
])('a --cache run answered from its record (%s)', (_, aged) => {
  const made = () => {
    const t = tree(FILES);
    if (aged) age(t.dir);
    return t;
  };

  it('prints what the first run printed, byte for byte, with its exit code', async () => {
    const t = made();
    const first = await cli(t.dir, ARGS);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('gateway-subnet-size');
    expect(recorded(t.dir)).toEqual({ code: first.code, stdout: first.stdout, stderr: first.stderr });
    expect(await cli(t.dir, ARGS)).toEqual(first);
  });

  it.each(CHANGES)('runs afresh when %s changes', async (_, change) => {
    const t = made();
    const first = await cli(t.dir, ARGS);
    change(t);
    expect(recorded(t.dir)).toBeUndefined();
    const fresh = await cli(t.dir, ['.', '--format', 'compact']);
    expect(fresh.stdout).not.toBe(first.stdout);
    expect(await cli(t.dir, ARGS)).toEqual(fresh);
    // The fresh run is recorded in turn.
    expect(recorded(t.dir)?.stdout).toBe(fresh.stdout);
  });

  it('runs afresh for other arguments', async () => {
    const t = made();
    await cli(t.dir, ARGS);
    const json = ['.', '--cache', '--format', 'json'];
    expect(recorded(t.dir, json)).toBeUndefined();
    expect(recorded(t.dir, [...ARGS, '--quiet'])).toBeUndefined();
    expect((await cli(t.dir, json)).stdout).toBe((await cli(t.dir, ['.', '--format', 'json'])).stdout);
  });
});

describe('the recorded run', () => {
  it('is ignored when the cache file was edited', async () => {
    const t = tree(FILES);
    const first = await cli(t.dir, ARGS);
    const file = path.join(t.dir, '.gwlintcache');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('gateway-subnet-size');
    writeFileSync(file, text.replace('gateway-subnet-size', 'gateway-subnet-sizf'));
    expect(recorded(t.dir)).toBeUndefined();
    expect(await cli(t.dir, ARGS)).toEqual(first);
  });

  it('is not made when the run reaches its files through a symbolic link', async () => {
    const t = tree(FILES);
    const { symlinkSync } = await import('node:fs');
    symlinkSync(path.join(t.dir, 'a'), path.join(t.dir, 'linked'));
    const argv = ['linked', '--cache', '--format', 'compact'];
    const first = await cli(t.dir, argv);
    expect(first.stdout).toContain('gateway-subnet-size');
    expect(recorded(t.dir, argv)).toBeUndefined();
    expect(await cli(t.dir, argv)).toEqual(first);
  });

  it('answers the installed command line as the first run did, and afresh after a change', () => {
    const t = tree(FILES);
    const run = (args = ARGS) => {
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin/gwlint.js'), ...args], { cwd: t.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      return [r.status, r.stdout, r.stderr];
    };
    const first = run();
    expect(first[0]).toBe(1);
    expect(first[1]).toContain('gateway-subnet-size');
    expect(run()).toEqual(first);
    t.write('a/azuredeploy.json', gatewayTemplate('10.0.255.0/27'));
    const changed = run();
    expect(changed).toEqual(run(['.', '--format', 'compact']));
    expect(changed[1]).not.toContain('a/azuredeploy.json');
    expect(run()).toEqual(changed);
  });
});

describe('a recorded run of a folder below the current one', () => {
  it('runs afresh when a configuration file appears above the linted folder', async () => {
    const t = tree({ 'infra/a/azuredeploy.json': gatewayTemplate('10.0.255.0/28') });
    age(t.dir);
    const argv = ['infra', '--cache', '--format', 'compact'];
    const first = await cli(t.dir, argv);
    expect(first.stdout).toContain('gateway-subnet-size');
    expect(recorded(t.dir, argv)?.stdout).toBe(first.stdout);
    t.write('gwlint.config.json', '{ "rules": { "gateway-subnet-size": "off" } }');
    expect(recorded(t.dir, argv)).toBeUndefined();
    const second = await cli(t.dir, argv);
    expect(second.stdout).not.toContain('gateway-subnet-size');
    expect(second).toEqual(await cli(t.dir, ['infra', '--format', 'compact']));
  });
});
