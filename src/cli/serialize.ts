import type { Diagnostic, Fix, PolicyRef, RelatedLocation } from '../core/diagnostic.js';
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
  policy?: PolicyRef;
}

/**
 * A lint result as plain data, for worker threads and the cache. Texts are not repeated: the reader has
 * them. Where findings point at a masked copy of a file (secrets hidden, see Secrets.redact), that copy
 * travels too, so that nothing read from a finding's location (SARIF line hashes…) sees a secret.
 */
export interface PlainResult {
  files: { path: string; kind: FileKind; diagnostics: PlainDiagnostic[] }[];
  maskedTexts?: Record<string, string>;
}

/** Texts by file path; a Map is one. */
export interface TextsByPath {
  get(path: string): string | undefined;
}

export function toPlain(result: LintResult, texts: TextsByPath): PlainResult {
  const maskedTexts: Record<string, string> = {};
  const span = (s: Span): PlainSpan => {
    if (s.file.text !== texts.get(s.file.path)) maskedTexts[s.file.path] = s.file.text;
    return { path: s.file.path, start: s.start, end: s.end };
  };
  const files = result.files.map((f) => ({
    path: f.path,
    kind: f.kind,
    diagnostics: f.diagnostics.map((d) => ({
      ruleId: d.ruleId,
      level: d.level,
      message: d.message,
      span: span(d.span),
      related: d.related.map((r) => ({ span: span(r.span), message: r.message })),
      ...(d.fix ? { fix: { description: d.fix.description, edits: d.fix.edits.map((e) => ({ span: span(e.span), text: e.text })) } } : {}),
      ...(d.suppression ? { suppression: d.suppression } : {}),
      ...(d.policy ? { policy: d.policy } : {}),
    })),
  }));
  return Object.keys(maskedTexts).length ? { files, maskedTexts } : { files };
}

/** Rebuilds a result from plain data and the texts of the files it names. */
export function fromPlain(plain: PlainResult, texts: TextsByPath, rules: RuleMeta[]): LintResult {
  const originals = new Map<string, SourceFile>();
  const masked = new Map<string, SourceFile>();
  const original = (p: string): SourceFile => {
    let s = originals.get(p);
    if (!s) originals.set(p, (s = new SourceFile(p, texts.get(p) ?? '')));
    return s;
  };
  // Findings point at the masked copy where there is one; fixes are edits of the file as it is.
  const shown = (p: string): SourceFile => {
    const text = plain.maskedTexts?.[p];
    if (text === undefined) return original(p);
    let s = masked.get(p);
    if (!s) masked.set(p, (s = new SourceFile(p, text)));
    return s;
  };
  const span = (s: PlainSpan, file: (p: string) => SourceFile): Span => ({ file: file(s.path), start: s.start, end: s.end });
  return {
    rules,
    files: plain.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      // Made when asked for: the texts of a cached result's clean files are not read.
      get source() {
        return original(f.path);
      },
      diagnostics: f.diagnostics.map(
        (d): Diagnostic => ({
          ruleId: d.ruleId,
          level: d.level,
          message: d.message,
          span: span(d.span, shown),
          related: d.related.map((r): RelatedLocation => ({ span: span(r.span, shown), message: r.message })),
          ...(d.fix ? { fix: { description: d.fix.description, edits: d.fix.edits.map((e) => ({ span: span(e.span, original), text: e.text })) } satisfies Fix } : {}),
          ...(d.suppression ? { suppression: d.suppression } : {}),
          ...(d.policy ? { policy: d.policy } : {}),
        }),
      ),
    })),
  };
}

/** Several results as one; files appear in the order given. */
export function mergeResults(results: LintResult[], rules: RuleMeta[]): LintResult {
  return { rules, files: results.flatMap((r) => r.files) };
}
