import type { Diagnostic } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import { literalString, objectGet } from '../expr/ast.js';
import type { ResourceDecl } from '../parse/ir.js';
import type { Comment } from '../parse/ir.js';
import { closestId } from './suggest.js';
import { UNUSED_SUPPRESSION } from './engine-rules.js';
import { usePlace } from './use-place.js';

/** An inline directive or a resource metadata entry that silences rules on a line or a resource. */
export interface Suppression {
  kind: 'comment' | 'metadata';
  ruleIds: string[];
  justification?: string;
  /** The directive itself, for unused-suppression findings. */
  span: Span;
  /** Comments: the 0-based line they cover. Metadata: the resource span they cover. */
  line?: number;
  covers?: Span;
}

export const GWLINT_KEYWORD = 'gwlint-disable-next-line';
export const BICEP_KEYWORD = 'disable-next-line';

/** A directive read from a comment: the rule-id list (with its offsets in the text) and the justification. */
export interface Directive {
  ids: string;
  idsStart: number;
  idsEnd: number;
  justification?: string;
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && ch.trim() === '';

/**
 * Reads `keyword ids[ -- justification]` from `text` at `from` (leading whitespace allowed). A scan, not a
 * regular expression: comments are user text, and backtracking over long whitespace runs took minutes.
 * Only gwlint's own directive has a justification after `--`.
 */
export function readDirective(text: string, keyword: typeof GWLINT_KEYWORD | typeof BICEP_KEYWORD, from = 0): Directive | undefined {
  let i = from;
  while (isSpace(text[i])) i++;
  if (!text.startsWith(keyword, i)) return undefined;
  i += keyword.length;
  if (!isSpace(text[i])) return undefined;
  while (isSpace(text[i])) i++;
  const dash = keyword === GWLINT_KEYWORD ? text.indexOf('--', i) : -1;
  let end = dash < 0 ? text.length : dash;
  while (end > i && isSpace(text[end - 1])) end--;
  return { ids: text.slice(i, end), idsStart: i, idsEnd: end, justification: dash < 0 ? undefined : text.slice(dash + 2).trim() || undefined };
}

/** `// gwlint-disable-next-line a, b -- reason` and Bicep's own `#disable-next-line a b`. */
export function commentSuppressions(comments: Comment[], knownRuleIds: ReadonlySet<string>): Suppression[] {
  const out: Suppression[] = [];
  for (const c of comments) {
    const own = c.marker !== '#' ? readDirective(c.text, GWLINT_KEYWORD) : undefined;
    const bicep = c.marker === '#' ? readDirective(c.text, BICEP_KEYWORD) : undefined;
    if (!own && !bicep) continue;
    let ids = (own ?? bicep)!.ids.split(/[\s,]+/).filter(Boolean);
    // Bicep's directive also names Bicep's own diagnostics; only ours concern gwlint.
    if (bicep) ids = ids.filter((id) => knownRuleIds.has(id));
    if (!ids.length) continue;
    const endLine = c.span.file.position(c.span.end).line;
    out.push({ kind: 'comment', ruleIds: ids, justification: own?.justification, span: c.span, line: endLine + 1 });
  }
  return out;
}

/** `"metadata": { "gwlint": { "suppress": ["rule-id"], "justification": "…" } }` on a resource. */
export function metadataSuppressions(decls: ResourceDecl[]): Suppression[] {
  const out: Suppression[] = [];
  const visit = (d: ResourceDecl) => {
    const entry = objectGet(objectGet(d.body, 'metadata'), 'gwlint');
    const list = objectGet(entry, 'suppress');
    if (list?.kind === 'array') {
      const ids = list.items.map(literalString).filter((x): x is string => !!x);
      if (ids.length) out.push({ kind: 'metadata', ruleIds: ids, justification: literalString(objectGet(entry, 'justification')), span: list.span, covers: d.span });
    }
    d.children.forEach(visit);
    d.deployment?.template?.resources.forEach(visit);
  };
  decls.forEach(visit);
  return out;
}

/**
 * A suppression covers a finding on its line (or resource), or one whose value is used there: a finding on
 * a parameter default or a parameters-file value can be suppressed where the resource uses it.
 */
function covers(s: Suppression, d: Diagnostic): boolean {
  if (!s.ruleIds.includes(d.ruleId)) return false;
  return coversSpan(s, d.span) || coversSpan(s, usePlace(d));
}

function coversSpan(s: Suppression, span: Span): boolean {
  if (s.span.file !== span.file) return false;
  if (s.kind === 'comment') return span.file.position(span.start).line === s.line;
  return !!s.covers && span.start >= s.covers.start && span.end <= s.covers.end;
}

/**
 * Marks suppressed diagnostics and returns unused-suppression findings for directives that silenced
 * nothing (and for rule ids gwlint does not know, with the closest known id).
 */
export function applySuppressions(diagnostics: Diagnostic[], suppressions: Suppression[], knownRuleIds: ReadonlySet<string>): Diagnostic[] {
  const unused: Diagnostic[] = [];
  for (const s of suppressions) {
    const used = new Set<string>();
    for (const d of diagnostics) {
      if (d.ruleId === UNUSED_SUPPRESSION.id || !covers(s, d)) continue;
      d.suppression = { kind: s.kind, justification: s.justification };
      used.add(d.ruleId);
    }
    for (const id of s.ruleIds) {
      if (used.has(id)) continue;
      const known = knownRuleIds.has(id);
      const hint = known ? '' : ` gwlint has no rule '${id}'${suggestion(id, knownRuleIds)}.`;
      unused.push({
        ruleId: UNUSED_SUPPRESSION.id,
        level: UNUSED_SUPPRESSION.level,
        message: known
          ? `This suppression of '${id}' is unused: '${id}' reports nothing ${s.kind === 'comment' ? 'on the next line' : 'on this resource'}. Remove it so it cannot hide a future finding.`
          : `This suppression names an unknown rule.${hint}`,
        span: s.span,
        related: [],
      });
    }
  }
  return unused;
}

function suggestion(id: string, known: ReadonlySet<string>): string {
  const close = closestId(id, [...known]);
  return close ? ` (did you mean '${close}'?)` : '';
}
