import type { Fix, Level, PolicyRef, RelatedLocation } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import type { Located } from '../model/locate.js';
import type { Model } from '../model/model.js';
import type { Network } from '../model/network.js';
import type { RuleMeta } from './rule-meta.js';

export interface Finding {
  /** A located value (its origins become related locations), an expression node, or a span. */
  at: Located | Expr | Span;
  /** One sentence: what is wrong with which value. Background belongs on the rule's docs page. */
  message: string;
  /** At most one short sentence on the fix. */
  hint?: string;
  /** Overrides the rule's default level for this finding (a rule may have an error and a warning case). */
  level?: Level;
  related?: RelatedLocation[];
  fix?: Fix;
  /** The built-in Azure Policy that would also deny or audit what this finding reports. */
  policy?: PolicyRef;
}

/** The base revision's version of the model (`gwlint diff`), for the change rules. */
export interface BaseContext {
  readonly model: Model;
  readonly network: Network;
  /** How the user named the base revision (`origin/HEAD`, a SHA), for messages. */
  readonly label: string;
  /** True when the head version of the root template was deleted: the head model is empty. */
  readonly deleted: boolean;
}

export interface RuleContext {
  readonly model: Model;
  /** VNets, subnets, subnet references and gateways of the model. */
  readonly network: Network;
  /** Set for change rules in `gwlint diff` when a file the model reads changed since the base revision. */
  readonly base?: BaseContext;
  report(finding: Finding): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
