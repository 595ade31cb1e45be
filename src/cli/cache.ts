import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlainResult } from './serialize.js';
import type { Job } from './work.js';
import { writeFileAtomic } from './write.js';

export const CACHE_FILE_NAME = '.gwlintcache';

interface CacheFile {
  /** gwlint's version and build: a new build never trusts results of another. */
  build: string;
  entries: Record<string, { hash: string; result: PlainResult }>;
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

  static load(file: string, version: string): ResultCache {
    const build = buildId(version);
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data.build === build && data.entries && typeof data.entries === 'object') return new ResultCache(file, data);
    } catch {
      // Missing or unreadable cache: start afresh.
    }
    return new ResultCache(file, { build, entries: {} });
  }

  get(job: Job): PlainResult | undefined {
    const entry = this.data.entries[key(job)];
    return entry && entry.hash === hash(job) ? entry.result : undefined;
  }

  set(job: Job, result: PlainResult): void {
    this.data.entries[key(job)] = { hash: hash(job), result };
  }

  async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(this.data));
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
  h.update(JSON.stringify([job.parameterFiles, job.configs, job.defaultConfig]));
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
