import type { Diagnostic, Fix, RelatedLocation } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import type { FileKind, LintResult } from '../engine/result.js';
import type { RuleMeta } from '../engine/rule-meta.js';

/** A span as plain data: the file by path. */
interface PlainSpan {
  path: string;
  start: number;
  end: number;
}

interface PlainDiagnostic {
  ruleId: string;
  level: Diagnostic['level'];
  message: string;
  span: PlainSpan;
  related: { span: PlainSpan; message: string }[];
  fix?: { description: string; edits: { span: PlainSpan; text: string }[] };
  suppression?: Diagnostic['suppression'];
}

/**
 * A lint result as plain data, for worker threads and the cache. Texts are not repeated: the reader has
 * them. Only a masked copy (secrets hidden, see Secrets.redact) travels, when it differs from the file.
 */
export interface PlainResult {
  files: { path: string; kind: FileKind; maskedText?: string; diagnostics: PlainDiagnostic[] }[];
}

export function toPlain(result: LintResult, texts: ReadonlyMap<string, string>): PlainResult {
  const span = (s: Span): PlainSpan => ({ path: s.file.path, start: s.start, end: s.end });
  return {
    files: result.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      ...(f.source.text !== texts.get(f.path) ? { maskedText: f.source.text } : {}),
      diagnostics: f.diagnostics.map((d) => ({
        ruleId: d.ruleId,
        level: d.level,
        message: d.message,
        span: span(d.span),
        related: d.related.map((r) => ({ span: span(r.span), message: r.message })),
        ...(d.fix ? { fix: { description: d.fix.description, edits: d.fix.edits.map((e) => ({ span: span(e.span), text: e.text })) } } : {}),
        ...(d.suppression ? { suppression: d.suppression } : {}),
      })),
    })),
  };
}

/** Rebuilds a result from plain data and the texts of the files it names. */
export function fromPlain(plain: PlainResult, texts: ReadonlyMap<string, string>, rules: RuleMeta[]): LintResult {
  const sources = new Map<string, SourceFile>();
  for (const f of plain.files) if (f.maskedText !== undefined) sources.set(f.path, new SourceFile(f.path, f.maskedText));
  const source = (p: string): SourceFile => {
    let s = sources.get(p);
    if (!s) sources.set(p, (s = new SourceFile(p, texts.get(p) ?? '')));
    return s;
  };
  const span = (s: PlainSpan): Span => ({ file: source(s.path), start: s.start, end: s.end });
  return {
    rules,
    files: plain.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      source: source(f.path),
      diagnostics: f.diagnostics.map(
        (d): Diagnostic => ({
          ruleId: d.ruleId,
          level: d.level,
          message: d.message,
          span: span(d.span),
          related: d.related.map((r): RelatedLocation => ({ span: span(r.span), message: r.message })),
          ...(d.fix ? { fix: { description: d.fix.description, edits: d.fix.edits.map((e) => ({ span: span(e.span), text: e.text })) } satisfies Fix } : {}),
          ...(d.suppression ? { suppression: d.suppression } : {}),
        }),
      ),
    })),
  };
}

/** Several results as one; files appear in the order given. */
export function mergeResults(results: LintResult[], rules: RuleMeta[]): LintResult {
  return { rules, files: results.flatMap((r) => r.files) };
}
