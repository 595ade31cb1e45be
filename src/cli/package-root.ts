import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The folder of gwlint's own package.json: found upward from this module, so it is the same whether the
 * code runs from `dist/` (the installed package) or from `src/` (the tests).
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'gwlint') return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("gwlint's package.json was not found above its code");
    dir = parent;
  }
}

/** Set by scripts/bundle.js; the tests, run from src/, read package.json. */
declare const GWLINT_VERSION: string | undefined;

export function version(): string {
  if (typeof GWLINT_VERSION === 'string') return GWLINT_VERSION;
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
