import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, ensureDist } from './support/dist.js';

const TRACE = path.join(import.meta.dirname, 'support/trace-loads.mjs');

/** The modules `node bin/gwlint.js <args>` loads, from the trace hook's `load <url>` lines. */
function loads(args: string[]): string[] {
  const run = spawnSync(process.execPath, ['--import', TRACE, BIN, ...args], { cwd: ROOT, input: '', encoding: 'utf8', timeout: 30_000 });
  return run.stderr.split('\n').flatMap((l) => (l.startsWith('load ') ? [l.slice(5)] : []));
}

beforeAll(() => ensureDist(), 240_000);

describe('bin/gwlint.js', () => {
  it('loads the language server only for --lsp', () => {
    const cli = loads(['--version']);
    expect(cli.some((u) => u.endsWith('/bin/load-cli.js'))).toBe(true);
    expect(cli.filter((u) => u.includes('/dist/src/lsp/') || u.includes('vscode-languageserver'))).toEqual([]);
  });

  it('starts the server for --lsp without the command line or the reporters', () => {
    // Standard input closes at once: the server starts, then exits.
    const server = loads(['--lsp', '--stdio']);
    expect(server.some((u) => u.endsWith('/dist/src/lsp/server.js'))).toBe(true);
    expect(server.filter((u) => u.includes('/dist/bundle/') || u.endsWith('/bin/load-cli.js') || u.includes('/dist/src/report/'))).toEqual([]);
  });
});
