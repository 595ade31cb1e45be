import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import type { LintResult } from '../../src/engine/result.js';
import { sarif } from '../../src/report/sarif.js';
import { diagnostic, EMPTY, fileResult, find, nastyResult, NASTY_MESSAGE, options, RULES, sampleResult } from './fixtures.js';

/**
 * The OASIS SARIF 2.1.0 schema (JSON Schema draft-07). Ajv ships no format validators, so the three
 * formats the schema uses are checked here.
 */
const validate = (() => {
  const schema = JSON.parse(readFileSync(new URL('../schemas/sarif-2.1.0.json', import.meta.url), 'utf8'));
  const ajv = new Ajv({ allErrors: true });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
})();

function render(result: LintResult): Log {
  const text = sarif(result, options());
  const log = JSON.parse(text) as Log;
  expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
  return log;
}

describe('sarif', () => {
  const log = render(sampleResult());
  const run = log.runs[0];

  it('has the log and run properties GitHub code scanning asks for', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({
      name: 'gwlint',
      semanticVersion: '0.1.0',
      informationUri: 'https://github.com/gwlint/gwlint',
    });
    expect(run.automationDetails).toEqual({ id: 'gwlint/' });
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('describes every rule of the run', () => {
    expect(run.tool.driver.rules?.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const url = 'https://github.com/gwlint/gwlint/blob/main/docs/rules/gateway-subnet-name.md';
    expect(run.tool.driver.rules?.[2]).toEqual({
      id: 'gateway-subnet-name',
      name: 'GatewaySubnetName',
      shortDescription: { text: 'Name the gateway subnet GatewaySubnet.' },
      fullDescription: { text: 'Azure finds the gateway subnet by its exact name.' },
      help: {
        text: `Azure finds the gateway subnet by its exact name.\n\nDocumentation: ${url}`,
        markdown: `Azure finds the gateway subnet by its exact name.\n\n[Documentation for \`gateway-subnet-name\`](${url})`,
      },
      helpUri: url,
      defaultConfiguration: { level: 'note' },
      properties: { tags: ['azure', 'gateway-subnet'], precision: 'very-high', 'problem.severity': 'recommendation' },
    });
    expect(run.tool.driver.rules?.map((r) => r.defaultConfiguration?.level)).toEqual(['error', 'warning', 'note']);
  });

  it('reports findings with repo-relative locations and related locations', () => {
    expect(run.results).toHaveLength(5);
    const [, error] = run.results!;
    expect(error).toEqual({
      ruleId: 'gateway-subnet-size',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'GatewaySubnet is a /29; a gateway needs at least a /27.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'infra/main.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 3, startColumn: 20, endLine: 3, endColumn: 33 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'infra/main.parameters.json', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 13, endLine: 2, endColumn: 26 },
          },
          message: { text: 'The prefix is written here.' },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: expect.stringMatching(/^[0-9a-f]{16}:1$/) },
    });
  });

  it('percent-encodes URIs and counts UTF-16 columns in CRLF files', () => {
    const info = run.results![3];
    expect(info.level).toBe('note');
    expect(info.ruleIndex).toBe(2);
    expect(info.locations?.[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/vpn%20gw.bicep', uriBaseId: '%SRCROOT%' },
      region: { startLine: 2, startColumn: 22, endLine: 2, endColumn: 35 },
    });
    expect(run.results![4].locations?.[0].physicalLocation?.region).toEqual({
      startLine: 3,
      startColumn: 69,
      endLine: 4,
      endColumn: 2,
    });
  });

  it('keeps suppressed findings as in-source suppressions', () => {
    const suppressed = run.results!.filter((r) => r.suppressions);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0].ruleId).toBe('gateway-subnet-name');
    expect(suppressed[0].suppressions).toEqual([{ kind: 'inSource', justification: 'name checked by policy' }]);
    const bare = { ...sampleResult() };
    bare.files[0].diagnostics[0].suppression = { kind: 'metadata' };
    expect(render(bare).runs[0].results![0].suppressions).toEqual([{ kind: 'inSource' }]);
  });

  it('gives files outside cwd an absolute file URI', () => {
    const source = new SourceFile('/elsewhere/shared file.json', '{}');
    const result = {
      files: [fileResult(source, 'arm-template', [diagnostic('gateway-subnet-size', 'error', 'M.', find(source, '}'))])],
      rules: RULES,
    };
    expect(render(result).runs[0].results![0].locations?.[0].physicalLocation?.artifactLocation).toEqual({
      uri: 'file:///elsewhere/shared%20file.json',
    });
  });

  it('describes a rule the run did not list', () => {
    const result = { ...sampleResult(), rules: RULES.slice(0, 1) };
    const driver = render(result).runs[0].tool.driver;
    expect(driver.rules?.map((r) => r.id)).toEqual(['gateway-subnet-size', 'gateway-subnet-name', 'gateway-sku-basic']);
    expect(driver.rules?.[1]).toMatchObject({ name: 'GatewaySubnetName', properties: { tags: ['azure'] } });
  });

  it('carries messages verbatim and stays valid', () => {
    const nasty = render(nastyResult());
    expect(nasty.runs[0].results![0].message.text).toBe(NASTY_MESSAGE);
    expect(nasty.runs[0].results![0].locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('we%2Cird%3Adir/x.json');
  });

  it('is checked against a schema that rejects what SARIF forbids', () => {
    const broken = structuredClone(log);
    broken.runs[0].results![0].level = 'info' as 'note';
    broken.runs[0].results![0].locations![0].physicalLocation!.region!.startLine = 0;
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/runs/0/results/0/level', '/runs/0/results/0/locations/0/physicalLocation/region/startLine']),
    );
    expect(validate({ ...log, unknown: true })).toBe(false);
  });

  it('has an empty result list when there are no files', () => {
    const empty = render(EMPTY);
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].tool.driver.rules).toHaveLength(3);
  });
});

describe('sarif line-hash fingerprints', () => {
  const hashesOf = (text: string, needle: string, count: number): string[] => {
    const source = new SourceFile('/repo/a.json', text);
    const diagnostics = Array.from({ length: count }, (_, i) =>
      diagnostic('gateway-subnet-size', 'error', 'M.', find(source, needle, i + 1)),
    );
    const log = JSON.parse(sarif({ files: [fileResult(source, 'arm-template', diagnostics)], rules: RULES }, options())) as Log;
    return log.runs[0].results!.map((r) => r.partialFingerprints!.primaryLocationLineHash);
  };

  it('does not change when unrelated lines move', () => {
    const before = hashesOf('{\n  "a": "x"\n}\n', '"x"', 1);
    const after = hashesOf('{\n  "z": 1,\n  "y": 2,\n    "a": "x"\r\n}\n', '"x"', 1);
    expect(after).toEqual(before);
  });

  it('tells apart findings on lines with the same text', () => {
    const [first, second] = hashesOf('"x"\n"x"\n', '"x"', 2);
    expect(first.split(':')[0]).toBe(second.split(':')[0]);
    expect([first.split(':')[1], second.split(':')[1]]).toEqual(['1', '2']);
  });

  it('changes with the rule or the line text', () => {
    const a = hashesOf('"x"\n', '"x"', 1)[0];
    expect(hashesOf('"y"\n', '"y"', 1)[0]).not.toBe(a);
    const source = new SourceFile('/repo/a.json', '"x"\n');
    const other = { files: [fileResult(source, 'arm-template', [diagnostic('gateway-sku-basic', 'warning', 'M.', find(source, '"x"'))])], rules: RULES };
    const log = JSON.parse(sarif(other, options())) as Log;
    expect(log.runs[0].results![0].partialFingerprints!.primaryLocationLineHash).not.toBe(a);
  });
});
