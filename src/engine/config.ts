import { dirname, resolve as resolvePath } from 'node:path';
import { parseTree, findNodeAtLocation, getNodeValue, printParseErrorCode } from 'jsonc-parser';
import { describeParseError } from '../parse/arm/jsonc.js';
import type { ParseError, Node } from 'jsonc-parser';
import type { LevelSetting } from '../core/diagnostic.js';
import { LEVELS } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import type { BudgetLimits } from '../expr/budget.js';
import { DEFAULT_LIMITS } from '../expr/budget.js';
import { MAX_JSON_NESTING, excessiveNesting } from '../parse/arm/nesting.js';
import { closestId } from './suggest.js';

export const CONFIG_FILE_NAME = 'gwlint.config.json';

/** `gwlint.config.json` (JSONC): rule levels, ignore globs and work limits. */
export interface GwlintConfig {
  rules: Record<string, LevelSetting>;
  ignorePatterns: string[];
  /** Work limits for evaluating one file; unset ones keep their defaults (`DEFAULT_LIMITS`). */
  limits?: Partial<BudgetLimits>;
  /** The repository root whose templates give context (absolute: written relative to the configuration file's folder). */
  root?: string;
}

/**
 * The settings of the `limits` section and the largest value each accepts. The ceilings keep a raised
 * limit from turning into the hang or the exhausted stack or memory the limit is there to prevent.
 */
export const LIMIT_SETTINGS: Readonly<Record<keyof BudgetLimits, { max: number; what: string }>> = {
  steps: { max: 1_000_000_000, what: 'expression evaluation steps per file' },
  maxLength: { max: 100_000_000, what: 'longest string or array an evaluation builds' },
  copyCount: { max: 100_000, what: 'largest copy or loop count expanded' },
  depth: { max: 600, what: 'deepest expression nesting evaluated' },
  fileSize: { max: 128 * 1024 * 1024, what: 'longest file, in characters, that is linted' },
};

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

const TOP_LEVEL_KEYS = ['$schema', 'rules', 'ignorePatterns', 'limits', 'root'];

export function parseConfig(text: string, path: string, knownRuleIds: readonly string[]): GwlintConfig {
  const source = new SourceFile(path, text);
  const fail = (message: string, node?: Node | { offset: number }): never => {
    const pos = node ? source.position(node.offset) : undefined;
    throw new ConfigError(message, path, pos && pos.line + 1, pos && pos.character + 1);
  };
  // A byte order mark (editors on Windows write one) is not content; a space keeps offsets.
  const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const tooDeep = excessiveNesting(body);
  if (tooDeep !== undefined) fail(`invalid JSON: nested more than ${MAX_JSON_NESTING} levels deep`, { offset: tooDeep });
  const errors: ParseError[] = [];
  const root = parseTree(body, errors, { allowTrailingComma: true });
  if (errors.length) fail(`invalid JSON: ${describeParseError(printParseErrorCode(errors[0].error))}`, errors[0]);
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
      // An object or array node has no `value`: its whole value is what the message quotes.
      config.rules[id] = parseLevel(valueNode && getNodeValue(valueNode), (m) => fail(m, valueNode ?? keyNode));
    }
  }
  const ignore = findNodeAtLocation(root, ['ignorePatterns']);
  if (ignore) {
    if (ignore.type !== 'array' || !(ignore.children ?? []).every((c) => c.type === 'string'))
      fail("'ignorePatterns' must be an array of glob strings", ignore);
    config.ignorePatterns = (ignore.children ?? []).map((c) => c.value as string);
  }
  const limits = findNodeAtLocation(root, ['limits']);
  if (limits) config.limits = parseLimits(limits, fail);
  const repositoryRoot = findNodeAtLocation(root, ['root']);
  if (repositoryRoot) {
    if (repositoryRoot.type !== 'string' || !(repositoryRoot.value as string).trim()) fail("'root' must be a folder path, relative to this file's folder", repositoryRoot);
    config.root = resolvePath(dirname(path), repositoryRoot.value as string);
  }
  return config;
}

/** `"limits": { "steps": 5000000, "copyCount": 800 }`: whole numbers from 1 to each setting's ceiling. */
function parseLimits(node: Node, fail: (message: string, node?: Node) => never): Partial<BudgetLimits> {
  const names = Object.keys(LIMIT_SETTINGS) as (keyof BudgetLimits)[];
  if (node.type !== 'object') fail(`'limits' must be an object with any of ${names.map((n) => `'${n}'`).join(', ')}`, node);
  const out: Partial<BudgetLimits> = {};
  for (const prop of node.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    const key = keyNode.value as string;
    const setting = LIMIT_SETTINGS[key as keyof BudgetLimits];
    if (!names.includes(key as keyof BudgetLimits)) fail(`unknown limit '${key}'${didYouMean(key, names)}; the limits are ${names.join(', ')}`, keyNode);
    const value: unknown = valueNode?.value;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > setting.max)
      fail(
        `limit '${key}' (${setting.what}) must be a whole number from 1 to ${setting.max.toLocaleString('en-US')}, got ${JSON.stringify(value ?? null)}; the default is ${DEFAULT_LIMITS[key as keyof BudgetLimits].toLocaleString('en-US')}`,
        valueNode ?? keyNode,
      );
    out[key as keyof BudgetLimits] = value as number;
  }
  return out;
}

/** Parses a level written by a user; `warn` is accepted as ESLint users write it. */
export function parseLevel(value: unknown, fail: (message: string) => never): LevelSetting {
  if (value === 'warn') return 'warning';
  if (typeof value === 'string' && (LEVELS as string[]).includes(value)) return value as LevelSetting;
  const written = JSON.stringify(value ?? null);
  // ESLint writes `["error", options]`; a level here is the string alone.
  const alone = Array.isArray(value) && typeof value[0] === 'string' ? ` (write ${JSON.stringify(value[0])} alone: rules take no options)` : '';
  return fail(`invalid level ${written}: use one of ${LEVELS.join(', ')}${alone}`);
}

function didYouMean(input: string, known: readonly string[]): string {
  const close = closestId(input, known);
  return close ? ` (did you mean '${close}'?)` : '';
}

/** Later configurations override earlier ones (a file's own config over `--rule` defaults, and so on). */
export function mergeConfigs(...configs: GwlintConfig[]): GwlintConfig {
  const merged: GwlintConfig = {
    rules: Object.assign({}, ...configs.map((c) => c.rules)),
    ignorePatterns: configs.flatMap((c) => c.ignorePatterns),
  };
  const root = configs.map((c) => c.root).filter((r) => r !== undefined).pop();
  if (root !== undefined) merged.root = root;
  if (configs.some((c) => c.limits)) merged.limits = Object.assign({}, ...configs.map((c) => c.limits ?? {}));
  return merged;
}
