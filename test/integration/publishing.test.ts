import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Until gwlint is published on npm, no instruction may install it from the registry: those commands fail.
 * The instructions that work today install from the repository or from a packed tarball (the path the
 * package test installs, test/integration/package.test.ts).
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const REGISTRY_INSTALL = /\b(?:npm (?:install|i)\b[^\n`]*?|npx (?:--yes |-y )?)gwlint@/g;

function instructionFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`);
  const ci = readdirSync(path.join(ROOT, 'examples/ci')).map((f) => `examples/ci/${f}`);
  return ['README.md', 'action.yml', '.pre-commit-hooks.yaml', ...docs, ...ci];
}

describe('publishing truth', () => {
  it('gives no npm-registry install of gwlint while it is unpublished, and the ones that work today', () => {
    const offending = instructionFiles().flatMap((f) => [...readFileSync(path.join(ROOT, f), 'utf8').matchAll(REGISTRY_INSTALL)].map((m) => `${f}: ${m[0]}`));
    expect(offending).toEqual([]);
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm install --global ./gwlint-0.1.0.tgz');
    expect(readme).toContain('npm install --global git+https://github.com/gwlint/gwlint.git#v0.1.0');
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(readme).toContain(`gwlint-${version}.tgz`);
  });
});
