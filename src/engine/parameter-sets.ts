import type { Diagnostic, RelatedLocation } from '../core/diagnostic.js';
import type { ParameterSet } from './pairing.js';

/** The findings of one deployment of a template: with one parameter set, or with its defaults (no set). */
export interface SetFindings {
  set: ParameterSet | undefined;
  found: Diagnostic[];
}

/**
 * One list of findings for a template deployed with several parameter sets. A finding that every set
 * produces (same rule, place and message) is reported once; one that only some sets produce is reported
 * per set, introduced by the set's name ("In prod: …") with the parameters file as a related location.
 * Set-specific findings are added to `perSet` so that deduplication keeps them apart.
 */
export function combineParameterSets(results: SetFindings[], perSet: Set<Diagnostic>): Diagnostic[] {
  if (results.length === 1) return results[0].found;
  const keyOf = (d: Diagnostic, set: ParameterSet | undefined) => findingKey(d, set);
  const counts = new Map<string, number>();
  for (const r of results) for (const key of new Set(r.found.map((d) => keyOf(d, r.set)))) counts.set(key, (counts.get(key) ?? 0) + 1);
  const out: Diagnostic[] = [];
  const common = new Map<string, Diagnostic>();
  for (const r of results)
    for (const d of r.found) {
      const key = keyOf(d, r.set);
      if (counts.get(key) === results.length) {
        // The same finding in every set; where the value comes from each set's file, every file is named.
        const first = common.get(key);
        if (first) {
          for (const rel of d.related) if (!first.related.some((x) => sameRelated(x, rel))) first.related.push(rel);
        } else {
          const copy = { ...d, related: [...d.related] };
          common.set(key, copy);
          out.push(copy);
        }
        continue;
      }
      const labelled = r.set ? forSet(d, r.set) : d;
      perSet.add(labelled);
      out.push(labelled);
    }
  return out;
}

/** Rule, place and message, with the set's own file name left out: a value from each set's file is the same finding. */
function findingKey(d: Diagnostic, set: ParameterSet | undefined): string {
  const name = set && set.parameters.file.path.split(/[\\/]/).pop();
  const message = name ? d.message.split(name).join('\0') : d.message;
  return `${d.ruleId}\0${d.span.file.path}\0${d.span.start}\0${d.span.end}\0${message}`;
}

function sameRelated(a: RelatedLocation, b: RelatedLocation): boolean {
  return a.span.file === b.span.file && a.span.start === b.span.start && a.span.end === b.span.end && a.message === b.message;
}

function forSet(d: Diagnostic, set: ParameterSet): Diagnostic {
  const file = set.parameters.file;
  // The value that causes it is often in the parameters file already; otherwise the file itself is named.
  const named = d.related.some((r) => r.span.file.path === file.path);
  const related: RelatedLocation[] = named ? d.related : [...d.related, { span: { file, start: 0, end: 0 }, message: `Deployed with the parameters in ${set.label}.` }];
  return { ...d, message: `In ${set.label}: ${d.message}`, related };
}
