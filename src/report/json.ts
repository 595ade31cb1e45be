import type { Diagnostic, Level, PolicyRef } from '../core/diagnostic.js';
import { toLineColumn, type LineColumnRange, type Span } from '../core/span.js';
import type { FileKind, FileResult } from '../engine/result.js';
import { fileCounts } from './findings.js';
import { absolutePath } from './paths.js';
import type { Reporter } from './types.js';

/** A location in the json format: 1-based lines and UTF-16 columns, end column exclusive. */
export interface JsonRange extends LineColumnRange {
  filePath: string;
}

export interface JsonMessage {
  ruleId: string;
  severity: Level;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: (JsonRange & { message: string })[];
  /** Present only on findings that a directive or resource metadata suppressed. */
  suppressed?: { kind: 'comment' | 'metadata'; justification?: string };
  fix?: { description: string; edits: (JsonRange & { text: string })[] };
  /** The built-in Azure Policy that would also deny or audit this finding. */
  policy?: PolicyRef;
}

export interface JsonFileResult {
  filePath: string;
  kind: FileKind;
  messages: JsonMessage[];
  /** Counts leave suppressed findings out. */
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

/**
 * ESLint's json shape: one entry per file, findings without a result included, suppressed findings
 * kept with a `suppressed` field. Paths are absolute. Keys come in a fixed order.
 */
export const json: Reporter = (result, options) =>
  JSON.stringify(
    result.files.map((f) => jsonFile(f, options.cwd)),
    null,
    2,
  ) + '\n';

function jsonFile(file: FileResult, cwd: string): JsonFileResult {
  const counts = fileCounts(file);
  return {
    filePath: absolutePath(file.path, cwd),
    kind: file.kind,
    messages: file.diagnostics.map((d) => jsonMessage(d, cwd)),
    errorCount: counts.errors,
    warningCount: counts.warnings,
    infoCount: counts.infos,
  };
}

function jsonMessage(d: Diagnostic, cwd: string): JsonMessage {
  const at = toLineColumn(d.span);
  return {
    ruleId: d.ruleId,
    severity: d.level,
    message: d.message,
    line: at.line,
    column: at.column,
    endLine: at.endLine,
    endColumn: at.endColumn,
    related: d.related.map((r) => ({ ...jsonRange(r.span, cwd), message: r.message })),
    suppressed: d.suppression && {
      kind: d.suppression.kind,
      justification: d.suppression.justification,
    },
    fix: d.fix && {
      description: d.fix.description,
      edits: d.fix.edits.map((e) => ({ ...jsonRange(e.span, cwd), text: e.text })),
    },
    policy: d.policy && { id: d.policy.id, displayName: d.policy.displayName },
  };
}

function jsonRange(span: Span, cwd: string): JsonRange {
  return { filePath: absolutePath(span.file.path, cwd), ...toLineColumn(span) };
}
