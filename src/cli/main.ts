import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import { ConfigError, mergeConfigs } from '../engine/config.js';
import type { GwlintConfig } from '../engine/config.js';
import { lint, ruleIds } from '../engine/lint.js';
import type { LintInput } from '../engine/lint.js';
import type { LintResult } from '../engine/result.js';
import { countFindings } from '../engine/result.js';
import { printable } from '../report/escape.js';
import { FORMAT_NAMES, isFormatName, loadReporter } from '../report/formats.js';
import type { FormatName } from '../report/formats.js';
import type { CliOptions } from './args.js';
import { HELP, UsageError, parseCliArgs } from './args.js';
import { explain, init, printConfig } from './commands.js';
import { ConfigFinder } from './config-files.js';
import { GLOB_CHARACTERS, containmentRoots, contextFiles, inputRoot, expandPaths, templateOfParameters, writtenReferences } from './discover.js';
import { decodeText, readListedFileSync, readVirtualFileSync } from './read-files.js';
import type { BaseRevision } from '../engine/base-revision.js';
import { RepoWalk, isInside } from '../repo/walk.js';
import { ModuleCache } from '../repo/module-cache.js';
import { RepoIndex, indexScansEvery, learnForIndex } from '../repo/index.js';
import type { FileFacts, ReadFile } from '../repo/file-facts.js';
import { directFacts } from '../repo/file-facts.js';
import { listRules } from './list-rules.js';
import { FsJournal } from '../repo/fs-journal.js';
import type { PrintedRun } from './recorded-run.js';
import { recordRun } from './recorded-run.js';
import { answerable, cacheFilePlace, keyOf, recordedAnswer } from './replay.js';
import { version } from './package-root.js';
import { Progress } from './progress.js';
import { makeFolders, WriteError, writeFileAtomic } from './write.js';
import { closestId } from '../engine/suggest.js';
import type { ResultCache } from './cache.js';
import { groupWork } from './groups.js';
import { runJobs } from './parallel.js';
import { noteFileToLint } from './v8-tuning.js';
import { fromPlain, mergeResults } from './serialize.js';
import type { PlainResult } from './serialize.js';
import { HeldTexts, releaseText } from './held-texts.js';
import type { Job } from './work.js';
import type { VirtualFile } from '../engine/files.js';
import { isParametersPath } from '../engine/files.js';
import { jobTexts } from './work.js';
import type { OutputStream } from './standard-output.js';
import { standardStreams } from './standard-output.js';

export { version } from './package-root.js';
export { standardStreams } from './standard-output.js';

/** Where the command line reads and writes: standard output and error by default, captured streams in tests. */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  /** Environment variables (NO_COLOR, TERM); `process.env` when absent. */
  env?: Record<string, string | undefined>;
}

/**
 * Runs the command line; returns the exit code (0 clean, 1 findings, 2 usage, configuration or internal
 * error). `recordChecked`: bin/gwlint.js has already found that no recorded run answers this one.
 */
export async function main(argv: string[], io: CliIo = { ...standardStreams(), cwd: process.cwd() }, { recordChecked = false } = {}): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
    if (!isFormatName(options.format)) throw new UsageError(`unknown format '${options.format}': use ${FORMAT_NAMES.join(', ')}`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`gwlint: ${e.message}\nRun 'gwlint --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
  if (options.help) return write(io.stdout, HELP + '\n', 0);
  if (options.version) return write(io.stdout, version() + '\n', 0);
  const allRules = ruleIds().allMeta;
  const knownIds = allRules.map((m) => m.id);
  for (const id of Object.keys(options.rules))
    if (!knownIds.includes(id)) {
      const close = closestId(id, knownIds);
      io.stderr.write(`gwlint: --rule: unknown rule '${id}'${close ? ` (did you mean '${close}'?)` : ''}\n`);
      return 2;
    }
  if (options.listRules) return write(io.stdout, listRules(allRules, options.format), 0);
  if (options.explain !== undefined) {
    const page = explain(options.explain, allRules);
    return page.ok ? write(io.stdout, page.text, 0) : write(io.stderr, `gwlint: explain: ${page.text}\n`, 2);
  }
  if (options.init) {
    const done = await init(io.cwd, allRules);
    return done.ok ? write(io.stdout, `${done.message}\n`, 0) : write(io.stderr, `gwlint: --init: ${done.message}\n`, 2);
  }
  try {
    if (options.printConfig !== undefined) {
      const finder = new ConfigFinder(knownIds, options.config && path.resolve(io.cwd, options.config));
      const cli: GwlintConfig = { rules: options.rules, ignorePatterns: options.ignorePatterns };
      return write(io.stdout, await printConfig(path.resolve(io.cwd, options.printConfig), finder, cli, allRules), 0);
    }
    // A --cache run that nothing changed since it was recorded is answered as it was.
    const recorded = answerable(options) && !recordChecked ? recordedAnswer(argv, options.cacheLocation, io) : undefined;
    if (recorded) {
      io.stdout.write(recorded.stdout);
      if (recorded.stderr) io.stderr.write(recorded.stderr);
      return recorded.code;
    }
    return await run(argv, options, io, knownIds);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr.write(`gwlint: configuration error: ${printable(e.message)}\n`);
      return 2;
    }
    if (e instanceof WriteError) {
      io.stderr.write(`gwlint: cannot write ${printable(e.file)}: ${e.reason}.\n`);
      return 2;
    }
    throw e;
  }
}

/** A lint run: find the files, read them with their context, lint, fix when asked, report. */
async function run(argv: string[], options: CliOptions, io: CliIo, knownIds: string[]): Promise<number> {
  const startedAt = Date.now();
  const env = io.env ?? process.env;
  // What the run asks of the file system is noted when the run can be recorded to answer the next one.
  const journal = answerable(options) ? new FsJournal() : undefined;
  const progress = Progress.for(io.stderr, { format: options.format, env });
  const prepared = await prepare(options, io, knownIds, progress, journal);
  if (typeof prepared === 'number') return prepared;
  const { input, jobs, cache, unreported } = prepared;
  let result = jobs ? await lintInGroups(jobs, options, progress, cache) : await lintWithProgress(input!, progress);
  progress.finish();
  result = { ...result, files: result.files.filter((f) => !unreported(f.path)) };

  let reportStream = io.stdout;
  let refused = false;
  if (options.fix || options.fixDryRun) {
    ({ result, refused } = await fix(input!, result, options, io));
    // With --fix-dry-run the diff is what standard output carries (for `git apply`); the report goes to stderr or --output.
    if (options.fixDryRun) reportStream = io.stderr;
  }
  let streams: Omit<PrintedRun, 'code'> | undefined;
  const reported = await report(result, options, io, reportStream, env, (stdout, stderr) => (streams = { stdout, stderr }));
  const code = refused ? 2 : reported;
  const recorded = journal && streams && recordRun(journal, keyOf(argv, io), { code, ...streams }, cacheFilePlace(cache!.file), startedAt);
  await cache?.save(recorded);
  return code;
}

/**
 * What a run lints: the groups of files as jobs, or the whole input where it is linted at once (the HTML
 * report's address plans); the input too when fixes are made. Nothing else of the reading (the walk's
 * listings, who uses whom, configuration look-ups) outlives it.
 */
interface Prepared {
  jobs?: Job[];
  input?: LintInput;
  cache?: ResultCache;
  /** Files whose findings are left out of the report: context files the user excluded. */
  unreported: (file: string) => boolean;
}

/** Finds the files, reads them with their context and splits them into jobs; an exit code when it cannot. */
async function prepare(options: CliOptions, io: CliIo, knownIds: string[], progress: Progress, journal: FsJournal | undefined): Promise<Prepared | number> {
  // One walk of the file system answers discovery, context and configuration look-ups.
  const walk = new RepoWalk(journal);
  const finder = new ConfigFinder(knownIds, options.config && path.resolve(io.cwd, options.config), walk);
  const rootConfig = finder.forFile(path.join(io.cwd, 'x')).config;
  const ignorePatterns = [...options.ignorePatterns, ...rootConfig.ignorePatterns];
  const { files, missing, unmatched } = expandPaths(options.paths, io.cwd, ignorePatterns, walk);
  if (missing.length) {
    io.stderr.write(`gwlint: no such file or folder: ${missing.map(printable).join(', ')}\n`);
    return 2;
  }
  // As ESLint: a folder or glob with nothing to lint is a mistake (a wrong path in CI) unless allowed.
  if (unmatched.length && !options.allowUnmatched) {
    io.stderr.write(unmatched.map((p) => `gwlint: No files matching the pattern '${p}' were found (--no-error-on-unmatched-pattern allows it).\n`).join(''));
    return 2;
  }
  const links = new Map<string, string[]>();
  const root = repositoryRootFor(options, io.cwd, rootConfig, walk, finder);
  const readFile = fileReader(walk);
  // A cached result holds no comparison with a base revision. The cache's records answer for unchanged files.
  const cache = options.cache && options.base === undefined ? await loadCache(io.cwd, options.cacheLocation, readFile, journal) : undefined;
  const reader = cache?.files ?? directFacts(readFile);
  const input = readInput(files, options, io.cwd, { finder, walk, progress, links, ignorePatterns, root, reader });
  if (options.base !== undefined) {
    const base = await readBase(options.base, options, io, input, { root, walk, links });
    if (typeof base === 'string') return write(io.stderr, `gwlint: ${printable(base)}\n`, 2);
    input.base = base;
  }
  const unreported = ignoredContext(files, [root, io.cwd, ...options.paths.map((p) => path.resolve(io.cwd, p))], ignorePatterns, walk);
  if (input.networkSummaries) return { input, cache, unreported };
  return { jobs: groupJobs(input, links), input: options.fix || options.fixDryRun ? input : undefined, cache, unreported };
}

/**
 * Whether a file the run read for context (a module or linked template a linted one deploys) is one the
 * user excluded (ignore patterns, `.gitignore`): its findings are not reported. Patterns count from the
 * repository root or from a linted folder, as discovery and the index read them.
 */
function ignoredContext(targets: readonly string[], bases: readonly string[], ignorePatterns: readonly string[], walk: RepoWalk): (file: string) => boolean {
  const linted = new Set(targets);
  const from = [...new Set(bases)];
  return (file) => !linted.has(file) && from.some((base) => walk.excludes(base, file, ignorePatterns));
}

/**
 * Applies the fixes (--fix) or prints them as a diff (--fix-dry-run); returns the findings that remain
 * (a file that was not written keeps its findings) and whether a file could not be written.
 */
async function fix(input: LintInput, result: LintResult, options: CliOptions, io: CliIo): Promise<{ result: LintResult; refused: boolean }> {
  // Loaded only for --fix and --fix-dry-run: the diff library is not needed otherwise.
  const { fixDiff, fixInMemory, relativeList, writeFixes } = await import('./fix.js');
  const selected = (d: Diagnostic) => !options.quiet || d.level === 'error';
  const outcome = await fixInMemory(input, result, selected, lint);
  if (options.fixDryRun) {
    io.stdout.write(fixDiff(outcome.changed, io.cwd, outcome.result.mask));
    return { result: outcome.result, refused: false };
  }
  const { written, skipped, refused } = await writeFixes(outcome.changed, decodeText);
  const count = written.reduce((n, f) => n + (outcome.fixed.get(f) ?? 0), 0);
  if (written.length) io.stderr.write(`gwlint: fixed ${count === 1 ? '1 problem' : `${count} problems`} in ${relativeList(written, io.cwd)}.\n`);
  if (skipped.length) io.stderr.write(`gwlint: not fixed, changed on disk while gwlint ran: ${relativeList(skipped, io.cwd)}.\n`);
  for (const r of refused) io.stderr.write(`gwlint: not fixed: ${relativeList([r.file], io.cwd)}: ${r.reason}.\n`);
  const unwritten = new Set([...skipped, ...refused.map((r) => r.file)]);
  const files = outcome.result.files.map((f) => (unwritten.has(f.path) ? (result.files.find((o) => o.path === f.path) ?? f) : f));
  return { result: { ...outcome.result, files }, refused: refused.length > 0 };
}

/**
 * The base revision to compare with, read through git, or why it cannot be read. Deleted files count only
 * inside the paths linted; the context files the base version uses and the head version no longer does
 * are read from the work tree, as the run's own context is.
 */
async function readBase(ref: string, options: CliOptions, io: CliIo, input: LintInput, { root, walk, links }: { root: string; walk: RepoWalk; links: Map<string, string[]> }): Promise<BaseRevision | string> {
  // Loaded only to compare with a base revision: running git needs child processes.
  const { GitError, defaultBase, readBaseRevision } = await import('../diff/git.js');
  let revision: BaseRevision;
  try {
    revision = readBaseRevision(io.cwd, ref || defaultBase(io.cwd));
  } catch (e) {
    if (e instanceof GitError) return `cannot read the base revision${ref ? ` '${ref}'` : ''}: ${e.message}`;
    throw e;
  }
  const linted = options.paths.map((p) => path.resolve(io.cwd, p));
  const folders = linted.map(coveredFolder);
  const inside = (p: string) => folders.some((folder) => isInside(p, folder));
  const deleted = revision.deleted.filter(inside);
  const gone = new Set(revision.deleted);
  const files = revision.files.filter((f) => !gone.has(f.path) || deleted.includes(f.path));
  // A file only the base version uses is read from the work tree too, so that it joins the group of its user.
  const known = new Set([...input.files, ...(input.context ?? [])].map((f) => f.path).concat(deleted));
  input.context = [...(input.context ?? []), ...contextFiles(files.filter((f) => !f.readError), root, known, links, walk)];
  return { ...revision, files, deleted };
}

/**
 * How a run reads its files: what the walk listed as a regular file is read at once; anything else (a link,
 * a pipe, a name given that is not there) is looked at first. Texts are held while they fit a budget, and
 * read again when asked for after that (see HeldTexts). Made apart from run(): files live as long as the
 * results, and must not keep what run() holds.
 */
function fileReader(walk: RepoWalk): ReadFile {
  // A text read again (to lint it) is read as it was first: a listed file without a stat before it.
  const read = (p: string) => (walk.kind(p) === 'file' ? readListedFileSync(p) : readVirtualFileSync(p));
  const texts = new HeldTexts(read);
  // A text only scanned by the index is not held: in a run on one file of a large tree, holding the rest
  // kept megabytes alive for nothing, which young-generation collections copied.
  return (p, scanOnly) => (scanOnly ? read(p) : texts.hold(read(p)));
}

/** The result cache (--cache), loaded only when asked for: it needs cryptography. */
async function loadCache(cwd: string, location: string, readFile: ReadFile, journal: FsJournal | undefined): Promise<ResultCache> {
  const { ResultCache } = await import('./cache.js');
  return ResultCache.load(ResultCache.location(cwd, location), version(), readFile, journal);
}

/** The folder a path argument covers: the path itself, or for a glob the folders before its first wildcard. */
function coveredFolder(p: string): string {
  const segments = p.split(/[\\/]/);
  const wild = segments.findIndex((s) => GLOB_CHARACTERS.test(s));
  return wild < 0 ? p : segments.slice(0, wild).join(path.sep) || path.sep;
}

/** What reading a run's input shares: the one file-system walk, configuration look-ups, progress, and who uses whom. */
interface RunState {
  finder: ConfigFinder;
  walk: RepoWalk;
  progress: Progress;
  links: Map<string, string[]>;
  /** `--ignore-pattern` and the configuration's `ignorePatterns`: the index leaves those files out too. */
  ignorePatterns: string[];
  /** The repository root the index covers. */
  root: string;
  /** How files are read, and what is learnt from their text (from the cache's records with --cache). */
  reader: FileFacts;
}

/**
 * `--root`, else the configuration's `root`, else the repository holding the linted paths (the linted
 * folder outside a repository): the same boundary as containment, so the current folder never widens it.
 */
function repositoryRootFor(options: CliOptions, cwd: string, config: GwlintConfig, walk: RepoWalk, finder: ConfigFinder): string {
  if (options.root) return path.resolve(cwd, options.root);
  if (config.root === undefined) return commonFolder(options.paths.map((p) => inputRoot(path.resolve(cwd, p), walk)));
  if (!walk.entries(config.root)) throw new ConfigError(`'root' names ${config.root}, which is not a folder`, finder.forFile(path.join(cwd, 'x')).path ?? '');
  return config.root;
}

/** The deepest folder that holds all of `folders`. */
function commonFolder(folders: string[]): string {
  return folders.reduce((common, f) => {
    while (!isInside(f, common)) common = path.dirname(common);
    return common;
  });
}

/** The files to lint, what they use (modules, parameter files, templates beside them) and the configuration of each. */
function readInput(files: string[], options: CliOptions, cwd: string, { finder, walk, progress, links, ignorePatterns, root, reader }: RunState): LintInput {
  const cliConfig: GwlintConfig = { rules: options.rules, ignorePatterns: [] };
  const roots = containmentRoots(options.paths.map((p) => path.resolve(cwd, p)), walk);
  progress.phase('reading', files.length);
  // What the run asks of each text (the files it refers to; what the index scans for, when it scans every
  // template) is learnt as the file is read: a text over the held-texts budget is read again for each
  // question asked later.
  const indexScans = indexScansEvery(files.length);
  const targets = files.map((f) => {
    const read = reader.read(f);
    // What is to be linted decides the V8 flags; what the index reads beside it does not.
    noteFileToLint(read.length ?? read.text.length);
    if (!read.readError) {
      reader.derive(read, 'references', writtenReferences);
      if (indexScans && isInside(f, root)) learnForIndex(reader, read);
    }
    progress.tick();
    return read;
  });
  const parameterFiles = options.parameters.map((p) => path.resolve(cwd, p));
  // Several -p files are one deployment, merged in order, later values winning.
  const explicit = new Map<string, string[]>();
  if (parameterFiles.length) for (const t of files) if (!t.endsWith('.parameters.json')) explicit.set(t, parameterFiles);
  // A parameters file given without its template (a pre-commit hook passes only what changed) is linted
  // through its template, with those parameter values.
  for (const p of [...targets]) {
    const template = templateOfParameters(p, roots, walk);
    if (!template || files.includes(template) || explicit.has(template)) continue;
    const read = reader.read(template);
    if (read.readError) continue;
    targets.push(read);
    explicit.set(template, [p.path]);
  }
  const known = new Set([...targets.map((t) => t.path), ...parameterFiles]);
  const context = parameterFiles.filter((p) => !files.includes(p)).map((p) => reader.read(p));
  context.push(...contextFiles([...targets, ...context], roots, known, links, walk, reader));
  for (const [template, parameters] of explicit) links.set(template, [...(links.get(template) ?? []), ...parameters]);
  // The repository index: callers and sibling templates of the linted files, read as context with what they use.
  const read = new Map([...targets, ...context].map((f) => [f.path, f]));
  const index = new RepoIndex(root, walk, ignorePatterns, reader, read, targets.map((t) => t.path));
  const { files: related, repository } = index.contextFor(targets.map((t) => t.path));
  const added = related
    .filter((p) => !read.has(p))
    .map((p) => reader.read(p))
    .filter((f) => !f.readError);
  for (const f of added) known.add(f.path);
  context.push(...added, ...contextFiles(added, root, known, links, walk, reader));
  const mergedCallers = repository.merged.flatMap((m) => m.callers.map((c): [string, string] => [m.file, c]));
  for (const [file, other] of [...repository.callers, ...repository.siblings, ...mergedCallers]) links.set(file, [...(links.get(file) ?? []), other]);
  const registry = new ModuleCache(reader, options.moduleCache && path.resolve(cwd, options.moduleCache), undefined, walk).modulesFor([...targets, ...context]);
  context.push(...registry.files);
  for (const [from, , cached] of registry.uses) links.set(from, [...(links.get(from) ?? []), cached]);
  const configs = new Map<string, GwlintConfig>();
  // Files under the same configuration file share one merged configuration.
  const mergedConfigs = new Map<GwlintConfig, GwlintConfig>();
  for (const f of [...targets, ...context]) {
    const found = finder.forFile(f.path).config;
    let config = mergedConfigs.get(found);
    if (!config) mergedConfigs.set(found, (config = mergeConfigs(found, cliConfig)));
    configs.set(f.path, config);
  }
  return { files: targets, context, parameterFiles: explicit, registryModules: registry.uses, repository, configFor: (p) => configs.get(p) ?? cliConfig, networkSummaries: options.format === 'html' };
}

/**
 * The run as independent groups of files (see groupWork), each a job with its share of the run's lists.
 * Linting each gives the findings of one lint() over everything.
 */
function groupJobs(input: LintInput, links: Map<string, string[]>): Job[] {
  const configFor = input.configFor!;
  const groups = groupWork(input.files, input.context ?? [], links);
  // Each group's share of the run's lists, in their order: by the group of the file each item is about.
  const memberOf = new Map<string, number>();
  const inGroup = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const f of g.files) memberOf.set(f.path, i);
    for (const f of [...g.files, ...g.context]) inGroup.set(f.path, i);
  });
  const share = <T>(items: Iterable<T> | undefined, fileOf: (item: T) => string, groupOf = memberOf): T[][] => {
    const out = groups.map((): T[] => []);
    for (const item of items ?? []) {
      const i = groupOf.get(fileOf(item));
      if (i !== undefined) out[i].push(item);
    }
    return out;
  };
  const parameterFiles = share(input.parameterFiles, ([template]) => template);
  const callers = share(input.repository?.callers, ([file]) => file);
  const siblings = share(input.repository?.siblings, ([file]) => file);
  const mergedCalls = share(input.repository?.merged, (m) => m.file);
  const registryModules = share(input.registryModules, ([from]) => from, inGroup);
  const jobs: Job[] = groups.map((g, i) => ({
    files: g.files,
    context: g.context,
    parameterFiles: parameterFiles[i],
    repository: { callers: callers[i], siblings: siblings[i], merged: mergedCalls[i] },
    registryModules: registryModules[i],
    configs: [...g.files, ...g.context].map((f): [string, GwlintConfig] => [f.path, configFor(f.path)]),
    defaultConfig: configFor(''),
    base: input.base && baseOfGroup(input.base, [...g.files, ...g.context]),
  }));
  // Templates deleted since the base revision belong to no group: one job of their own, with all the context.
  const deleted = input.base?.files.filter((f) => input.base!.deleted.includes(f.path)) ?? [];
  if (deleted.length)
    jobs.push({ files: [], context: input.context ?? [], parameterFiles: [], repository: {}, registryModules: input.registryModules ? [...input.registryModules] : [], configs: deleted.map((f) => [f.path, configFor(f.path)]), defaultConfig: configFor(''), base: { ...input.base!, files: deleted, added: [] } });
  return jobs;
}

/**
 * Lints the jobs: on worker threads (--jobs), reusing the results of unchanged groups (--cache). Each job
 * is let go once its result is made, so that a run holds no more than its results and the jobs to come.
 */
async function lintInGroups(jobs: (Job | undefined)[], options: CliOptions, progress: Progress, cache: ResultCache | undefined): Promise<LintResult> {
  // A group's result is final as soon as it is linted (or found in the cache): made then, it holds the texts
  // of the files its findings point into, and no other text need be kept for the report.
  const rules = ruleIds().allMeta;
  const results: LintResult[] = new Array(jobs.length);
  const finish = (i: number, plain: PlainResult) => {
    results[i] = fromPlain(plain, jobTexts(jobs[i]!), rules);
    for (const f of jobs[i]!.files) releaseText(f);
    jobs[i] = undefined;
  };
  const todo: number[] = [];
  jobs.forEach((job, i) => {
    const cached = cache?.get(job!);
    if (cached) finish(i, cached);
    else todo.push(i);
  });
  progress.phase('linting', jobs.length);
  for (let i = todo.length; i < jobs.length; i++) progress.tick();
  await runJobs(
    todo.length,
    (k) => jobs[todo[k]]!,
    options.jobs,
    (k, plain) => {
      progress.tick();
      cache?.set(jobs[todo[k]]!, plain);
      finish(todo[k], plain);
    },
  );
  const merged = mergeResults(results, rules);
  // One collator, made for a second file: localeCompare makes one per comparison (more than linting a
  // cached run costs), and making one takes milliseconds of a start.
  let collator: Intl.Collator | undefined;
  return { ...merged, files: merged.files.sort((a, b) => (collator ??= new Intl.Collator()).compare(a.path, b.path)) };
}

/** The part of the base revision that concerns a group: the base versions of its files, and which of them are new. */
function baseOfGroup(base: BaseRevision, files: VirtualFile[]): BaseRevision {
  const paths = new Set(files.map((f) => f.path));
  // Parameters files deleted since (or renamed past git's notice): what the group's templates were deployed with.
  const deletedParameters = base.files.filter((f) => base.deleted.includes(f.path) && isParametersPath(f.path));
  return { label: base.label, files: [...base.files.filter((f) => paths.has(f.path)), ...deletedParameters], added: base.added.filter((p) => paths.has(p)), deleted: deletedParameters.map((f) => f.path) };
}

/** lint(), with the progress bar advanced as lint() asks for the configuration of each file it starts on. */
async function lintWithProgress(input: LintInput, progress: Progress): Promise<LintResult> {
  if (!progress.enabled) return lint(input);
  // Parameter files are not linted on their own; other files that turn out not to be templates are skipped.
  const pending = new Set(input.files.map((f) => f.path).filter((p) => !isParametersPath(p)));
  progress.phase('linting', pending.size);
  const configFor = input.configFor!;
  return lint({
    ...input,
    configFor: (p) => {
      if (pending.delete(p)) progress.tick();
      return configFor(p);
    },
  });
}

/** Writes the report and returns the exit code; `printed` is told what went to each stream. */
async function report(result: LintResult, options: CliOptions, io: CliIo, stream: OutputStream, env: Record<string, string | undefined>, printed: (stdout: string, stderr: string) => void): Promise<number> {
  const shown = options.quiet ? onlyErrors(result) : result;
  const terminal = !options.output && stream.isTTY === true;
  const color = options.color ?? (!env.NO_COLOR && terminal);
  const reporter = await loadReporter(options.format as FormatName, color);
  const text = reporter(shown, { cwd: io.cwd, color, width: reportWidth(terminal, stream, env), version: version() });
  if (options.output) {
    const file = path.resolve(io.cwd, options.output);
    await makeFolders(path.dirname(file));
    await writeFileAtomic(file, text);
  } else stream.write(text);
  const counts = countFindings(result);
  const tooManyWarnings = options.maxWarnings >= 0 && counts.warnings > options.maxWarnings;
  const warning = tooManyWarnings && options.format === 'stylish' ? `gwlint found too many warnings (maximum: ${options.maxWarnings}).\n` : '';
  if (warning) io.stderr.write(warning);
  printed(stream === io.stdout && !options.output ? text : '', warning);
  return counts.errors > 0 || tooManyWarnings ? 1 : 0;
}

/**
 * The width stylish wraps to: the terminal's, but none in VS Code's terminal, where a task's
 * `$eslint-stylish` problem matcher reads each row as one line (VS Code joins the lines it wraps itself).
 */
function reportWidth(terminal: boolean, stream: OutputStream, env: Record<string, string | undefined>): number | undefined {
  if (!terminal || env.TERM_PROGRAM === 'vscode') return undefined;
  return stream.columns ?? 80;
}

function onlyErrors(result: LintResult): LintResult {
  return { ...result, files: result.files.map((f) => ({ ...f, diagnostics: f.diagnostics.filter((d) => d.level === 'error') })) };
}

function write(stream: OutputStream, text: string, code: number): number {
  stream.write(text);
  return code;
}
