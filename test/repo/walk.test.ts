import { mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsJournal } from '../../src/repo/fs-journal.js';
import { isInside, RepoWalk } from '../../src/repo/walk.js';
import { tempTrees } from '../cli/helpers.js';

const tree = tempTrees();
const EXTENSIONS = { extensions: ['json', 'bicep'] };

function found(walk: RepoWalk, dir: string, options = EXTENSIONS): string[] {
  return walk.discover(dir, options).map((f) => path.relative(dir, f).split(path.sep).join('/'));
}

describe('RepoWalk.discover', () => {
  it('finds files by extension, leaving out hidden entries, node_modules, symbolic links and other extensions', () => {
    const { dir } = tree({
      'a.json': '{}',
      'b.bicep': '',
      'c.JSON': '{}',
      'd.txt': '',
      '.hidden.json': '{}',
      '.git/x.json': '{}',
      '.github/workflow.json': '{}',
      'node_modules/pkg/main.json': '{}',
      'sub/deep/e.json': '{}',
    });
    symlinkSync(path.join(dir, 'a.json'), path.join(dir, 'link.json'));
    symlinkSync(path.join(dir, 'sub'), path.join(dir, 'linked-folder'));
    expect(found(new RepoWalk(), dir)).toEqual(['a.json', 'b.bicep', 'sub/deep/e.json']);
  });

  it('honours nested .gitignore files, folder rules and negations, deepest file deciding', () => {
    const { dir } = tree({
      '.gitignore': 'generated/\n*.tmp.json\n!keep.tmp.json\n',
      'generated/main.json': '{}',
      'infra/generated/main.json': '{}',
      'infra/a.tmp.json': '{}',
      'infra/keep.tmp.json': '{}',
      'infra/main.json': '{}',
      'infra/.gitignore': '/local.json\n',
      'infra/local.json': '{}',
      'infra/sub/local.json': '{}',
      'env/.gitignore': '!*.tmp.json\n',
      'env/b.tmp.json': '{}',
    });
    expect(found(new RepoWalk(), dir)).toEqual(['env/b.tmp.json', 'infra/keep.tmp.json', 'infra/main.json', 'infra/sub/local.json']);
  });

  it('applies the .gitignore files of the Git repository above the searched folder, and none above a repository', () => {
    const { dir } = tree({
      '.gitignore': 'build/\n',
      'repo/.gitignore': 'out/\n',
      'repo/.git/HEAD': '',
      'repo/infra/out/a.json': '{}',
      'repo/infra/build/b.json': '{}',
      'repo/infra/main.json': '{}',
    });
    expect(found(new RepoWalk(), path.join(dir, 'repo/infra'))).toEqual(['build/b.json', 'main.json']);
  });

  it('skips what ignorePatterns match, relative to the searched folder, whole folders included', () => {
    const { dir } = tree({
      'legacy/main.json': '{}',
      'infra/generated/x.json': '{}',
      'infra/main.json': '{}',
      'top.bicep': '',
      'infra/nested.bicep': '',
    });
    const options = { ...EXTENSIONS, ignorePatterns: ['legacy/**', '**/generated/**', '*.bicep'] };
    expect(found(new RepoWalk(), dir, options)).toEqual(['infra/main.json', 'infra/nested.bicep']);
  });
});

describe('RepoWalk look-ups', () => {
  it('answers existence and real paths from the listings', () => {
    const { dir } = tree({ 'gwlint.config.json': '{}', 'a/b/main.json': '{}', 'outside/x.json': '{}' });
    mkdirSync(path.join(dir, 'a/c'));
    symlinkSync(path.join(dir, 'outside'), path.join(dir, 'a/escape'));
    const walk = new RepoWalk();
    const real = realpathSync(dir);
    expect(walk.isFile(path.join(dir, 'a/b/main.json'))).toBe(true);
    expect(walk.isFile(path.join(dir, 'a/b/missing.json'))).toBe(false);
    expect(walk.isFile(path.join(dir, 'a/c'))).toBe(false);
    expect(walk.realPath(path.join(dir, 'a/b/main.json'))).toBe(path.join(real, 'a/b/main.json'));
    expect(walk.realPath(path.join(dir, 'a/escape/x.json'))).toBe(path.join(real, 'outside/x.json'));
    expect(walk.realPath(path.join(dir, 'a/escape/nope.json'))).toBeUndefined();
    expect(walk.isInside(path.join(dir, 'a/escape/x.json'), path.join(real, 'a'))).toBe(false);
    expect(walk.isInside(path.join(dir, 'a/b/../b/main.json'), path.join(real, 'a'))).toBe(true);
  });

  it('answers a question about one name of a folder it has not listed without listing it, as its listing would', () => {
    const files: Record<string, string> = { 'repo/gwlint.config.json': '{}', 'repo/main.json': '{}', '.git/HEAD': '' };
    for (let i = 0; i < 50; i++) files[`other-${i}.txt`] = '';
    const { dir } = tree(files);
    symlinkSync(path.join(dir, 'repo'), path.join(dir, 'link'));
    const journal = new FsJournal();
    const walk = new RepoWalk(journal);
    const asked = ['repo/gwlint.config.json', 'gwlint.config.json', '.git', 'repo', 'link', 'other-7.txt', 'missing'].map((p) => path.join(dir, p));
    const kinds = asked.map((p) => walk.kind(p));
    expect(kinds).toEqual(['file', undefined, 'dir', 'dir', 'link', 'file', undefined]);
    expect(asked.map((p) => walk.exists(p))).toEqual(kinds.map((k) => k !== undefined));
    // Neither folder was read as a whole (the walk notes each folder's stat before it reads it)…
    expect(journal.stats.has(dir)).toBe(false);
    expect(journal.stats.has(path.join(dir, 'repo'))).toBe(false);
    // …and a walk that lists them first gives the same answers.
    const listing = new RepoWalk();
    listing.names(dir);
    listing.names(path.join(dir, 'repo'));
    expect(asked.map((p) => listing.kind(p))).toEqual(kinds);
    expect(walk.isFile(path.join(dir, 'repo/gwlint.config.json'))).toBe(true);
    expect(walk.realPath(path.join(dir, 'link/main.json'))).toBe(path.join(realpathSync(dir), 'repo/main.json'));
  });

  it('lists each folder once: later changes are not seen by the same walk', () => {
    const { dir, write } = tree({ 'a.json': '{}' });
    const walk = new RepoWalk();
    expect(walk.names(dir)).toEqual(['a.json']);
    write('b.json', '{}');
    expect(walk.names(dir)).toEqual(['a.json']);
    expect(new RepoWalk().names(dir)).toEqual(['a.json', 'b.json']);
  });
});

describe('isInside', () => {
  it('answers as path.relative does, with or without its prefix shortcut', () => {
    const cases: [string, string, boolean][] = [
      ['/repo', '/repo', true],
      ['/repo/a/main.json', '/repo', true],
      ['/repo/a/main.json', '/repo/', true],
      ['/repo', '/repo/', true],
      ['/repository/main.json', '/repo', false],
      ['/repo/../outside/main.json', '/repo', false],
      ['/repo/a/../b/main.json', '/repo', true],
      ['/repo/./a/main.json', '/repo', true],
      ['/outside', '/repo', false],
      ['/any/thing', '/', true],
      ['a/main.json', 'a', true],
      ['ab/main.json', 'a', false],
    ];
    for (const [p, root, inside] of cases) expect([p, root, isInside(p, root)]).toEqual([p, root, inside]);
  });
});
