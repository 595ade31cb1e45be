import { oneLine, printable } from './escape.js';
import { linePerFinding } from './findings.js';
import { displayPath } from './paths.js';
import type { Reporter } from './types.js';

/** One line per finding, `path:line:col: level message [rule-id]`, the path relative to the working directory. */
export const compact: Reporter = (result, options) =>
  linePerFinding(
    result,
    (file, d, at) =>
      `${printable(displayPath(file.path, options.cwd))}:${at.line}:${at.column}: ${d.level} ${oneLine(d.message)} [${d.ruleId}]`,
  );
