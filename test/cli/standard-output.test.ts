import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI, CLI_BUILT, CLI_SKIP_MESSAGE, ROOT, runUntilReaderLeaves, tempDir } from '../robustness/support.js';

/** The command line's standard output and error (src/cli/standard-output.ts), as built. */
const MODULE = pathToFileURL(path.join(ROOT, 'dist/src/cli/standard-output.js')).href;
const EXAMPLES = path.join(ROOT, 'examples');

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe.skipIf(!CLI_BUILT)('standard output and error of the command line', () => {
  if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);

  it('writes the same report and messages to a socket, a pipe and a file', () => {
    const { dir, remove } = tempDir('gwlint-stdout-');
    cleanups.push(remove);
    const args = [CLI, EXAMPLES, '--max-warnings', '0'];
    const env = { ...process.env, NO_COLOR: '1' };
    // Node gives its child a socket; a shell pipeline, a pipe.
    const piped = spawnSync(process.execPath, args, { encoding: 'utf8', env });
    const shell = spawnSync('sh', ['-c', '"$0" "$@" 2>&1 >/dev/null | cat >&2; "$0" "$@" 2>/dev/null | cat', process.execPath, ...args], { encoding: 'utf8', env });
    const out = openSync(path.join(dir, 'out.txt'), 'w');
    const err = openSync(path.join(dir, 'err.txt'), 'w');
    const toFiles = spawnSync(process.execPath, args, { stdio: ['ignore', out, err], env });
    closeSync(out);
    closeSync(err);
    expect(piped.status).toBe(1);
    expect(piped.stdout).toContain('problems (');
    expect(piped.stderr).toBe('gwlint found too many warnings (maximum: 0).\n');
    expect([shell.stdout, shell.stderr]).toEqual([piped.stdout, piped.stderr]);
    expect(toFiles.status).toBe(piped.status);
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe(piped.stdout);
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe(piped.stderr);
  });

  it('hands what is left to Node when a non-blocking socket is full, and loses nothing', async () => {
    // Node's stream for the socket makes the descriptor non-blocking, as a parent process may have made it.
    const script = `
      import { standardStreams } from ${JSON.stringify(MODULE)};
      process.stdout;
      const out = standardStreams().stdout;
      for (let i = 0; i < 4096; i++) out.write(String(i % 10).repeat(1023) + '\\n');
      process.stderr.write(out === process.stdout ? "Node's stream" : out.writableLength > 0 ? 'queued' : 'all written');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
    let stderr = '';
    // Nothing is read until the child says it has written everything (the socket's buffer filled first).
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (b: Buffer) => {
        stderr += b.toString();
        resolve();
      }),
    );
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const text = Buffer.concat(chunks).toString();
    expect(stderr).toBe('queued');
    expect(code).toBe(0);
    expect(text.length).toBe(4096 * 1024);
    expect(text.split('\n').slice(0, -1).every((line, i) => line === String(i % 10).repeat(1023))).toBe(true);
  });

  it('stops writing, without an error, when the reader goes away', async () => {
    const script = `
      import { standardStreams } from ${JSON.stringify(MODULE)};
      const out = standardStreams().stdout;
      for (let i = 0; i < 4096; i++) out.write('x'.repeat(1023) + '\\n');
      process.stderr.write('done');
    `;
    const { stderr, code } = await runUntilReaderLeaves(['--input-type=module', '-e', script]);
    expect(stderr).toBe('done');
    expect(code).toBe(0);
  });
});
