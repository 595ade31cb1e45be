import type { Diagnostic, Fix, PolicyRef, RelatedLocation } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import type { TextHolder } from '../core/source.js';
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

/** The files of a result by path, each with its text (read when asked for); a Map of VirtualFiles is one. */
export interface FilesByPath {
  get(path: string): TextHolder | undefined;
}

export function toPlain(result: LintResult, texts: FilesByPath): PlainResult {
  const maskedTexts: Record<string, string> = {};
  const span = (s: Span): PlainSpan => {
    if (s.file.text !== texts.get(s.file.path)?.text) maskedTexts[s.file.path] = s.file.text;
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

/**
 * Rebuilds a result from plain data and the texts of the files it names. A run keeps every group's result
 * to the end: a file without findings costs a few small objects, and its text is not read.
 */
export function fromPlain(plain: PlainResult, files: FilesByPath, rules: RuleMeta[]): LintResult {
  const sources = new PlainSources(files, plain.maskedTexts);
  const span = (s: PlainSpan, file: SourceFile): Span => ({ file, start: s.start, end: s.end });
  // Findings point at the masked copy where there is one; fixes are edits of the file as it is.
  const shown = (s: PlainSpan) => span(s, sources.shown(s.path));
  return {
    rules,
    files: plain.files.map((f) => ({
      path: f.path,
      kind: f.kind,
      source: sources.original(f.path),
      diagnostics: f.diagnostics.map(
        (d): Diagnostic => ({
          ruleId: d.ruleId,
          level: d.level,
          message: d.message,
          span: shown(d.span),
          related: d.related.map((r): RelatedLocation => ({ span: shown(r.span), message: r.message })),
          ...(d.fix ? { fix: { description: d.fix.description, edits: d.fix.edits.map((e) => ({ span: span(e.span, sources.linted(e.span.path)), text: e.text })) } satisfies Fix } : {}),
          ...(d.suppression ? { suppression: d.suppression } : {}),
          ...(d.policy ? { policy: d.policy } : {}),
        }),
      ),
    })),
  };
}

/**
 * The source files of a plain result, one per path, made on first use: the file as it is, and its masked
 * copy. Most results are of one file: the first needs no map.
 */
class PlainSources {
  private first?: SourceFile;
  private others?: Map<string, SourceFile>;
  private masked?: Map<string, SourceFile>;

  constructor(
    private readonly files: FilesByPath,
    private readonly maskedTexts: Record<string, string> | undefined,
  ) {}

  /** The file as it is; its text is read when first asked for (the texts of clean files are not read). */
  original(p: string): SourceFile {
    if (this.first?.path === p) return this.first;
    let s = this.others?.get(p);
    if (!s) {
      s = new SourceFile(p, this.files.get(p) ?? { text: '' });
      if (!this.first) this.first = s;
      else (this.others ??= new Map()).set(p, s);
    }
    return s;
  }

  /** The file as it is, with its text read now, as the result is made: what a report shows is the text that was linted. */
  linted(p: string): SourceFile {
    const s = this.original(p);
    void s.text;
    return s;
  }

  /** The file a finding points into: the masked copy where there is one, else the file as linted. */
  shown(p: string): SourceFile {
    const text = this.maskedTexts?.[p];
    if (text === undefined) return this.linted(p);
    let s = (this.masked ??= new Map()).get(p);
    if (!s) this.masked.set(p, (s = new SourceFile(p, text)));
    return s;
  }
}

/** Several results as one; files appear in the order given. */
export function mergeResults(results: LintResult[], rules: RuleMeta[]): LintResult {
  return { rules, files: results.flatMap((r) => r.files) };
}
