import type { Level } from '../core/diagnostic.js';
import { escapeGithubData, escapeGithubProperty } from './escape.js';
import { linePerFinding } from './findings.js';
import { displayPath } from './paths.js';
import type { Reporter } from './types.js';

const COMMAND: Record<Level, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands, one annotation per finding:
 *
 *     ::error file=…,line=…,endLine=…,col=…,endColumn=…,title=gwlint (rule-id)::message
 *
 * Paths are relative to the working directory (the workspace). GitHub takes columns only for a range
 * on one line, so `col` and `endColumn` are left out when a finding spans lines.
 */
export const github: Reporter = (result, options) =>
  linePerFinding(result, (file, d, at) => {
    const properties: [string, string | number][] = [
      ['file', displayPath(file.path, options.cwd)],
      ['line', at.line],
      ['endLine', at.endLine],
    ];
    if (at.line === at.endLine) properties.push(['col', at.column], ['endColumn', at.endColumn]);
    properties.push(['title', `gwlint (${d.ruleId})`]);
    const list = properties.map(([key, value]) => `${key}=${escapeGithubProperty(String(value))}`).join(',');
    return `::${COMMAND[d.level]} ${list}::${escapeGithubData(d.message)}`;
  });
