import type { RuleMeta } from '../engine/rule-meta.js';

/** `gwlint --list-rules`: id, default level and summary, one rule a line. */
export function listRules(rules: RuleMeta[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  return rules.map((r) => `${r.id.padEnd(width)}  ${r.level.padEnd(7)}  ${r.summary}`).join('\n') + '\n';
}
