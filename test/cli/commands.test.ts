import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../../rules/index.js';
import { ENGINE_RULES } from '../../src/engine/engine-rules.js';
import { parseConfig } from '../../src/engine/config.js';
import { Progress } from '../../src/cli/progress.js';
import { Capture, REPO, cli, gatewayTemplate, tempTrees } from './helpers.js';

const tree = tempTrees();

const ALL_RULES = [...builtInRules.map((r) => r.meta), ...ENGINE_RULES];

describe('--init', () => {
  it('writes a starter configuration that lists every rule at its default level and parses', async () => {
    const { dir, read } = tree({ 'main.json': gatewayTemplate() });
    const run = await cli(dir, ['--init']);
    expect(run).toEqual({ code: 0, stdout: `Wrote ${path.join(dir, 'gwlint.config.json')}.\n`, stderr: '' });
    const text = read('gwlint.config.json');
    expect(text).toContain('//');
    const config = parseConfig(text, 'gwlint.config.json', ALL_RULES.map((r) => r.id));
    // A rule whose level depends on the case stays a comment: a level written for it would apply to every case.
    expect(config.rules).toEqual(Object.fromEntries(ALL_RULES.filter((r) => !r.levels).map((r) => [r.id, r.level])));
    for (const r of ALL_RULES.filter((x) => x.levels)) expect(text).toContain(`// ${JSON.stringify(r.id)}:`);
    expect(config.ignorePatterns).toEqual([]);
    // The written configuration is the one the next run uses.
    expect((await cli(dir, [])).code).toBe(1);
  });

  it('refuses to overwrite an existing configuration', async () => {
    const mine = '{ "rules": { "gateway-subnet-size": "off" } }\n';
    const { dir, read } = tree({ 'gwlint.config.json': mine });
    const run = await cli(dir, ['--init']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`gwlint: --init: ${path.join(dir, 'gwlint.config.json')} already exists; it was left as it is.\n`);
    expect(read('gwlint.config.json')).toBe(mine);
  });
});

describe('explain', () => {
  it("prints the rule's documentation page", async () => {
    const { dir } = tree({});
    const run = await cli(dir, ['explain', 'gateway-subnet-size']);
    expect(run.code).toBe(0);
    const page = readFileSync(path.join(REPO, 'docs/rules/gateway-subnet-size.md'), 'utf8');
    expect(run.stdout).toBe(page.replace(/ *\/\/ @expect [a-z-]+(:[a-z]+)?$/gm, ''));
    expect(run.stdout).toMatch(/^# gateway-subnet-size/);
  });

  it.each(ALL_RULES.map((r) => r.id))("prints %s's examples without the docs test's @expect marks", async (id) => {
    const { dir } = tree({});
    const page = readFileSync(path.join(REPO, 'docs/rules', `${id}.md`), 'utf8');
    const run = await cli(dir, ['explain', id]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('@expect');
    // Only the marks go: every other line of the page is printed as written, in order.
    const kept = page.split('\n').map((line) => line.replace(/\s*\/\/\s*@expect\s+\S+$/, ''));
    expect(run.stdout.split('\n')).toEqual(kept);
  });

  it('suggests the closest rule id for a typo, and needs exactly one id', async () => {
    const { dir } = tree({});
    const typo = await cli(dir, ['explain', 'gateway-subnet-nmae']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("unknown rule 'gateway-subnet-nmae' (did you mean 'gateway-subnet-name'?)");
    expect((await cli(dir, ['explain'])).code).toBe(2);
    expect((await cli(dir, ['explain', 'a', 'b'])).code).toBe(2);
  });
});

describe('--print-config', () => {
  it('prints the configuration file that applies to a file and the level of every rule', async () => {
    const { dir } = tree({
      'gwlint.config.json': '{ "rules": { "gateway-subnet-size": "warning" }, "ignorePatterns": ["**/generated/**"] }',
      'infra/gwlint.config.json': '{ "rules": { "gateway-type-sku": "off" } }',
      'infra/main.json': gatewayTemplate(),
    });
    const run = await cli(dir, ['--print-config', 'infra/main.json', '--rule', 'bicep-syntax:error']);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout) as { file: string; configFile: string; rules: Record<string, string>; ignorePatterns: string[] };
    expect(printed.file).toBe(path.join(dir, 'infra/main.json'));
    expect(printed.configFile).toBe(path.join(dir, 'infra/gwlint.config.json'));
    expect(Object.keys(printed.rules).sort()).toEqual(ALL_RULES.map((r) => r.id).sort());
    expect(printed.rules['gateway-type-sku']).toBe('off');
    // The nearest file wins whole: the parent's setting does not apply below infra/.
    expect(printed.rules['gateway-subnet-size']).toBe('error/warning');
    expect(printed.rules['bicep-syntax']).toBe('error');
    const top = JSON.parse((await cli(dir, ['--print-config', 'main.json'])).stdout) as typeof printed;
    expect(top.configFile).toBe(path.join(dir, 'gwlint.config.json'));
    expect(top.rules['gateway-subnet-size']).toBe('warning');
    expect(top.ignorePatterns).toEqual(['**/generated/**']);
  });

  it('exits 2 when the configuration that applies is invalid', async () => {
    const { dir } = tree({ 'gwlint.config.json': '{ "rulez": {} }' });
    const run = await cli(dir, ['--print-config', 'main.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown setting 'rulez' (did you mean 'rules'?)");
  });
});

describe('progress bar', () => {
  function clock(): { now: () => number; advance: (ms: number) => void } {
    let t = 1000;
    return { now: () => t, advance: (ms) => (t += ms) };
  }

  it('draws on a terminal after the delay, redraws at most every 50 ms, and erases itself', () => {
    const stream = new Capture(true);
    const time = clock();
    const progress = Progress.for(stream, { format: 'stylish', env: {}, now: time.now, delayMs: 500 });
    expect(progress.enabled).toBe(true);
    progress.phase('linting', 4);
    progress.tick();
    expect(stream.text).toBe('');
    time.advance(500);
    progress.tick();
    expect(stream.text).toBe(`\r\x1b[K${'█'.repeat(15)}${'░'.repeat(15)} 2/4 linting`);
    progress.tick();
    expect(stream.text.match(/\r/g)).toHaveLength(1);
    time.advance(50);
    progress.tick();
    expect(stream.text.endsWith(`${'█'.repeat(30)} 4/4 linting`)).toBe(true);
    progress.finish();
    expect(stream.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('stays silent when piped, with machine formats and on a dumb terminal', () => {
    for (const [stream, format, env] of [
      [new Capture(false), 'stylish', {}],
      [new Capture(true), 'json', {}],
      [new Capture(true), 'sarif', {}],
      [new Capture(true), 'github', {}],
      [new Capture(true), 'html', {}],
      [new Capture(true), 'stylish', { TERM: 'dumb' }],
    ] as const) {
      const time = clock();
      const progress = Progress.for(stream, { format, env, now: time.now, delayMs: 0 });
      progress.phase('linting', 2);
      time.advance(100);
      progress.tick();
      progress.finish();
      expect(progress.enabled, format).toBe(false);
      expect(stream.text, format).toBe('');
    }
  });

  it('never reaches standard error in a piped run', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`t${i}.json`] = gatewayTemplate('10.0.255.0/27');
    const { dir } = tree(files);
    const run = await cli(dir, ['-f', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});
