import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic, Level } from '../core/diagnostic.js';
import { toLineColumn } from '../core/span.js';
import { countFindings, type Counts, type FileResult } from '../engine/result.js';
import { oneLine, printable } from './escape.js';
import { plural, shownDiagnostics } from './findings.js';
import { absolutePath } from './paths.js';
import type { Reporter } from './types.js';

/**
 * ESLint's default shape, which VS Code's `$eslint-stylish` problem matcher reads: the absolute path
 * on a line of its own, then one row per finding,
 *
 *     line:col  level  message  rule-id
 *
 * with the columns aligned and at least two spaces before the rule id (the matcher splits the message
 * from the code there, so runs of whitespace inside a message are collapsed to one space). A blank
 * line ends each file and a summary ends the report. Nothing is printed when there is no finding.
 *
 * Related locations are printed after the file's last finding, as `  ↳ line:col path:line:col message`
 * (the first position is the finding's). VS Code's matcher stops reading a file's rows at the first line
 * that is not a row, so they must not stand between rows.
 */
export const stylish: Reporter = (result, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const counts = countFindings(result);
  const total = counts.errors + counts.warnings + counts.infos;
  if (total === 0) return '';

  let out = '\n';
  for (const file of result.files) {
    const diagnostics = shownDiagnostics(file);
    if (diagnostics.length > 0) out += fileBlock(file, diagnostics, options.cwd, c);
  }
  const color = summaryColor(counts, c);
  out += color.bold(`\u2716 ${plural(total, 'problem')} (${countParts(counts).join(', ')})`) + '\n';
  const fixable = countFindings({ files: result.files.map(withFixesOnly), rules: [] });
  if (fixable.errors + fixable.warnings + fixable.infos > 0) {
    const [errors, warnings, infos] = countParts(fixable);
    out += color.bold(`  ${errors}, ${warnings} and ${infos} potentially fixable with the \`--fix\` option.`) + '\n';
  }
  return out;
};

interface Row {
  position: [line: string, column: string];
  level: Level;
  message: string;
  ruleId: string;
  related: string[];
}

function fileBlock(file: FileResult, diagnostics: Diagnostic[], cwd: string, c: ChalkInstance): string {
  const rows = diagnostics.map((d) => toRow(d, cwd));
  const width = (pick: (r: Row) => string) => Math.max(...rows.map((r) => pick(r).length));
  const lineWidth = width((r) => r.position[0]);
  const columnWidth = width((r) => r.position[1]);
  const levelWidth = width((r) => r.level);
  const messageWidth = width((r) => r.message);

  let out = `${c.underline(printable(absolutePath(file.path, cwd)))}\n`;
  const related: string[] = [];
  for (const r of rows) {
    const [line, column] = r.position;
    out +=
      '  ' +
      ' '.repeat(lineWidth - line.length) +
      c.dim(`${line}:${column}`) +
      ' '.repeat(columnWidth - column.length) +
      '  ' +
      levelColor(r.level, c)(r.level) +
      ' '.repeat(levelWidth - r.level.length) +
      '  ' +
      r.message.padEnd(messageWidth) +
      '  ' +
      c.dim(r.ruleId) +
      '\n';
    for (const where of r.related) related.push(c.dim(`  \u21b3 ${r.position.join(':')} ${where}`));
  }
  for (const line of related) out += line + '\n';
  return `${out}\n`;
}

function toRow(d: Diagnostic, cwd: string): Row {
  const at = toLineColumn(d.span);
  return {
    position: [String(at.line), String(at.column)],
    level: d.level,
    message: oneLine(d.message),
    ruleId: d.ruleId,
    related: d.related.map((r) => {
      const rel = toLineColumn(r.span);
      return `${printable(absolutePath(r.span.file.path, cwd))}:${rel.line}:${rel.column} ${oneLine(r.message)}`;
    }),
  };
}

function countParts(counts: Counts): [errors: string, warnings: string, infos: string] {
  return [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), plural(counts.infos, 'info')];
}

function levelColor(level: Level, c: ChalkInstance): ChalkInstance {
  return level === 'error' ? c.red : level === 'warning' ? c.yellow : c.blue;
}

function summaryColor(counts: Counts, c: ChalkInstance): ChalkInstance {
  return levelColor(counts.errors > 0 ? 'error' : counts.warnings > 0 ? 'warning' : 'info', c);
}

function withFixesOnly(file: FileResult): FileResult {
  return { ...file, diagnostics: file.diagnostics.filter((d) => d.fix) };
}
