import { describe, expect, it } from 'vitest';
import { json } from '../../src/report/json.js';
import { EMPTY, NASTY_MESSAGE, nastyResult, options, sampleResult } from './fixtures.js';

describe('json', () => {
  const out = json(sampleResult(), options());
  const parsed = JSON.parse(out);

  it('is pretty-printed with a final newline', () => {
    expect(out.startsWith('[\n  {\n    "filePath": "/repo/infra/main.json",\n    "kind": "arm-template",\n')).toBe(true);
    expect(out.endsWith('\n]\n')).toBe(true);
  });

  it('lists every file with its findings, suppressed ones marked and not counted', () => {
    expect(parsed).toEqual([
      {
        filePath: '/repo/infra/main.json',
        kind: 'arm-template',
        messages: [
          {
            ruleId: 'gateway-subnet-name',
            severity: 'info',
            message: 'Subnet name is written as a literal.',
            line: 2,
            column: 11,
            endLine: 2,
            endColumn: 26,
            related: [],
            suppressed: { kind: 'comment', justification: 'name checked by policy' },
          },
          {
            ruleId: 'gateway-subnet-size',
            severity: 'error',
            message: 'GatewaySubnet is a /29; a gateway needs at least a /27.',
            line: 3,
            column: 20,
            endLine: 3,
            endColumn: 33,
            related: [
              {
                filePath: '/repo/infra/main.parameters.json',
                line: 2,
                column: 13,
                endLine: 2,
                endColumn: 26,
                message: 'The prefix is written here.',
              },
            ],
          },
          {
            ruleId: 'gateway-sku-basic',
            severity: 'warning',
            message: 'The Basic SKU is retired.',
            line: 4,
            column: 10,
            endLine: 4,
            endColumn: 17,
            related: [],
            fix: {
              description: 'Use VpnGw1AZ',
              edits: [{ filePath: '/repo/infra/main.json', line: 4, column: 11, endLine: 4, endColumn: 16, text: 'VpnGw1AZ' }],
            },
          },
        ],
        errorCount: 1,
        warningCount: 1,
        infoCount: 0,
      },
      {
        filePath: '/repo/infra/vpn gw.bicep',
        kind: 'bicep',
        messages: [
          {
            ruleId: 'gateway-subnet-name',
            severity: 'info',
            message: 'Subnet name is written as a literal.',
            // CRLF line ends, and 'é😀' counts 3 UTF-16 units.
            line: 2,
            column: 22,
            endLine: 2,
            endColumn: 35,
            related: [],
          },
          {
            ruleId: 'gateway-sku-basic',
            severity: 'warning',
            message: 'The gateway sets no SKU.',
            line: 3,
            column: 69,
            endLine: 4,
            endColumn: 2,
            related: [],
          },
        ],
        errorCount: 0,
        warningCount: 1,
        infoCount: 1,
      },
      { filePath: '/repo/clean.json', kind: 'arm-template', messages: [], errorCount: 0, warningCount: 0, infoCount: 0 },
    ]);
  });

  it('keeps a stable key order', () => {
    expect(Object.keys(parsed[0])).toEqual(['filePath', 'kind', 'messages', 'errorCount', 'warningCount', 'infoCount']);
    expect(Object.keys(parsed[0].messages[0])).toEqual([
      'ruleId',
      'severity',
      'message',
      'line',
      'column',
      'endLine',
      'endColumn',
      'related',
      'suppressed',
    ]);
    expect(Object.keys(parsed[0].messages[2]).slice(-2)).toEqual(['related', 'fix']);
  });

  it('carries messages verbatim', () => {
    expect(JSON.parse(json(nastyResult(), options()))[0].messages[0].message).toBe(NASTY_MESSAGE);
  });

  it('prints an empty array for no files', () => {
    expect(json(EMPTY, options())).toBe('[]\n');
  });
});
