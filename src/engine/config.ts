import { parseTree, findNodeAtLocation, printParseErrorCode } from 'jsonc-parser';
import type { ParseError, Node } from 'jsonc-parser';
import type { LevelSetting } from '../core/diagnostic.js';
import { LEVELS } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import { closestId } from './suggest.js';

export const CONFIG_FILE_NAME = 'gwlint.config.json';

/** `gwlint.config.json` (JSONC): rule levels and ignore globs. */
export interface GwlintConfig {
  rules: Record<string, LevelSetting>;
  ignorePatterns: string[];
}

export const EMPTY_CONFIG: GwlintConfig = { rules: {}, ignorePatterns: [] };

/** A configuration problem: exit code 2, with the file, line and column, and a suggestion when there is one. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${path}${line ? `:${line}:${column ?? 1}` : ''}: ${message}`);
  }
}

const TOP_LEVEL_KEYS = ['$schema', 'rules', 'ignorePatterns'];

export function parseConfig(text: string, path: string, knownRuleIds: readonly string[]): GwlintConfig {
  const source = new SourceFile(path, text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  const fail = (message: string, node?: Node | { offset: number }): never => {
    const pos = node ? source.position(node.offset) : undefined;
    throw new ConfigError(message, path, pos && pos.line + 1, pos && pos.character + 1);
  };
  if (errors.length) fail(`invalid JSON: ${printParseErrorCode(errors[0].error)}`, errors[0]);
  if (!root || root.type !== 'object') return fail('the configuration must be a JSON object', root);
  const config: GwlintConfig = { rules: {}, ignorePatterns: [] };
  for (const prop of root.children ?? []) {
    const keyNode = prop.children![0];
    const key = keyNode.value as string;
    if (!TOP_LEVEL_KEYS.includes(key)) fail(`unknown setting '${key}'${didYouMean(key, TOP_LEVEL_KEYS)}`, keyNode);
  }
  const rules = findNodeAtLocation(root, ['rules']);
  if (rules) {
    if (rules.type !== 'object') fail("'rules' must be an object of rule ids to levels", rules);
    for (const prop of rules.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      const id = keyNode.value as string;
      if (!knownRuleIds.includes(id)) fail(`unknown rule '${id}'${didYouMean(id, knownRuleIds)}`, keyNode);
      config.rules[id] = parseLevel(valueNode?.value, (m) => fail(m, valueNode ?? keyNode));
    }
  }
  const ignore = findNodeAtLocation(root, ['ignorePatterns']);
  if (ignore) {
    if (ignore.type !== 'array' || !(ignore.children ?? []).every((c) => c.type === 'string'))
      fail("'ignorePatterns' must be an array of glob strings", ignore);
    config.ignorePatterns = (ignore.children ?? []).map((c) => c.value as string);
  }
  return config;
}

/** Parses a level written by a user; `warn` is accepted as ESLint users write it. */
export function parseLevel(value: unknown, fail: (message: string) => never): LevelSetting {
  if (value === 'warn') return 'warning';
  if (typeof value === 'string' && (LEVELS as string[]).includes(value)) return value as LevelSetting;
  return fail(`invalid level ${JSON.stringify(value)}: use one of ${LEVELS.join(', ')}`);
}

function didYouMean(input: string, known: readonly string[]): string {
  const close = closestId(input, known);
  return close ? ` (did you mean '${close}'?)` : '';
}

/** Later configurations override earlier ones (a file's own config over `--rule` defaults, and so on). */
export function mergeConfigs(...configs: GwlintConfig[]): GwlintConfig {
  return {
    rules: Object.assign({}, ...configs.map((c) => c.rules)),
    ignorePatterns: configs.flatMap((c) => c.ignorePatterns),
  };
}
