import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oneLineManyFindings } from './adversarial.js';
import { CLI, CLI_BUILT, CLI_SKIP_MESSAGE, runCli, tempDir } from './support.js';

/** User errors through the built command line: one line on standard error, exit 2, never a stack trace or a spin. */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folderWith(name: string, text: string): string {
  const { dir, remove } = tempDir('gwlint-errors-');
  cleanups.push(remove);
  writeFileSync(path.join(dir, name), text);
  return dir;
}

describe.skipIf(!CLI_BUILT)('user errors through the command line', () => {
  if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);

  it.each([
    ['--cache-location /proc/none/x', ['--cache', '--cache-location', '/proc/none/x']],
    ['-o /proc/none/x', ['-o', '/proc/none/x']],
  ])('%s: a folder that cannot be created is refused at once', (_, args) => {
    const dir = folderWith('main.json', oneLineManyFindings(1));
    const run = runCli(['main.json', ...args], { cwd: dir, timeout: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('gwlint: cannot write /proc/none: its folder does not exist (ENOENT).\n');
  });

  it('stops quietly when the reader of standard output goes away (| head -1)', async () => {
    const dir = folderWith('main.json', oneLineManyFindings(5000));
    const child = spawn(process.execPath, [CLI, 'main.json', '-f', 'json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});
