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
 * The arguments as the parser reads them; throws the parser's errors. Paths alone, what a pre-commit hook
 * passes, are read without the parser: Node loads its module when first used, about 5 M instructions of a
 * start.
 */
export function parseOptions(argv: string[]): ParsedOptions {
  if (argv.some((arg) => arg.startsWith('-'))) return parseWithNode(argv);
  return { values: defaultValues(), positionals: [...argv] };
}

type ParsedOptions = ReturnType<typeof parseWithNode>;

function parseWithNode(argv: string[]) {
  return parseArgs({ args: joinNegativeNumbers(argv), allowPositionals: true, options: OPTIONS });
}

/** The values the parser gives when no option is given: each default, on an object without prototype as its. */
function defaultValues(): ParsedOptions['values'] {
  const values: Record<string, unknown> = Object.create(null);
  for (const [name, option] of Object.entries(OPTIONS)) if ('default' in option) values[name] = option.default;
  return values as ParsedOptions['values'];
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
