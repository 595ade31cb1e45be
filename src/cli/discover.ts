import { closeSync, promises as fs, openSync, readFileSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { VirtualFile } from '../engine/files.js';

export const LINTED_EXTENSIONS = ['json', 'jsonc', 'bicep', 'bicepparam'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];
/** Larger files are reported, not read: a template this size is generated, and reading it could exhaust memory. */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;

/** Expands the paths given on the command line: folders are searched, files are taken as they are. */
export async function expandPaths(inputs: string[], cwd: string, ignorePatterns: string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (!stat) {
      // A name that exists but cannot be followed (a symbolic link loop, a dangling link) is reported as
      // unreadable, not as missing.
      if (await fs.lstat(abs).then(() => true, () => false)) files.add(abs);
      else missing.push(input);
      continue;
    }
    if (!stat.isDirectory()) {
      // Files, and anything else named explicitly (a pipe, a device): readVirtualFile says why it is not read.
      files.add(abs);
      continue;
    }
    // Loaded only for folders: a pre-commit hook passes files, and should not pay for the glob engine.
    const { globby } = await import('globby');
    const found = await globby(`**/*.{${LINTED_EXTENSIONS.join(',')}}`, {
      cwd: abs,
      absolute: true,
      gitignore: true,
      ignore: [...ALWAYS_IGNORED, ...ignorePatterns],
      followSymbolicLinks: false,
      suppressErrors: true,
    });
    for (const f of found) files.add(path.normalize(f));
  }
  return { files: [...files].sort(), missing };
}

/**
 * Reads a file as text; binary, unreadable and oversized files come back with a readError. Reads are
 * synchronous on purpose: thousands of small concurrent reads cost several times more than sequential ones.
 */
export async function readVirtualFile(file: string): Promise<VirtualFile> {
  return readVirtualFileSync(file);
}

export function readVirtualFileSync(file: string): VirtualFile {
  try {
    const stat = statSync(file);
    // A pipe or a device would block or never end; only regular files are read.
    if (stat.isDirectory()) return { path: file, text: '', readError: 'This is a folder, not a file, and was not read.' };
    if (!stat.isFile()) return { path: file, text: '', readError: 'This is not a regular file (a pipe, socket or device) and was not read.' };
    if (stat.size > MAX_FILE_BYTES) {
      // Large JSON that is not a template (data, lock files) is skipped quietly, as smaller such JSON is.
      if (/\.jsonc?$/i.test(file) && !startsLikeDeployment(file)) return { path: file, text: '' };
      return { path: file, text: '', readError: `The file is ${stat.size} bytes, more than the ${MAX_FILE_BYTES}-byte limit, and was not read.` };
    }
    const bytes = readFileSync(file);
    return { path: file, text: decodeText(bytes) };
  } catch (e) {
    return { path: file, text: '', readError: readErrorMessage(file, e as NodeJS.ErrnoException) };
  }
}

/** True when the first 64 KB of a JSON file look like a deployment template or parameters file. */
function startsLikeDeployment(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    // UTF-16 text has a NUL in every other byte for ASCII; dropping them leaves the ASCII to test.
    const text = head.toString('latin1').replace(/\0/g, '');
    return /deployment(Template|Parameters)\.json|"resources"\s*:/i.test(text);
  } finally {
    closeSync(fd);
  }
}

/** Why a file could not be read, in words, with the system's error code. */
function readErrorMessage(file: string, err: NodeJS.ErrnoException): string {
  const code = err.code ?? err.message;
  switch (err.code) {
    case 'ENOENT':
      // Names that are not valid UTF-8 come back from the folder listing with U+FFFD and cannot be opened.
      if (path.basename(file).includes('\uFFFD')) return `The file name is not valid UTF-8, so the file could not be opened (${code}); rename it to lint it.`;
      return `The file could not be read: it no longer exists (${code}); it was deleted or moved while gwlint ran, or it is a dangling symbolic link.`;
    case 'ELOOP':
      return `The file could not be read: its symbolic links form a loop (${code}).`;
    case 'EACCES':
    case 'EPERM':
      return `The file could not be read: permission denied (${code}).`;
    case 'EISDIR':
      return `This is a folder, not a file, and was not read (${code}).`;
    default:
      return `The file could not be read (${code}).`;
  }
}

/** UTF-8 (with or without BOM, kept in the text) or UTF-16 with a BOM; NUL bytes mean binary (thrown). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) throw Object.assign(new Error('binary'), { code: 'a binary file, not text' });
  return bytes.toString('utf8');
}

const MODULE_REF = /^\s*module\s+\S+\s+'([^']+)'/gm;
const USING_REF = /^\s*using\s+'([^']+)'/gm;
const RELATIVE_PATH = /"relativePath"\s*:\s*"([^"]+)"/g;
/** The relative tail of a linked template's `uri` expression (`uri(deployment()…, 'nested/x.json')`). */
const LINK_URI_TAIL = /"uri"\s*:\s*"\[[^"]*?'([^'"]+\.json)'/g;

/**
 * The files a linted file uses, so they are read as context even when only the file itself is given
 * (a pre-commit hook passes changed files): local modules, linked templates, the template a
 * `.bicepparam` names, and parameter files and templates beside it. Only paths inside `root` are followed.
 * With `links`, records for every file read the paths it refers to.
 */
export async function contextFiles(targets: VirtualFile[], root: string, known: Set<string>, links?: Map<string, string[]>): Promise<VirtualFile[]> {
  const out: VirtualFile[] = [];
  const queue = [...targets];
  const realRoot = await fs.realpath(root).catch(() => root);
  const listings = new Map<string, Promise<string[]>>();
  while (queue.length) {
    const file = queue.shift()!;
    const referenced = await referencedPaths(file, listings);
    // Who uses whom, for splitting a run into groups of files that can be linted apart (--jobs, --cache).
    links?.set(file.path, referenced);
    for (const candidate of referenced) {
      if (known.has(candidate) || !(await inside(candidate, realRoot))) continue;
      known.add(candidate);
      const read = await readVirtualFile(candidate);
      if (read.readError) continue;
      out.push(read);
      queue.push(read);
    }
  }
  return out;
}

async function referencedPaths(file: VirtualFile, listings: Map<string, Promise<string[]>>): Promise<string[]> {
  const dir = path.dirname(file.path);
  let listing = listings.get(dir);
  if (!listing) listings.set(dir, (listing = fs.readdir(dir).catch(() => [] as string[])));
  return referencesIn(file, await listing);
}

/**
 * The paths a file refers to, given the names in its folder: local Bicep modules and the template a
 * `.bicepparam` names (`module … '…'`, `using '…'`), linked templates (`relativePath`), files beside it
 * with the same stem (`main.json`, `main.parameters.json`…) and `.bicepparam` files in its folder.
 * URLs and registry references are left out. The command line and the language server both follow these.
 */
export function referencesIn(file: VirtualFile, siblings: readonly string[]): string[] {
  const dir = path.dirname(file.path);
  const refs: string[] = [];
  const patterns = /\.bicep(param)?$/i.test(file.path) ? [MODULE_REF, USING_REF] : [RELATIVE_PATH, LINK_URI_TAIL];
  for (const re of patterns) for (const m of file.text.matchAll(re)) if (!/^[a-z]+:/i.test(m[1])) refs.push(path.resolve(dir, m[1]));
  const stem = file.path.replace(/\.(jsonc?|bicep|bicepparam)$/i, '').replace(/\.parameters(\.[^./\\]+)?$/i, '');
  const base = path.basename(stem).toLowerCase();
  for (const s of siblings) {
    const lower = s.toLowerCase();
    if ((lower.startsWith(`${base}.`) && /\.(jsonc?|bicep|bicepparam)$/.test(lower)) || lower.endsWith('.bicepparam')) refs.push(path.join(dir, s));
  }
  return refs.filter((r) => r !== file.path);
}

/**
 * The template a parameters file belongs to, when it exists inside `root`: the file a `.bicepparam` names
 * in its `using` statement, or `<name>.json` (then `<name>.bicep`) beside `<name>.parameters[.<env>].json`.
 */
export async function templateOfParameters(file: VirtualFile, root: string): Promise<string | undefined> {
  const candidates: string[] = [];
  if (/\.bicepparam$/i.test(file.path)) {
    for (const m of file.text.matchAll(USING_REF)) if (!/^[a-z]+:/i.test(m[1])) candidates.push(path.resolve(path.dirname(file.path), m[1]));
  } else {
    const m = /^(.*)\.parameters(?:\.[^./\\]+)?\.jsonc?$/i.exec(file.path);
    if (m) candidates.push(`${m[1]}.json`, `${m[1]}.bicep`);
  }
  if (candidates.length === 0) return undefined;
  const realRoot = await fs.realpath(root).catch(() => root);
  for (const c of candidates) if (await inside(c, realRoot)) return c;
  return undefined;
}

/** True when the path, after resolving symbolic links, is inside the root: no `..` or link escapes. */
async function inside(candidate: string, realRoot: string): Promise<boolean> {
  const real = await fs.realpath(candidate).catch(() => undefined);
  return real !== undefined && isInside(real, realRoot);
}

/** True when a path is the root or below it (paths compared as given, links not resolved). */
export function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
