import type { Diagnostic, Level } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { BudgetLimits } from '../expr/budget.js';
import { DEFAULT_LIMITS } from '../expr/budget.js';
import type { Located } from '../model/locate.js';
import { Model } from '../model/model.js';
import type { ModelOptions } from '../model/model.js';
import { basename } from '../model/paths.js';
import { network } from '../model/network.js';
import type { Network } from '../model/network.js';
import type { TemplateIR } from '../parse/ir.js';
import type { NetworkSummary } from '../model/summary.js';
import { mergeNetworkSummaries, summariseNetwork } from '../model/summary.js';
import { builtInRules } from '../../rules/index.js';
import type { GwlintConfig } from './config.js';
import { EMPTY_CONFIG } from './config.js';
import { ALLOWED_VALUES, BICEP_SYNTAX, ENGINE_RULES, EVAL_LIMIT, INTERNAL_ERROR, PARSE_ERROR } from './engine-rules.js';
import type { FrontEnds, ParsedFile, VirtualFile } from './files.js';
import { isBicepParamPath, isBicepPath, parseFile, parsedFile } from './files.js';
import type { FileResult, LintResult } from './result.js';
import type { Finding, Rule } from './rule.js';
import { mayReportErrors, readsGatewaySettings } from './rule-meta.js';
import type { Suppression } from './suppressions.js';
import { applySuppressions, commentSuppressions, metadataSuppressions } from './suppressions.js';
import { parameterSets } from './pairing.js';
import { combineParameterSets } from './parameter-sets.js';
import { compiledPairs } from './compiled-pairs.js';
import { moveOutOfRegistryModules, unresolvedModuleFindings, unresolvedRegistryFindings } from './registry-findings.js';
import type { RepositoryContext } from './repository.js';
import { MAX_CALLERS, repositoryContext } from './repository.js';
import { mergedCallFindings } from './merged-calls.js';
import { SourceFile } from '../core/source.js';
import { looksLikeDeployment } from '../core/deployment-head.js';
import { Secrets } from './secrets.js';
import { valueOrigin, writtenBy } from '../model/wording.js';
import { usePlace } from './use-place.js';
import { capitalize } from '../model/gateway.js';
import { allowedValueFindings } from './allowed-values.js';
import { mayBeJudged, mayReportOn } from './judged-types.js';
import type { BaseRevision } from './base-revision.js';
import { BaseVersion, emptyTemplate } from './base-version.js';

/**
 * Every rule is about VNets, subnets, gateways, connections or local network gateways, reached directly or
 * through linked templates and modules, or about a gwlint suppression. A template whose text names none of
 * these and that deploys no other file cannot produce a finding, so it is parsed (parse errors still count)
 * but not modelled. Inline nested templates are part of the text.
 */
function mayConcernGateways(text: string, bicep: boolean): boolean {
  // One scan settles most files: those that name none of these, and those that name a network resource first.
  const first = MAY_CONCERN_GATEWAYS.exec(text);
  if (first && !DEPLOYMENT.test(first[0])) return true;
  if (first) {
    NAMES_NETWORK.lastIndex = first.index;
    if (NAMES_NETWORK.test(text) || TEMPLATE_LINK.test(text)) return true;
  }
  return bicep && BICEP_MODULE.test(text);
}

const MAY_CONCERN_GATEWAYS = /virtualnetwork|microsoft\.network\/connections|localnetworkgateway|microsoft\.resources\/deployments|gatewaysubnet|gwlint/i;
/** The same without deployments; global, to go on from where a deployment was found. */
const NAMES_NETWORK = /virtualnetwork|microsoft\.network\/connections|localnetworkgateway|gatewaysubnet|gwlint/gi;
const DEPLOYMENT = /^microsoft\.resources\/deployments$/i;
/** A deployment resource that runs another file does it through its `templateLink`. */
const TEMPLATE_LINK = /templatelink/i;
/** Bicep modules deploy what their files declare, whatever the caller's text names. */
const BICEP_MODULE = /^[ \t]*module\s/m;

export interface LintInput {
  /** The files to lint. */
  files: VirtualFile[];
  /** Files used only as context: modules, parameter files and templates that the linted files use. */
  context?: VirtualFile[];
  /** Explicit parameter files (`--parameters`): template path → parameters file paths, merged in order (later values win). */
  parameterFiles?: ReadonlyMap<string, readonly string[]>;
  /**
   * Registry modules found in the local Bicep module cache: [file that uses it, reference as written,
   * path of the cached compiled template, which must be among `context`].
   */
  registryModules?: readonly (readonly [string, string, string])[];
  /** What the repository index knows about the linted files; the files named must be among `context`. */
  repository?: RepositoryContext;
  /** The configuration that applies to a file (rule levels). */
  configFor?: (path: string) => GwlintConfig;
  rules?: Rule[];
  /** Work limits for every file; a file's configuration (`limits` in gwlint.config.json) overrides them. */
  limits?: Partial<BudgetLimits>;
  /**
   * `gwlint diff`: the revision the files are compared with. Both versions are evaluated by the same engine,
   * and the change rules report what changed from the base version to these files.
   */
  base?: BaseRevision;
  /** Also summarise every VNet's address plan (`result.networks`, for the HTML report); it reads locations, so it costs time. */
  networkSummaries?: boolean;
}

/**
 * The pure core: files in, findings out, with no file system or process access. The CLI, the language
 * server and the tests all call it. Each linted template is judged by a function of its own (lintTemplate):
 * V8 compiles a function that runs hot as one unit, and one lint() holding every step took 100-130 ms of
 * compiling each time it was compiled again, three times in a run over thousands of files.
 */
export async function lint(input: LintInput): Promise<LintResult> {
  const everything = [...input.files, ...(input.context ?? [])];
  const frontEnds: FrontEnds = {};
  if ([...everything, ...(input.base?.files ?? [])].some((f) => isBicepPath(f.path) || isBicepParamPath(f.path))) {
    frontEnds.bicep = await import('../parse/bicep/index.js');
  }
  const run = new LintRun(input, everything, frontEnds);
  for (const target of run.targets) lintTemplate(run, target);
  lintDeletedTemplates(run);
  return finish(run);
}

/** What the files of one lint() call share: the parsed files, the repository's answers, and what was found. */
class LintRun {
  readonly rules: Rule[];
  readonly allMeta: LintResult['rules'];
  readonly knownIds: ReadonlySet<string>;
  readonly configFor: (path: string) => GwlintConfig;
  readonly parsed = new Map<string, ParsedFile>();
  readonly base?: BaseVersion;
  readonly targets: ParsedFile[];
  /** JSON compiled from a linted Bicep file is reported through the Bicep file, with the JSON's parameters files. */
  readonly compiled: ReturnType<typeof compiledPairs>;
  readonly repo: ReturnType<typeof repositoryContext>;
  readonly pairs: ReturnType<typeof parameterSets>;
  /** Findings that hold for some parameter sets only: distinct per set even on the same span. */
  readonly perSetFindings = new Set<Diagnostic>();
  readonly diagnostics: Diagnostic[] = [];
  readonly suppressions: Suppression[] = [];
  /** The files whose suppression comments are collected. */
  readonly touched: Set<string>;
  readonly networks?: NetworkSummary[];
  /** Models and templates whose secrets are collected only if something is printed from their files (most files print nothing). */
  readonly models: Model[] = [];
  readonly written: TemplateIR[] = [];
  readonly registry: Map<string, string>;
  readonly unresolvedRegistry = new Map<string, Span>();
  /** A root template that deploys several linted modules is evaluated once for all of them and for itself (per configuration). */
  private readonly callerRuns = new Map<string, Evaluation>();
  readonly callerPaths: Set<string>;
  /** What every evaluation of the run is given: where its models are kept, and the base revision. */
  readonly extras: RunExtras;
  private readonly byPath: Map<string, VirtualFile>;

  constructor(
    readonly input: LintInput,
    everything: VirtualFile[],
    private readonly frontEnds: FrontEnds,
  ) {
    this.rules = input.rules ?? builtInRules;
    ({ allMeta: this.allMeta, knownIds: this.knownIds } = ruleIds(this.rules));
    this.configFor = input.configFor ?? (() => EMPTY_CONFIG);
    this.byPath = new Map(everything.map((f) => [f.path, f]));
    this.base = input.base && new BaseVersion(input.base, this.byPath, this.parseVirtual);
    this.targets = input.files.map((f) => this.parse(f.path)!).filter((p) => p.kind);
    this.compiled = compiledPairs(this.targets.filter((t) => t.kind === 'bicep'), this.byPath, this.parse);
    this.repo = repositoryContext(input.repository);
    const roots = new Set([...this.targets.map((t) => t.source.path), ...[...this.repo.siblings.values()].flat(), ...[...this.repo.callers.values()].flat()]);
    this.pairs = parameterSets([...roots], [...this.byPath.keys()], input.parameterFiles, this.parse, this.compiled);
    this.touched = new Set<string>(this.targets.map((t) => t.source.path));
    this.networks = input.networkSummaries ? [] : undefined;
    this.registry = new Map((input.registryModules ?? []).map(([from, ref, cached]) => [`${from}\0${ref}`, cached]));
    this.callerPaths = new Set([...this.repo.callers.values()].flat());
    this.extras = { models: this.models, base: this.base };
  }

  readonly parseVirtual = (file: VirtualFile): ParsedFile => safeParse(file, this.frontEnds, this.limitsFor(file.path).fileSize);

  readonly parse = (p: string): ParsedFile | undefined => {
    let result = this.parsed.get(p);
    const file = this.byPath.get(p);
    if (!result && file) {
      result = this.parseVirtual(file);
      this.parsed.set(p, result);
    }
    return result;
  };

  /** A template used by the one being judged; its suppression comments count from now on. */
  readonly loadTemplate = (p: string): TemplateIR | undefined => {
    const t = this.parse(p)?.template;
    if (t) {
      if (!this.touched.has(p)) append(this.suppressions, commentSuppressions(t.comments, this.knownIds));
      this.touched.add(p);
    }
    return t;
  };

  readonly registryModule = (from: string, ref: string): string | undefined => this.registry.get(`${from}\0${ref}`);

  readonly onUnresolvedRegistryModule = (ref: string, at: Span): void => {
    if (!this.unresolvedRegistry.has(ref)) this.unresolvedRegistry.set(ref, at);
  };

  /** Local modules and linked templates that could not be read, by where their path is written. */
  readonly unresolvedModules = new Map<string, { modulePath: string; span: Span }>();

  readonly onUnresolvedModule = (modulePath: string, span: Span): void => {
    const key = `${span.file.path}\0${span.start}`;
    if (!this.unresolvedModules.has(key)) this.unresolvedModules.set(key, { modulePath, span });
  };

  limitsFor(p: string): Required<BudgetLimits> {
    return { ...DEFAULT_LIMITS, ...this.input.limits, ...this.configFor(p).limits };
  }

  /** The evaluation of root template `p` under a configuration, made by `make` the first time it is asked for. */
  callerRun(p: string, config: GwlintConfig, limits: BudgetLimits, make: () => Evaluation): Evaluation {
    const key = `${p}\0${JSON.stringify([config.rules, limits])}`;
    let run = this.callerRuns.get(key);
    if (!run) this.callerRuns.set(key, (run = make()));
    return run;
  }
}

/** What judging one template's deployments needs besides the run. */
interface TemplateJob {
  template: TemplateIR;
  config: GwlintConfig;
  limits: BudgetLimits;
  common: ModelOptions;
}

/** The findings of one linted file: its parse problems and suppressions, then its deployments when a rule may judge them. */
function lintTemplate(run: LintRun, target: ParsedFile): void {
  for (const p of target.problems) run.diagnostics.push(engineDiagnostic(p.code === 'bicep-syntax' ? BICEP_SYNTAX.id : PARSE_ERROR.id, p.level, p.message, p.span));
  append(run.suppressions, commentSuppressions(target.template?.comments ?? target.parameters?.comments ?? [], run.knownIds));
  if (!target.template) return;
  run.written.push(target.template);
  const path = target.source.path;
  if (run.compiled.has(path)) return;
  const text = target.source.text;
  const callers = (run.repo.callers.get(path) ?? []).slice(0, MAX_CALLERS);
  const siblingPaths = run.repo.siblings.get(path) ?? [];
  // A template with siblings concerns gateways through them (a public IP that a gateway in another file uses),
  // and one with parameters files through the values they give (a NIC's subnet id naming GatewaySubnet).
  const throughParameters = (run.pairs.get(path) ?? []).some((set) => MAY_CONCERN_GATEWAYS.test(set.parameters.file.text));
  if (!mayConcernGateways(text, target.kind === 'bicep') && !callers.length && !siblingPaths.length && !throughParameters) return;
  // Checking every expression costs a second parse of each: only for the templates that are modelled.
  for (const p of target.template.deferredProblems?.() ?? []) run.diagnostics.push(engineDiagnostic(PARSE_ERROR.id, p.level, p.message, p.span));
  const config = run.configFor(path);
  // Alone (no callers, siblings, parameters naming the network, base revision or address plans), a
  // template that declares nothing an enabled rule judges cannot produce a finding.
  const alone = !callers.length && !siblingPaths.length && !throughParameters && !run.base && !run.networks;
  if (alone && !mayBeJudged(target.template, run.rules, config, text)) return;
  const limits = run.limitsFor(path);
  const job: TemplateJob = {
    template: target.template,
    config,
    limits,
    common: { loadTemplate: run.loadTemplate, limits, registryModule: run.registryModule, onUnresolvedRegistryModule: run.onUnresolvedRegistryModule, onUnresolvedModule: run.onUnresolvedModule },
  };
  try {
    // A module or linked template with callers is judged in each caller's deployment, with the values it passes.
    const throughCallers = findingsThroughCallers(run, job, callers);
    for (const found of throughCallers) append(run.diagnostics, found);
    // Beyond the callers evaluated one by one, every call is merged into one deployment: values they do not all pass alike are unknown.
    const merged = run.repo.merged.get(path);
    if (merged) append(run.diagnostics, mergedCallFindings(job.template, merged, (p) => run.parse(p)?.template, (overrides) => runRules(job.template, run.rules, config, { ...job.common, overrides }, run.suppressions, { models: run.models }).found));
    if (!throughCallers.length && !merged) judgeParameterSets(run, job, siblingPaths);
  } catch (e) {
    // A failure outside the rules (building the model…) costs this file, never the run.
    const message = `gwlint failed on this file: ${(e as Error)?.message ?? String(e)}. The other files were still linted; please report this.`;
    run.diagnostics.push(engineDiagnostic(INTERNAL_ERROR.id, 'error', message, { file: target.source, start: 0, end: 0 }));
  }
}

/** The findings of a module or linked template in each caller's deployment that reaches it. */
function findingsThroughCallers(run: LintRun, { template, config, limits, common }: TemplateJob, callers: string[]): Diagnostic[][] {
  return callers.flatMap((p) => {
    const caller = run.parse(p)?.template;
    if (!caller) return [];
    const evaluation = run.callerRun(p, config, limits, () => evaluate(caller, run.rules, config, { ...common, paramFile: run.pairs.get(p)?.[0]?.parameters }, run.suppressions, run.extras));
    const reported = reportedFrom(evaluation, template.file.path, true);
    return reported.reached ? [reported.found] : [];
  });
}

/** A root template judged in one deployment per parameter set (its defaults when it has none), with the values' allowed combinations. */
function judgeParameterSets(run: LintRun, { template, config, limits, common }: TemplateJob, siblingPaths: string[]): void {
  const path = template.file.path;
  // Root templates beside this one that declare or refer to the same resources, each with its first parameters file.
  const siblings = siblingPaths.flatMap((p) => {
    const t = run.loadTemplate(p);
    return t ? [{ template: t, paramFile: run.pairs.get(p)?.[0]?.parameters }] : [];
  });
  const sets = run.pairs.get(path) ?? [undefined];
  // The combinations look for errors only: rules that never report one are not run for them.
  const judging = run.rules.filter((r) => readsGatewaySettings(r.meta) && mayReportErrors(r.meta));
  const perSet = sets.map((set, i) => {
    // Findings can sit on a parameters file's values: its suppression comments count.
    if (set) append(run.suppressions, commentSuppressions(set.parameters.comments, run.knownIds));
    const options = { ...common, paramFile: set?.parameters, siblings };
    // A caller of linted modules, alone with its first parameter set, is the deployment they are judged in: evaluated once for both.
    const shared = i === 0 && !siblings.length && !run.networks && run.callerPaths.has(path);
    const found = shared
      ? run.callerRun(path, config, limits, () => evaluate(template, run.rules, config, options, run.suppressions, run.extras)).found.slice()
      : runRules(template, run.rules, config, options, run.suppressions, { ...run.extras, networks: i === 0 ? run.networks : undefined }).found;
    if (config.rules[ALLOWED_VALUES.id] !== 'off')
      append(found, allowedValueFindings(template, options.paramFile, (reached, overrides, until) => runRules(reached, judging, config, { ...options, overrides }, [], { until }).found));
    return { set, found };
  });
  append(run.diagnostics, combineParameterSets(perSet, run.perSetFindings, new Set(template.parameters.map((p) => p.name.toLowerCase()))));
}

/** Templates deleted since the base revision: their head version deploys nothing, so what they deployed is reported as removed. */
function lintDeletedTemplates(run: LintRun): void {
  const changeRules = run.rules.filter((r) => r.meta.category === 'change');
  for (const p of run.base && changeRules.length ? run.base.deletedTemplates() : []) {
    const options = { limits: run.limitsFor(p), registryModule: run.registryModule };
    append(run.diagnostics, runRules(emptyTemplate(p), changeRules, run.configFor(p), options, [], { base: run.base }).found);
  }
}

/**
 * The result: findings deduplicated, suppressed and sorted by file, address plans for reports (HTML), and
 * every secret masked. No output may show one: values of secure parameters and shared keys are masked everywhere.
 */
function finish(run: LintRun): LintResult {
  append(run.diagnostics, unresolvedRegistryFindings(run.unresolvedRegistry));
  append(run.diagnostics, unresolvedModuleFindings(run.unresolvedModules, new Set(run.input.files.map((f) => f.path))));
  const reported = moveOutOfRegistryModules(dedupe(run.diagnostics, run.perSetFindings), new Set(run.registry.values()));
  const result = { ...collect(reported, run.suppressions, run.parsed, run.input.files, run.allMeta, run.knownIds, run.configFor), ...(run.networks ? { networks: mergeNetworkSummaries(run.networks) } : {}) };
  const secrets = new Secrets();
  collectPrintable(secrets, run.models, run.written, result);
  // `mask` may be asked about any file (a --fix diff shows files whose findings are gone): every model's secrets then.
  let complete = false;
  const mask = (text: string) => {
    if (!complete) collectPrintable(secrets, run.models, run.written);
    complete = true;
    return secrets.mask(text);
  };
  return secrets.redact({ mask, ...result });
}

/** The metadata of the rules and the engine's own, and their ids: the same for every call with the same rules. */
export function ruleIds(rules: Rule[] = builtInRules): { allMeta: LintResult['rules']; knownIds: ReadonlySet<string> } {
  let known = ruleIdsOf.get(rules);
  if (!known) {
    const allMeta = [...rules.map((r) => r.meta), ...ENGINE_RULES];
    ruleIdsOf.set(rules, (known = { allMeta, knownIds: new Set(allMeta.map((m) => m.id)) }));
  }
  return known;
}

const ruleIdsOf = new WeakMap<Rule[], { allMeta: LintResult['rules']; knownIds: ReadonlySet<string> }>();

/**
 * Collects the secrets a result could show: those of every model that read a file the result prints from
 * (a finding's or related location's file), or of every model when address plans are printed, and the
 * pieces secrets are written from in those files (also for templates parsed but not modelled). The other
 * files' secrets cannot appear in the output, so they are not evaluated. Without a result: everything.
 */
function collectPrintable(secrets: Secrets, models: readonly Model[], written: readonly TemplateIR[], result?: LintResult): void {
  let printed: Set<string> | undefined;
  if (result && !result.networks) {
    printed = new Set<string>();
    for (const f of result.files)
      for (const d of f.diagnostics) {
        printed.add(d.span.file.path);
        for (const r of d.related) printed.add(r.span.file.path);
      }
  }
  for (const model of models) {
    const files = model.files();
    if (printed && !files.some((p) => printed.has(p))) continue;
    secrets.collect(model);
    for (const p of files) printed?.add(p);
  }
  for (const template of written) if (!printed || printed.has(template.file.path)) secrets.collectWritten(template);
}

/** `target.push(...items)` without spreading: a spread of a very long array exhausts the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

function safeParse(file: VirtualFile, frontEnds: FrontEnds, maxSize: number): ParsedFile {
  if (file.text.length > maxSize && !file.readError) return oversized(file, frontEnds, maxSize);
  try {
    return parseFile(file, frontEnds);
  } catch (e) {
    // A parser that gives up (stack exhausted by absurd nesting…) must not stop the run.
    return parseFile({ path: file.path, text: file.text, readError: `The file could not be parsed: ${(e as Error).message}.` }, frontEnds);
  }
}

/**
 * A file longer than the size limit is not parsed: parsing and evaluating it would take minutes and
 * gigabytes. Bicep files and JSON files that start like a template or parameters file are reported; other
 * large JSON (data, lock files) is skipped quietly, as smaller JSON that is not a template is.
 */
function oversized(file: VirtualFile, frontEnds: FrontEnds, maxSize: number): ParsedFile {
  const head = file.text.slice(0, 64 * 1024);
  const deployment = looksLikeDeployment(head);
  if (!isBicepPath(file.path) && !isBicepParamPath(file.path) && !deployment) return parsedFile(new SourceFile(file.path, file.text), undefined, []);
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  const readError = `The file is ${mb(file.text.length)}, more than the ${mb(maxSize)} gwlint lints in one file, so it was not linted; raise limits.fileSize in gwlint.config.json to lint it.`;
  return parseFile({ path: file.path, text: file.text, readError }, frontEnds);
}

interface RunExtras {
  networks?: NetworkSummary[];
  /** Where the models built are kept, for their secrets. */
  models?: Model[];
  /** The base revision (`gwlint diff`): change rules run when the model reads a file that changed. */
  base?: BaseVersion;
  /** No rule runs after one that made a finding this accepts (an allowed-value combination needs one error only). */
  until?: (d: Diagnostic) => boolean;
}

/** The findings of one model, and whether the reported file was deployed in it at all. */
interface RunResult {
  found: Diagnostic[];
  reached: boolean;
}

/** A model and every finding the rules made in it, before they are sorted by the file reported on. */
interface Evaluation {
  model: Model;
  found: Diagnostic[];
}

function runRules(template: TemplateIR, rules: Rule[], config: GwlintConfig, modelOptions: ModelOptions, suppressions: Suppression[], extras: RunExtras = {}): RunResult {
  const run = evaluate(template, rules, config, modelOptions, suppressions, extras);
  if (!modelOptions.siblings?.length) return { found: run.found, reached: true };
  return reportedFrom(run, template.file.path, false);
}

function evaluate(template: TemplateIR, rules: Rule[], config: GwlintConfig, modelOptions: ModelOptions, suppressions: Suppression[], extras: RunExtras): Evaluation {
  const { networks, models } = extras;
  const out: Diagnostic[] = [];
  const model = new Model(template, modelOptions);
  models?.push(model);
  const baseModel = extras.base?.modelFor(model, modelOptions);
  if (networks) append(networks, summariseNetwork(model));
  const base = baseModel && { model: baseModel, network: network(baseModel), label: extras.base!.label, deleted: extras.base!.isDeleted(template.file.path) };
  let net: Network | undefined;
  for (const rule of rules) {
    if (config.rules[rule.meta.id] === 'off' || (rule.meta.category === 'change' && !base) || !mayReportOn(rule, model)) continue;
    const report = (f: Finding) => out.push(toDiagnostic(rule, f));
    const before = out.length;
    try {
      // A plain object per rule: spreading a shared context with a getter took a slow path each time.
      rule.check({ model, network: (net ??= network(model)), base, report });
    } catch (e) {
      out.push(engineDiagnostic(INTERNAL_ERROR.id, 'error', `Rule '${rule.meta.id}' failed on this file: ${(e as Error).message}. Please report this.`, { file: template.file, start: 0, end: 0 }));
    }
    if (extras.until && madeOneOf(out, before, extras.until)) break;
  }
  // After the rules: their look-ups, not these (where metadata is mostly absent), are what V8 should tune objectProp for.
  append(suppressions, metadataSuppressions(model.instances.flatMap((i) => i.template.resources)));
  for (const hit of model.budget.hits)
    out.push(engineDiagnostic(EVAL_LIMIT.id, EVAL_LIMIT.level, `Evaluation limit: ${hit.message}; values past it are treated as unknown.`, hit.at ?? { file: template.file, start: 0, end: 0 }));
  return { model, found: out };
}

/** Whether a finding from `from` on is one `accepted` accepts. */
function madeOneOf(found: readonly Diagnostic[], from: number, accepted: (d: Diagnostic) => boolean): boolean {
  for (let i = from; i < found.length; i++) if (accepted(found[i])) return true;
  return false;
}

/**
 * The findings of an evaluation that belong to the deployment of one file: the root template (leaving out
 * its siblings'), or a module or linked template evaluated through a caller, whose call sites become
 * related locations. A finding belongs to the deployment that uses the value, wherever the value was written.
 */
function reportedFrom({ model, found }: Evaluation, file: string, throughCaller: boolean): RunResult {
  const own = model.filesUnder(file);
  const callSites = throughCaller ? model.callSitesOf(file).map((span) => ({ span, message: `Deployed from ${basename(span.file.path)} here, with the values it passes.` })) : [];
  return { found: found.filter((d) => own.has(usePlace(d).file.path)).map((d) => (callSites.length ? { ...d, related: [...d.related, ...callSites] } : d)), reached: own.size > 0 };
}

function toDiagnostic(rule: Rule, f: Finding): Diagnostic {
  const related = [...(f.related ?? [])];
  let message = f.message;
  let span: Span;
  if ('file' in f.at) span = f.at;
  else if ('kind' in f.at) span = f.at.span;
  else {
    const located = f.at as Located;
    span = located.node.span;
    // The value's own place is the primary span; where it was written and the places it passed through
    // (the property using it, loops) are related locations, in order.
    const writer = located.origins.filter((o) => !o.passage).pop();
    const elsewhere = located.origins.filter((o) => !sameSpan(o.span, span));
    // A finding in the parameters file that wrote the value need not name that file again.
    const said = writer?.brief && writer.span.file === span.file ? writer.brief : writer?.description;
    if (writer && (elsewhere.length || !sameSpan(writer.span, span))) message += ` ${valueOrigin(said!)}`;
    if ((writer && !sameSpan(writer.span, span)) || located.origins.some((o) => o.passage))
      for (const o of elsewhere) related.push({ span: o.span, message: o.passage || (o.via && o !== writer) ? `${capitalize(o.via ?? o.description)}.` : writtenBy(o.description) });
  }
  if (f.hint) message += ` ${f.hint}`;
  return { ruleId: rule.meta.id, level: f.level ?? rule.meta.level, message, span, related, fix: f.fix, ...(f.policy ? { policy: f.policy } : {}) };
}

function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end;
}

function engineDiagnostic(ruleId: string, level: Level, message: string, span: Span): Diagnostic {
  return { ruleId, level, message, span, related: [] };
}

function collect(
  unique: Diagnostic[],
  suppressions: Suppression[],
  parsed: Map<string, ParsedFile>,
  targets: VirtualFile[],
  allMeta: LintResult['rules'],
  knownIds: ReadonlySet<string>,
  configFor: (path: string) => GwlintConfig,
): LintResult {
  const unused = applySuppressions(unique, dedupeSuppressions(suppressions), knownIds);
  const files = new Map<string, FileResult>();
  for (const t of targets) {
    const p = parsed.get(t.path);
    if (p?.kind) files.set(t.path, { path: t.path, source: p.source, kind: p.kind, diagnostics: [] });
  }
  for (const d of [...unique, ...unused]) {
    const setting = configFor(d.span.file.path).rules[d.ruleId];
    if (setting === 'off') continue;
    if (setting) d.level = setting;
    const p = d.span.file.path;
    let fr = files.get(p);
    if (!fr) {
      fr = { path: p, source: d.span.file, kind: parsed.get(p)?.kind ?? 'arm-template', diagnostics: [] };
      files.set(p, fr);
    }
    fr.diagnostics.push(d);
  }
  for (const fr of files.values()) fr.diagnostics.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  return { files: [...files.values()], rules: allMeta };
}

/**
 * The same finding reached twice (a module linted alone and through its caller) is reported once. One value
 * used in two places (a variable two gateways read) gives a finding per use.
 */
function dedupe(diagnostics: Diagnostic[], perSet: ReadonlySet<Diagnostic>): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const use = usePlace(d);
    const key = `${d.ruleId}\0${d.span.file.path}\0${d.span.start}\0${d.span.end}\0${use.file.path}\0${use.start}${perSet.has(d) ? `\0${d.message}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function dedupeSuppressions(list: Suppression[]): Suppression[] {
  const seen = new Set<string>();
  return list.filter((s) => {
    const key = `${s.span.file.path}\0${s.span.start}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
