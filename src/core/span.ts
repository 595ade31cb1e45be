import type { SourceFile } from './source.js';

/** A range of a source file, as UTF-16 offsets. Line and column are computed only at the edges. */
export interface Span {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

export function span(file: SourceFile, start: number, end: number): Span {
  return { file, start, end };
}

/** 1-based line/column range, columns in UTF-16 code units, end column exclusive (SARIF convention). */
export interface LineColumnRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toLineColumn(s: Span): LineColumnRange {
  const a = s.file.position(s.start);
  const b = s.file.position(s.end);
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}
