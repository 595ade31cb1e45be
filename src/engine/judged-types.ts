import type { Model } from '../model/model.js';
import type { TemplateIR } from '../parse/ir.js';
import type { GwlintConfig } from './config.js';
import { mayDeployOneOf } from './reached-resources.js';
import type { Rule } from './rule.js';
import type { RuleMeta } from './rule-meta.js';

/**
 * Type-selective evaluation of whole templates: each rule declares the resource types it judges
 * (`RuleMeta.types`), and a template that may deploy none of the enabled rules' types (read from its
 * declarations, child resources and inline nested templates, without evaluating anything) is not
 * modelled. Its suppression comments and syntax are still read.
 */
export function mayBeJudged(template: TemplateIR, rules: readonly Rule[], config: GwlintConfig, text: string): boolean {
  const { everyType, judged, named } = judgedTypes(rules, config);
  // The rules that need no text first: most modelled templates declare a VNet, and no text is scanned then.
  if (everyType || mayDeployOneOf(template, judged)) return true;
  let more: Set<string> | undefined;
  for (const meta of named) {
    if (!meta.named!.test(text)) continue;
    if (!meta.types) return true;
    for (const t of lowerCaseTypes(meta.types)) if (!judged.has(t)) (more ??= new Set(judged)).add(t);
  }
  if (more && mayDeployOneOf(template, more)) return true;
  // Suppressions in resource metadata are collected with the model, and one never used is reported.
  return SUPPRESSION.test(text);
}

interface JudgedTypes {
  /** A running rule that needs no text judges every type. */
  everyType: boolean;
  /** The lower-case types judged by the running rules that need no text. */
  judged: ReadonlySet<string>;
  /** The running rules that need a text (`meta.named`): they judge their types only where it appears. */
  named: readonly RuleMeta[];
}

/**
 * What mayBeJudged asks of the rules a configuration runs, worked out once per rule list and configuration
 * (a run lints thousands of templates under a few). Change rules run only against a base revision, where
 * templates are always modelled.
 */
function judgedTypes(rules: readonly Rule[], config: GwlintConfig): JudgedTypes {
  let byConfig = judgedByRules.get(rules);
  if (!byConfig) judgedByRules.set(rules, (byConfig = new WeakMap()));
  let known = byConfig.get(config);
  if (!known) {
    const running = rules.filter((r) => config.rules[r.meta.id] !== 'off' && r.meta.category !== 'change').map((r) => r.meta);
    const textless = running.filter((m) => !m.named);
    known = {
      everyType: textless.some((m) => !m.types),
      judged: new Set(textless.flatMap((m) => (m.types ? lowerCaseTypes(m.types) : []))),
      named: running.filter((m) => m.named),
    };
    byConfig.set(config, known);
  }
  return known;
}

const judgedByRules = new WeakMap<readonly Rule[], WeakMap<GwlintConfig, JudgedTypes>>();

const SUPPRESSION = /gwlint/i;

/** Whether a rule may report on a model: it has a resource of a type the rule judges, and the text the rule names. */
export function mayReportOn(rule: Rule, model: Model): boolean {
  const { types, named } = rule.meta;
  if (types) {
    const lower = lowerCaseTypes(types);
    let declared = false;
    for (let i = 0; i < lower.length && !declared; i++) declared = model.declares(lower[i]);
    if (!declared) return false;
  }
  return !named || model.mentions(named);
}

/** A rule's types in lower case, made once: every modelled template asks every rule. */
function lowerCaseTypes(types: readonly string[]): readonly string[] {
  let lower = lowerCased.get(types);
  if (!lower) lowerCased.set(types, (lower = types.map((t) => t.toLowerCase())));
  return lower;
}

const lowerCased = new WeakMap<readonly string[], readonly string[]>();
