import { literalString } from '../expr/ast.js';
import type { Model } from '../model/model.js';
import { isRelativeType } from '../model/resource.js';
import type { ResourceDecl, TemplateIR } from '../parse/ir.js';
import type { GwlintConfig } from './config.js';
import type { Rule } from './rule.js';

/**
 * Type-selective evaluation of whole templates: each rule declares the resource types it judges
 * (`RuleMeta.types`), and a template that declares none of the enabled rules' types is not modelled.
 * Its suppression comments and syntax are still read.
 */
export function mayBeJudged(template: TemplateIR, rules: readonly Rule[], config: GwlintConfig, text: string): boolean {
  // Suppressions in resource metadata are collected with the model, and one never used is reported.
  if (SUPPRESSION.test(text)) return true;
  const types = declaredTypes(template);
  return !types || rules.some((r) => runs(r, config) && judges(r, types) && (!r.meta.named || r.meta.named.test(text)));
}

const SUPPRESSION = /gwlint/i;

/** Change rules run only against a base revision, where templates are always modelled. */
function runs(rule: Rule, config: GwlintConfig): boolean {
  return config.rules[rule.meta.id] !== 'off' && rule.meta.category !== 'change';
}

function judges(rule: Rule, declared: ReadonlySet<string>): boolean {
  return !rule.meta.types || rule.meta.types.some((t) => declared.has(t.toLowerCase()));
}

/** Whether a rule may report on a model: it has a resource of a type the rule judges, and the text the rule names. */
export function mayReportOn(rule: Rule, model: Model): boolean {
  const { types, named } = rule.meta;
  return (!types || types.some((t) => model.declares(t))) && (!named || model.mentions(named));
}

/**
 * The resource types (lower case) a template declares: its resources, their child resources and those of
 * its inline nested deployments, read from the declarations without evaluating anything. Undefined when
 * that is not enough: a type written as an expression, or a deployment that runs another file.
 */
export function declaredTypes(template: TemplateIR): Set<string> | undefined {
  const out = new Set<string>();
  return addDeclared(template.resources, undefined, out) ? out : undefined;
}

function addDeclared(decls: readonly ResourceDecl[], parentType: string | undefined, out: Set<string>): boolean {
  for (const decl of decls) {
    const written = literalString(decl.type);
    if (written === undefined) return false;
    const bare = written.split('@', 1)[0];
    const type = parentType !== undefined && isRelativeType(bare) ? `${parentType}/${bare}` : bare;
    out.add(type.toLowerCase());
    if (!addDeclared(decl.children, type, out)) return false;
    const deployment = decl.deployment;
    if (deployment?.template) {
      if (!addDeclared(deployment.template.resources, undefined, out)) return false;
    } else if (deployment && (deployment.modulePath !== undefined || deployment.linkUri !== undefined || deployment.registryRef !== undefined)) return false;
  }
  return true;
}
