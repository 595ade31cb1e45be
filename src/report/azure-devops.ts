import type { Level } from '../core/diagnostic.js';
import { escapeAzureDevOps } from './escape.js';
import { linePerFinding } from './findings.js';
import { displayPath } from './paths.js';
import type { Reporter } from './types.js';

/** `task.logissue` knows only `error` and `warning`, so info findings are logged as warnings. */
const ISSUE_TYPE: Record<Level, 'error' | 'warning'> = { error: 'error', warning: 'warning', info: 'warning' };

/**
 * Azure Pipelines logging commands, one issue per finding:
 *
 *     ##vso[task.logissue type=error;sourcepath=…;linenumber=…;columnnumber=…;code=rule-id]message
 *
 * Paths are relative to the working directory.
 */
export const azureDevOps: Reporter = (result, options) =>
  linePerFinding(result, (file, d, at) => {
    const properties: [string, string | number][] = [
      ['type', ISSUE_TYPE[d.level]],
      ['sourcepath', displayPath(file.path, options.cwd)],
      ['linenumber', at.line],
      ['columnnumber', at.column],
      ['code', d.ruleId],
    ];
    const list = properties.map(([key, value]) => `${key}=${escapeAzureDevOps(String(value))}`).join(';');
    return `##vso[task.logissue ${list}]${escapeAzureDevOps(d.message)}`;
  });
