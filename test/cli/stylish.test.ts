import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, CLI_BUILT, CLI_SKIP_MESSAGE } from '../robustness/support.js';
import { eslintStylishProblems, FILE_PATTERNS } from '../support/problem-matchers.js';
import { cli, REPO } from './helpers.js';

const EXAMPLES = path.join(REPO, 'examples');
const HAS_SCRIPT = existsSync('/usr/bin/script');
if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);
else if (!HAS_SCRIPT) console.warn('stylish: util-linux script is missing; the pseudo-terminal case is skipped');

interface JsonMessage {
  ruleId: string;
  level: string;
  message: string;
  line: number;
  column: number;
  related: unknown[];
}

/** The examples' findings as `-f json` gives them, in the order stylish prints them. */
async function jsonFindings(): Promise<(JsonMessage & { filePath: string })[]> {
  const files = JSON.parse((await cli(EXAMPLES, ['-f', 'json'])).stdout) as { filePath: string; messages: JsonMessage[] }[];
  return files.flatMap((f) => f.messages.map((m) => ({ ...m, filePath: f.filePath })));
}

/** The lines of a stylish report before its summary. */
const findingLines = (out: string) => out.slice(0, out.indexOf('\u2716')).split('\n');

describe('stylish through the command line', () => {
  it.each(Object.entries(FILE_PATTERNS))("is read by VS Code's $eslint-stylish matcher (%s file pattern) as the json format's findings", async (_, filePattern) => {
    const run = await cli(EXAMPLES, []);
    expect(run.code).toBe(1);
    const expected = (await jsonFindings()).map((m) => ({ file: m.filePath, line: m.line, column: m.column, severity: m.level, message: m.message, code: m.ruleId }));
    expect(expected.length).toBeGreaterThan(20);
    expect(eslintStylishProblems(run.stdout, filePattern)).toEqual(expected);
  });

  it('prints each finding with its related locations right under it', async () => {
    const lines = findingLines((await cli(EXAMPLES, [])).stdout);
    const findings = await jsonFindings();
    let at = 0;
    for (const f of findings) {
      at = lines.findIndex((l, i) => i >= at && l.startsWith('  ') && l.trimStart().startsWith(`${f.line}:${f.column} `) && l.endsWith(`  ${f.ruleId}`));
      expect(at, `${f.ruleId} at ${f.line}:${f.column}`).toBeGreaterThan(0);
      const under = lines.slice(at + 1, at + 1 + f.related.length);
      expect(under.every((l) => l.trimStart().startsWith('\u21b3 ')), `${f.ruleId} at ${f.line}:${f.column}: ${under.join(' | ')}`).toBe(true);
    }
  });

  it('wraps to the width of the terminal, keeping every word of every message', async () => {
    const run = await cli(EXAMPLES, [], { tty: true, columns: 100, env: { NO_COLOR: '1' } });
    const lines = findingLines(run.stdout);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
    const text = lines.join(' ').replace(/\s+/g, ' ');
    for (const f of await jsonFindings()) for (const word of f.message.split(' ')) expect(text).toContain(word);
    expect(run.stdout).toContain('\u2716 32 problems (20 errors, 12 warnings)\n');
  });

  it("does not wrap in VS Code's terminal, where a task's problem matcher reads the rows", async () => {
    const plain = await cli(EXAMPLES, []);
    expect((await cli(EXAMPLES, [], { tty: true, columns: 100, env: { NO_COLOR: '1', TERM_PROGRAM: 'vscode' } })).stdout).toBe(plain.stdout);
  });

  it.skipIf(!CLI_BUILT || !HAS_SCRIPT)('fits a real 100-column terminal', () => {
    // util-linux `script` gives the command a pseudo-terminal; stty sets its size.
    const run = spawnSync('script', ['-qec', `stty cols 100 rows 50; '${process.execPath}' '${CLI}' --no-color .`, '/dev/null'], { cwd: EXAMPLES, encoding: 'utf8', timeout: 60_000 });
    const out = run.stdout.replace(/\r\n/g, '\n');
    expect(out).toContain('\u2716 32 problems');
    const lines = findingLines(out);
    expect(lines.length).toBeGreaterThan(60);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
  });
});
