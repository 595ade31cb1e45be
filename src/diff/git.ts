import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { BaseRevision } from '../engine/base-revision.js';
import type { VirtualFile } from '../engine/files.js';
import { decodeText } from '../cli/read-files.js';

/** Why the base revision could not be read: not a git repository, an unknown ref, git missing. */
export class GitError extends Error {}

/** Files whose base version matters: the ones gwlint lints or reads as context. */
const TEMPLATE_FILE = /\.(jsonc?|bicep|bicepparam)$/i;

/** A base version larger than this is not read, as the work tree's files are not (see MAX_FILE_BYTES). */
const MAX_BLOB_BYTES = 128 * 1024 * 1024;

/**
 * Runs git read-only in `cwd`. `core.quotepath=off` and `-z` keep paths as they are; no pager, no
 * external diff driver, no colours, whatever the user's configuration says.
 */
function git(cwd: string, args: string[], input?: string): Buffer {
  try {
    return execFileSync('git', ['-c', 'core.quotepath=off', ...args], {
      cwd,
      input,
      maxBuffer: 1024 * 1024 * 1024,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: gitEnv(),
    });
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer };
    if (err.code === 'ENOENT') throw new GitError('git is not installed or not on PATH');
    const reason = err.stderr?.toString('utf8').trim().split('\n')[0];
    throw new GitError(reason || `git ${args[0]} failed`);
  }
}

/** The user's environment without an external diff driver, with no pager and no optional locks. */
function gitEnv(): NodeJS.ProcessEnv {
  const { GIT_EXTERNAL_DIFF: _driver, ...env } = process.env;
  return { ...env, GIT_PAGER: 'cat', GIT_OPTIONAL_LOCKS: '0' };
}

function tryGit(cwd: string, args: string[]): string | undefined {
  try {
    return git(cwd, args).toString('utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * The revision `gwlint diff` compares with when none is given: where HEAD branched from `origin/HEAD` (the
 * remote's default branch), else from a local `main` or `master`. The merge base, not the branch's tip:
 * what the default branch gained since is not the change under review.
 */
export function defaultBase(cwd: string): string {
  for (const branch of ['refs/remotes/origin/HEAD', 'refs/heads/main', 'refs/heads/master']) {
    if (!tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${branch}^{commit}`])) continue;
    const mergeBase = tryGit(cwd, ['merge-base', 'HEAD', branch]);
    if (mergeBase) return mergeBase;
  }
  throw new GitError('no base revision given, and neither origin/HEAD nor a main or master branch was found; name one: gwlint diff <ref>');
}

/**
 * The base revision of the repository around `cwd`, as lint() takes it: the base version of every
 * template-like file that differs from the work tree (changed, renamed, deleted), and the files added
 * since. Read through git only (`git diff`, `git ls-files`, `git cat-file --batch`): no checkout, and the
 * work tree and index are left as they are. Paths are absolute, built from `cwd` as the run's own are.
 */
export function readBaseRevision(cwd: string, ref: string): BaseRevision {
  const commit = git(cwd, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]).toString('utf8').trim();
  const root = path.resolve(cwd, git(cwd, ['rev-parse', '--show-cdup']).toString('utf8').trim() || '.');
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  // Base tree against the work tree, renames followed so that a moved template keeps its history.
  const fields = git(root, ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--name-status', '-z', '-M', commit, '--']).toString('utf8').split('\0');
  const wanted: { at: string; from: string }[] = [];
  const added: string[] = [];
  const deleted: string[] = [];
  for (let i = 0; i < fields.length - 1; ) {
    const status = fields[i++];
    const from = fields[i++];
    const to = status.startsWith('R') || status.startsWith('C') ? fields[i++] : from;
    if (!TEMPLATE_FILE.test(from) && !TEMPLATE_FILE.test(to)) continue;
    // Copies and files that became templates by a rename have no base version to compare with.
    if (status === 'A' || status.startsWith('C') || !TEMPLATE_FILE.test(from)) added.push(abs(to));
    // Modified, type-changed, renamed (the base version at the new path) and deleted files.
    else {
      const gone = status === 'D' || !TEMPLATE_FILE.test(to);
      wanted.push({ at: abs(gone ? from : to), from });
      if (gone) deleted.push(abs(from));
    }
  }
  // Files git does not track yet are new too.
  for (const rel of git(root, ['ls-files', '--others', '--exclude-standard', '-z']).toString('utf8').split('\0'))
    if (rel && TEMPLATE_FILE.test(rel)) added.push(abs(rel));
  const texts = catFiles(root, commit, wanted.map((w) => w.from));
  const files: VirtualFile[] = wanted.map((w, i) => texts[i] ?? { path: w.at, text: '', readError: `The base version of this file could not be read from ${ref}.` }).map((f, i) => ({ ...f, path: wanted[i].at }));
  return { label: ref, files, added, deleted };
}

/** The blobs `commit:path` for each path, read in one `git cat-file --batch`. */
function catFiles(root: string, commit: string, paths: string[]): (VirtualFile | undefined)[] {
  if (!paths.length) return [];
  const out = git(root, ['cat-file', '--batch'], paths.map((p) => `${commit}:${p}\n`).join(''));
  const files: (VirtualFile | undefined)[] = [];
  let at = 0;
  for (const p of paths) {
    const end = out.indexOf(10, at);
    const header = out.subarray(at, end).toString('utf8');
    at = end + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      files.push(undefined);
      continue;
    }
    const size = Number(m[2]);
    const bytes = out.subarray(at, at + size);
    at += size + 1;
    if (m[1] !== 'blob') files.push(undefined);
    else if (size > MAX_BLOB_BYTES) files.push({ path: p, text: '', readError: 'The base version of this file is too large to read.' });
    else files.push(blobFile(p, bytes));
  }
  return files;
}

function blobFile(p: string, bytes: Buffer): VirtualFile {
  try {
    return { path: p, text: decodeText(bytes) };
  } catch {
    return { path: p, text: '', readError: 'The base version of this file is binary, not text.' };
  }
}
