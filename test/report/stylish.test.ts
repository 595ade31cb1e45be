import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { stylish } from '../../src/report/stylish-color.js';
import { eslintStylishProblems, FILE_PATTERNS } from '../support/problem-matchers.js';
import { diagnostic, EMPTY, fileResult, find, nastyResult, options, quietResult, RULES, sampleResult } from './fixtures.js';

const SAMPLE = [
  '',
  '/repo/infra/main.json',
  '  3:20  error    GatewaySubnet is a /29; a gateway needs at least a /27.  gateway-subnet-size',
  '                 ↳ infra/main.parameters.json:2:13 The prefix is written here.',
  '/repo/infra/main.json',
  '  4:10  warning  The Basic SKU is retired.                                gateway-sku-basic',
  '',
  '/repo/infra/vpn gw.bicep',
  '  2:22  info     Subnet name is written as a literal.  gateway-subnet-name',
  '  3:69  warning  The gateway sets no SKU.              gateway-sku-basic',
  '',
  '✖ 4 problems (1 error, 2 warnings, 1 info)',
  '  0 errors and 1 warning potentially fixable with the `--fix` option.',
  '',
].join('\n');

describe('stylish', () => {
  it('prints ESLint-shaped blocks per file, a summary and the fixable count', () => {
    expect(stylish(sampleResult(), options())).toBe(SAMPLE);
  });

  it('prints nothing without findings, suppressed ones included', () => {
    expect(stylish(EMPTY, options())).toBe('');
    expect(stylish(quietResult(), options())).toBe('');
  });

  it('right-aligns line numbers and left-aligns columns as ESLint does', () => {
    const source = new SourceFile('/repo/long.json', `${'\n'.repeat(8)}    x\n\n\n         yy\n`);
    const result = {
      files: [
        fileResult(source, 'arm-template', [
          diagnostic('gateway-subnet-size', 'error', 'First.', find(source, 'x')),
          diagnostic('gateway-subnet-size', 'error', 'Second one.', find(source, 'yy')),
        ]),
      ],
      rules: RULES,
    };
    expect(stylish(result, options()).split('\n').slice(2, 4)).toEqual([
      '   9:5   error  First.       gateway-subnet-size',
      '  12:10  error  Second one.  gateway-subnet-size',
    ]);
    expect(stylish(result, options())).toContain('✖ 2 problems (2 errors, 0 warnings)\n');
  });

  it.each(Object.entries(FILE_PATTERNS))('is read by the $eslint-stylish problem matcher (%s file pattern), related locations and all', (_, filePattern) => {
    expect(eslintStylishProblems(stylish(sampleResult(), options()), filePattern)).toEqual([
      { file: '/repo/infra/main.json', line: 3, column: 20, severity: 'error', message: 'GatewaySubnet is a /29; a gateway needs at least a /27.', code: 'gateway-subnet-size' },
      { file: '/repo/infra/main.json', line: 4, column: 10, severity: 'warning', message: 'The Basic SKU is retired.', code: 'gateway-sku-basic' },
      { file: '/repo/infra/vpn gw.bicep', line: 2, column: 22, severity: 'info', message: 'Subnet name is written as a literal.', code: 'gateway-subnet-name' },
      { file: '/repo/infra/vpn gw.bicep', line: 3, column: 69, severity: 'warning', message: 'The gateway sets no SKU.', code: 'gateway-sku-basic' },
    ]);
  });

  it('pads messages to at most 80 characters, so a long one does not push the rule ids away', () => {
    const source = new SourceFile('/repo/long.json', '{ "a": 1, "b": 2 }');
    const long = `${'word '.repeat(40)}end.`;
    const result = { files: [fileResult(source, 'arm-template', [diagnostic('gateway-subnet-size', 'error', 'Short.', find(source, '1')), diagnostic('gateway-subnet-size', 'error', long, find(source, '2'))])], rules: RULES };
    const rows = stylish(result, options()).split('\n').slice(2, 4);
    expect(rows[0]).toBe(`  1:8   error  ${'Short.'.padEnd(80)}  gateway-subnet-size`);
    expect(rows[1]).toBe(`  1:16  error  ${long}  gateway-subnet-size`);
  });

  it('wraps messages and related locations at the terminal width, the rule id on the first line', () => {
    const out = stylish(sampleResult(), options({ width: 60 }));
    expect(out.split('\n').slice(0, 8)).toEqual([
      '',
      '/repo/infra/main.json',
      // 60 columns less 17 before the message and 2 + 19 for the rule id leave 22 on the first line.
      '  3:20  error    GatewaySubnet is a      gateway-subnet-size',
      '                 /29; a gateway needs at least a /27.',
      '                 ↳ infra/main.parameters.json:2:13 The',
      '                   prefix is written here.',
      '  4:10  warning  The Basic SKU is        gateway-sku-basic',
      '                 retired.',
    ]);
    const findings = out.slice(0, out.indexOf('\u2716')).split('\n');
    for (const line of findings) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('cuts a word longer than the line, never inside a character', () => {
    const source = new SourceFile('/repo/w.json', '{ "a": 1 }');
    const word = '😀'.repeat(30);
    const result = { files: [fileResult(source, 'arm-template', [diagnostic('gateway-subnet-size', 'error', word, find(source, '1'))])], rules: RULES };
    const lines = stylish(result, options({ width: 60 })).split('\n');
    const pieces = lines.slice(2, lines.indexOf('', 2)).map((l, i) => (i === 0 ? l.slice(14, l.lastIndexOf('  gateway')) : l.slice(14)).trim());
    expect(pieces.join('')).toBe(word);
    // A lone surrogate would show as U+FFFD: every piece is whole characters.
    for (const piece of pieces) expect(Buffer.from(piece, 'utf8').toString('utf8')).toBe(piece);
  });

  it('keeps a message with line breaks and control characters on its row', () => {
    const out = stylish(nastyResult(), options());
    expect(out.split('\n')[2]).toBe('  1:8  error  100% sure: a, b next ] ; <&> "q" [31mred  gateway-subnet-size');
  });

  it('colours through its own chalk instance only when asked', () => {
    const coloured = stylish(sampleResult(), options({ color: true }));
    expect(coloured).toContain('\u001b[4m/repo/infra/main.json\u001b[24m');
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured).toContain('\u001b[31m\u001b[1m✖ 4 problems');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(SAMPLE);
    expect(stylish(sampleResult(), options({ color: false }))).not.toContain('\u001b');
  });

  it('colours the summary by the worst level', () => {
    const vpn = sampleResult().files[1];
    const infoOnly = { files: [{ ...vpn, diagnostics: vpn.diagnostics.slice(0, 1) }], rules: RULES };
    expect(stylish(infoOnly, options({ color: true }))).toContain('\u001b[34m\u001b[1m✖ 1 problem (0 errors, 0 warnings, 1 info)');
  });
});
