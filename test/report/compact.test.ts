import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { compact } from '../../src/report/compact.js';
import { diagnostic, EMPTY, fileResult, find, nastyResult, options, quietResult, RULES, sampleResult } from './fixtures.js';

describe('compact', () => {
  it('prints one line per finding with the path relative to cwd', () => {
    expect(compact(sampleResult(), options())).toBe(
      [
        'infra/main.json:3:20: error GatewaySubnet is a /29; a gateway needs at least a /27. [gateway-subnet-size]',
        'infra/main.json:4:10: warning The Basic SKU is retired. [gateway-sku-basic]',
        'infra/vpn gw.bicep:2:22: info Subnet name is written as a literal. [gateway-subnet-name]',
        'infra/vpn gw.bicep:3:69: warning The gateway sets no SKU. [gateway-sku-basic]',
        '',
      ].join('\n'),
    );
  });

  it('keeps each finding on one line', () => {
    expect(compact(nastyResult(), options())).toBe(
      'we,ird:dir/x.json:1:8: error 100% sure: a, b next ] ; <&> "q" [31mred [gateway-subnet-size]\n',
    );
  });

  it('prints an absolute path for a file outside cwd', () => {
    const source = new SourceFile('/elsewhere/shared.json', '{}');
    const result = { files: [fileResult(source, 'arm-template' as const, [diagnostic('gateway-subnet-size', 'error', 'M.', find(source, '}'))])], rules: RULES };
    expect(compact(result, options())).toBe('/elsewhere/shared.json:1:2: error M. [gateway-subnet-size]\n');
  });

  it('prints nothing without findings', () => {
    expect(compact(EMPTY, options())).toBe('');
    expect(compact(quietResult(), options())).toBe('');
  });
});
