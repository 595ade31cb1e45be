import type { Model } from '../model/model.js';
import type { TemplateIR } from '../parse/ir.js';
import type { GwlintConfig } from './config.js';
import { mayDeployOneOf } from './reached-resources.js';
import type { Rule } from './rule.js';

/**
 * Type-selective evaluation of whole templates: each rule declares the resource types it judges
 * (`RuleMeta.types`), and a template that may deploy none of the enabled rules' types (read from its
 * declarations, child resources and inline nested templates, without evaluating anything) is not
 * modelled. Its suppression comments and syntax are still read.
 */
export function mayBeJudged(template: TemplateIR, rules: readonly Rule[], config: GwlintConfig, text: string): boolean {
  // Change rules run only against a base revision, where templates are always modelled.
  const running = rules.filter((r) => config.rules[r.meta.id] !== 'off' && r.meta.category !== 'change');
  // The rules that need no text first: most modelled templates declare a VNet, and no text is scanned then.
  const judged = new Set<string>();
  for (const needsText of [false, true]) {
    for (const { meta } of running) {
      if (!!meta.named !== needsText || (meta.named && !meta.named.test(text))) continue;
      if (!meta.types) return true;
      for (const t of meta.types) judged.add(t.toLowerCase());
    }
    if (mayDeployOneOf(template, judged)) return true;
  }
  // Suppressions in resource metadata are collected with the model, and one never used is reported.
  return SUPPRESSION.test(text);
}

const SUPPRESSION = /gwlint/i;

/** Whether a rule may report on a model: it has a resource of a type the rule judges, and the text the rule names. */
export function mayReportOn(rule: Rule, model: Model): boolean {
  const { types, named } = rule.meta;
  return (!types || types.some((t) => model.declares(t))) && (!named || model.mentions(named));
}
