import type * as NodeFs from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RepoWalk } from '../../src/repo/walk.js';
import { tempTrees } from '../cli/helpers.js';

/** The paths the walk asks about one at a time (`lstat`), counted: a syscall costs about 15 µs on a slow machine. */
const { lstatted } = vi.hoisted(() => ({ lstatted: [] as string[] }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof NodeFs>();
  const lstatSync = ((p: string, options?: object) => {
    lstatted.push(String(p));
    return fs.lstatSync(p, options);
  }) as typeof fs.lstatSync;
  return { ...fs, lstatSync, default: { ...fs, lstatSync } };
});

const tree = tempTrees();

describe('RepoWalk.discover system calls', () => {
  beforeEach(() => {
    lstatted.length = 0;
  });

  it('answers whether each folder has a .gitignore from the listing it makes anyway, not one lstat per folder', () => {
    const files: Record<string, string> = { 'b/.gitignore': 'skip.json\n' };
    for (let i = 0; i < 20; i++) files[`a/f${i}/main.json`] = '{}';
    files['b/skip.json'] = '{}';
    files['b/keep.json'] = '{}';
    const { dir } = tree(files);
    const found = new RepoWalk().discover(dir, { extensions: ['json'] }).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    expect(found).toContain('b/keep.json');
    expect(found).not.toContain('b/skip.json');
    expect(found).toHaveLength(21);
    // Only `.git` is asked about alone, in the searched folder and those above it (for the repository's
    // .gitignore files); without the listing, each of the 24 folders was asked for its `.gitignore` too.
    expect(lstatted.filter((p) => p.startsWith(dir + path.sep))).toEqual([path.join(dir, '.git')]);
  });
});
