import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';

/**
 * The command line's options as the parser reads them. Kept apart from args.ts, which checks their values,
 * so that a run answered from its record (replay.ts) parses its arguments without loading the rest.
 */

/** The result cache's file (--cache), in the current folder unless --cache-location says otherwise. */
export const CACHE_FILE_NAME = '.gwlintcache';

export const OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  output: { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  rule: { type: 'string', multiple: true, default: [] },
  parameters: { type: 'string', short: 'p', multiple: true, default: [] },
  'ignore-pattern': { type: 'string', multiple: true, default: [] },
  'no-error-on-unmatched-pattern': { type: 'boolean', default: false },
  config: { type: 'string', short: 'c' },
  jobs: { type: 'string', short: 'j' },
  cache: { type: 'boolean', default: false },
  'cache-location': { type: 'string', default: CACHE_FILE_NAME },
  'module-cache': { type: 'string' },
  root: { type: 'string' },
  base: { type: 'string' },
  fix: { type: 'boolean', default: false },
  'fix-dry-run': { type: 'boolean', default: false },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  init: { type: 'boolean', default: false },
  'print-config': { type: 'string' },
  'list-rules': { type: 'boolean', default: false },
  version: { type: 'boolean', short: 'v', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} satisfies NonNullable<ParseArgsConfig['options']>;

/**
 * The arguments as the parser reads them; throws the parser's errors. Paths and options written one word
 * each (`--quiet`, `--format json`, `-f json`), what pre-commit hooks and CI pass, are read without the
 * parser: Node loads its module when first used, about 5 M instructions of a start. The parser reads the
 * rest (`--name=value`, grouped short options, `--`, a value starting with a dash, an unknown option) and
 * words their errors.
 */
export function parseOptions(argv: string[]): ParsedOptions {
  return readWordByWord(argv) ?? parseWithNode(argv);
}

type ParsedOptions = ReturnType<typeof parseWithNode>;
type OptionName = keyof typeof OPTIONS;

function parseWithNode(argv: string[]) {
  return parseArgs({ args: joinNegativeNumbers(argv), allowPositionals: true, options: OPTIONS });
}

/**
 * What the parser gives for `argv` (the options in the order first given, then each default, on an object
 * without prototype as its), or undefined for arguments left to the parser.
 */
function readWordByWord(argv: string[]): ParsedOptions | undefined {
  const values: Record<string, unknown> = Object.create(null);
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const name = optionNamed(arg);
    if (name === undefined) return undefined;
    const option: { type: string; multiple?: boolean } = OPTIONS[name];
    if (option.type === 'boolean') {
      values[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith('-')) return undefined;
    if (option.multiple) ((values[name] ??= []) as string[]).push(value);
    else values[name] = value;
  }
  for (const [name, option] of Object.entries(OPTIONS)) if (!(name in values) && 'default' in option) values[name] = option.default;
  return { values, positionals } as ParsedOptions;
}

/** The option `--name` or `-x` names, if any. */
function optionNamed(arg: string): OptionName | undefined {
  if (arg.startsWith('--')) {
    const name = arg.slice(2);
    return Object.hasOwn(OPTIONS, name) ? (name as OptionName) : undefined;
  }
  if (arg.length !== 2) return undefined;
  for (const [name, option] of Object.entries(OPTIONS)) if ('short' in option && option.short === arg[1]) return name as OptionName;
  return undefined;
}

/**
 * `--max-warnings -1` (ESLint's "no limit") as `--max-warnings=-1`: the parser would otherwise take `-1`
 * for an option.
 */
function joinNegativeNumbers(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max-warnings' && /^-\d+$/.test(argv[i + 1] ?? '')) out.push(`--max-warnings=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}
