import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { LevelSetting } from '../core/diagnostic.js';
import type { GwlintConfig } from '../engine/config.js';
import { CONFIG_FILE_NAME, mergeConfigs } from '../engine/config.js';
import type { RuleMeta } from '../engine/rule-meta.js';
import { defaultLevelText, docsPath } from '../engine/rule-meta.js';
import { closestId } from '../engine/suggest.js';
import type { ConfigFinder } from './config-files.js';
import { packageRoot } from './package-root.js';
import { writeFileAtomic } from './write.js';

/**
 * The text of a starter `gwlint.config.json`: every rule at its default level, with comments. A rule whose
 * level depends on the case is a comment: any level written for it would apply to every case.
 */
export function starterConfig(rules: RuleMeta[]): string {
  const sorted = [...rules].sort((a, b) => a.id.localeCompare(b.id));
  const width = Math.max(...sorted.map((r) => r.id.length)) + 3;
  const last = sorted.map((r) => !r.levels).lastIndexOf(true);
  const lines = sorted.map((r, i) => {
    const entry = `${`${JSON.stringify(r.id)}:`.padEnd(width)} ${JSON.stringify(r.level)}`;
    return r.levels ? `    // ${entry}  (default: ${defaultLevelText(r)} by case)` : `    ${entry}${i < last ? ',' : ''}`;
  });
  return `{
  // gwlint configuration (JSON with comments). It applies to the files in this folder and below.
  // Levels: "off", "info", "warning", "error". Every rule is listed at its default level:
  // change a level, or delete a line to keep the default. Commented rules report an error or a
  // lesser level by case; a level set for them applies to every case.
  // \`gwlint explain <rule-id>\` describes a rule.
  "rules": {
${lines.join('\n')}
  },
  // Globs of files not to lint, besides those .gitignore already excludes.
  "ignorePatterns": []
}
`;
}

/** `gwlint --init`: writes the starter configuration, never over an existing file. */
export async function init(cwd: string, rules: RuleMeta[]): Promise<{ ok: boolean; message: string }> {
  const file = path.join(cwd, CONFIG_FILE_NAME);
  try {
    await writeFileAtomic(file, starterConfig(rules), { exclusive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, message: `${file} already exists; it was left as it is.` };
    throw e;
  }
  return { ok: true, message: `Wrote ${file}.` };
}

/** `gwlint explain <rule-id>`: the rule's documentation page, or its metadata when it has no page. */
export function explain(id: string, rules: RuleMeta[]): { ok: boolean; text: string } {
  const rule = rules.find((r) => r.id === id) ?? rules.find((r) => r.id.toLowerCase() === id.toLowerCase());
  if (!rule) {
    const close = closestId(id, rules.map((r) => r.id));
    return { ok: false, text: `unknown rule '${id}'${close ? ` (did you mean '${close}'?)` : ''}; 'gwlint --list-rules' lists them.` };
  }
  const page = path.join(packageRoot(), docsPath(rule.id));
  if (existsSync(page)) {
    const text = withoutTestMarks(readFileSync(page, 'utf8'));
    return { ok: true, text: text.endsWith('\n') ? text : `${text}\n` };
  }
  return { ok: true, text: `# ${rule.id}\n\n${rule.summary}\n\nDefault level: ${rule.level}\n\n${rule.description}\n` };
}

/** A trailing `// @expect rule-id[:level]` comment on a line of an example: the docs test's mark, not for readers. */
const TEST_MARK = /[ \t]*\/\/[ \t]*@expect[ \t]+[a-z0-9-]+(?::[a-z]+)?[ \t]*$/gm;
const FENCED_BLOCK = /^```[^\n]*\n[\s\S]*?^```/gm;

/** A docs page with the test marks removed from its fenced examples (prose that mentions them is left as written). */
export function withoutTestMarks(markdown: string): string {
  return markdown.replace(FENCED_BLOCK, (block) => block.replace(TEST_MARK, ''));
}

/** `gwlint --print-config FILE`: the configuration file that applies and the level of every rule. */
export async function printConfig(file: string, finder: ConfigFinder, cli: GwlintConfig, rules: RuleMeta[]): Promise<string> {
  const found = finder.forFile(file);
  const merged = mergeConfigs(found.config, cli);
  const levels: Record<string, LevelSetting | string> = {};
  for (const r of [...rules].sort((a, b) => a.id.localeCompare(b.id))) levels[r.id] = merged.rules[r.id] ?? defaultLevelText(r);
  return `${JSON.stringify({ file, configFile: found.path ?? null, rules: levels, ignorePatterns: merged.ignorePatterns }, null, 2)}\n`;
}
