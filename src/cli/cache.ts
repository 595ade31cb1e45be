import { nodeCrypto } from '../core/crypto.js';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { GwlintConfig } from '../engine/config.js';
import type { FsJournal } from '../repo/fs-journal.js';
import type { ReadFile } from '../repo/file-facts.js';
import { MAC_PREFIX, buildId, cacheLocation, mac, macKey, safeEqual, splitCacheFile } from './cache-file.js';
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
  /** The run recorded in the cache file when it was loaded. */
  private recordedRun?: string;
  readonly files: RecordedFiles;

  private constructor(
    readonly file: string,
    private readonly build: string,
    data: Partial<CacheData>,
    readFile: ReadFile,
    journal: FsJournal | undefined,
  ) {
    const records = new Map<string, FileRecord>();
    for (const [p, record] of Object.entries(isRecord(data.files) ? data.files : {})) if (isFileRecord(record)) records.set(p, record);
    for (const [k, entry] of Object.entries(isRecord(data.entries) ? data.entries : {})) if (isEntry(entry)) this.entries.set(k, entry);
    this.files = new RecordedFiles(records, readFile, concealName, journal);
  }

  /** The cache file for `--cache-location`: a folder (existing, or named with a trailing `/`) holds `.gwlintcache`. */
  static location(cwd: string, given: string): string {
    return cacheLocation(cwd, given);
  }

  /**
   * Reads the cache; a missing, unreadable, malformed or untrusted one starts afresh, and malformed parts are
   * dropped. `readFile` reads the files the records do not vouch for; `journal` notes the files read.
   */
  static load(file: string, version: string, readFile: ReadFile, journal?: FsJournal): ResultCache {
    const build = buildId(version);
    let data: unknown;
    let run: Buffer | undefined;
    try {
      const split = splitCacheFile(readFileSync(file));
      run = split.run;
      const text = split.rest.toString('utf8');
      const signed = MAC_PREFIX.exec(text);
      if (signed && safeEqual(signed[1], mac(text.slice(signed[0].length)))) data = JSON.parse(text);
    } catch {
      data = undefined;
    }
    const trusted = isRecord(data) && data.build === build;
    const cache = new ResultCache(file, build, trusted ? (data as Partial<CacheData>) : {}, readFile, journal);
    cache.recordedRun = run?.toString('utf8');
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
   * entry holds a masked copy of its files). `run` is this run, recorded to answer the next one as a whole.
   */
  async save(run?: string): Promise<void> {
    const exists = (p: string) => this.files.met(p) || existsSync(p);
    const { records, dropped } = this.files.records(exists);
    const entries: Record<string, CacheEntry> = {};
    let pruned = false;
    for (const [k, entry] of this.entries)
      if (this.used.has(k) || k.split('\n').every(exists)) entries[k] = entry;
      else pruned = true;
    // A run that cannot be recorded leaves the one before, which its next use checks as any.
    run ??= this.recordedRun;
    if (!this.changed && !this.files.changed && !dropped && !pruned && run === this.recordedRun) return;
    const body = JSON.stringify({ build: this.build, files: records, entries } satisfies CacheData).slice(1);
    const recorded = run === undefined ? '' : `gwlint-run ${mac(run)} ${Buffer.byteLength(run)}\n${run}`;
    await makeFolders(path.dirname(this.file));
    await writeFileAtomic(this.file, `${recorded}{"mac":"${mac(body)}",${body}`);
  }

  /** Everything a group's findings depend on: every file's path and text, the parameters files, the configuration. */
  private hash(job: Job): string {
    const files = [...job.files, ...job.context].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const parts = files.map((f) => `${f.path}\0${f.readError ?? ''}\0${f.readError ? '' : this.files.hashOf(f)}`);
    parts.push(JSON.stringify([job.parameterFiles, job.registryModules, job.repository]));
    for (const [p, config] of job.configs) parts.push(p, configHash(config));
    parts.push(configHash(job.defaultConfig));
    return nodeCrypto().createHash('sha256').update(parts.join('\0')).digest('hex');
  }
}

/** Configurations by their hash, once per configuration object (files under one configuration file share it). */
const configHashes = new WeakMap<GwlintConfig, string>();

function configHash(config: GwlintConfig): string {
  let h = configHashes.get(config);
  if (h === undefined) configHashes.set(config, (h = nodeCrypto().createHash('sha256').update(JSON.stringify(config)).digest('hex')));
  return h;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEntry(v: unknown): v is CacheEntry {
  return isRecord(v) && typeof v.hash === 'string' && isRecord(v.result) && Array.isArray(v.result.files);
}

function isFileRecord(v: unknown): v is FileRecord {
  return isRecord(v) && typeof v.size === 'number' && typeof v.mtimeMs === 'number' && typeof v.ctimeMs === 'number' && typeof v.ino === 'number' && typeof v.hash === 'string' && typeof v.hashedAt === 'number' && isRecord(v.facts);
}

/** A name as the cache keeps it: 128 bits of its HMAC, so that no secret is written in the cache. */
function concealName(name: string): string {
  return nodeCrypto().createHmac('sha256', macKey()).update(name).digest('base64url').slice(0, 22);
}

function key(job: Job): string {
  return job.files
    .map((f) => f.path)
    .sort()
    .join('\n');
}
