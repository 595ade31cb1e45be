import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { suppressionEdit } from '../../src/lsp/suppress.js';
import { SourceFile } from '../../src/core/source.js';
import * as gen from './adversarial.js';
import { CLI_BUILT, CLI_SKIP_MESSAGE, jsonMessages, runCli, tempDir } from './support.js';

/**
 * Inputs of a few kilobytes that used to take minutes (backtracking regular expressions, walks over shared
 * values, per-finding copies of a long line), each run through the command line with a time bound far
 * above what they take now and far below what they took.
 */
const BOUND_MS = 20_000;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder(files: Record<string, string>): string {
  const { dir, remove } = tempDir('gwlint-linear-');
  cleanups.push(remove);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

function timed(args: string[], cwd: string) {
  const started = performance.now();
  const run = runCli(args, { cwd, timeout: BOUND_MS * 2 });
  const ms = performance.now() - started;
  expect(run.signal, `still running after ${BOUND_MS * 2} ms`).toBeNull();
  expect(ms).toBeLessThan(BOUND_MS);
  return run;
}

const rules = (stdout: string) => jsonMessages(stdout).map((m) => m.ruleId);

describe.skipIf(!CLI_BUILT)('linear time through the command line', () => {
  if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);

  it('reads a suppression directive followed by 5,000 spaces, or a block comment of 3,000 line breaks', () => {
    const dir = folder({ 'spaces.jsonc': gen.directiveWithSpaces(5000), 'breaks.jsonc': gen.directiveWithLineBreaks(3000) });
    const messages = jsonMessages(timed(['.', '-f', 'json'], dir).stdout);
    expect(messages.filter((m) => m.ruleId === 'gateway-subnet-size')).toHaveLength(2);
    // Both directives were read: each names a rule 'x' that gwlint does not know.
    expect(messages.filter((m) => m.ruleId === 'unused-suppression' && m.message.includes("'x'"))).toHaveLength(2);
  });

  it('collects secrets from eight levels of twenty shared copies each', () => {
    const dir = folder({ 'main.json': gen.sharedValueGraph(8, 20) });
    const run = timed(['main.json', '-f', 'json'], dir);
    expect(rules(run.stdout)).toContain('gateway-subnet-size');
    // The graph is small to build but 20^8 values to walk: past the size limit it is unknown.
    expect(jsonMessages(run.stdout).find((m) => m.ruleId === 'eval-limit')?.message).toMatch(/more than 1000000 items/);
  });

  it('reads module references in a .bicep file of 200,000 blank lines or of 200,000 carriage returns', () => {
    const dir = folder({ 'lines.bicep': gen.bicepAfterLineBreaks(200_000, '\n'), 'returns.bicep': gen.bicepAfterLineBreaks(200_000, '\r') });
    const run = timed(['.', '-f', 'json'], dir);
    expect(run.status).toBe(0);
    expect(jsonMessages(run.stdout)).toEqual([]);
  });

  it('matches star-heavy ignore globs from the configuration, .gitignore and --ignore-pattern against a long name', () => {
    const name = `${'a'.repeat(60)}.json`;
    const glob = gen.starGlob(20);
    const dir = folder({
      [`config/${name}`]: gen.template([gen.vnet()]),
      'config/gwlint.config.json': JSON.stringify({ ignorePatterns: [glob] }),
      [`git/${name}`]: gen.template([gen.vnet()]),
      'git/.gitignore': `${glob}\n`,
      [`flag/${name}`]: gen.template([gen.vnet()]),
    });
    const config = timed(['.', '-f', 'json'], path.join(dir, 'config'));
    expect(rules(config.stdout)).toEqual(['gateway-subnet-size']);
    expect(rules(timed(['git', '-f', 'json'], dir).stdout)).toEqual(['gateway-subnet-size']);
    expect(rules(timed(['flag', '-f', 'json', '--ignore-pattern', glob], dir).stdout)).toEqual(['gateway-subnet-size']);
    // The same globs still ignore what they match.
    const ignored = timed(['flag', '-f', 'json', '--ignore-pattern', `${'*a'.repeat(20)}*.json`], dir);
    expect(ignored.stdout).not.toContain('gateway-subnet-size');
    expect(ignored.stderr).toContain('flag');
  });

  it('writes SARIF fingerprints and HTML source lines for 20,000 findings on one line of 1 MB', () => {
    const dir = folder({ 'main.json': gen.oneLineManyFindings(20_000) });
    const sarif = timed(['main.json', '-f', 'sarif'], dir);
    const results = (JSON.parse(sarif.stdout) as { runs: { results: { partialFingerprints: { primaryLocationLineHash: string } }[] }[] }).runs[0].results;
    expect(results.length).toBeGreaterThanOrEqual(20_000);
    expect(new Set(results.map((r) => r.partialFingerprints.primaryLocationLineHash)).size).toBe(results.length);
    const html = timed(['main.json', '-f', 'html'], dir);
    expect(html.stdout.split('<pre>').length - 1).toBeGreaterThanOrEqual(20_000);
  });
});

describe('linear time in the language server', () => {
  it('adds to a directive followed by a long run of spaces', () => {
    const line = `// gwlint-disable-next-line gateway-subnet-size${' '.repeat(5000)}x`;
    const file = new SourceFile('/w/main.jsonc', `${line}\n{}\n`);
    const started = performance.now();
    const edit = suppressionEdit(file, 1, 'subnet-cidr');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(edit.range.start.character).toBe(line.length);
  });
});
