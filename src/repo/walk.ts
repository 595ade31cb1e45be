import { nodeCrypto } from '../core/crypto.js';
import { lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { GitignoreRules } from './gitignore.js';
import { compileGlob, normaliseConfigGlob } from '../core/glob.js';
import type { EntryKind, FsJournal, WalkEntry } from './fs-journal.js';
import { kindOf, readListing } from './fs-journal.js';

export type { EntryKind, WalkEntry } from './fs-journal.js';

export interface DiscoverOptions {
  /** File extensions to find, lower case, without the dot (matched case-sensitively, as globs are). */
  extensions: readonly string[];
  /** Globs relative to the searched folder (`legacy/**`, `**\/generated/**`); a matched folder is skipped whole. */
  ignorePatterns?: readonly string[];
}

/** Folders never searched, whatever `.gitignore` says. */
const SKIPPED_FOLDERS = new Set(['node_modules']);

/**
 * One synchronous pass over the file system for a run. Each folder is listed once, and the listing
 * answers every question about it: which files to lint (discovery with `.gitignore`, `ignorePatterns`
 * and extensions), whether a file a template refers to exists, the nearest configuration file, and
 * where a path really is (symbolic links resolved once per folder). A question about one name of a folder
 * not listed (the folders above the tree, searched for a configuration file or `.git`) is asked of that
 * path alone. Many small synchronous reads are several times cheaper than the same asynchronous ones, and
 * nothing here waits on another.
 *
 * A walk is a snapshot: create one per run (or per index build) and drop it; it never notices changes.
 * With a journal, it notes every question whose answer the run used (see FsJournal).
 */
export class RepoWalk {
  private readonly listings = new Map<string, WalkEntry[] | undefined>();
  private readonly realPaths = new Map<string, string | undefined>();
  private readonly gitignores = new Map<string, GitignoreRules | undefined>();

  constructor(readonly journal?: FsJournal) {}

  /** The folder's entries, sorted by name; undefined when it is not a folder or cannot be read. */
  entries(dir: string): readonly WalkEntry[] | undefined {
    const entries = this.list(dir);
    this.journal?.listed(dir, entries);
    return entries;
  }

  /** entries(), for a question about one name of the folder: the journal notes the name, not the listing. */
  private list(dir: string): readonly WalkEntry[] | undefined {
    if (this.listings.has(dir)) return this.listings.get(dir);
    this.journal?.willRead(dir);
    const entries = readListing(dir);
    this.listings.set(dir, entries);
    return entries;
  }

  /** The names in a folder (empty when it cannot be listed). */
  names(dir: string): string[] {
    return (this.entries(dir) ?? []).map((e) => e.name);
  }

  /** What the listing of its folder says a path is; undefined when the folder has no such name. */
  kind(p: string): EntryKind | undefined {
    return this.kindIn(path.dirname(p), path.basename(p), p);
  }

  /** The kind of `name` in the folder: from its listing when it was listed, else from the system. */
  private kindIn(dir: string, name: string, p = path.join(dir, name)): EntryKind | undefined {
    const kind = this.listings.has(dir) ? this.findIn(dir, name) : this.lookUp(dir, name, p);
    this.journal?.probed(p, kind);
    return kind;
  }

  /**
   * The kind of one path of a folder not listed, from an `lstat`: the folders above a tree (the temporary
   * folder, a home folder) may hold thousands of names, and are asked about two or three. The listing
   * answers when the system cannot (no permission).
   */
  private lookUp(dir: string, name: string, p: string): EntryKind | undefined {
    if (this.lookedUp.has(p)) return this.lookedUp.get(p);
    let kind: EntryKind | undefined;
    try {
      const stat = lstatSync(p, { throwIfNoEntry: false });
      kind = stat && kindOf(stat);
    } catch {
      return this.findIn(dir, name);
    }
    this.lookedUp.set(p, kind);
    return kind;
  }

  private readonly lookedUp = new Map<string, EntryKind | undefined>();

  /** A binary search of the folder's listing, sorted by name. */
  private findIn(dir: string, name: string): EntryKind | undefined {
    const entries = this.list(dir);
    if (!entries) return undefined;
    for (let lo = 0, hi = entries.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >>> 1;
      const other = entries[mid].name;
      if (other === name) return entries[mid].kind;
      if (other < name) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /**
   * Whether a path exists (links not followed): its folder's listing says, or for a folder not listed an
   * `lstat` of the path; else (the root, a folder that cannot be listed) the system.
   */
  exists(p: string): boolean {
    if (path.dirname(p) !== p) {
      const kind = this.kind(p);
      if (kind !== undefined || !this.unreadable(path.dirname(p))) return kind !== undefined;
    }
    const stat = lstatSync(p, { throwIfNoEntry: false });
    this.journal?.probed(p, stat && kindOf(stat));
    return stat !== undefined;
  }

  /** True when the path is a folder, following a symbolic link when it is one. */
  isFolder(p: string): boolean {
    const kind = path.dirname(p) === p ? undefined : this.kind(p);
    if (kind === 'dir' || kind === 'file') return kind === 'dir';
    if (kind === undefined && !this.exists(p)) return false;
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  }

  /** A file's text (UTF-8), noted in the journal; throws what readFileSync throws. */
  readText(p: string): string {
    this.journal?.willRead(p);
    const text = readFileSync(p, 'utf8');
    this.journal?.read(p, () => nodeCrypto().createHash('sha256').update(text).digest('hex'));
    return text;
  }

  /** True when the path names a regular file, following a symbolic link when it is one. */
  isFile(p: string, kind = this.kind(p)): boolean {
    if (kind === 'file') return true;
    if (kind !== 'link') return false;
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  }

  /** The path with every symbolic link resolved; undefined when it does not exist. Folders are resolved once. */
  realPath(p: string): string | undefined {
    const abs = path.resolve(p);
    const dir = path.dirname(abs);
    if (dir === abs) return abs;
    const kind = this.kind(abs);
    if (kind === undefined) return undefined;
    if (kind === 'link') return this.resolveLink(abs);
    const realDir = this.realDir(dir);
    return realDir === undefined ? undefined : path.join(realDir, path.basename(abs));
  }

  /**
   * The files below `root` with one of the extensions, sorted: hidden entries, `node_modules`, symbolic
   * links, what `.gitignore` files exclude (those of the Git repository above `root` too) and what
   * `ignorePatterns` match are left out.
   */
  discover(root: string, options: DiscoverOptions): string[] {
    const extensions = new Set(options.extensions.map((e) => `.${e}`));
    const matchesPattern = patternMatcher(options.ignorePatterns ?? []);
    const found: string[] = [];
    const visit = (dir: string, rel: string, rules: FolderRules[]) => {
      // Listed first: the listing then says whether the folder has a `.gitignore`, with no call of its own.
      const entries = this.entries(dir) ?? [];
      const own = this.gitignore(dir);
      const active = own ? [...rules, { base: dir, ignore: own }] : rules;
      for (const entry of entries) {
        if (entry.name.startsWith('.') || (entry.kind !== 'file' && entry.kind !== 'dir')) continue;
        const isDir = entry.kind === 'dir';
        if (isDir && SKIPPED_FOLDERS.has(entry.name)) continue;
        if (!isDir && !extensions.has(extensionOf(entry.name))) continue;
        // The folder is absolute and normalised, the name has no separator: joining needs no normalising.
        const abs = dir.endsWith(path.sep) ? dir + entry.name : dir + path.sep + entry.name;
        const entryRel = rel ? `${rel}/${entry.name}` : entry.name;
        if (matchesPattern?.(entryRel, isDir) || (active.length && gitignored(active, abs, isDir))) continue;
        if (isDir) visit(abs, entryRel, active);
        else found.push(abs);
      }
    };
    const start = path.resolve(root);
    visit(start, '', this.parentGitignores(start));
    return found.sort();
  }

  /**
   * Whether the user excluded `file` from what discover(root, …) finds: an ignore pattern matches it or a
   * folder above it, or a `.gitignore` ignores it. Hidden folders and `node_modules`, which discovery skips
   * by itself, do not count. A file outside `root` is not judged here (false).
   */
  excludes(root: string, file: string, ignorePatterns: readonly string[]): boolean {
    const start = path.resolve(root);
    const rel = path.relative(start, file);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const matchesPattern = patternMatcher(ignorePatterns);
    let rules = this.parentGitignores(start);
    let dir = start;
    let entryRel = '';
    const names = rel.split(path.sep);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const isDir = i < names.length - 1;
      const own = this.gitignore(dir);
      if (own) rules = [...rules, { base: dir, ignore: own }];
      const abs = path.join(dir, name);
      entryRel = entryRel ? `${entryRel}/${name}` : name;
      if (matchesPattern?.(entryRel, isDir) || (rules.length && gitignored(rules, abs, isDir))) return true;
      dir = abs;
    }
    return false;
  }

  /** The nearest folder at or above `dir` holding `.git` (a folder, or a file in a worktree); undefined outside a repository. */
  repositoryRoot(dir: string): string | undefined {
    for (let d = path.resolve(dir); ; d = path.dirname(d)) {
      if (this.kind(path.join(d, '.git')) !== undefined) return d;
      if (path.dirname(d) === d) return undefined;
    }
  }

  /** True when the path, links resolved, is the root or below it: no `..` or link escapes. */
  isInside(p: string, realRoot: string): boolean {
    const real = this.realPath(p);
    return real !== undefined && isInside(real, realRoot);
  }

  private realDir(dir: string): string | undefined {
    if (this.realPaths.has(dir)) return this.realPaths.get(dir);
    const parent = path.dirname(dir);
    let real: string | undefined;
    if (parent === dir) real = dir;
    else {
      const kind = this.kind(dir);
      if (kind === 'dir') {
        const realParent = this.realDir(parent);
        real = realParent === undefined ? undefined : path.join(realParent, path.basename(dir));
      } else if (kind === 'link') real = this.resolveLink(dir);
      // A folder that its parent cannot list (no read permission) is resolved by the system.
      else real = kind === undefined && this.unreadable(parent) ? this.resolveLink(dir) : undefined;
    }
    this.realPaths.set(dir, real);
    return real;
  }

  /** True when the folder was listed and could not be (no read permission, not a folder). */
  private unreadable(dir: string): boolean {
    return this.listings.has(dir) && this.listings.get(dir) === undefined;
  }

  private resolveLink(p: string): string | undefined {
    if (this.journal) this.journal.unanswerable ??= `${p} is reached through a symbolic link`;
    try {
      return realpathSync(p);
    } catch {
      return undefined;
    }
  }

  /** The rules of the folder's `.gitignore`, read once; undefined when it has none. */
  private gitignore(dir: string): GitignoreRules | undefined {
    if (this.gitignores.has(dir)) return this.gitignores.get(dir);
    let rules: GitignoreRules | undefined;
    const kind = this.kindIn(dir, '.gitignore');
    const file = kind && path.join(dir, '.gitignore');
    if (file && this.isFile(file, kind)) {
      try {
        rules = new GitignoreRules(this.readText(file));
      } catch {
        rules = undefined;
      }
    }
    this.gitignores.set(dir, rules);
    return rules;
  }

  /** The `.gitignore` rules of the folders above `start` up to its Git repository's top (none outside a repository). */
  private parentGitignores(start: string): FolderRules[] {
    if (this.kind(path.join(start, '.git')) !== undefined) return [];
    const above: string[] = [];
    for (let d = path.dirname(start); ; d = path.dirname(d)) {
      above.push(d);
      if (this.kind(path.join(d, '.git')) !== undefined) {
        return above.reverse().flatMap((dir) => {
          const own = this.gitignore(dir);
          return own ? [{ base: dir, ignore: own }] : [];
        });
      }
      if (path.dirname(d) === d) return [];
    }
  }
}

/** Whether a path relative to the root (a folder's with `isDir`) matches one of the ignore patterns; undefined without any. */
function patternMatcher(ignorePatterns: readonly string[]): ((rel: string, isDir: boolean) => boolean) | undefined {
  if (!ignorePatterns.length) return undefined;
  // Globs are matched by an automaton, in linear time: star-heavy patterns make regular expressions backtrack.
  const patterns = ignorePatterns.map((p) => compileGlob(normaliseConfigGlob(p)));
  return (rel, isDir) => patterns.some((g) => g.matches(rel) || (isDir && g.matches(`${rel}/`)));
}

interface FolderRules {
  base: string;
  ignore: GitignoreRules;
}

/** Git's reading: the deepest `.gitignore` that says anything about the path decides (`!` re-includes). */
function gitignored(rules: readonly FolderRules[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const rule of rules) {
    const rel = path.relative(rule.base, abs).split(path.sep).join('/');
    const verdict = rule.ignore.verdict(rel, isDir);
    if (verdict) ignored = verdict === 'ignored';
  }
  return ignored;
}

/** What path.extname says of a name without separators, with less work: from its last dot unless that is its first character. */
function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** True when a path is the root or below it (paths compared as given, links not resolved). */
export function isInside(p: string, root: string): boolean {
  // A prefix test answers for absolute paths without '..' segments (path.relative costs microseconds).
  const plain = path.isAbsolute(p) && path.isAbsolute(root) && !p.includes(`${path.sep}..`) && !root.includes(`${path.sep}..`);
  if (plain && (p === root || (p.startsWith(root) && (p[root.length] === path.sep || root.endsWith(path.sep))))) return true;
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
