import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { OPTIONS, parseOptions } from '../../src/cli/options.js';

describe('parseOptions', () => {
  it('reads paths alone as Node’s parser does: every default, on an object without prototype', () => {
    const argv = ['main.bicep', 'nested/vnet.json'];
    const read = parseOptions(argv);
    const parser = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    expect(read.positionals).toEqual(parser.positionals);
    expect(Object.getPrototypeOf(read.values)).toBe(Object.getPrototypeOf(parser.values));
    expect(Object.entries(read.values)).toEqual(Object.entries(parser.values));
  });

  it('gives arguments with an option to Node’s parser', () => {
    expect(parseOptions(['-f', 'json', 'main.bicep']).values.format).toBe('json');
    expect(() => parseOptions(['--no-such-option'])).toThrow();
  });
});
