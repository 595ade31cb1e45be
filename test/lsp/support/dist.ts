import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const BIN = path.join(ROOT, 'bin/gwlint.js');
const SERVER = path.join(ROOT, 'dist/src/lsp/server.js');
/** The bundled command line that bin/gwlint.js loads (scripts/bundle.js). */
const BUNDLE = path.join(ROOT, 'dist/bundle/cli.cjs');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (/\.(ts|json)$/.test(e.name)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function stale(): boolean {
  if (!existsSync(SERVER) || !existsSync(BUNDLE)) return true;
  const built = Math.min(statSync(SERVER).mtimeMs, statSync(BUNDLE).mtimeMs);
  return Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'rules'))) > built;
}

/**
 * The protocol tests run the built server (`bin/gwlint.js --lsp` loads dist/). CI builds dist/ in
 * `npm ci` (the `prepare` script); locally it is rebuilt here when a source file is newer. Test files
 * running at the same time build once, under a lock.
 */
export function ensureDist(): void {
  if (!stale()) return;
  const lock = path.join(tmpdir(), `gwlint-build-${Buffer.from(ROOT).toString('hex').slice(-40)}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!stale()) return;
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'pipe' });
      execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle.js')], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      // tsc writes its output even when other parts of the tree do not type-check yet.
      if (!existsSync(SERVER)) throw new Error(`npm run build failed:\n${String((e as { stdout?: Buffer }).stdout ?? e)}`, { cause: e });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
