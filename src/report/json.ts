import type { Diagnostic, Fix, Level, PolicyRef } from '../core/diagnostic.js';
import { toLineColumn, type LineColumnRange, type Span } from '../core/span.js';
import { PARSE_ERROR } from '../engine/engine-rules.js';
import type { FileKind, FileResult } from '../engine/result.js';
import { docsUrl } from '../engine/rule-meta.js';
import { absolutePath } from './paths.js';
import type { Reporter } from './types.js';

/*
 * ESLint's json format, so that tools reading ESLint results (reviewdog, SonarQube's external issues,
 * editors) read gwlint's. The shape follows ESLint's own type definitions: `LintResult` and
 * `SuppressedLintMessage` in eslint/lib/types/index.d.ts, `LintMessage` and `RuleTextEdit` in
 * @eslint/core's types.d.ts. gwlint's extras are additional fields after ESLint's.
 */

/** A location in gwlint's extras: 1-based lines and UTF-16 columns, end column exclusive. */
export interface JsonRange extends LineColumnRange {
  filePath: string;
}

/** ESLint's `RuleTextEdit`: replace `[range[0], range[1])` (UTF-16 offsets into the file) with `text`. */
export interface EslintTextEdit {
  range: [number, number];
  text: string;
}

export interface JsonMessage {
  ruleId: string;
  /** ESLint's severity: 2 for errors, 1 for warnings and infos (`level` tells them apart). */
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Set on files that could not be read or parsed (`parse-error`), as ESLint marks parsing errors. */
  fatal?: true;
  /** The fix as one edit of this file, as ESLint gives it; absent when the fix also edits other files. */
  fix?: EslintTextEdit;
  /** gwlint's level: `info` findings have severity 1, as warnings do. */
  level: Level;
  /** Where the offending value was written or what it conflicts with. */
  related: (JsonRange & { message: string })[];
  /** The rule's documentation page. */
  docsUrl: string;
  /** The fix as `--fix` applies it: a description and line/column edits, possibly in several files. */
  fixDetails?: { description: string; edits: (JsonRange & { text: string })[] };
  /** The built-in Azure Policy that would also deny or audit this finding. */
  policy?: PolicyRef;
}

/** ESLint's `SuppressedLintMessage`: comment directives are ESLint's `directive` kind, resource metadata is `metadata`. */
export interface JsonSuppressedMessage extends JsonMessage {
  suppressions: { kind: 'directive' | 'metadata'; justification: string }[];
}

export interface JsonFileResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonSuppressedMessage[];
  errorCount: number;
  fatalErrorCount: number;
  /** Warnings only; infos are counted in `infoCount`. */
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** gwlint has no deprecated rules: always empty. */
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
  kind: FileKind;
  infoCount: number;
  fixableInfoCount: number;
}

/**
 * One entry per file linted, files without findings included; paths are absolute. `source` is left
 * out: templates and parameters files can hold secrets, and the file is on disk.
 */
export const json: Reporter = (result, options) =>
  JSON.stringify(
    result.files.map((f) => jsonFile(f, options.cwd)),
    null,
    2,
  ) + '\n';

function jsonFile(file: FileResult, cwd: string): JsonFileResult {
  const messages: JsonMessage[] = [];
  const suppressedMessages: JsonSuppressedMessage[] = [];
  for (const d of file.diagnostics) {
    const message = jsonMessage(d, file.path, cwd);
    if (!d.suppression) messages.push(message);
    else
      suppressedMessages.push({
        ...message,
        suppressions: [{ kind: d.suppression.kind === 'comment' ? 'directive' : 'metadata', justification: d.suppression.justification ?? '' }],
      });
  }
  const count = (level: Level, fixable = false) => messages.filter((m) => m.level === level && (!fixable || m.fixDetails)).length;
  return {
    filePath: absolutePath(file.path, cwd),
    messages,
    suppressedMessages,
    errorCount: count('error'),
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: count('warning'),
    fixableErrorCount: count('error', true),
    fixableWarningCount: count('warning', true),
    usedDeprecatedRules: [],
    kind: file.kind,
    infoCount: count('info'),
    fixableInfoCount: count('info', true),
  };
}

function jsonMessage(d: Diagnostic, filePath: string, cwd: string): JsonMessage {
  const at = toLineColumn(d.span);
  const fix = d.fix && eslintFix(d.fix, filePath);
  return {
    ruleId: d.ruleId,
    severity: d.level === 'error' ? 2 : 1,
    message: d.message,
    line: at.line,
    column: at.column,
    endLine: at.endLine,
    endColumn: at.endColumn,
    ...(d.ruleId === PARSE_ERROR.id ? { fatal: true as const } : {}),
    ...(fix ? { fix } : {}),
    level: d.level,
    related: d.related.map((r) => ({ ...jsonRange(r.span, cwd), message: r.message })),
    docsUrl: docsUrl(d.ruleId),
    ...(d.fix ? { fixDetails: { description: d.fix.description, edits: d.fix.edits.map((e) => ({ ...jsonRange(e.span, cwd), text: e.text })) } } : {}),
    ...(d.policy ? { policy: { id: d.policy.id, displayName: d.policy.displayName } } : {}),
  };
}

/**
 * A fix whose edits all lie in the finding's file, as one ESLint edit: from the first edit's start to
 * the last one's end, the text between them kept (as ESLint merges a rule's several fixes).
 */
function eslintFix(fix: Fix, filePath: string): EslintTextEdit | undefined {
  if (fix.edits.length === 0 || fix.edits.some((e) => e.span.file.path !== filePath)) return undefined;
  const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
  const text = edits[0].span.file.text;
  let merged = '';
  let at = edits[0].span.start;
  for (const e of edits) {
    if (e.span.start < at) return undefined; // overlapping edits have no single-edit form
    merged += text.slice(at, e.span.start) + e.text;
    at = e.span.end;
  }
  return { range: [edits[0].span.start, at], text: merged };
}

function jsonRange(span: Span, cwd: string): JsonRange {
  return { filePath: absolutePath(span.file.path, cwd), ...toLineColumn(span) };
}
