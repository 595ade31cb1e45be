import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import { capitalize } from '../model/gateway.js';
import { USED_HERE, WRITTEN_HERE } from '../model/wording.js';

const USED_HERE_MESSAGE = `${capitalize(USED_HERE)}.`;

/**
 * Where a finding's value is used: its "Used here." related location when the value was written elsewhere
 * (a parameter default, a parameters file, a module's caller), else the finding itself. Findings about one
 * use are the same finding whatever value reached it.
 */
export function usePlace(d: Diagnostic): Span {
  return d.related.find((r) => r.message === USED_HERE_MESSAGE)?.span ?? d.span;
}

/**
 * The finding shown where its value is used, for an editor whose open file uses a value written in a file
 * that is not open (a parameters file, a module's caller): the place the value is written is then the
 * first related location.
 */
export function atUse(d: Diagnostic): Diagnostic {
  const use = usePlace(d);
  if (use === d.span) return d;
  return { ...d, span: use, related: [{ span: d.span, message: WRITTEN_HERE }, ...d.related.filter((r) => r.span !== use)] };
}
