import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import { objectGet, objectProp } from '../expr/ast.js';
import type { ParameterOverride } from '../model/instance.js';
import { resolveRelative } from '../model/paths.js';
import type { ResourceDecl, TemplateIR } from '../parse/ir.js';
import type { MergedCalls } from './repository.js';
import { MAX_CALLERS } from './repository.js';

/**
 * The findings of a module deployed by more callers than are evaluated one by one, from one deployment
 * standing for all its calls; each names the first call site and says how its values were merged.
 */
export function mergedCallFindings(module: TemplateIR, calls: MergedCalls, parse: (p: string) => TemplateIR | undefined, run: (overrides: Map<string, ParameterOverride | null>) => Diagnostic[]): Diagnostic[] {
  const { overrides, site } = mergedParameters(module, calls, parse);
  const note = site && { span: site, message: `Deployed from more than ${MAX_CALLERS} templates: judged with the values every call passes alike, the others unknown.` };
  return run(overrides).map((d) => (note ? { ...d, related: [...d.related, note] } : d));
}

/** A module's parameters for its callers beyond the bound, merged: a value only where every call passes the same literal. */
export interface MergedParameters {
  overrides: Map<string, ParameterOverride | null>;
  /** The first call site read, for the note on the findings. */
  site?: Span;
}

/**
 * One deployment standing for every call of a module (when it has more callers than are evaluated one
 * by one): a parameter keeps a value only when every call site passes the same literal (or leaves the same
 * literal default); a value that differs among them, that is computed, or that a caller not read (beyond
 * the count read, or a call site that cannot be found) may pass, is Unknown. Never a guessed value.
 */
function mergedParameters(module: TemplateIR, calls: MergedCalls, parse: (p: string) => TemplateIR | undefined): MergedParameters {
  const sites: ResourceDecl[] = [];
  let complete = calls.complete;
  for (const caller of calls.callers) {
    const template = parse(caller);
    const found = template ? callSitesIn(template, calls.file) : [];
    if (!found.length) complete = false;
    for (const s of found) sites.push(s);
  }
  const overrides = new Map<string, ParameterOverride | null>();
  for (const p of module.parameters) {
    const passed = sites.map((s) => passedExpr(s, p.name) ?? p.defaultValue);
    const first = passed[0];
    const same = complete && first?.kind === 'literal' && passed.every((e) => e?.kind === 'literal' && e.value === first.value);
    overrides.set(p.name.toLowerCase(), same ? { expr: first, by: `each of the ${sites.length} calls` } : null);
  }
  return { overrides, site: sites[0]?.span };
}

/** The resources of a caller (at any depth) that deploy `file` by a relative path. */
function callSitesIn(caller: TemplateIR, file: string): ResourceDecl[] {
  const out: ResourceDecl[] = [];
  const visit = (decls: readonly ResourceDecl[]) => {
    for (const d of decls) {
      const modulePath = d.deployment?.modulePath;
      if (modulePath && resolveRelative(caller.file.path, modulePath) === file) out.push(d);
      visit(d.children);
      if (d.deployment?.template) visit(d.deployment.template.resources);
    }
  };
  visit(caller.resources);
  return out;
}

function passedExpr(site: ResourceDecl, name: string): Expr | undefined {
  const nested = site.deployment!;
  const prop = objectProp(nested.parameters, name);
  if (!prop) return undefined;
  return nested.parametersShape === 'arm' ? objectGet(prop.value, 'value') : prop.value;
}
