import type { Level, PolicyRef } from '../core/diagnostic.js';

/** Where the rule pages are published; the rule id is appended with `.md`. */
export const DOCS_BASE_URL = 'https://github.com/gwlint/gwlint/blob/main/docs/rules/';

/**
 * Rule metadata is the single source of truth for the README table, docs pages, config validation,
 * SARIF rule descriptors and the LSP's code descriptions.
 */
export interface RuleMeta {
  /** kebab-case, stable: config key, SARIF rule id and docs slug. */
  id: string;
  /** One line, shown in lists and as SARIF `shortDescription`. */
  summary: string;
  /** A paragraph: what is checked and why (SARIF `fullDescription`). */
  description: string;
  level: Level;
  /**
   * Every level the rule's findings take by case (an error case and a warning case), when there is more
   * than one. A level configured for the rule applies to every case, so tools show these rules at their
   * default rather than writing one level for them.
   */
  levels?: readonly Level[];
  /**
   * `engine` rules report on the linter's own work (parse errors, limits, suppressions); `change` rules
   * compare the files with a base revision and run in `gwlint diff` only.
   */
  category: 'gateway-subnet' | 'gateway' | 'connection' | 'network' | 'engine' | 'change';
  /**
   * True when findings depend on settings of a gateway, connection or local network gateway (type, SKU…)
   * though the rule's category is about something else; `gateway` and `connection` rules always do. The
   * allowed-values check lints its combinations with these rules only.
   */
  readsGatewaySettings?: boolean;
  /**
   * The resource types the rule judges (`Microsoft.Network/virtualNetworks`…): it reports nothing on a
   * deployment that declares none of them, so a template that declares none of any enabled rule's types is
   * not modelled. Unset: a resource of any type may lead to a finding.
   */
  types?: readonly string[];
  /** Text the rule needs: it reports nothing unless some file of the deployment contains it. */
  named?: RegExp;
  /** True when some findings carry a fix that `--fix` applies. */
  fixable?: boolean;
  /**
   * True when findings sit on secret values (a connection's shared key): messages never quote the value,
   * and reporters must not quote the source text a finding points at.
   */
  sensitive?: boolean;
  /**
   * Built-in Azure Policy definitions that deny or audit what some of the rule's findings report: SARIF
   * rule tags, and each is linked from the rule's docs page. The findings they cover carry `policy`.
   */
  policies?: readonly PolicyRef[];
}

/** The default level as people read it: `warning`, or `error/warning` for a rule whose level depends on the case. */
export function defaultLevelText(rule: RuleMeta): string {
  return rule.levels?.join('/') ?? rule.level;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** Whether a rule's findings can change with a gateway's, connection's or local network gateway's settings. */
export function readsGatewaySettings(meta: RuleMeta): boolean {
  return meta.category === 'gateway' || meta.category === 'connection' || meta.readsGatewaySettings === true;
}

/** Whether some finding of the rule may be an error (see `levels`). */
export function mayReportErrors(meta: RuleMeta): boolean {
  return (meta.levels ?? [meta.level]).includes('error');
}
