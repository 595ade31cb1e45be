import type { Diagnostic, RelatedLocation } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import type { ParamDecl, ParamFileIR, ResourceDecl, TemplateIR } from '../parse/ir.js';
import { literalString } from '../expr/ast.js';
import { RESOURCE_TYPES } from '../knowledge/gateway-types.js';
import { NAT_RULE } from '../model/nat-rule.js';
import { basename } from '../model/paths.js';
import { ReachIndex, collectMentions, templateOfTypes } from './reached-resources.js';
import { ALLOWED_VALUES, ENGINE_RULES } from './engine-rules.js';
import { usePlace } from './use-place.js';

/** Resource types whose settings the gateway rules judge; a parameter matters when one of these uses it. */
const GATEWAY_TYPES = /virtualnetworkgateways|connections|localnetworkgateways/i;
/**
 * The resources the rules that judge gateway settings read (see `readsGatewaySettings`): gateways and their
 * NAT rules, connections, local network gateways, public IPs, VNets and subnets. Each combination builds
 * only these: on a template of thousands of resources the others would cost every combination their
 * evaluation. A judging rule that reads another type must add it here.
 */
const JUDGED_TYPES: ReadonlySet<string> = new Set([...Object.values(RESOURCE_TYPES), NAT_RULE].map((t) => t.toLowerCase()));
/** Combinations tried for one allowed value before giving up (and staying silent: no proof, no finding). */
const MAX_TRIES_PER_VALUE = 512;
/** Combinations linted per group of parameters, over all values. */
const MAX_LINTS = 2048;
/**
 * Combinations times the declarations each one evaluates, per group: a search over a template of hundreds
 * of resources stops sooner (and stays silent) rather than take minutes.
 */
const MAX_WORK = 65_536;
const ENGINE_IDS = new Set(ENGINE_RULES.map((r) => r.id));
/** Resource properties no rule judges: a parameter used only there (a region list…) is not varied. */
const UNJUDGED = new Set(['location', 'tags']);

/** Parameter values for one lint, by lower-case name: an allowed value, or `null` for no value (Unknown). */
export type Overrides = Map<string, Expr | null>;
/** Lints a template with parameter values; with `until`, the rules may stop after one that made a finding it accepts. */
export type LintWith = (template: TemplateIR, overrides: Overrides, until?: (d: Diagnostic) => boolean) => Diagnostic[];

interface Choice {
  param: ParamDecl;
  key: string;
  /** The allowed values, the default (when it is one of them) first: the likeliest to work. */
  values: Expr[];
}

/**
 * The parameters whose allowed values (`allowedValues`, `@allowed`, a literal-union type) reach a gateway,
 * connection or local network gateway, directly or through a variable, and are not fixed by a parameters
 * file. Secure parameters are left out (their values are never quoted), and so are arrays (their allowed
 * values constrain elements, not the value).
 */
function choices(template: TemplateIR, paramFile: ParamFileIR | undefined): Choice[] {
  const candidates = template.parameters.filter((p) => {
    const list = p.allowedValues;
    return !fixedByFile(paramFile, p.name.toLowerCase()) && !p.secure && p.type?.toLowerCase() !== 'array' && list?.kind === 'array' && list.items.length >= 1 && list.items.every((i) => i.kind === 'literal');
  });
  if (!candidates.length) return [];
  const gateways = gatewayResources(template.resources);
  if (!gateways.length) return [];
  const used = { names: new Set<string>(), words: new Set<string>() };
  for (const g of gateways) for (const prop of g.body.props) if (!UNJUDGED.has(prop.key.toLowerCase())) collectMentions(prop.value, used);
  for (let grew = true; grew; ) {
    const before = used.names.size;
    for (const v of template.variables) if (used.names.has(v.name.toLowerCase())) collectMentions(v.value, used);
    grew = used.names.size > before;
  }
  return candidates
    .filter((p) => used.names.has(p.name.toLowerCase()))
    .map((param) => ({ param, key: param.name.toLowerCase(), values: defaultFirst(param) }));
}

function fixedByFile(paramFile: ParamFileIR | undefined, lowerName: string): boolean {
  return paramFile?.values.some((v) => v.name.toLowerCase() === lowerName) ?? false;
}

function defaultFirst(param: ParamDecl): Expr[] {
  const items = (param.allowedValues as { items: Expr[] }).items;
  const d = param.defaultValue?.kind === 'literal' ? param.defaultValue.value : undefined;
  const i = items.findIndex((v) => v.kind === 'literal' && v.value === d);
  return i > 0 ? [items[i], ...items.slice(0, i), ...items.slice(i + 1)] : items;
}

function gatewayResources(decls: ResourceDecl[]): ResourceDecl[] {
  return decls.flatMap((d) => [...(GATEWAY_TYPES.test(literalString(d.type) ?? '') ? [d] : []), ...gatewayResources(d.children)]);
}

/** An error a combination of allowed values leads to. */
type Failure = Diagnostic;

/**
 * Reports each allowed value that fails in every combination with the other parameters' allowed values
 * (the parameters without allowed values left unknown), that is, a value Azure can never deploy, as an
 * `allowed-values` warning on the value, when another value of the same parameter works. A value with at
 * least one working combination is not reported, so a generic template (every input unknown, every value
 * usable with some other) is silent. Only the resources the varied parameters reach are linted again, and
 * parameters that reach disjoint resources are varied separately: whether a value of one deploys does not
 * depend on the other's, and the combinations of many independent parameters (a template that deploys
 * many gateways) would be far too many to try.
 */
export function allowedValueFindings(template: TemplateIR, paramFile: ParamFileIR | undefined, lintWith: LintWith): Diagnostic[] {
  const list = choices(template, paramFile);
  if (!list.length) return [];
  const reach = new ReachIndex(templateOfTypes(template, JUDGED_TYPES));
  const out: Diagnostic[] = [];
  for (const group of independentGroups(list, reach)) {
    // A value is reported when it fails with every combination of the others' values; where those are more
    // than a search tries, none can be, and the combinations are not linted at all.
    const decidable = group.filter((choice) => combinations(group.filter((c) => c !== choice)) <= MAX_TRIES_PER_VALUE);
    if (!decidable.length) continue;
    const reached = reach.templateReachedBy(new Set(group.map((c) => c.key)));
    // "Never" means whatever the other inputs are: the parameters without allowed values are left unknown.
    const chosen = new Set(group.map((c) => c.key));
    const others = template.parameters.map((p) => p.name.toLowerCase()).filter((name) => !chosen.has(name));
    const free = others.filter((name) => !fixedByFile(paramFile, name));
    const search = new CombinationSearch(reached, group, free, lintWith);
    // The parameters file's values are held fixed; a value that fails only with them says so (searched again without them).
    let open: CombinationSearch | undefined;
    const pinnedBy = (choice: Choice, value: Expr) => {
      if (!paramFile || free.length === others.length) return undefined;
      open ??= new CombinationSearch(reached, group, others, lintWith);
      return Array.isArray(open.outcome(choice, value)) ? undefined : basename(paramFile.file.path);
    };
    for (const choice of decidable) {
      const outcomes = choice.values.map((value) => ({ value, outcome: search.outcome(choice, value) }));
      // When no value works, the fault is elsewhere (the template's own findings show it), not in a value to remove.
      if (!outcomes.some((o) => o.outcome === 'works')) continue;
      for (const { value, outcome } of outcomes) if (Array.isArray(outcome)) out.push(finding(choice, value, group, outcome, pinnedBy(choice, value)));
    }
  }
  return out;
}

/** The choices in groups whose reached resources overlap (through other choices too), in their order. */
function independentGroups(list: Choice[], reach: ReachIndex): Choice[][] {
  const groups: { choices: Choice[]; decls: Set<ResourceDecl> }[] = [];
  for (const choice of list) {
    const decls = reach.reachedDecls(new Set([choice.key]));
    const joined = { choices: [choice], decls };
    for (const g of groups.filter((g) => [...decls].some((d) => g.decls.has(d)))) {
      groups.splice(groups.indexOf(g), 1);
      joined.choices.unshift(...g.choices);
      for (const d of g.decls) joined.decls.add(d);
    }
    groups.push(joined);
  }
  return groups.map((g) => list.filter((c) => g.choices.includes(c)));
}

/** Lints combinations of allowed values (each once) and tells whether a value fails in all of them. */
class CombinationSearch {
  private readonly results = new Map<string, Failure | null>();
  /** Errors that do not depend on the choices: those of the template with every choice left unknown. */
  private readonly independent: Set<string>;

  constructor(
    private readonly template: TemplateIR,
    private readonly list: Choice[],
    private readonly free: string[],
    private readonly lintWith: LintWith,
  ) {
    this.independent = new Set(this.errors(new Map(list.map((c) => [c.key, null]))).map(errorKey));
  }

  /** `works` when a combination with `value` deploys, else the first failure of each one; `unsure` when the search gave up. */
  outcome(choice: Choice, value: Expr): Failure[] | 'works' | 'unsure' {
    const others = this.list.filter((c) => c !== choice);
    const failures: Failure[] = [];
    let tries = 0;
    for (const combo of nearestFirst(others)) {
      if (++tries > MAX_TRIES_PER_VALUE) return 'unsure';
      combo.set(choice.key, value);
      const failure = this.failure(combo);
      if (failure === null) return 'works';
      if (failure === undefined) return 'unsure';
      failures.push(failure);
    }
    return failures;
  }

  /** The first new error of a combination; null when it deploys; undefined when the lint budget is spent. */
  private failure(combo: Map<string, Expr>): Failure | null | undefined {
    // By each value's place in its list: a JSON value's offset is found only by building the file's offset tree.
    const id = this.list.map((c) => c.values.indexOf(combo.get(c.key)!)).join(',');
    if (this.results.has(id)) return this.results.get(id);
    if (this.results.size >= Math.min(MAX_LINTS, Math.floor(MAX_WORK / Math.max(1, this.template.resources.length)))) return undefined;
    // Only the first new error counts: the rules after the one that makes it are not run.
    const isNew = (d: Diagnostic) => isError(d) && !this.independent.has(errorKey(d));
    const failure = this.errors(combo, isNew).find(isNew) ?? null;
    this.results.set(id, failure);
    return failure;
  }

  private errors(combo: Map<string, Expr | null>, until?: (d: Diagnostic) => boolean): Diagnostic[] {
    const overrides: Overrides = new Map(combo);
    for (const name of this.free) overrides.set(name, null);
    return this.lintWith(this.template, overrides, until).filter(isError);
  }
}

/** An error of a rule (the engine's own, such as evaluation limits, do not count against a value). */
function isError(d: Diagnostic): boolean {
  return d.level === 'error' && !ENGINE_IDS.has(d.ruleId);
}

/**
 * Every combination of the choices' values, nearest to the first values (the defaults) first: the first
 * values, then one choice changed, then two… A value that works with some combination usually works
 * with one close to the defaults, so the search for it stops early.
 */
function* nearestFirst(list: Choice[]): Generator<Map<string, Expr>> {
  for (let changed = 0; changed <= list.length; changed++)
    for (const subset of subsets(list.length, changed)) {
      const at = subset.map(() => 1);
      if (subset.some((i) => list[i].values.length < 2)) continue;
      for (;;) {
        const combo = new Map(list.map((c) => [c.key, c.values[0]]));
        subset.forEach((i, k) => combo.set(list[i].key, list[i].values[at[k]]));
        yield combo;
        let k = subset.length - 1;
        while (k >= 0 && ++at[k] === list[subset[k]].values.length) at[k--] = 1;
        if (k < 0) break;
      }
    }
}

/** How many combinations of the choices' values there are (nearestFirst yields each once). */
function combinations(list: Choice[]): number {
  return list.reduce((n, c) => n * c.values.length, 1);
}

/** The k-element subsets of 0…n-1, as ascending index lists. */
function* subsets(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= n - k; i++) for (const rest of subsets(n, k - 1, i + 1)) yield [i, ...rest];
}

/** An error is known by where it is used: the value it reports on differs with the combination tried. */
function errorKey(d: Diagnostic): string {
  const at = usePlace(d);
  return `${d.ruleId}\0${at.file.path}\0${at.start}`;
}

/** `pinnedBy`: the parameters file without whose values the value would not always fail, if any. */
function finding(choice: Choice, value: Expr, list: Choice[], failures: Failure[], pinnedBy: string | undefined): Diagnostic {
  const rules = [...new Set(failures.map((f) => f.ruleId))];
  const others = list.filter((c) => c !== choice).map((c) => c.param.name);
  const named = others.length > 3 ? `${others.slice(0, 3).join(', ')}, …` : others.join(', ');
  const against = others.length ? ` with any allowed ${named}` : pinnedBy ? '' : ' whatever the other inputs are';
  const ruleText = rules.length > 2 ? `${rules.slice(0, 2).join(', ')} and others` : rules.join(' or ');
  const first = failures[0];
  const related: RelatedLocation[] = [{ span: usePlace(first), message: `With ${choice.param.name} ${text(value.span)}, ${first.ruleId} fails here.` }];
  const never = `Allowed ${choice.param.name} ${text(value.span)} never deploys${pinnedBy ? ` with ${pinnedBy}` : ''}`;
  return {
    ruleId: ALLOWED_VALUES.id,
    level: ALLOWED_VALUES.level,
    message: `${never}: ${ruleText} fails${against}. ${pinnedBy ? 'Remove it, or change that file' : 'Remove it from the allowed values'}.`,
    span: value.span,
    related,
  };
}

function text(span: Span): string {
  return span.file.text.slice(span.start, span.end);
}

