import { availableParallelism } from 'node:os';
import type { LevelSetting } from '../core/diagnostic.js';
import { parseLevel } from '../engine/config.js';
import { closestId } from '../engine/suggest.js';
import { FORMAT_NAMES } from '../report/formats.js';
import { OPTIONS, parseOptions } from './options.js';

export { CACHE_FILE_NAME } from './options.js';

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
  /** Apply the fixes of the findings and write the files. */
  fix: boolean;
  /** Print the fixes as a unified diff and write nothing. */
  fixDryRun: boolean;
  /** Write a starter gwlint.config.json. */
  init: boolean;
  /** Print the configuration that applies to this file. */
  printConfig?: string;
  /** `gwlint explain <rule-id>`: print the rule's documentation. */
  explain?: string;
  help: boolean;
  version: boolean;
  listRules: boolean;
  /** Worker threads to lint with (default: one less than the number of cores). */
  jobs: number;
  /** Reuse the results of files unchanged since the last run. */
  cache: boolean;
  cacheLocation: string;
  /** A folder or glob with no file to lint is not an error. */
  allowUnmatched: boolean;
  /** The Bicep module cache to read registry modules from, instead of bicepconfig.json's or ~/.bicep. */
  moduleCache?: string;
  /** The repository root for the index, instead of the nearest folder holding `.git`. */
  root?: string;
  /** `gwlint diff` / `--base REF`: compare with this git revision; `''` for the default (see defaultBase). */
  base?: string;
}

export const HELP = `Usage: gwlint [options] [paths…]
       gwlint explain <rule-id>
       gwlint diff [BASE] [paths…]

Lints ARM JSON templates, compiled Bicep and Bicep source for Azure virtual network gateway mistakes.
Folders are searched for .json, .jsonc, .bicep and .bicepparam files (default: the current folder).

Options:
  -f, --format NAME        ${FORMAT_NAMES.map((f, i) => (i === 0 ? `${f} (default)` : f)).join(', ')}
  -o, --output FILE        write the report to FILE instead of standard output
  --max-warnings N         exit 1 when there are more than N warnings (default -1: no limit)
  --quiet                  report errors only
  --rule ID:LEVEL          set a rule's level: off, info, warning, error (repeatable)
  -p, --parameters FILE    parameters file (.parameters.json or .bicepparam) for the linted templates (repeatable)
  --ignore-pattern GLOB    skip files matching GLOB (repeatable; .gitignore is honoured too)
  --no-error-on-unmatched-pattern
                           exit 0 when a folder or glob has no file to lint (default: exit 2)
  -c, --config FILE        use this configuration instead of the nearest gwlint.config.json
  -j, --jobs N             lint in N threads (this one and N-1 workers), at most the number of cores (default: one less than the number of cores)
  --cache                  reuse the results of unchanged files from the last run (.gwlintcache)
  --cache-location FILE    where the cache is kept (default: .gwlintcache in the current folder)
  --base REF               also report changes since the git revision REF that Azure refuses on an existing
                           gateway or that force recreating it (as gwlint diff REF)
  --root DIR               the repository root whose templates give context (default: 'root' in gwlint.config.json, else the nearest folder with .git above the linted paths, else the linted folder)
  --module-cache DIR       the Bicep module cache to read registry modules from (default: bicepconfig.json's cacheRootDirectory, else ~/.bicep)
  --fix                    apply the fixes findings offer, then report what remains
  --fix-dry-run            print the fixes as a unified diff and write nothing
  --color, --no-color      force colours on or off (NO_COLOR is honoured)
  --init                   write a starter gwlint.config.json in the current folder
  --print-config FILE      print the configuration that applies to FILE
  --lsp                    run as a language server over standard input and output (for editors)
  --list-rules             list every rule with its default level, fix column and summary (-f json for tools)
  -v, --version            print the version
  -h, --help               print this help

Commands:
  explain <rule-id>        print a rule's documentation
  diff [BASE] [paths…]     lint, and report changes since the git revision BASE that Azure refuses or that
                           recreate a gateway (BASE: where HEAD branched from origin/HEAD, else from main or master)

Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings, or a file could not be
linted), 2 usage, configuration or internal error.`;

/** Long option names as typed, for suggestions (`--lsp` is read before these options are parsed). */
const LONG_OPTIONS = [...Object.keys(OPTIONS), 'lsp'].map((name) => `--${name}`);

/** The parser's complaint in one line, as ESLint words it: `unknown option '--fomat'; did you mean '--format'?`. */
function usageError(e: Error & { code?: string }): UsageError {
  const option = /'(-[^']*)'/.exec(e.message)?.[1];
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) {
    const name = option.split('=')[0];
    const near = name.startsWith('--') ? closestId(name, LONG_OPTIONS) : undefined;
    return new UsageError(`unknown option '${name}'${near ? `; did you mean '${near}'?` : ''}`);
  }
  const long = /--[\w-]+/.exec(e.message)?.[0];
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && long) return new UsageError(`option '${long}' ${/does not take/.test(e.message) ? 'takes no value' : 'needs a value'}`);
  return new UsageError(e.message.split('\n')[0]);
}

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseOptions(argv);
  } catch (e) {
    throw usageError(e as Error);
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
  // One core is left to the main thread and the garbage collector's helper threads, which a lint run keeps busy.
  const jobs = v.jobs === undefined ? Math.max(1, availableParallelism() - 1) : Number(v.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs needs a whole number of 1 or more, got '${v.jobs}'`);
  if (v.fix && v['fix-dry-run']) throw new UsageError('use either --fix or --fix-dry-run, not both');
  let positionals = parsed.positionals;
  let explain: string | undefined;
  if (positionals[0] === 'explain') {
    if (positionals.length !== 2) throw new UsageError('explain needs one rule id: gwlint explain <rule-id>');
    explain = positionals[1];
    positionals = [];
  }
  let base = v.base;
  if (positionals[0] === 'diff') {
    if (base !== undefined) throw new UsageError('gwlint diff takes the base revision as its argument, not --base');
    base = positionals[1] ?? '';
    positionals = positionals.slice(2);
  }
  if (base !== undefined && (v.fix || v['fix-dry-run'])) throw new UsageError('--fix and --fix-dry-run do not go with a base revision; fix in a normal run');
  return {
    paths: positionals.length ? positionals : ['.'],
    format: v.format,
    output: v.output,
    maxWarnings,
    quiet: v.quiet,
    rules,
    parameters: v.parameters,
    ignorePatterns: v['ignore-pattern'],
    config: v.config,
    color: v['no-color'] ? false : v.color,
    fix: v.fix,
    fixDryRun: v['fix-dry-run'],
    init: v.init,
    printConfig: v['print-config'],
    explain,
    help: v.help,
    version: v.version,
    listRules: v['list-rules'],
    jobs,
    cache: v.cache,
    cacheLocation: v['cache-location'],
    allowUnmatched: v['no-error-on-unmatched-pattern'],
    moduleCache: v['module-cache'],
    root: v.root,
    base,
  };
}
