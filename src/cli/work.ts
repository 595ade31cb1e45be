import type { GwlintConfig } from '../engine/config.js';
import type { VirtualFile } from '../engine/files.js';
import { lint } from '../engine/lint.js';
import type { RepositoryContext } from '../engine/repository.js';
import type { BaseRevision } from '../engine/base-revision.js';
import type { FilesByPath, PlainResult } from './serialize.js';
import { toPlain } from './serialize.js';

/** One group of files to lint, as plain data a worker thread can receive. */
export interface Job {
  files: VirtualFile[];
  context: VirtualFile[];
  parameterFiles: [string, readonly string[]][];
  registryModules: (readonly [string, string, string])[];
  repository: RepositoryContext;
  configs: [string, GwlintConfig][];
  defaultConfig: GwlintConfig;
  /** `gwlint diff`: the base versions of the group's files (a deleted file's is reported at its old path). */
  base?: BaseRevision;
}

/**
 * The files a job's findings may point into: its files, and the base versions of files deleted since. A
 * text is read only when asked for (the texts of clean files are not read for the report).
 */
export function jobTexts(job: Job): FilesByPath {
  return new Map([...(job.base?.files ?? []), ...job.files, ...job.context].map((f) => [f.path, f]));
}

/** Lints one job; the same code runs in the main thread and in workers. */
export async function runJob(job: Job): Promise<PlainResult> {
  const configs = new Map(job.configs);
  const result = await lint({
    files: job.files,
    context: job.context,
    parameterFiles: new Map(job.parameterFiles),
    registryModules: job.registryModules,
    repository: job.repository,
    configFor: (p) => configs.get(p) ?? job.defaultConfig,
    base: job.base,
  });
  return toPlain(result, jobTexts(job));
}
