import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GwlintConfig } from '../engine/config.js';
import { CACHE_FILE_NAME } from './args.js';
import type { VirtualFile } from '../engine/files.js';
import type { FileRecord } from './file-records.js';
import { RecordedFiles } from './file-records.js';
import type { PlainResult } from './serialize.js';
import type { Job } from './work.js';
import { makeFolders, writeFileAtomic } from './write.js';

interface CacheEntry {
  hash: string;
  result: PlainResult;
}

interface CacheData {
  /** gwlint's version and build: a new build never trusts results of another. */
  build: string;
  /** What earlier runs learnt of each file they read (see RecordedFiles). */
  files: Record<string, FileRecord>;
  entries: Record<string, CacheEntry>;
}

/**
 * The cache file is JSON that starts with `{"mac":"<HMAC>",`: an HMAC of the rest of the text under a key
 * only this user's runs know, so a cache written elsewhere, or edited, is not trusted.
 */
const MAC_PREFIX = /^\{"mac":"([0-9a-f]{64})",/;

/**
 * `--cache`: results of each group of files (see groupWork), keyed by the group's files and reused while
 * the content of every file in the group (the templates, their parameter files and modules), their
 * configuration and gwlint's build are unchanged, as ESLint's cache does. A file whose size and
 * modification time are those recorded is not read: its recorded hash, and what the repository index and
 * the context look-ups learnt from its text, stand for it. The file is rewritten only when something changed.
 */
export class ResultCache {
  private readonly entries = new Map<string, CacheEntry>();
  /** Keys of the entries this run asked for. */
  private readonly used = new Set<string>();
  private changed = false;
  readonly files: RecordedFiles;

  private constructor(
    private readonly file: string,
    private readonly build: string,
    data: Partial<CacheData>,
    readFile: (path: string) => VirtualFile,
  ) {
    const records = new Map<string, FileRecord>();
    for (const [p, record] of Object.entries(isRecord(data.files) ? data.files : {})) if (isFileRecord(record)) records.set(p, record);
    for (const [k, entry] of Object.entries(isRecord(data.entries) ? data.entries : {})) if (isEntry(entry)) this.entries.set(k, entry);
    this.files = new RecordedFiles(records, readFile, concealName);
  }

  /** The cache file for `--cache-location`: a folder (existing, or named with a trailing `/`) holds `.gwlintcache`. */
  static location(cwd: string, given: string): string {
    const file = path.resolve(cwd, given);
    return /[/\\]$/.test(given) || isFolder(file) ? path.join(file, CACHE_FILE_NAME) : file;
  }

  /**
   * Reads the cache; a missing, unreadable, malformed or untrusted one starts afresh, and malformed parts are
   * dropped. `readFile` reads the files the records do not vouch for.
   */
  static load(file: string, version: string, readFile: (path: string) => VirtualFile): ResultCache {
    const build = buildId(version);
    let data: unknown;
    try {
      const text = readFileSync(file, 'utf8');
      const signed = MAC_PREFIX.exec(text);
      if (signed && safeEqual(signed[1], mac(text.slice(signed[0].length)))) data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    const trusted = isRecord(data) && data.build === build;
    const cache = new ResultCache(file, build, trusted ? (data as Partial<CacheData>) : {}, readFile);
    // A cache that had to be dropped is written again, even when this run changes nothing.
    cache.changed = !trusted;
    return cache;
  }

  /** The cached result of a group whose files, configuration and build are unchanged. */
  get(job: Job): PlainResult | undefined {
    const k = key(job);
    this.used.add(k);
    const entry = this.entries.get(k);
    return entry && entry.hash === this.hash(job) ? entry.result : undefined;
  }

  set(job: Job, result: PlainResult): void {
    const k = key(job);
    this.used.add(k);
    this.entries.set(k, { hash: this.hash(job), result });
    this.changed = true;
  }

  /**
   * Writes the cache when this run changed it, without what belongs to files that no longer exist (an
   * entry holds a masked copy of its files).
   */
  async save(): Promise<void> {
    const exists = (p: string) => this.files.met(p) || existsSync(p);
    const { records, dropped } = this.files.records(exists);
    const entries: Record<string, CacheEntry> = {};
    let pruned = false;
    for (const [k, entry] of this.entries)
      if (this.used.has(k) || k.split('\n').every(exists)) entries[k] = entry;
      else pruned = true;
    if (!this.changed && !this.files.changed && !dropped && !pruned) return;
    const body = JSON.stringify({ build: this.build, files: records, entries } satisfies CacheData).slice(1);
    await makeFolders(path.dirname(this.file));
    await writeFileAtomic(this.file, `{"mac":"${mac(body)}",${body}`);
  }

  /** Everything a group's findings depend on: every file's path and text, the parameters files, the configuration. */
  private hash(job: Job): string {
    const files = [...job.files, ...job.context].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const parts = files.map((f) => `${f.path}\0${f.readError ?? ''}\0${f.readError ? '' : this.files.hashOf(f)}`);
    parts.push(JSON.stringify([job.parameterFiles, job.registryModules, job.repository]));
    for (const [p, config] of job.configs) parts.push(p, configHash(config));
    parts.push(configHash(job.defaultConfig));
    return createHash('sha256').update(parts.join('\0')).digest('hex');
  }
}

/** Configurations by their hash, once per configuration object (files under one configuration file share it). */
const configHashes = new WeakMap<GwlintConfig, string>();

function configHash(config: GwlintConfig): string {
  let h = configHashes.get(config);
  if (h === undefined) configHashes.set(config, (h = createHash('sha256').update(JSON.stringify(config)).digest('hex')));
  return h;
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
  return isRecord(v) && typeof v.hash === 'string' && isRecord(v.result) && Array.isArray(v.result.files);
}

function isFileRecord(v: unknown): v is FileRecord {
  return isRecord(v) && typeof v.size === 'number' && typeof v.mtimeMs === 'number' && typeof v.hash === 'string' && typeof v.hashedAt === 'number' && isRecord(v.facts);
}

function mac(text: string): string {
  return createHmac('sha256', macKey()).update(text).digest('hex');
}

/** A name as the cache keeps it: 128 bits of its HMAC, so that no secret is written in the cache. */
function concealName(name: string): string {
  return createHmac('sha256', macKey()).update(name).digest('base64url').slice(0, 22);
}

function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
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

/** The version, and the modification time of this compiled module, so that a rebuild invalidates the cache. */
function buildId(version: string): string {
  try {
    return `${version}:${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
  } catch {
    return version;
  }
}
