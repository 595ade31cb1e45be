import type { Diagnostic, Level } from '../core/diagnostic.js';
import { toLineColumn, type LineColumnRange } from '../core/span.js';
import { countFindings, type Counts, type FileResult, type LintResult } from '../engine/result.js';

/** The findings every format shows: those that no directive or metadata suppressed. */
export function shownDiagnostics(file: FileResult): Diagnostic[] {
  return file.diagnostics.filter((d) => !d.suppression);
}

/** Counts of a single file's findings, suppressed ones left out. */
export function fileCounts(file: FileResult): Counts {
  return countFindings({ files: [file], rules: [] });
}

/** `1 error`, `2 warnings`, `3 infos`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const RANK: Record<Level, number> = { info: 0, warning: 1, error: 2 };

/** The most severe level among some diagnostics (at least one). */
export function highestLevel(diagnostics: readonly Diagnostic[]): Level {
  return diagnostics.reduce<Level>((top, d) => (RANK[d.level] > RANK[top] ? d.level : top), 'info');
}

/** One line of output per shown finding, in file and position order; empty when there is none. */
export function linePerFinding(
  result: LintResult,
  format: (file: FileResult, d: Diagnostic, at: LineColumnRange) => string,
): string {
  let out = '';
  for (const file of result.files) for (const d of shownDiagnostics(file)) out += `${format(file, d, toLineColumn(d.span))}\n`;
  return out;
}
