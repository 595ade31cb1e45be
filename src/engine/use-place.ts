import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import { capitalize } from '../model/gateway.js';
import { USED_HERE } from '../model/wording.js';

const USED_HERE_MESSAGE = `${capitalize(USED_HERE)}.`;

/**
 * Where a finding's value is used: its "Used here." related location when the value was written elsewhere
 * (a parameter default, a parameters file, a module's caller), else the finding itself. Findings about one
 * use are the same finding whatever value reached it.
 */
export function usePlace(d: Diagnostic): Span {
  return d.related.find((r) => r.message === USED_HERE_MESSAGE)?.span ?? d.span;
}
