import * as path from 'node:path';
import { localDeployments, localPaths, matchesOf } from '../repo/references.js';
import type { VirtualFile } from '../engine/files.js';
import { compileGlob, globMatcher, normaliseConfigGlob } from '../core/glob.js';
import { isInside, RepoWalk } from '../repo/walk.js';
import { directFacts } from '../repo/file-facts.js';
import { readVirtualFileSync } from './read-files.js';

export const LINTED_EXTENSIONS = ['json', 'jsonc', 'bicep', 'bicepparam'];

/** Characters that make a command-line argument a glob (`infra/**\/*.bicep`), as in ESLint. */
export const GLOB_CHARACTERS = /[*?[{]/;

export interface ExpandedPaths {
  files: string[];
  /** Arguments that name nothing on disk and are no glob. */
  missing: string[];
  /** Folders and globs in which no file to lint was found. */
  unmatched: string[];
}

/**
 * Expands the paths given on the command line: folders are searched (see RepoWalk.discover), globs are
 * matched below their fixed leading folders, files are taken as they are. The walk's listings are kept
 * for the context and configuration look-ups that follow.
 */
export function expandPaths(inputs: string[], cwd: string, ignorePatterns: string[], walk = new RepoWalk()): ExpandedPaths {
  const files = new Set<string>();
  const missing: string[] = [];
  const unmatched: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const kind = walk.kind(abs);
    // A name its folder's listing lacks may still exist (the root, a folder that cannot be listed): lstat decides.
    if (kind === undefined && !walk.exists(abs)) {
      if (!GLOB_CHARACTERS.test(input)) missing.push(input);
      else {
        const matched = expandGlob(input, cwd, ignorePatterns, walk);
        if (!matched.length) unmatched.push(input);
        for (const f of matched) files.add(f);
      }
      continue;
    }
    if (kind !== 'dir' && (kind === 'file' || !walk.isFolder(abs))) {
      // Files, and anything else named explicitly (a pipe, a device, a link loop): readVirtualFile says why it is not read.
      files.add(abs);
      continue;
    }
    const found = walk.discover(abs, { extensions: LINTED_EXTENSIONS, ignorePatterns });
    if (!found.length) unmatched.push(input);
    for (const f of found) files.add(f);
  }
  return { files: [...files].sort(), missing, unmatched };
}

/** The lintable files below a glob's fixed leading folders whose path from there matches the rest of it. */
function expandGlob(glob: string, cwd: string, ignorePatterns: string[], walk: RepoWalk): string[] {
  const segments = glob.replace(/\\/g, '/').split('/');
  const fixed = segments.findIndex((s) => GLOB_CHARACTERS.test(s));
  const base = path.resolve(cwd, segments.slice(0, fixed).join('/') || '.');
  if (!walk.isFolder(base)) return [];
  const pattern = compileGlob(normaliseConfigGlob(segments.slice(fixed).join('/')));
  // Ignore patterns count from the current folder here, as the glob does.
  const ignored = globMatcher(ignorePatterns);
  const slashed = (from: string, f: string) => path.relative(from, f).split(path.sep).join('/');
  return walk.discover(base, { extensions: LINTED_EXTENSIONS, ignorePatterns }).filter((f) => pattern.matches(slashed(base, f)) && !ignored(slashed(cwd, f)));
}

// Bicep statements sit on one line: `[ \t]` and `[^'\r\n]` keep every match attempt inside its line, so the
// scan stays linear on runs of blank lines or unclosed quotes.
const USING_REF = /^[ \t]*using[ \t]+'([^'\r\n]+)'/gm;
/** ARM JSON that Bicep compiled (`metadata._generator.name`). */
const COMPILED_BY_BICEP = /"_generator"\s*:\s*\{\s*"name"\s*:\s*"bicep"/i;

/**
 * The files a linted file uses, so they are read as context even when only the file itself is given
 * (a pre-commit hook passes changed files): local modules, linked templates, the template a
 * `.bicepparam` names, and parameter files and templates beside it. Only paths inside `root` are followed.
 * With `links`, records for every file read the paths it refers to.
 */
export function contextFiles(targets: VirtualFile[], root: string | RootOf, known: Set<string>, links?: Map<string, string[]>, walk = new RepoWalk(), files = directFacts(readVirtualFileSync)): VirtualFile[] {
  const out: VirtualFile[] = [];
  const queue = [...targets];
  const realRoots = new Map<string, string>();
  for (let next = 0; next < queue.length; next++) {
    const file = queue[next];
    const given = typeof root === 'string' ? root : root(file.path);
    let realRoot = realRoots.get(given);
    if (realRoot === undefined) realRoots.set(given, (realRoot = walk.realPath(given) ?? given));
    const referenced = referencesIn(file, walk.names(path.dirname(file.path)), files.derive(file, 'references', writtenReferences));
    // Who uses whom, for splitting a run into groups of files that can be linted apart (--jobs, --cache).
    links?.set(file.path, referenced);
    for (const candidate of referenced) {
      if (known.has(candidate) || !walk.isInside(candidate, realRoot)) continue;
      known.add(candidate);
      const read = files.read(candidate);
      if (read.readError) continue;
      out.push(read);
      queue.push(read);
    }
  }
  return out;
}

/**
 * The paths a file refers to, given the names in its folder: local Bicep modules and the template a
 * `.bicepparam` names (`module … '…'`, `using '…'`), linked templates (`relativePath`), files beside it
 * with the same stem (`main.json`, `main.parameters.json`…) and `.bicepparam` files in its folder.
 * URLs and registry references are left out. The command line and the language server both follow these.
 */
export function referencesIn(file: VirtualFile, siblings: readonly string[], written = writtenReferences(file)): string[] {
  const dir = path.dirname(file.path);
  const refs = [...written.paths];
  const stem = file.path.replace(/\.(jsonc?|bicep|bicepparam)$/i, '').replace(/\.parameters(\.[^./\\]+)?$/i, '');
  const base = path.basename(stem).toLowerCase();
  // JSON compiled from Bicep may bear any name (see compiledPairs): Bicep files and JSON files beside each other are linked.
  const bicep = /\.bicep$/i.test(file.path);
  const compiled = !bicep && written.compiledByBicep;
  for (const s of siblings) {
    const lower = s.toLowerCase();
    const pairable = (compiled && lower.endsWith('.bicep')) || (bicep && /\.jsonc?$/.test(lower));
    if ((lower.startsWith(`${base}.`) && /\.(jsonc?|bicep|bicepparam)$/.test(lower)) || lower.endsWith('.bicepparam') || pairable) refs.push(path.join(dir, s));
  }
  return refs.filter((r) => r !== file.path);
}

/** What a file's text says it uses (see referencesIn): the paths it names, and whether Bicep compiled it. */
export function writtenReferences(file: VirtualFile): { paths: string[]; compiledByBicep: boolean } {
  const using = /\.bicep(param)?$/i.test(file.path) ? matchesOf(file.text, 'using', USING_REF).map((m) => m[1]) : [];
  const paths = [...localDeployments(file), ...localPaths(file.path, using)];
  return { paths, compiledByBicep: !/\.bicep$/i.test(file.path) && COMPILED_BY_BICEP.test(file.text) };
}

/**
 * The template a parameters file belongs to, when it exists inside `root`: the file a `.bicepparam` names
 * in its `using` statement, or `<name>.json` (then `<name>.bicep`) beside `<name>.parameters[.<env>].json`.
 */
export function templateOfParameters(file: VirtualFile, root: string | RootOf, walk = new RepoWalk()): string | undefined {
  const candidates: string[] = [];
  if (/\.bicepparam$/i.test(file.path)) {
    for (const m of matchesOf(file.text, 'using', USING_REF)) if (!/^[a-z]+:/i.test(m[1])) candidates.push(path.resolve(path.dirname(file.path), m[1]));
  } else {
    const m = /^(.*)\.parameters(?:\.[^./\\]+)?\.jsonc?$/i.exec(file.path);
    if (m) candidates.push(`${m[1]}.json`, `${m[1]}.bicep`);
  }
  if (candidates.length === 0) return undefined;
  const realRoot = realRootOf(file.path, root, walk);
  return candidates.find((c) => walk.isInside(c, realRoot));
}

/** The folder a file's references must stay in (see containmentRoots). */
export type RootOf = (file: string) => string;

function realRootOf(file: string, root: string | RootOf, walk: RepoWalk): string {
  const r = typeof root === 'string' ? root : root(file);
  return walk.realPath(r) ?? r;
}

/** The Git repository holding a linted path, else the linted folder (a file's folder, a glob's literal folder). */
export function inputRoot(abs: string, walk: RepoWalk): string {
  let dir = abs;
  while (!walk.exists(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  if (!walk.isFolder(dir)) dir = path.dirname(dir);
  return walk.repositoryRoot(dir) ?? dir;
}

/**
 * Where the files a run lints may reach (modules, linked templates, parameter files): the Git repository
 * that holds the linted path, or the linted folder (a file's folder) outside a repository. The current
 * folder plays no part, so `gwlint repo/` run from the parent never reaches `repo/../outside`.
 */
export function containmentRoots(inputs: readonly string[], walk: RepoWalk): RootOf {
  const roots = inputs.map((abs) => inputRoot(abs, walk));
  // Every file of a folder has the folder's root (roots are folders): worked out once per folder.
  const byFolder = new Map<string, string>();
  return (file) => {
    const dir = path.dirname(file);
    let root = byFolder.get(dir);
    if (root === undefined) {
      root = roots.filter((r) => isInside(dir, r)).sort((a, b) => b.length - a.length)[0] ?? walk.repositoryRoot(dir) ?? dir;
      byFolder.set(dir, root);
    }
    return root;
  };
}

export { isInside } from '../repo/walk.js';
