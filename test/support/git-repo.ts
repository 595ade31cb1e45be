import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Git run for tests: a fixed identity and no user or system configuration. */
export function git(dir: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_NAME: 'gwlint', GIT_AUTHOR_EMAIL: 'gwlint@example.com', GIT_COMMITTER_NAME: 'gwlint', GIT_COMMITTER_EMAIL: 'gwlint@example.com' },
  });
}

/** Writes files (path → text; `null` deletes the file) below a folder. */
export function writeFiles(dir: string, files: Record<string, string | null>): void {
  for (const [p, text] of Object.entries(files)) {
    const file = path.join(dir, p);
    if (text === null) rmSync(file, { force: true });
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
}

/**
 * A temporary git repository on branch `main` with two commits: the base files, then the head changes
 * (`null` deletes a file). Returns its folder and a cleanup.
 */
export function twoCommitRepo(base: Record<string, string>, head: Record<string, string | null>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-diff-'));
  git(dir, ['init', '-q', '-b', 'main']);
  writeFiles(dir, base);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', 'base']);
  writeFiles(dir, head);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', 'head']);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
