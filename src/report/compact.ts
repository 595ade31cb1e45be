import type { Level } from '../core/diagnostic.js';
import { oneLine, printable } from './escape.js';
import { linePerFinding, plural } from './findings.js';
import { absolutePath } from './paths.js';
import type { Reporter } from './types.js';

/** ESLint's words; an info is `Info`, which the `eslint-compact` problem matchers of VS Code and GitHub also read. */
const TYPE: Record<Level, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/**
 * ESLint's compact format: `/abs/path: line L, col C, Error - message (rule-id)` per finding, then a
 * blank line and `N problems`; nothing without findings.
 */
export const compact: Reporter = (result, options) => {
  let total = 0;
  const lines = linePerFinding(result, (file, d, at) => {
    total++;
    return `${printable(absolutePath(file.path, options.cwd))}: line ${at.line}, col ${at.column}, ${TYPE[d.level]} - ${oneLine(d.message)} (${d.ruleId})`;
  });
  return total === 0 ? '' : `${lines}\n${plural(total, 'problem')}\n`;
};
