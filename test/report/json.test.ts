import { describe, expect, it } from 'vitest';
import { json } from '../../src/report/json.js';
import { SourceFile } from '../../src/core/source.js';
import { cleanJson, diagnostic, EMPTY, fileResult, find, mainJson, mainParams, NASTY_MESSAGE, nastyResult, options, RULES, sampleResult } from './fixtures.js';

describe('json', () => {
  const out = json(sampleResult(), options());
  const parsed = JSON.parse(out);

  it('is pretty-printed with a final newline', () => {
    expect(out.startsWith('[\n  {\n    "filePath": "/repo/infra/main.json",\n    "messages": [\n')).toBe(true);
    expect(out.endsWith('\n]\n')).toBe(true);
  });

  const DOCS = 'https://github.com/gwlint/gwlint/blob/main/docs/rules/';

  it("follows ESLint's shape, suppressed findings apart, with gwlint's extras after ESLint's fields", () => {
    const basic = mainJson.text.indexOf('Basic');
    expect(parsed).toEqual([
      {
        filePath: '/repo/infra/main.json',
        messages: [
          {
            ruleId: 'gateway-subnet-size',
            severity: 2,
            message: 'GatewaySubnet is a /29; a gateway needs at least a /27.',
            line: 3,
            column: 20,
            endLine: 3,
            endColumn: 33,
            level: 'error',
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
            docsUrl: `${DOCS}gateway-subnet-size.md`,
          },
          {
            ruleId: 'gateway-sku-basic',
            severity: 1,
            message: 'The Basic SKU is retired.',
            line: 4,
            column: 10,
            endLine: 4,
            endColumn: 17,
            fix: { range: [basic, basic + 5], text: 'VpnGw1AZ' },
            level: 'warning',
            related: [],
            docsUrl: `${DOCS}gateway-sku-basic.md`,
            fixDetails: {
              description: 'Use VpnGw1AZ',
              edits: [{ filePath: '/repo/infra/main.json', line: 4, column: 11, endLine: 4, endColumn: 16, text: 'VpnGw1AZ' }],
            },
          },
        ],
        suppressedMessages: [
          {
            ruleId: 'gateway-subnet-name',
            severity: 1,
            message: 'Subnet name is written as a literal.',
            line: 2,
            column: 11,
            endLine: 2,
            endColumn: 26,
            level: 'info',
            related: [],
            docsUrl: `${DOCS}gateway-subnet-name.md`,
            suppressions: [{ kind: 'directive', justification: 'name checked by policy' }],
          },
        ],
        errorCount: 1,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 1,
        usedDeprecatedRules: [],
        kind: 'arm-template',
        infoCount: 0,
        fixableInfoCount: 0,
      },
      {
        filePath: '/repo/infra/vpn gw.bicep',
        messages: [
          {
            ruleId: 'gateway-subnet-name',
            severity: 1,
            message: 'Subnet name is written as a literal.',
            // CRLF line ends, and 'é😀' counts 3 UTF-16 units.
            line: 2,
            column: 22,
            endLine: 2,
            endColumn: 35,
            level: 'info',
            related: [],
            docsUrl: `${DOCS}gateway-subnet-name.md`,
          },
          {
            ruleId: 'gateway-sku-basic',
            severity: 1,
            message: 'The gateway sets no SKU.',
            line: 3,
            column: 69,
            endLine: 4,
            endColumn: 2,
            level: 'warning',
            related: [],
            docsUrl: `${DOCS}gateway-sku-basic.md`,
          },
        ],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 1,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
        kind: 'bicep',
        infoCount: 1,
        fixableInfoCount: 0,
      },
      {
        filePath: '/repo/clean.json',
        messages: [],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
        kind: 'arm-template',
        infoCount: 0,
        fixableInfoCount: 0,
      },
    ]);
  });

  it("keeps ESLint's key order, extras last", () => {
    expect(Object.keys(parsed[0])).toEqual([
      'filePath',
      'messages',
      'suppressedMessages',
      'errorCount',
      'fatalErrorCount',
      'warningCount',
      'fixableErrorCount',
      'fixableWarningCount',
      'usedDeprecatedRules',
      'kind',
      'infoCount',
      'fixableInfoCount',
    ]);
    expect(Object.keys(parsed[0].messages[1])).toEqual(['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fix', 'level', 'related', 'docsUrl', 'fixDetails']);
  });

  it("gives a fix as ESLint's single edit: several edits of the file merged, none when another file is edited", () => {
    const file = new SourceFile('/repo/two.json', '{ "a": "x", "b": "y" }\n');
    const local = diagnostic('gateway-sku-basic', 'warning', 'Two values.', find(file, '"x"'), {
      fix: { description: 'Both', edits: [{ span: find(file, 'y'), text: 'Y' }, { span: find(file, 'x'), text: 'XX' }] },
    });
    const across = diagnostic('gateway-sku-basic', 'warning', 'Elsewhere.', find(file, '"y"'), {
      fix: { description: 'There', edits: [{ span: find(mainParams, '10.0.0.0/29'), text: '10.0.0.0/27' }] },
    });
    const [entry] = JSON.parse(json({ files: [fileResult(file, 'arm-template', [local, across])], rules: RULES }, options()));
    const merged = entry.messages[0].fix;
    expect(merged).toEqual({ range: [8, 19], text: 'XX", "b": "Y' });
    expect(file.text.slice(0, merged.range[0]) + merged.text + file.text.slice(merged.range[1])).toBe('{ "a": "XX", "b": "Y" }\n');
    expect(entry.messages[1].fix).toBeUndefined();
    expect(entry.messages[1].fixDetails.edits[0].filePath).toBe('/repo/infra/main.parameters.json');
    expect([entry.fixableWarningCount, entry.warningCount]).toEqual([2, 2]);
  });

  it('marks a file that could not be parsed as fatal, as ESLint does', () => {
    const broken = new SourceFile('/repo/broken.json', '{ "a": ');
    const d = diagnostic('parse-error', 'error', 'Value expected.', find(broken, '"a"'));
    const [entry] = JSON.parse(json({ files: [fileResult(broken, 'arm-template', [d])], rules: RULES }, options()));
    expect(entry.messages[0]).toMatchObject({ ruleId: 'parse-error', severity: 2, fatal: true });
    expect([entry.errorCount, entry.fatalErrorCount]).toEqual([1, 1]);
  });

  it('gives the policy that also covers a finding', () => {
    const policy = { id: '/providers/Microsoft.Authorization/policyDefinitions/0000', displayName: 'A policy' };
    const d = diagnostic('gateway-sku-basic', 'warning', 'P.', find(cleanJson, '{}'), { policy });
    const [entry] = JSON.parse(json({ files: [fileResult(cleanJson, 'arm-template', [d])], rules: RULES }, options()));
    expect(entry.messages[0].policy).toEqual(policy);
  });

  it('carries messages verbatim', () => {
    expect(JSON.parse(json(nastyResult(), options()))[0].messages[0].message).toBe(NASTY_MESSAGE);
  });

  it('prints an empty array for no files', () => {
    expect(json(EMPTY, options())).toBe('[]\n');
  });
});
