import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OPTIONS, parseOptions } from '../../src/cli/options.js';

describe('parseOptions', () => {
  it.each([
    [['main.bicep', 'nested/vnet.json']],
    [['main.bicep', '--format', 'json']],
    [['-f', 'sarif', '-o', 'out.sarif', '--quiet', '-', 'a.json']],
    [['--rule', 'a:off', '-p', 'x.json', '--rule', 'b:error', '--format', 'json', '-f', 'junit', '']],
    [['--no-color', '--cache', '--cache-location', 'c', '-j', '2', 'diff', 'main']],
    [['-v', '--constructor']],
    [['--format=json', 'a']],
    [['--format', '-x', 'a']],
    [['a', '-f']],
    [['-qf', 'json']],
    [['--', '--format']],
  ])('reads %j as Node’s parser does: options first given first, then every default, on an object without prototype', (argv) => {
    let parser;
    try {
      parser = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    } catch (e) {
      expect(() => parseOptions(argv)).toThrow((e as Error).message);
      return;
    }
    const read = parseOptions(argv);
    expect(read.positionals).toEqual(parser.positionals);
    expect(Object.getPrototypeOf(read.values)).toBe(Object.getPrototypeOf(parser.values));
    expect(Object.entries(read.values)).toEqual(Object.entries(parser.values));
  });

  it('reads ESLint’s `--max-warnings -1` as no limit', () => {
    expect(parseOptions(['--max-warnings', '-1']).values['max-warnings']).toBe('-1');
  });
});
