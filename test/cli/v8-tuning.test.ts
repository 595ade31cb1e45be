import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_RUN_CHARS } from '../../src/cli/v8-tuning.js';
import { REPO, gatewayTemplate, tempTrees } from './helpers.js';

const BIN = path.join(REPO, 'bin/gwlint.js');
const tree = tempTrees();

/**
 * Runs the command line with a module preloaded that watches `node:v8` being loaded and the flags set
 * through it, and returns what it saw.
 */
function v8Use(cwd: string): { loaded: boolean; flags: string[] } {
  const out = path.join(cwd, 'v8-use.json');
  const spy = path.join(cwd, 'spy.cjs');
  const run = spawnSync(process.execPath, ['-r', spy, BIN, 'infra'], { cwd, encoding: 'utf8', env: { ...process.env, V8_USE: out }, timeout: 60_000 });
  expect(run.stderr).toBe('');
  return JSON.parse(readFileSync(out, 'utf8')) as { loaded: boolean; flags: string[] };
}

const SPY = `
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const seen = { loaded: false, flags: [] };
const load = Module._load;
Module._load = function (request, ...rest) {
  const exports = load.call(this, request, ...rest);
  if ((request === 'node:v8' || request === 'v8') && !seen.loaded) {
    seen.loaded = true;
    const set = exports.setFlagsFromString;
    exports.setFlagsFromString = (flags) => { seen.flags.push(flags); return set.call(exports, flags); };
  }
  return exports;
};
process.on('exit', () => writeFileSync(process.env.V8_USE, JSON.stringify(seen)));
`;

describe("the command line's V8 flags", () => {
  it('are not set, and node:v8 not even loaded, for a run over a few small files', () => {
    const t = tree({ 'infra/main.json': gatewayTemplate(), 'spy.cjs': SPY });
    expect(v8Use(t.dir)).toEqual({ loaded: false, flags: [] });
  });

  it('are not set for one small file in a large tree, which the repository index reads', () => {
    const copies = Math.ceil(LARGE_RUN_CHARS / gatewayTemplate().length) + 1;
    const files = Object.fromEntries(Array.from({ length: copies }, (_, i) => [`other/t${i}/main.json`, gatewayTemplate()]));
    const t = tree({ ...files, 'infra/main.json': gatewayTemplate(), '.git/HEAD': 'ref: refs/heads/main\n', 'spy.cjs': SPY });
    expect(v8Use(t.dir)).toEqual({ loaded: false, flags: [] });
  });

  it('are set once the files a run lints hold enough text', () => {
    const copies = Math.ceil(LARGE_RUN_CHARS / gatewayTemplate().length) + 1;
    const files = Object.fromEntries(Array.from({ length: copies }, (_, i) => [`infra/t${i}/main.json`, gatewayTemplate()]));
    const t = tree({ ...files, 'spy.cjs': SPY });
    const { loaded, flags } = v8Use(t.dir);
    expect(loaded).toBe(true);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toContain('--interrupt-budget=');
    expect(flags[0]).toContain('--heap-growing-percent=');
  });
});
