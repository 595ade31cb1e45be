import type { Diagnostic as LspDiagnostic, Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Diagnostic, Fix, Level } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import { docsUrl } from '../engine/rule-meta.js';

/** LSP DiagnosticSeverity: Error 1, Warning 2, Information 3. */
const SEVERITY: Record<Level, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };

/** 0-based line and UTF-16 character range of a span (span offsets are UTF-16 code units already). */
export function toRange(s: Span): Range {
  return { start: s.file.position(s.start), end: s.file.position(s.end) };
}

/** A finding as an LSP diagnostic; `uriOf` maps a path to the URI the client knows it by. */
export function toLspDiagnostic(d: Diagnostic, uriOf: (path: string) => string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: toRange(d.span),
    severity: SEVERITY[d.level],
    code: d.ruleId,
    codeDescription: { href: docsUrl(d.ruleId) },
    source: 'gwlint',
    message: d.message,
  };
  if (d.related.length)
    out.relatedInformation = d.related.map((r) => ({ location: { uri: uriOf(r.span.file.path), range: toRange(r.span) }, message: r.message }));
  return out;
}

/** A fix's edits grouped by file, in LSP ranges of the text the fix was computed on. */
export function fixEdits(fix: Fix): Map<string, LspTextEdit[]> {
  const byPath = new Map<string, LspTextEdit[]>();
  for (const e of fix.edits) {
    const list = byPath.get(e.span.file.path) ?? [];
    list.push({ range: toRange(e.span), newText: e.text });
    byPath.set(e.span.file.path, list);
  }
  return byPath;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** True when two ranges share a position (an empty range touching another counts). */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
