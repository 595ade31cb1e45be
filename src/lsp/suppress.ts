import type { TextEdit } from 'vscode-languageserver';
import type { SourceFile } from '../core/source.js';
import { BICEP_KEYWORD, GWLINT_KEYWORD, readDirective, type Directive } from '../engine/suppressions.js';

/** Rules whose findings cannot be silenced by a comment on the line above (the file is not read, or the finding is about a suppression). */
export const NOT_SUPPRESSIBLE = new Set(['parse-error', 'internal-error', 'unused-suppression']);


export function isBicepFlavour(path: string): boolean {
  return /\.bicep(param)?$/i.test(path);
}

/**
 * The edit that silences `ruleId` on a 0-based line: a directive inserted above the line with the
 * line's indentation (`// gwlint-disable-next-line id -- reason` in JSON/JSONC, `#disable-next-line id`
 * in Bicep), or the rule id added to a directive that is already there, since a second directive line
 * would cover the first instead of the finding.
 */
export function suppressionEdit(file: SourceFile, line: number, ruleId: string): TextEdit {
  const bicep = isBicepFlavour(file.path);
  if (line > 0) {
    const prev = lineText(file, line - 1);
    const own = directiveAfter(prev, '//', GWLINT_KEYWORD);
    const hash = bicep ? directiveAfter(prev, '#', BICEP_KEYWORD) : undefined;
    const d = own ?? hash;
    if (d?.ids) {
      const at = { line: line - 1, character: d.idsEnd };
      return { range: { start: at, end: at }, newText: own ? `, ${ruleId}` : ` ${ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(lineText(file, line))![0];
  const eol = /\r\n/.test(file.text) ? '\r\n' : '\n';
  const directive = bicep ? `#disable-next-line ${ruleId}` : `// gwlint-disable-next-line ${ruleId} -- reason`;
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: indent + directive + eol };
}

/** The directive on a line that starts (after indentation) with the comment marker. */
function directiveAfter(line: string, marker: string, keyword: typeof GWLINT_KEYWORD | typeof BICEP_KEYWORD): Directive | undefined {
  const start = line.length - line.trimStart().length;
  if (!line.startsWith(marker, start)) return undefined;
  // Bicep's directive follows `#` directly.
  if (marker === '#' && line[start + 1]?.trim() === '') return undefined;
  return readDirective(line, keyword, start + marker.length);
}

function lineText(file: SourceFile, line: number): string {
  const start = file.offsetAt(line, 0);
  const end = line + 1 < file.lineCount ? file.offsetAt(line + 1, 0) : file.text.length;
  return file.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}
