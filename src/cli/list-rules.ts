import type { RuleMeta } from '../engine/rule-meta.js';
import { defaultLevelText, docsUrl } from '../engine/rule-meta.js';

/**
 * `gwlint --list-rules`: every rule, the engine's own included, with its default level (`error/warning`
 * when the level depends on the case), whether `--fix` can fix its findings, and its summary.
 */
export function listRules(rules: readonly RuleMeta[], format: string): string {
  if (format === 'json')
    return `${JSON.stringify(
      rules.map((r) => ({ id: r.id, level: r.level, ...(r.levels ? { levels: r.levels } : {}), category: r.category, fixable: r.fixable === true, summary: r.summary, docsUrl: docsUrl(r.id) })),
      null,
      2,
    )}\n`;
  const rows = rules.map((r) => [r.id, defaultLevelText(r), r.fixable ? 'fix' : '', r.summary]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length), ['rule', 'level', 'fix'][i].length));
  const line = (row: string[]) => row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell)).join('  ').trimEnd();
  return [line(['rule', 'level', 'fix', 'summary']), ...rows.map(line)].join('\n') + '\n';
}
