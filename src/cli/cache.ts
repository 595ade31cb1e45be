import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlainResult } from './serialize.js';
import type { Job } from './work.js';
import { makeFolders, writeFileAtomic } from './write.js';

export const CACHE_FILE_NAME = '.gwlintcache';

interface CacheEntry {
  hash: string;
  result: PlainResult;
  /** An HMAC of the entry under a key only this user's runs know: a cache written elsewhere is not trusted. */
  mac: string;
}

interface CacheFile {
  /** gwlint's version and build: a new build never trusts results of another. */
  build: string;
  entries: Record<string, CacheEntry>;
}

/**
 * `--cache`: results of each group of files (see groupWork), keyed by the group's files and reused while
 * the content of every file in the group (the templates, their parameter files and modules), their
 * configuration and gwlint's build are unchanged, as ESLint's cache does.
 */
export class ResultCache {
  private constructor(
    private readonly file: string,
    private readonly data: CacheFile,
  ) {}

  /** The cache file for `--cache-location`: a folder (existing, or named with a trailing `/`) holds `.gwlintcache`. */
  static location(cwd: string, given: string): string {
    const file = path.resolve(cwd, given);
    return /[/\\]$/.test(given) || isFolder(file) ? path.join(file, CACHE_FILE_NAME) : file;
  }

  /** Reads the cache; a missing, unreadable or malformed one starts afresh, and malformed entries are dropped. */
  static load(file: string, version: string): ResultCache {
    const build = buildId(version);
    const fresh = new ResultCache(file, { build, entries: {} });
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return fresh;
    }
    if (!isRecord(data) || data.build !== build || !isRecord(data.entries)) return fresh;
    for (const [k, entry] of Object.entries(data.entries)) if (isEntry(entry)) fresh.data.entries[k] = entry;
    return fresh;
  }

  /** The cached result of a group whose files, configuration and build are unchanged, written by this user. */
  get(job: Job): PlainResult | undefined {
    const k = key(job);
    const entry = Object.hasOwn(this.data.entries, k) ? this.data.entries[k] : undefined;
    if (!entry || entry.hash !== hash(job) || entry.mac !== mac(k, entry.hash, entry.result)) return undefined;
    return entry.result;
  }

  set(job: Job, result: PlainResult): void {
    const k = key(job);
    const h = hash(job);
    this.data.entries[k] = { hash: h, result, mac: mac(k, h, result) };
  }

  /** Writes the cache, without the entries of files that no longer exist (each holds a masked copy of its file). */
  async save(): Promise<void> {
    for (const k of Object.keys(this.data.entries)) if (!k.split('\n').every((f) => existsSync(f))) delete this.data.entries[k];
    await makeFolders(path.dirname(this.file));
    await writeFileAtomic(this.file, JSON.stringify(this.data));
  }
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEntry(v: unknown): v is CacheEntry {
  return isRecord(v) && typeof v.hash === 'string' && typeof v.mac === 'string' && isRecord(v.result) && Array.isArray(v.result.files);
}

function mac(k: string, h: string, result: PlainResult): string {
  return createHmac('sha256', macKey()).update(k).update('\0').update(h).update('\0').update(JSON.stringify(result)).digest('hex');
}

let macKeyBytes: Buffer | undefined;

/**
 * A random key kept in the user's cache folder (`$XDG_CACHE_HOME/gwlint` or `~/.cache/gwlint`), made on
 * first use. Where it cannot be kept, a key for this run alone: the cache then only serves this run.
 */
function macKey(): Buffer {
  if (macKeyBytes) return macKeyBytes;
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'gwlint');
  const file = path.join(dir, 'cache-key');
  macKeyBytes = readKey(file);
  if (macKeyBytes) return macKeyBytes;
  macKeyBytes = randomBytes(32);
  try {
    // One level at a time: a recursive mkdir spins forever below /proc.
    for (const d of [path.dirname(dir), dir]) if (!existsSync(d)) mkdirSync(d, { mode: 0o700 });
    writeFileSync(file, macKeyBytes, { mode: 0o600, flag: 'wx' });
  } catch {
    // Another run may have just written its key: use it; else this key serves this run only.
    macKeyBytes = readKey(file) ?? macKeyBytes;
  }
  return macKeyBytes;
}

function readKey(file: string): Buffer | undefined {
  try {
    const k = readFileSync(file);
    return k.length >= 32 ? k : undefined;
  } catch {
    return undefined;
  }
}

function key(job: Job): string {
  return job.files
    .map((f) => f.path)
    .sort()
    .join('\n');
}

/** Everything a group's findings depend on: every file's path and text, the parameters files, the configuration. */
function hash(job: Job): string {
  const h = createHash('sha256');
  for (const f of [...job.files, ...job.context].sort((a, b) => a.path.localeCompare(b.path))) h.update(`${f.path}\0${f.readError ?? ''}\0${f.text}\0`);
  h.update(JSON.stringify([job.parameterFiles, job.registryModules, job.repository, job.configs, job.defaultConfig]));
  return h.digest('hex');
}

/** The version, and the modification time of this compiled module, so that a rebuild invalidates the cache. */
function buildId(version: string): string {
  try {
    return `${version}:${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
  } catch {
    return version;
  }
}
