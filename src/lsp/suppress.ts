import type { TextEdit } from 'vscode-languageserver';
import type { SourceFile } from '../core/source.js';

/** Rules whose findings cannot be silenced by a comment on the line above (the file is not read, or the finding is about a suppression). */
export const NOT_SUPPRESSIBLE = new Set(['parse-error', 'internal-error', 'unused-suppression']);

const GWLINT_DIRECTIVE = /^(\s*\/\/\s*gwlint-disable-next-line\s+)(.*?)(\s*--.*)?$/;
const BICEP_DIRECTIVE = /^(\s*#disable-next-line\s+)(.*?)\s*$/;

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
    const own = GWLINT_DIRECTIVE.exec(prev);
    const hash = bicep ? BICEP_DIRECTIVE.exec(prev) : null;
    const m = own ?? hash;
    if (m && m[2]) {
      const at = { line: line - 1, character: m[1].length + m[2].length };
      return { range: { start: at, end: at }, newText: own ? `, ${ruleId}` : ` ${ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(lineText(file, line))![0];
  const eol = /\r\n/.test(file.text) ? '\r\n' : '\n';
  const directive = bicep ? `#disable-next-line ${ruleId}` : `// gwlint-disable-next-line ${ruleId} -- reason`;
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: indent + directive + eol };
}

function lineText(file: SourceFile, line: number): string {
  const start = file.offsetAt(line, 0);
  const end = line + 1 < file.lineCount ? file.offsetAt(line + 1, 0) : file.text.length;
  return file.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}
