import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { stylish } from '../../src/report/stylish.js';
import { diagnostic, EMPTY, fileResult, find, nastyResult, options, quietResult, RULES, sampleResult } from './fixtures.js';

/** VS Code's built-in `$eslint-stylish` problem matcher. */
const MATCHER_FILE = /^([^\s].*)$/;
const MATCHER_ROW = /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.+?)(?:\s\s+(.*))?$/;

const SAMPLE = [
  '',
  '/repo/infra/main.json',
  '  3:20  error    GatewaySubnet is a /29; a gateway needs at least a /27.  gateway-subnet-size',
  '  4:10  warning  The Basic SKU is retired.                                gateway-sku-basic',
  '  ↳ 3:20 /repo/infra/main.parameters.json:2:13 The prefix is written here.',
  '',
  '/repo/infra/vpn gw.bicep',
  '  2:22  info     Subnet name is written as a literal.  gateway-subnet-name',
  '  3:69  warning  The gateway sets no SKU.              gateway-sku-basic',
  '',
  '✖ 4 problems (1 error, 2 warnings, 1 info)',
  '  0 errors, 1 warning and 0 infos potentially fixable with the `--fix` option.',
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
    expect(stylish(result, options())).toContain('✖ 2 problems (2 errors, 0 warnings, 0 infos)\n');
  });

  it('is read by the $eslint-stylish problem matcher', () => {
    const lines = stylish(sampleResult(), options()).split('\n');
    expect(lines[1]).toMatch(MATCHER_FILE);
    // As VS Code reads it: a file line, then rows until the first line that is not a row.
    const rows: string[][] = [];
    let inFile = false;
    for (const line of lines) {
      const row = inFile ? MATCHER_ROW.exec(line) : null;
      if (row) rows.push(row.slice(1));
      else inFile = MATCHER_FILE.test(line) && !line.startsWith('\u2716');
    }
    expect(rows).toEqual([
      ['3', '20', 'error', 'GatewaySubnet is a /29; a gateway needs at least a /27.', 'gateway-subnet-size'],
      ['4', '10', 'warning', 'The Basic SKU is retired.', 'gateway-sku-basic'],
      ['2', '22', 'info', 'Subnet name is written as a literal.', 'gateway-subnet-name'],
      ['3', '69', 'warning', 'The gateway sets no SKU.', 'gateway-sku-basic'],
    ]);
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
