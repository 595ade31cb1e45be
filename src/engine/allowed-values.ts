import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import type { ParamDecl, ParamFileIR, ResourceDecl, TemplateIR } from '../parse/ir.js';
import { literalString } from '../expr/ast.js';

/** Resource types whose settings the gateway rules judge; a parameter matters when one of these uses it. */
const GATEWAY_TYPES = /virtualnetworkgateways|connections|localnetworkgateways/i;
/** At most this many combinations are linted per template; beyond it, each parameter is varied alone. */
const MAX_COMBINATIONS = 64;

interface Choice {
  param: ParamDecl;
  values: Expr[];
}

/**
 * The parameters whose `allowedValues` (`@allowed`) reach a gateway, connection or local network gateway,
 * directly or through a variable, and are not fixed by a parameters file, with their allowed values.
 */
function choices(template: TemplateIR, paramFile: ParamFileIR | undefined): Choice[] {
  const candidates = template.parameters.filter((p) => {
    const list = p.allowedValues;
    return list?.kind === 'array' && list.items.length >= 2 && list.items.every((i) => i.kind === 'literal');
  });
  if (!candidates.length) return [];
  const gateways = gatewayResources(template.resources);
  if (!gateways.length) return [];
  const used = new Set<string>();
  for (const g of gateways) namesUsedIn(g.body, used);
  for (const v of template.variables) if (used.has(v.name.toLowerCase())) namesUsedIn(v.value, used);
  return candidates
    .filter((p) => used.has(p.name.toLowerCase()) && !paramFile?.values.some((v) => v.name.toLowerCase() === p.name.toLowerCase()))
    .map((param) => ({ param, values: (param.allowedValues as { items: Expr[] }).items }));
}

function gatewayResources(decls: ResourceDecl[]): ResourceDecl[] {
  return decls.flatMap((d) => [...(GATEWAY_TYPES.test(literalString(d.type) ?? '') ? [d] : []), ...gatewayResources(d.children)]);
}

/** Lower-case names of the parameters and variables an expression refers to (ARM calls and Bicep symbols). */
function namesUsedIn(e: Expr, out: Set<string>): void {
  switch (e.kind) {
    case 'call': {
      const arg = e.args[0];
      if ((e.name === 'parameters' || e.name === 'variables') && arg?.kind === 'literal' && typeof arg.value === 'string') out.add(arg.value.toLowerCase());
      e.args.forEach((a) => namesUsedIn(a, out));
      return;
    }
    case 'symbol':
      out.add(e.name.toLowerCase());
      return;
    case 'object':
      e.props.forEach((p) => namesUsedIn(p.value, out));
      return;
    case 'array':
      e.items.forEach((i) => namesUsedIn(i, out));
      return;
    case 'member':
      return namesUsedIn(e.object, out);
    case 'index':
      namesUsedIn(e.object, out);
      return namesUsedIn(e.index, out);
    case 'unary':
      return namesUsedIn(e.operand, out);
    case 'binary':
      namesUsedIn(e.left, out);
      return namesUsedIn(e.right, out);
    case 'ternary':
      [e.condition, e.whenTrue, e.whenFalse].forEach((x) => namesUsedIn(x, out));
      return;
    case 'interpolation':
      e.parts.forEach((p) => typeof p !== 'string' && namesUsedIn(p, out));
      return;
    case 'for':
      [e.iterable, e.body, ...(e.filter ? [e.filter] : [])].forEach((x) => namesUsedIn(x, out));
      return;
    case 'copy':
      namesUsedIn(e.count, out);
      return namesUsedIn(e.input, out);
    case 'lambda':
      return namesUsedIn(e.body, out);
  }
}

/**
 * Every combination of the short lists (settings such as SKU, type, generation), as many as fit in
 * MAX_COMBINATIONS, then each remaining list (often long ones, such as locations) varied alone.
 */
function combinations(list: Choice[]): Map<string, Expr>[] {
  const ordered = [...list].sort((a, b) => a.values.length - b.values.length || a.param.name.localeCompare(b.param.name));
  let combos: Map<string, Expr>[] = [new Map()];
  let i = 0;
  for (; i < ordered.length && combos.length * ordered[i].values.length <= MAX_COMBINATIONS; i++) {
    const c = ordered[i];
    combos = combos.flatMap((m) => c.values.map((v) => new Map(m).set(c.param.name.toLowerCase(), v)));
  }
  const alone = ordered.slice(i).flatMap((c) => c.values.map((v) => new Map([[c.param.name.toLowerCase(), v]])));
  return [...combos, ...alone.slice(0, MAX_COMBINATIONS)];
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
