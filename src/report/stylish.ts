import type { Diagnostic, Level } from '../core/diagnostic.js';
import { toLineColumn, type Span } from '../core/span.js';
import { countFindings, type Counts, type FileResult } from '../engine/result.js';
import { oneLine, printable } from './escape.js';
import { plural, shownDiagnostics } from './findings.js';
import { absolutePath, displayPath } from './paths.js';
import type { Reporter } from './types.js';

/**
 * ESLint's stylish layout: the absolute path on a line of its own, then one row per finding,
 *
 *     line:col  level  message  rule-id
 *
 * the columns aligned per file, a blank line after each file and a summary at the end. Nothing is
 * printed when there is no finding. A finding's related locations follow it, indented to the message:
 *
 *              ↳ main.parameters.json:5:39 Value set by parameter 'prefix'.
 *
 * On a terminal (`options.width`), messages and related locations wrap at the terminal's width and the
 * rule id stays on the row's first line. Elsewhere each row is one line, padded to a bounded width.
 *
 * VS Code's `$eslint-stylish` problem matcher and GitHub's `eslint-stylish` matcher read a file line,
 * then rows until the first line that is not a row. So in plain output, where those matchers run, a
 * row that follows related locations comes after its file's path printed again.
 */
export function stylishIn(c: Paint): Reporter {
  return (result, options) => {
    const counts = countFindings(result);
    const total = counts.errors + counts.warnings + counts.infos;
    if (total === 0) return '';

    let out = '\n';
    for (const file of result.files) {
      const diagnostics = shownDiagnostics(file);
      if (diagnostics.length > 0) out += fileBlock(file, diagnostics, { cwd: options.cwd, width: options.width, c });
    }
    const color = levelColor(worstLevel(counts), c);
    out += color.bold(`\u2716 ${plural(total, 'problem')} (${countText(counts, ', ')})`) + '\n';
    const fixable = countFindings(result, (d) => d.fix !== undefined);
    if (fixable.errors + fixable.warnings + fixable.infos > 0) out += color.bold(`  ${countText(fixable, ' and ')} potentially fixable with the \`--fix\` option.`) + '\n';
    return out;
  };
}

/** A style of text: chalk's (see stylish-color.ts), or none. */
export interface Style {
  (text: string): string;
  bold: (text: string) => string;
}

/** The styles the layout uses, as chalk names them. */
export interface Paint {
  underline: Style;
  dim: Style;
  red: Style;
  yellow: Style;
  blue: Style;
}

const unstyled: Style = Object.assign((text: string) => text, { bold: (text: string) => text });

/** No colours: output for files, pipes and `NO_COLOR`, without loading chalk. */
export const PLAIN: Paint = { underline: unstyled, dim: unstyled, red: unstyled, yellow: unstyled, blue: unstyled };

/** Messages are padded to at most this many characters in plain output, so a long one cannot push every rule id far right. */
const PLAIN_MESSAGE_WIDTH = 80;
/** On a narrow terminal, messages still get this many columns; the rows then run past the edge. */
const MIN_MESSAGE_WIDTH = 20;

interface Layout {
  cwd: string;
  width?: number;
  c: Paint;
}

interface Row {
  line: string;
  column: string;
  level: Level;
  message: string;
  ruleId: string;
  related: string[];
}

function fileBlock(file: FileResult, diagnostics: Diagnostic[], layout: Layout): string {
  const { c, width } = layout;
  const rows = diagnostics.map((d) => toRow(d, file.path, layout.cwd));
  const widest = (pick: (r: Row) => string) => Math.max(...rows.map((r) => pick(r).length));
  const lineWidth = widest((r) => r.line);
  const columnWidth = widest((r) => r.column);
  const levelWidth = widest((r) => r.level);
  const ruleWidth = widest((r) => r.ruleId);
  const messageAt = 2 + lineWidth + 1 + columnWidth + 2 + levelWidth + 2;
  const messageRoom = width === undefined ? PLAIN_MESSAGE_WIDTH : Math.max(MIN_MESSAGE_WIDTH, width - messageAt - 2 - ruleWidth);
  const messageWidth = Math.min(widest((r) => r.message), messageRoom);
  const indent = ' '.repeat(messageAt);

  const header = `${c.underline(printable(absolutePath(file.path, layout.cwd)))}\n`;
  let out = header;
  rows.forEach((r, i) => {
    if (i > 0 && width === undefined && rows[i - 1].related.length > 0) out += header;
    // Only the first line shares its row with the rule id; the lines under it take the whole width.
    const [first, ...rest] = width === undefined ? [r.message] : wrap(r.message, messageWidth, Math.max(messageWidth, width - messageAt));
    out +=
      '  ' +
      ' '.repeat(lineWidth - r.line.length) +
      c.dim(`${r.line}:${r.column}`) +
      ' '.repeat(columnWidth - r.column.length) +
      '  ' +
      levelColor(r.level, c)(r.level) +
      ' '.repeat(levelWidth - r.level.length) +
      '  ' +
      first.padEnd(messageWidth) +
      '  ' +
      c.dim(r.ruleId) +
      '\n';
    for (const line of rest) out += `${indent}${line}\n`;
    for (const related of r.related) {
      const room = Math.max(MIN_MESSAGE_WIDTH, width === undefined ? 0 : width - messageAt - 2);
      const [head, ...tail] = width === undefined ? [related] : wrap(related, room, room);
      out += c.dim(`${indent}\u21b3 ${head}`) + '\n';
      for (const line of tail) out += c.dim(`${indent}  ${line}`) + '\n';
    }
  });
  return `${out}\n`;
}

function toRow(d: Diagnostic, filePath: string, cwd: string): Row {
  const at = toLineColumn(d.span);
  return {
    line: String(at.line),
    column: String(at.column),
    level: d.level,
    message: oneLine(d.message),
    ruleId: d.ruleId,
    related: d.related.map((r) => `${where(r.span, filePath, cwd)} ${oneLine(r.message)}`),
  };
}

/** `line:col` in the finding's own file, else the path as the one-line formats print it (relative to cwd) with it. */
function where(span: Span, filePath: string, cwd: string): string {
  const at = toLineColumn(span);
  const position = `${at.line}:${at.column}`;
  return span.file.path === filePath ? position : `${printable(displayPath(span.file.path, cwd))}:${position}`;
}

/** Words into lines: the first of at most `firstWidth` characters, the others of `width`; a longer word is cut. */
function wrap(text: string, firstWidth: number, width: number): string[] {
  const lines: string[] = [];
  const room = () => (lines.length === 0 ? firstWidth : width);
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length <= room()) line += ` ${word}`;
    else {
      if (line) lines.push(line);
      line = word;
      while (line.length > room()) {
        const limit = room();
        const cut = isHighSurrogate(line.charCodeAt(limit - 1)) ? limit - 1 : limit; // never halve a character
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    }
  }
  lines.push(line);
  return lines;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** `2 errors, 1 warning` (ESLint's words), then the infos when there are any: `…, 1 warning, 3 infos`. */
function countText(counts: Counts, lastSeparator: string): string {
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.infos > 0) parts.push(plural(counts.infos, 'info'));
  return `${parts.slice(0, -1).join(', ')}${lastSeparator}${parts[parts.length - 1]}`;
}

function levelColor(level: Level, c: Paint): Style {
  return level === 'error' ? c.red : level === 'warning' ? c.yellow : c.blue;
}

function worstLevel(counts: Counts): Level {
  return counts.errors > 0 ? 'error' : counts.warnings > 0 ? 'warning' : 'info';
}
