import type { Diagnostic, RelatedLocation } from '../core/diagnostic.js';
import type { ParamValue } from '../parse/ir.js';
import type { ParameterSet } from './pairing.js';

/** The findings of one deployment of a template: with one parameter set, or with its defaults (no set). */
export interface SetFindings {
  set: ParameterSet | undefined;
  found: Diagnostic[];
}

/**
 * One list of findings for a template deployed with several parameter sets. A finding that every set
 * produces (same rule, place and message) is reported once; one that only some sets produce is reported
 * per set, introduced by the set's name ("In prod: …") with the parameters file as a related location,
 * unless it sits in the parameters file itself (on the value that file writes).
 * Set-specific findings are added to `perSet` so that deduplication keeps them apart. `declared`: the
 * template's parameter names, lower-cased (a set's values for other names cannot cause a finding).
 */
export function combineParameterSets(results: SetFindings[], perSet: Set<Diagnostic>, declared: ReadonlySet<string> = new Set()): Diagnostic[] {
  if (results.length === 1) return results[0].found;
  const keyOf = (d: Diagnostic, set: ParameterSet | undefined) => findingKey(d, set);
  const counts = new Map<string, number>();
  const keysOf = results.map((r) => new Set(r.found.map((d) => keyOf(d, r.set))));
  for (const keys of keysOf) for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
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
      const without = results.filter((_, i) => !keysOf[i].has(key)).map((o) => o.set);
      const labelled = r.set ? forSet(d, r.set, without, declared) : d;
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

/** At most this many of a set's own values are named as the cause of a finding only that set produces. */
const MAX_CAUSES = 3;

function forSet(d: Diagnostic, set: ParameterSet, without: (ParameterSet | undefined)[], declared: ReadonlySet<string>): Diagnostic {
  const file = set.parameters.file;
  // A finding on the value the parameters file writes is there already: its place names the set.
  if (d.span.file.path === file.path) return d;
  // The value that causes it is often in the parameters file already; otherwise the file's values that
  // the deployments without the finding do not share are named, or the file itself when none differ.
  const named = d.related.some((r) => r.span.file.path === file.path);
  const causes = named ? [] : valuesNotShared(set, without).filter((v) => declared.has(v.name.toLowerCase())).slice(0, MAX_CAUSES);
  const added: RelatedLocation[] = causes.length
    ? causes.map((v) => ({ span: v.value?.span ?? v.nameSpan, message: `In ${set.label}, '${v.name}' is set here.` }))
    : [{ span: { file, start: 0, end: 0 }, message: `Deployed with the parameters in ${set.label}.` }];
  return { ...d, message: `In ${set.label}: ${d.message}`, related: named ? d.related : [...d.related, ...added] };
}

/** The values of a set that some other deployment does not have, or has written differently. */
function valuesNotShared(set: ParameterSet, others: (ParameterSet | undefined)[]): ParamValue[] {
  const written = (v: ParamValue | undefined) => {
    const at = v && (v.value?.span ?? v.span);
    return at && at.file.text.slice(at.start, at.end).replace(/\s+/g, '');
  };
  const valueIn = (o: ParameterSet | undefined, name: string) => o?.parameters.values.find((v) => v.name.toLowerCase() === name.toLowerCase());
  return set.parameters.values.filter((v) => others.some((o) => written(valueIn(o, v.name)) !== written(v)));
}
