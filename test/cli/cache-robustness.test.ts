import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheJson, cli, gatewayTemplate, tempTrees } from './helpers.js';

const tree = tempTrees();

type CacheFile = { build: string; entries: Record<string, { hash: string; result: { files: { diagnostics: unknown[] }[] }; mac: string }> };
const readCache = (file: string) => JSON.parse(cacheJson(file)) as CacheFile;
const findings = (stdout: string) => stdout.trim().split('\n').filter(Boolean).sort();

describe('the result cache', () => {
  it('drops entries of the wrong shape instead of failing every later run', async () => {
    const { dir } = tree({ 'a/main.json': gatewayTemplate(), 'b/main.json': gatewayTemplate() });
    const first = await cli(dir, ['.', '--cache', '-f', 'compact']);
    const cacheFile = path.join(dir, '.gwlintcache');
    const cache = readCache(cacheFile);
    const keys = Object.keys(cache.entries);
    expect(keys).toHaveLength(2);
    (cache.entries as Record<string, unknown>)[keys[0]] = { hash: cache.entries[keys[0]].hash, result: 'not a result' };
    (cache.entries[keys[1]].result as unknown as Record<string, unknown>).files = 42;
    writeFileSync(cacheFile, JSON.stringify(cache));
    const again = await cli(dir, ['.', '--cache', '-f', 'compact']);
    expect(again.code).toBe(first.code);
    expect(again.stderr).toBe('');
    expect(findings(again.stdout)).toEqual(findings(first.stdout));
  });

  it('does not trust a forged clean entry whose hash matches', async () => {
    const { dir } = tree({ 'main.json': gatewayTemplate() });
    const first = await cli(dir, ['.', '--cache', '-f', 'compact']);
    expect(first.stdout).toContain('gateway-subnet-size');
    const cacheFile = path.join(dir, '.gwlintcache');
    const cache = readCache(cacheFile);
    for (const entry of Object.values(cache.entries)) for (const f of entry.result.files) f.diagnostics = [];
    writeFileSync(cacheFile, JSON.stringify(cache));
    const again = await cli(dir, ['.', '--cache', '-f', 'compact']);
    expect(findings(again.stdout)).toEqual(findings(first.stdout));
  });

  it('prunes the entries of files that no longer exist', async () => {
    const { dir } = tree({ 'a/main.json': gatewayTemplate(), 'b/main.json': gatewayTemplate() });
    await cli(dir, ['.', '--cache', '-f', 'compact']);
    rmSync(path.join(dir, 'b'), { recursive: true });
    await cli(dir, ['.', '--cache', '-f', 'compact']);
    const text = readFileSync(path.join(dir, '.gwlintcache'), 'utf8');
    expect(text).toContain(path.join(dir, 'a/main.json'));
    expect(text).not.toContain(path.join(dir, 'b/main.json'));
  });

  it.each([
    ['an existing folder', 'store', 'store/.gwlintcache'],
    ['a new folder named with a trailing slash', 'new/', 'new/.gwlintcache'],
    ['the default name when it is a folder', '.gwlintcache', '.gwlintcache/.gwlintcache'],
  ])('--cache-location on %s keeps .gwlintcache in it', async (_, location, expected) => {
    const { dir } = tree({ 'main.json': gatewayTemplate(), 'store/.keep': '', '.gwlintcache/.keep': '' });
    const run = await cli(dir, ['main.json', '--cache', '--cache-location', location, '-f', 'compact']);
    expect(run.stderr).toBe('');
    expect(existsSync(path.join(dir, expected))).toBe(true);
  });

  it('--cache-location below a file is refused in one line, exit 2', async () => {
    const { dir } = tree({ 'main.json': gatewayTemplate() });
    const run = await cli(dir, ['main.json', '--cache', '--cache-location', 'main.json/cache', '-f', 'compact']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gwlint: cannot write .*main\.json: .*main\.json is a file, not a folder\.\n$/);
  });
});
