import { cpSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, cli, gatewayTemplate, tempTrees } from './helpers.js';

const tree = tempTrees();

describe('a command line without surprises', () => {
  it('names an unknown option and the one meant, in one line, exit 2', async () => {
    const { dir } = tree({ 'main.json': gatewayTemplate() });
    const run = await cli(dir, ['--fomat', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("gwlint: unknown option '--fomat'; did you mean '--format'?\nRun 'gwlint --help' for usage.\n");
    expect((await cli(dir, ['--zzzzzzzzz'])).stderr).toMatch(/^gwlint: unknown option '--zzzzzzzzz'\n/);
    expect((await cli(dir, ['--quiet=yes'])).stderr).toMatch(/^gwlint: option '--quiet' takes no value\n/);
    expect((await cli(dir, ['--output'])).stderr).toMatch(/^gwlint: option '--output' needs a value\n/);
  });

  it('accepts --max-warnings -1 as no limit, as ESLint does', async () => {
    const { dir } = tree({ 'main.json': gatewayTemplate() });
    const run = await cli(dir, ['--rule', 'gateway-subnet-size:warning', '--max-warnings', '-1']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('gateway-subnet-size');
    expect((await cli(dir, ['--max-warnings', '-2'])).code).toBe(2);
  });

  it('lints the files a glob matches, below its fixed folders, honouring ignore patterns', async () => {
    const { dir } = tree({ 'infra/a/main.json': gatewayTemplate(), 'infra/b/main.json': gatewayTemplate(), 'infra/b/skip.json': gatewayTemplate(), 'other/main.json': gatewayTemplate() });
    const linted = async (glob: string) => {
      const run = await cli(dir, ['-f', 'json', glob, '--ignore-pattern', 'infra/a/**']);
      expect(run.code, glob).toBe(1);
      return (JSON.parse(run.stdout) as { filePath: string }[]).map((f) => f.filePath.slice(dir.length + 1)).sort();
    };
    expect(await linted('infra/**/main.json')).toEqual(['infra/b/main.json']);
    expect(await linted('infra/**/*.json')).toEqual(['infra/b/main.json', 'infra/b/skip.json']);
  });

  it('exits 2 with "No files matching …" for an empty folder or a glob that matches nothing, unless allowed', async () => {
    const { dir } = tree({ 'empty/README.md': '# nothing to lint', 'main.json': gatewayTemplate('10.0.255.0/27') });
    for (const pattern of ['empty', 'infra/**/*.bicep']) {
      const run = await cli(dir, [pattern]);
      expect(run.code, pattern).toBe(2);
      expect(run.stderr).toContain(`No files matching the pattern '${pattern}' were found`);
      expect(await cli(dir, ['--no-error-on-unmatched-pattern', pattern])).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    expect((await cli(dir, ['--no-error-on-unmatched-pattern', 'empty', 'main.json'])).code).toBe(0);
  });

  it('says where a broken configuration breaks, by line and column, in words', async () => {
    const { dir } = tree({ 'main.json': gatewayTemplate(), 'gwlint.config.json': '{\n  "rules": {\n    "gateway-bgp": "warning"\n' });
    const run = await cli(dir, []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^gwlint: configuration error: .*gwlint\.config\.json:4:1: invalid JSON: close brace expected\n$/);
  });
});

describe('default levels, as the rules give them', () => {
  const severities = (out: string) => (JSON.parse(out) as { filePath: string; messages: { ruleId: string; level: string; line: number }[] }[]).flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)}:${m.line} ${m.ruleId} ${m.level}`)).sort();

  it('--init writes a configuration that changes no result of the examples', async () => {
    const { dir } = tree({});
    cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
    const before = await cli(dir, ['-f', 'json']);
    expect((await cli(dir, ['--init'])).code).toBe(0);
    expect(existsSync(path.join(dir, 'gwlint.config.json'))).toBe(true);
    const after = await cli(dir, ['-f', 'json']);
    expect(severities(before.stdout).some((s) => s.endsWith(' warning'))).toBe(true);
    expect(severities(after.stdout)).toEqual(severities(before.stdout));
  });

  it('--list-rules and --print-config show a case-dependent level as it is, never promoted', async () => {
    const { dir } = tree({ 'main.json': gatewayTemplate() });
    const list = (await cli(dir, ['--list-rules'])).stdout;
    expect(list).toMatch(/^gateway-subnet-size +error\/warning +/m);
    expect(list).toMatch(/^gateway-legacy-sku +warning\/info +/m);
    const config = JSON.parse((await cli(dir, ['--print-config', 'main.json'])).stdout) as { rules: Record<string, string> };
    expect(config.rules['gateway-subnet-size']).toBe('error/warning');
    expect(config.rules['gateway-vpn-type']).toBe('error');
    expect((JSON.parse((await cli(dir, ['--print-config', 'main.json', '--rule', 'gateway-subnet-size:warning'])).stdout) as { rules: Record<string, string> }).rules['gateway-subnet-size']).toBe('warning');
  });

  it('--list-rules lists the engine rules too, marks the rules that can fix, and speaks JSON for tools', async () => {
    const { dir } = tree({});
    const text = (await cli(dir, ['--list-rules'])).stdout;
    for (const id of ['parse-error', 'bicep-syntax', 'eval-limit', 'unused-suppression', 'internal-error']) expect(text).toMatch(new RegExp(`^${id} `, 'm'));
    expect(text.split('\n')[0]).toMatch(/^rule +level +fix +summary$/);
    expect(text).toMatch(/^gateway-subnet-name +error\/warning +fix +/m);
    const json = JSON.parse((await cli(dir, ['--list-rules', '-f', 'json'])).stdout) as { id: string; level: string; fixable: boolean; levels?: string[]; docsUrl: string }[];
    expect(json.find((r) => r.id === 'gateway-subnet-name')).toMatchObject({ level: 'error', levels: ['error', 'warning'], fixable: true });
    expect(json.find((r) => r.id === 'parse-error')).toMatchObject({ level: 'error', fixable: false });
    expect(json.every((r) => r.docsUrl.endsWith(`/${r.id}.md`))).toBe(true);
  });
});
