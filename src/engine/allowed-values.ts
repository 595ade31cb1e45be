import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import type { ParamDecl, ParamFileIR, ResourceDecl, TemplateIR } from '../parse/ir.js';

/** Resource types whose settings the gateway rules judge; a parameter matters when one of these uses it. */
const GATEWAY_TYPES = /virtualnetworkgateways|connections|localnetworkgateways|publicipaddresses|virtualnetworks/i;
/** At most this many combinations are linted per template; beyond it, each parameter is varied alone. */
const MAX_COMBINATIONS = 64;

interface Choice {
  param: ParamDecl;
  values: Expr[];
}

/**
 * The parameters whose `allowedValues` (`@allowed`) reach a gateway-related resource and are not fixed by a
 * parameters file, with their allowed values.
 */
function choices(template: TemplateIR, paramFile: ParamFileIR | undefined): Choice[] {
  const relevantText = relevantResources(template.resources)
    .map((r) => template.file.text.slice(r.span.start, r.span.end))
    .join('\n');
  const viaVariables = template.variables
    .filter((v) => v.value.span.file === template.file)
    .map((v) => ({ name: v.name, text: template.file.text.slice(v.span.start, v.span.end) }))
    .filter((v) => mentions(relevantText, v.name));
  return template.parameters.flatMap((param) => {
    const list = param.allowedValues;
    if (list?.kind !== 'array' || list.items.length < 2 || !list.items.every((i) => i.kind === 'literal')) return [];
    if (paramFile?.values.some((v) => v.name.toLowerCase() === param.name.toLowerCase())) return [];
    const used = mentions(relevantText, param.name) || viaVariables.some((v) => mentions(v.text, param.name));
    return used ? [{ param, values: list.items }] : [];
  });
}

function relevantResources(decls: ResourceDecl[]): ResourceDecl[] {
  return decls.flatMap((d) => {
    const type = d.type.kind === 'literal' ? String(d.type.value) : '';
    return [...(GATEWAY_TYPES.test(type) ? [d] : []), ...relevantResources(d.children)];
  });
}

function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9_$])${name.replace(/[$]/g, '\\$')}([^A-Za-z0-9_$]|$)`, 'i').test(text);
}

/** Every combination of the choices, or each choice alone against the defaults when there are too many. */
function combinations(list: Choice[]): Map<string, Expr>[] {
  const total = list.reduce((n, c) => n * c.values.length, 1);
  if (total <= MAX_COMBINATIONS) {
    let combos: Map<string, Expr>[] = [new Map()];
    for (const c of list) combos = combos.flatMap((m) => c.values.map((v) => new Map(m).set(c.param.name.toLowerCase(), v)));
    return combos;
  }
  return list.flatMap((c) => c.values.map((v) => new Map([[c.param.name.toLowerCase(), v]]))).slice(0, MAX_COMBINATIONS);
}

/**
 * Lints the template once for each combination of allowed values and reports every error that a
 * combination produces and the template as written does not, as a warning on the allowed value that
 * leads to it, under the rule it breaks.
 */
export function allowedValueFindings(
  template: TemplateIR,
  paramFile: ParamFileIR | undefined,
  base: Diagnostic[],
  lintWith: (overrides: Map<string, Expr>) => Diagnostic[],
): Diagnostic[] {
  const list = choices(template, paramFile);
  if (!list.length) return [];
  const seen = new Set(base.map(key));
  const out = new Map<string, Diagnostic>();
  for (const combo of combinations(list)) {
    for (const d of lintWith(combo)) {
      if (d.level !== 'error' || d.ruleId === 'internal-error' || seen.has(key(d))) continue;
      const at = culprit(d, combo) ?? [...combo.values()][0];
      const setting = [...combo.entries()].map(([name, v]) => `${declName(list, name)} = ${text(v.span)}`).join(', ');
      const reported: Diagnostic = {
        ruleId: d.ruleId,
        level: 'warning',
        message: `The allowed values permit a combination Azure rejects (${setting}): ${d.message} Remove the value from the allowed list, or restrict the combination.`,
        span: at.span,
        related: [{ span: d.span, message: 'With these values, this is where the deployment fails.' }],
      };
      const id = `${d.ruleId}\0${at.span.start}\0${d.span.start}`;
      if (!out.has(id)) out.set(id, reported);
    }
  }
  return [...out.values()];
}

/** The allowed value the finding's value came through, when its related locations show one. */
function culprit(d: Diagnostic, combo: Map<string, Expr>): Expr | undefined {
  for (const v of combo.values()) if (d.related.some((r) => r.span.file === v.span.file && r.span.start >= v.span.start && r.span.end <= v.span.end)) return v;
  return undefined;
}

function key(d: Diagnostic): string {
  return `${d.ruleId}\0${d.span.file.path}\0${d.span.start}`;
}

function declName(list: Choice[], lower: string): string {
  return list.find((c) => c.param.name.toLowerCase() === lower)?.param.name ?? lower;
}

function text(span: Span): string {
  return span.file.text.slice(span.start, span.end);
}
