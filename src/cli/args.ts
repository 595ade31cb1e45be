import { parseArgs } from 'node:util';
import type { LevelSetting } from '../core/diagnostic.js';
import { parseLevel } from '../engine/config.js';

export class UsageError extends Error {}

export interface CliOptions {
  paths: string[];
  format: string;
  output?: string;
  maxWarnings: number;
  quiet: boolean;
  rules: Record<string, LevelSetting>;
  parameters: string[];
  ignorePatterns: string[];
  config?: string;
  color?: boolean;
  help: boolean;
  version: boolean;
  listRules: boolean;
}

export const HELP = `Usage: gwlint [options] [paths…]

Lints ARM JSON templates, compiled Bicep and Bicep source for Azure virtual network gateway mistakes.
Folders are searched for .json, .jsonc, .bicep and .bicepparam files (default: the current folder).

Options:
  -f, --format NAME        stylish (default), json, sarif, github, azure-devops, junit, compact
  -o, --output FILE        write the report to FILE instead of standard output
  --max-warnings N         exit 1 when there are more than N warnings (default: no limit)
  --quiet                  report errors only
  --rule ID:LEVEL          set a rule's level: off, info, warning, error (repeatable)
  -p, --parameters FILE    parameters file (.parameters.json or .bicepparam) for the linted templates (repeatable)
  --ignore-pattern GLOB    skip files matching GLOB (repeatable; .gitignore is honoured too)
  -c, --config FILE        use this configuration instead of the nearest gwlint.config.json
  --color, --no-color      force colours on or off (NO_COLOR is honoured)
  --list-rules             list every rule with its level and summary
  -v, --version            print the version
  -h, --help               print this help

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings, or a file could not be
linted), 2 usage, configuration or internal error.`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        output: { type: 'string', short: 'o' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true, default: [] },
        parameters: { type: 'string', short: 'p', multiple: true, default: [] },
        'ignore-pattern': { type: 'string', multiple: true, default: [] },
        config: { type: 'string', short: 'c' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'list-rules': { type: 'boolean', default: false },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  const maxWarnings = v['max-warnings'] === undefined ? -1 : Number(v['max-warnings']);
  if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError(`--max-warnings needs a whole number, got '${v['max-warnings']}'`);
  const rules: Record<string, LevelSetting> = {};
  for (const r of v.rule) {
    const at = r.lastIndexOf(':');
    if (at <= 0) throw new UsageError(`--rule needs ID:LEVEL, got '${r}'`);
    rules[r.slice(0, at)] = parseLevel(r.slice(at + 1), (m) => {
      throw new UsageError(`--rule ${r}: ${m}`);
    });
  }
  return {
    paths: parsed.positionals.length ? parsed.positionals : ['.'],
    format: v.format,
    output: v.output,
    maxWarnings,
    quiet: v.quiet,
    rules,
    parameters: v.parameters,
    ignorePatterns: v['ignore-pattern'],
    config: v.config,
    color: v['no-color'] ? false : v.color,
    help: v.help,
    version: v.version,
    listRules: v['list-rules'],
  };
}
