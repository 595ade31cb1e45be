import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import { MODULE_UNRESOLVED, REGISTRY_MODULE_UNRESOLVED } from './engine-rules.js';

/**
 * Findings that land in a registry module's cached template. The module is not the user's code: a finding
 * there that a value of the caller causes moves to where the caller wrote that value, with the module's
 * line as a related location; one that does not depend on the caller is the module's own business and is
 * left out.
 */
export function moveOutOfRegistryModules(diagnostics: Diagnostic[], cached: ReadonlySet<string>): Diagnostic[] {
  if (!cached.size) return diagnostics;
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (!cached.has(d.span.file.path)) {
      out.push(d);
      continue;
    }
    const caller = [...d.related].reverse().find((r) => !cached.has(r.span.file.path));
    if (!caller) continue;
    out.push({ ...d, span: caller.span, related: [{ span: d.span, message: 'Where the registry module uses the value.' }, ...d.related.filter((r) => r !== caller)] });
  }
  return out;
}

/** One `registry-module-unresolved` finding per registry module the module cache does not hold, at its first use. */
export function unresolvedRegistryFindings(unresolved: ReadonlyMap<string, Span>): Diagnostic[] {
  return [...unresolved].map(([ref, span]) => ({
    ruleId: REGISTRY_MODULE_UNRESOLVED.id,
    level: REGISTRY_MODULE_UNRESOLVED.level,
    message: `Registry module '${ref}' was not linted: it is not in the Bicep module cache. Run 'bicep restore'.`,
    span,
    related: [],
  }));
}

/**
 * One `module-unresolved` finding per local module or linked template that could not be read, where its
 * path is written, in the files linted (a caller read for context is not reported on).
 */
export function unresolvedModuleFindings(unresolved: ReadonlyMap<string, { modulePath: string; span: Span }>, linted: ReadonlySet<string>): Diagnostic[] {
  return [...unresolved.values()]
    .filter(({ span }) => linted.has(span.file.path))
    .map(({ modulePath, span }) => ({
      ruleId: MODULE_UNRESOLVED.id,
      level: MODULE_UNRESOLVED.level,
      message: `Module '${modulePath}' was not linted: the file is missing, or outside the folder gwlint may read.`,
      span,
      related: [],
    }));
}
