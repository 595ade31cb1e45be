/*
 * VS Code's built-in `$eslint-stylish` problem matcher, to check that gwlint's stylish output is read as
 * VS Code reads ESLint's. The patterns are VS Code's own (microsoft/vscode,
 * src/vs/workbench/contrib/tasks/common/problemMatcher.ts, ProblemPatternRegistryImpl.fillDefaults,
 * `this.add('eslint-stylish', [...])`); the reading follows
 * src/vs/workbench/contrib/tasks/common/problemCollectors.ts, AbstractProblemCollector.tryFindMarker:
 * while the looping row pattern matches, each line is a problem of the current file; the first line it
 * does not match ends the loop, and a new file line must come before more rows are read.
 */

/** The row pattern: `line:col  severity  message  code`, the code after a run of two or more spaces. */
const ROW = /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.+?)(?:\s\s+(.*))?$/;

/**
 * The file line: older releases take any line that does not start with whitespace, newer ones only a
 * path (a drive letter, `.`, `/` or `\` first). gwlint's output must be read the same by both.
 */
export const FILE_PATTERNS = {
  older: /^([^\s].*)$/,
  newer: /^((?:[a-zA-Z]:)*[./\\]+.*?)$/,
} as const;

export interface MatchedProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  message: string;
  code: string | undefined;
}

/** The problems VS Code's `$eslint-stylish` matcher finds in some output (colours already stripped, as VS Code reads a terminal's text). */
export function eslintStylishProblems(output: string, filePattern: RegExp = FILE_PATTERNS.newer): MatchedProblem[] {
  const problems: MatchedProblem[] = [];
  let file: string | undefined; // set while the row pattern loops
  let previous: string | undefined; // the line before, a candidate file line
  for (const line of output.split(/\r?\n/)) {
    if (file !== undefined) {
      const row = ROW.exec(line);
      if (row) {
        problems.push(problem(file, row));
        continue;
      }
      file = undefined;
    }
    const fileLine = previous === undefined ? null : filePattern.exec(previous);
    const row = fileLine ? ROW.exec(line) : null;
    if (fileLine && row) {
      file = fileLine[1].trim();
      problems.push(problem(file, row));
      previous = undefined;
    } else previous = line;
  }
  return problems;
}

function problem(file: string, row: RegExpExecArray): MatchedProblem {
  return { file, line: Number(row[1]), column: Number(row[2]), severity: row[3], message: row[4].trim(), code: row[5]?.trim() };
}
