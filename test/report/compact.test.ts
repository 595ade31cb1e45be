import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { compact } from '../../src/report/compact.js';
import { diagnostic, EMPTY, fileResult, find, nastyResult, options, quietResult, RULES, sampleResult } from './fixtures.js';

describe('compact', () => {
  it("prints ESLint's compact lines, absolute paths, and the number of problems", () => {
    expect(compact(sampleResult(), options())).toBe(
      [
        '/repo/infra/main.json: line 3, col 20, Error - GatewaySubnet is a /29; a gateway needs at least a /27. (gateway-subnet-size)',
        '/repo/infra/main.json: line 4, col 10, Warning - The Basic SKU is retired. (gateway-sku-basic)',
        '/repo/infra/vpn gw.bicep: line 2, col 22, Info - Subnet name is written as a literal. (gateway-subnet-name)',
        '/repo/infra/vpn gw.bicep: line 3, col 69, Warning - The gateway sets no SKU. (gateway-sku-basic)',
        '',
        '4 problems',
        '',
      ].join('\n'),
    );
  });

  it("is read by the eslint-compact problem matcher as VS Code defines it", () => {
    // VS Code's built-in `$eslint-compact` pattern (microsoft/vscode,
    // src/vs/workbench/contrib/tasks/common/problemMatcher.ts, ProblemPatternRegistryImpl.fillDefaults).
    const matcher = /^(.+):\sline\s(\d+),\scol\s(\d+),\s(Error|Warning|Info)\s-\s(.+)\s\((.+)\)$/;
    const rows = compact(sampleResult(), options())
      .split('\n')
      .flatMap((line) => matcher.exec(line)?.slice(1) ?? []);
    expect(rows).toEqual([
      ...['/repo/infra/main.json', '3', '20', 'Error', 'GatewaySubnet is a /29; a gateway needs at least a /27.', 'gateway-subnet-size'],
      ...['/repo/infra/main.json', '4', '10', 'Warning', 'The Basic SKU is retired.', 'gateway-sku-basic'],
      ...['/repo/infra/vpn gw.bicep', '2', '22', 'Info', 'Subnet name is written as a literal.', 'gateway-subnet-name'],
      ...['/repo/infra/vpn gw.bicep', '3', '69', 'Warning', 'The gateway sets no SKU.', 'gateway-sku-basic'],
    ]);
  });

  it('keeps each finding on one line', () => {
    expect(compact(nastyResult(), options())).toBe(
      '/repo/we,ird:dir/x.json: line 1, col 8, Error - 100% sure: a, b next ] ; <&> "q" [31mred (gateway-subnet-size)\n\n1 problem\n',
    );
  });

  it('escapes control characters in a path', () => {
    const source = new SourceFile('/repo/a\nb.json', '{}');
    const result = { files: [fileResult(source, 'arm-template' as const, [diagnostic('gateway-subnet-size', 'error', 'M.', find(source, '}'))])], rules: RULES };
    expect(compact(result, options())).toBe('/repo/a\\nb.json: line 1, col 2, Error - M. (gateway-subnet-size)\n\n1 problem\n');
  });

  it('prints nothing without findings', () => {
    expect(compact(EMPTY, options())).toBe('');
    expect(compact(quietResult(), options())).toBe('');
  });
});
