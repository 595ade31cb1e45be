import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { globby } from 'globby';
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
      missing.push(input);
      continue;
    }
    if (stat.isFile()) {
      files.add(abs);
      continue;
    }
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

/** Reads a file as text; binary, unreadable and oversized files come back with a readError. */
export async function readVirtualFile(file: string): Promise<VirtualFile> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_FILE_BYTES) return { path: file, text: '', readError: `The file is ${stat.size} bytes, more than the ${MAX_FILE_BYTES}-byte limit, and was not read.` };
    const bytes = await fs.readFile(file);
    return { path: file, text: decode(bytes) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { path: file, text: '', readError: `The file could not be read (${err.code ?? err.message}).` };
  }
}

/** UTF-8 (with or without BOM) or UTF-16 with a BOM; NUL bytes mean binary. */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) throw Object.assign(new Error('binary'), { code: 'a binary file, not text' });
  return bytes.toString('utf8');
}

const MODULE_REF = /^\s*module\s+\S+\s+'([^']+)'/gm;
const USING_REF = /^\s*using\s+'([^']+)'/gm;
const RELATIVE_PATH = /"relativePath"\s*:\s*"([^"]+)"/g;

/**
 * The files a linted file uses, so they are read as context even when only the file itself is given
 * (a pre-commit hook passes changed files): local modules, linked templates, the template a
 * `.bicepparam` names, and parameter files and templates beside it. Only paths inside `root` are followed.
 */
export async function contextFiles(targets: VirtualFile[], root: string, known: Set<string>): Promise<VirtualFile[]> {
  const out: VirtualFile[] = [];
  const queue = [...targets];
  const realRoot = await fs.realpath(root).catch(() => root);
  while (queue.length) {
    const file = queue.shift()!;
    for (const candidate of await referencedPaths(file)) {
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

async function referencedPaths(file: VirtualFile): Promise<string[]> {
  const dir = path.dirname(file.path);
  const refs: string[] = [];
  for (const re of [MODULE_REF, USING_REF, RELATIVE_PATH]) for (const m of file.text.matchAll(re)) if (!/^[a-z]+:/i.test(m[1])) refs.push(path.resolve(dir, m[1]));
  const stem = file.path.replace(/\.(jsonc?|bicep|bicepparam)$/i, '').replace(/\.parameters(\.[^./\\]+)?$/i, '');
  const siblings = await fs.readdir(dir).catch(() => [] as string[]);
  const base = path.basename(stem).toLowerCase();
  for (const s of siblings) {
    const lower = s.toLowerCase();
    if (lower.startsWith(`${base}.`) && /\.(jsonc?|bicep|bicepparam)$/.test(lower)) refs.push(path.join(dir, s));
    else if (lower.endsWith('.bicepparam')) refs.push(path.join(dir, s));
  }
  return refs.filter((r) => r !== file.path);
}

/** True when the path, after resolving symbolic links, is inside the root: no `..` or link escapes. */
async function inside(candidate: string, realRoot: string): Promise<boolean> {
  const real = await fs.realpath(candidate).catch(() => undefined);
  if (!real) return false;
  const rel = path.relative(realRoot, real);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
