import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { builtInRules } from '../../rules/index.js';
import { ConfigError, mergeConfigs } from '../engine/config.js';
import type { GwlintConfig } from '../engine/config.js';
import { ENGINE_RULES } from '../engine/engine-rules.js';
import { lint } from '../engine/lint.js';
import type { LintResult } from '../engine/result.js';
import { countFindings } from '../engine/result.js';
import { isFormatName, reporters } from '../report/index.js';
import type { CliOptions } from './args.js';
import { HELP, UsageError, parseCliArgs } from './args.js';
import { ConfigFinder } from './config-files.js';
import { contextFiles, expandPaths, readVirtualFile } from './discover.js';
import { listRules } from './list-rules.js';
import { writeFileAtomic } from './write.js';

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the command line; returns the exit code (0 clean, 1 findings, 2 usage, configuration or internal error). */
export async function main(argv: string[], io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string } = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
    if (!isFormatName(options.format)) throw new UsageError(`unknown format '${options.format}': use ${Object.keys(reporters).join(', ')}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`gwlint: ${e.message}\nRun 'gwlint --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
  if (options.help) return write(io.stdout, HELP + '\n', 0);
  if (options.version) return write(io.stdout, version() + '\n', 0);
  const knownIds = [...builtInRules.map((r) => r.meta.id), ...ENGINE_RULES.map((m) => m.id)];
  for (const id of Object.keys(options.rules))
    if (!knownIds.includes(id)) {
      io.stderr.write(`gwlint: --rule: unknown rule '${id}'\n`);
      return 2;
    }
  if (options.listRules) return write(io.stdout, listRules(builtInRules.map((r) => r.meta)), 0);
  try {
    return await run(options, io, knownIds);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr.write(`gwlint: configuration error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function run(options: CliOptions, io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; cwd: string }, knownIds: string[]): Promise<number> {
  const finder = new ConfigFinder(knownIds, options.config);
  const rootConfig = (await finder.forFile(path.join(io.cwd, 'x'))).config;
  const { files, missing } = await expandPaths(options.paths, io.cwd, [...options.ignorePatterns, ...rootConfig.ignorePatterns]);
  if (missing.length) {
    io.stderr.write(`gwlint: no such file or folder: ${missing.join(', ')}\n`);
    return 2;
  }
  const cliConfig: GwlintConfig = { rules: options.rules, ignorePatterns: [] };
  const configs = new Map<string, GwlintConfig>();
  const targets = await Promise.all(files.map(readVirtualFile));
  const parameterFiles = options.parameters.map((p) => path.resolve(io.cwd, p));
  const known = new Set([...files, ...parameterFiles]);
  const context = [...(await Promise.all(parameterFiles.filter((p) => !files.includes(p)).map(readVirtualFile)))];
  context.push(...(await contextFiles([...targets, ...context], io.cwd, known)));
  for (const f of [...targets, ...context]) configs.set(f.path, mergeConfigs((await finder.forFile(f.path)).config, cliConfig));
  const explicit = new Map<string, string>();
  for (const t of files) for (const p of parameterFiles) if (!explicit.has(t) && !t.endsWith('.parameters.json')) explicit.set(t, p);

  const result = await lint({
    files: targets,
    context,
    parameterFiles: explicit,
    configFor: (p) => configs.get(p) ?? cliConfig,
  });
  const shown = options.quiet ? onlyErrors(result) : result;
  const color = options.color ?? (!process.env.NO_COLOR && !options.output && (io.stdout as { isTTY?: boolean }).isTTY === true);
  const report = reporters[options.format as keyof typeof reporters](shown, { cwd: io.cwd, color, version: version() });
  if (options.output) await writeFileAtomic(path.resolve(io.cwd, options.output), report);
  else io.stdout.write(report);
  const counts = countFindings(result);
  const tooManyWarnings = options.maxWarnings >= 0 && counts.warnings > options.maxWarnings;
  if (tooManyWarnings && options.format === 'stylish') io.stderr.write(`gwlint found too many warnings (maximum: ${options.maxWarnings}).\n`);
  return counts.errors > 0 || tooManyWarnings ? 1 : 0;
}

function onlyErrors(result: LintResult): LintResult {
  return { ...result, files: result.files.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.level === 'error') })) };
}

function write(stream: NodeJS.WritableStream, text: string, code: number): number {
  stream.write(text);
  return code;
}
