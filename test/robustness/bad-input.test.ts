import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandPaths } from '../../src/cli/discover.js';
import { decodeText, readVirtualFile } from '../../src/cli/read-files.js';
import type { VirtualFile } from '../../src/engine/files.js';
import type { LintResult } from '../../src/engine/result.js';
import {
  CLI_BUILT,
  CLI_SKIP_MESSAGE,
  GOOD_FINDING_LINE,
  GOOD_TEMPLATE,
  IS_ROOT,
  DEPLOYMENT_SCHEMA,
  armTemplate,
  expectLocationsInside,
  findings,
  jsonMessages,
  runCli,
  smallGatewaySubnetVnet,
  tempDir,
  timedLint,
} from './support.js';

/**
 * Broken, hostile and odd input, through lint() and through the command line: each gets a diagnostic with
 * a location (or is skipped quietly when it is not a template at all), and the other files are still linted.
 */

const GOOD: VirtualFile = { path: '/lint/good.json', text: GOOD_TEMPLATE };
const DEEP = 200_000;

/** Lints the files together with GOOD and checks what must hold whatever the input: GOOD's finding, valid locations, no internal error. */
async function lintWithGood(files: VirtualFile[]): Promise<LintResult> {
  const { result } = await timedLint({ files: [...files, GOOD] });
  expectLocationsInside(result);
  expect(findings(result, 'internal-error')).toEqual([]);
  expect(findings(result).filter((f) => f.path === GOOD.path)).toContainEqual(expect.objectContaining({ ruleId: 'gateway-subnet-size', line: GOOD_FINDING_LINE }));
  return result;
}

function of(result: LintResult, file: string, ruleId?: string) {
  return findings(result, ruleId).filter((f) => f.path === file);
}

/** The 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

function deepJsonTemplate(opener: '[' | '{', closed: boolean): string {
  const inner = opener === '[' ? '['.repeat(DEEP) + (closed ? ']'.repeat(DEEP) : '') : '{"a":'.repeat(DEEP) + '1' + (closed ? '}'.repeat(DEEP) : '');
  return `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [], "variables": {"deep": ${inner}}}`;
}

const DEEP_BICEP = `var deep = ${'['.repeat(DEEP)}${']'.repeat(DEEP)}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
      {
        name: 'GatewaySubnet'
        properties: { addressPrefix: '10.0.0.0/29' }
      }
    ]
  }
}
`;

const RECURSIVE = armTemplate({
  variables: { a: "[concat(variables('b'), '-x')]", b: "[variables('a')]" },
  resources: [{ ...smallGatewaySubnetVnet('loop'), name: "[variables('a')]" }, smallGatewaySubnetVnet('other')],
});

const DOUBLING = armTemplate({
  variables: Object.fromEntries([['v0', 'x'], ...Array.from({ length: 64 }, (_, i) => [`v${i + 1}`, `[concat(variables('v${i}'), variables('v${i}'))]`])]),
  resources: [{ ...smallGatewaySubnetVnet(), name: "[variables('v64')]" }],
});

/** Deployments in copy loops nested four deep, 30 × 30 × 30 × 30 instances, beside a gateway on a /29. */
const NESTED_COPIES = (() => {
  const level = (depth: number): object => ({
    $schema: DEPLOYMENT_SCHEMA,
    contentVersion: '1.0.0.0',
    resources:
      depth === 0
        ? [{ type: 'Microsoft.Network/publicIPAddresses', apiVersion: '2024-05-01', name: "[concat('pip', copyIndex())]", location: 'westeurope', copy: { name: 'pips', count: 5 } }]
        : [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: "[concat('d', copyIndex())]", copy: { name: 'many', count: 30 }, properties: { mode: 'Incremental', expressionEvaluationOptions: { scope: 'inner' }, template: level(depth - 1) } }],
  });
  const gateway = {
    type: 'Microsoft.Network/virtualNetworkGateways',
    apiVersion: '2024-05-01',
    name: 'gw',
    location: 'westeurope',
    properties: { gatewayType: 'Vpn', vpnType: 'RouteBased', sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }, ipConfigurations: [{ name: 'c', properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'GatewaySubnet')]" } } }] },
  };
  return armTemplate({ resources: [smallGatewaySubnetVnet(), gateway, ...(level(4) as { resources: object[] }).resources] });
})();

/** A connection's key built by doubling variables: following it back to its literal would take 2^40 paths. */
const DOUBLED_KEY = armTemplate({
  variables: Object.fromEntries([['k40', 'x'], ...Array.from({ length: 40 }, (_, i) => [`k${i}`, `[concat(variables('k${i + 1}'), variables('k${i + 1}'))]`])]),
  resources: [
    { type: 'Microsoft.Network/connections', apiVersion: '2024-05-01', name: 'c', location: 'westeurope', properties: { connectionType: 'IPsec', sharedKey: "[variables('k0')]" } },
    smallGatewaySubnetVnet(),
  ],
});

const HUGE_COPY = armTemplate({
  resources: [{ ...smallGatewaySubnetVnet(), name: "[concat('vnet', copyIndex())]", copy: { name: 'many', count: 2_000_000_000 } }, smallGatewaySubnetVnet('single')],
});

const MALFORMED = armTemplate({
  resources: [
    { ...smallGatewaySubnetVnet(), name: "[concat('vnet', ]" },
    { ...smallGatewaySubnetVnet('second'), location: "[resourceGroup(.location]" },
    { ...smallGatewaySubnetVnet('third'), tags: { a: "[[not an expression]", b: "[variables('unterminated')" } },
  ],
});

const BAD_CIDRS = armTemplate({
  resources: [
    {
      type: 'Microsoft.Network/virtualNetworks',
      apiVersion: '2024-05-01',
      name: 'cidrs',
      location: 'westeurope',
      properties: {
        addressSpace: { addressPrefixes: ['300.0.0.0/99'] },
        subnets: [
          { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.0.0/33' } },
          { name: 'computed', properties: { addressPrefix: "[cidrSubnet('10.0.0.0/99', 40, 5)]" } },
          { name: 'word', properties: { addressPrefix: 'banana' } },
          { name: 'v6', properties: { addressPrefix: 'fe80::/129' } },
        ],
      },
    },
  ],
});

const NOT_TEMPLATES: Record<string, string> = {
  'package.json': '{ "name": "x", "version": "1.0.0", "scripts": { "test": "[echo]" } }',
  'tsconfig.json': '{\n  // comments and trailing commas\n  "compilerOptions": { "strict": true, },\n}\n',
  'array.json': '[1, 2, [3]]',
  'string.json': '"[concat("',
  'number.json': '42',
  'empty.json': '',
  'blank.json': '  \n\t\n',
};

describe('bad input through lint()', () => {
  it('truncated JSON: a parse error where the text ends; what precedes it is read', async () => {
    // Cut before anything shows it is a template, it is JSON like any other: skipped quietly.
    const early = { path: '/lint/truncated-early.json', text: GOOD_TEMPLATE.slice(0, 25) };
    expect(of(await lintWithGood([early]), early.path)).toEqual([]);
    for (const fraction of [0.3, 0.6, 0.95]) {
      const text = GOOD_TEMPLATE.slice(0, Math.floor(GOOD_TEMPLATE.length * fraction));
      const file = { path: `/lint/truncated-${fraction}.json`, text };
      const result = await lintWithGood([file]);
      const errors = of(result, file.path, 'parse-error');
      expect(errors, text).toHaveLength(1);
      expect(errors[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/^Invalid JSON: /) });
    }
  });

  it('a UTF-8 byte order mark changes nothing', async () => {
    const result = await lintWithGood([{ path: '/lint/bom.json', text: '\uFEFF' + GOOD_TEMPLATE }]);
    const plain = of(await lintWithGood([]), GOOD.path);
    expect(of(result, '/lint/bom.json').map((f) => [f.ruleId, f.line, f.column])).toEqual(plain.map((f) => [f.ruleId, f.line, f.column]));
  });

  it('UTF-16 LE and BE files with a byte order mark read as the same template', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_TEMPLATE, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(GOOD_TEMPLATE, 'utf16le').swap16()]);
    const files = [
      { path: '/lint/utf16le.json', text: decodeText(le) },
      { path: '/lint/utf16be.json', text: decodeText(be) },
    ];
    const result = await lintWithGood(files);
    for (const f of files) expect(of(result, f.path).map((x) => [x.ruleId, x.line])).toEqual([['gateway-subnet-size', GOOD_FINDING_LINE]]);
  });

  it('binary files are reported as not text, never parsed', async () => {
    expect(() => decodeText(Buffer.from([0x7b, 0x00, 0x01, 0xff]))).toThrow();
    const t = tempDir();
    try {
      const p = path.join(t.dir, 'binary.json');
      writeFileSync(p, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
      const read = await readVirtualFile(p);
      expect(read.readError).toMatch(/binary/);
      const result = await lintWithGood([read]);
      expect(of(result, p)).toEqual([expect.objectContaining({ ruleId: 'parse-error', line: 1, column: 1, message: expect.stringMatching(/binary/) })]);
    } finally {
      t.remove();
    }
  });

  it('empty files: nothing to lint in JSON (not a template), nothing wrong in Bicep', async () => {
    const files = [
      { path: '/lint/empty.json', text: '' },
      { path: '/lint/empty.bicep', text: '' },
      { path: '/lint/empty.bicepparam', text: '' },
      { path: '/lint/blank.bicep', text: '\n\n   \n' },
    ];
    const result = await lintWithGood(files);
    for (const f of files) expect(of(result, f.path)).toEqual([]);
  });

  it('200,000-deep JSON nesting is a parse error at the level that is too deep, not a stack overflow', async () => {
    for (const [opener, closed] of [['[', true], ['{', true], ['[', false]] as const) {
      const text = deepJsonTemplate(opener, closed);
      const file = { path: `/lint/deep-${opener === '[' ? 'array' : 'object'}-${closed}.json`, text };
      const result = await lintWithGood([file]);
      const errors = of(result, file.path);
      expect(errors).toEqual([expect.objectContaining({ ruleId: 'parse-error', level: 'error', message: expect.stringMatching(/nested more than 1000 levels/) })]);
      const diagnostic = result.files.find((f) => f.path === file.path)!.diagnostics[0];
      // The location is the first bracket that opens level 1001.
      const before = text.slice(0, diagnostic.span.start + 1);
      expect(text[diagnostic.span.start]).toBe(opener);
      expect((before.match(/[[{]/g) ?? []).length - (before.match(/[\]}]/g) ?? []).length).toBe(1001);
    }
  });

  it('strict JSON nested 1000 levels deep is read, and one level more is reported at the bracket that opens it', async () => {
    // The template is level 1 and its variables level 2: the arrays of `deep` take levels 3 and on.
    const template = (levels: number) =>
      `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [], "variables": {"deep": ${'['.repeat(levels - 2)}${']'.repeat(levels - 2)}}}`;
    const within = { path: '/lint/within.json', text: template(1000) };
    const beyond = { path: '/lint/beyond.json', text: template(1001) };
    const result = await lintWithGood([within, beyond]);
    expect(of(result, within.path)).toEqual([]);
    const [error] = result.files.find((f) => f.path === beyond.path)!.diagnostics;
    expect(error).toEqual(expect.objectContaining({ ruleId: 'parse-error', message: expect.stringMatching(/nested more than 1000 levels/) }));
    expect(error.span.start).toBe(beyond.text.lastIndexOf('['));
  });

  it('200,000-deep Bicep nesting is a parse error on that statement; the rest of the file is linted', async () => {
    const file = { path: '/lint/deep.bicep', text: DEEP_BICEP };
    const result = await lintWithGood([file]);
    const own = of(result, file.path);
    expect(own).toContainEqual(expect.objectContaining({ ruleId: 'parse-error', line: 1, message: expect.stringMatching(/nests too deeply for gwlint/) }));
    expect(own).toContainEqual(expect.objectContaining({ ruleId: 'gateway-subnet-size', line: lineOf(DEEP_BICEP, "'10.0.0.0/29'") }));
  });

  it('.bicepparam variables that refer to each other: eval-limit on the cycle, the parameter they set unknown', async () => {
    const template = {
      path: '/lint/net.bicep',
      text: `param prefix string
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: prefix } }]
  }
}
`,
    };
    const params = { path: '/lint/net.bicepparam', text: "using './net.bicep'\nvar a = b\nvar b = a\nparam prefix = a\n" };
    const result = await lintWithGood([template, params]);
    const own = findings(result).filter((f) => f.path === template.path || f.path === params.path);
    expect(own).toEqual([expect.objectContaining({ ruleId: 'eval-limit', level: 'warning', message: expect.stringMatching(/variable '[ab]' refers to itself/) })]);
  });

  it('variables that refer to each other: eval-limit on the cycle, the rest of the file still linted', async () => {
    const file = { path: '/lint/recursive.json', text: RECURSIVE };
    const result = await lintWithGood([file]);
    const own = of(result, file.path);
    const limit = own.filter((f) => f.ruleId === 'eval-limit');
    expect(limit).toEqual([expect.objectContaining({ level: 'warning', message: expect.stringMatching(/refers to itself/) })]);
    expect(limit[0].line).toBeGreaterThanOrEqual(lineOf(RECURSIVE, '"variables"'));
    expect(limit[0].line).toBeLessThan(lineOf(RECURSIVE, '"resources"'));
    // Both VNets still have their GatewaySubnet checked: the one named by the cycle too (its name is unknown).
    expect(own.filter((f) => f.ruleId === 'gateway-subnet-size')).toHaveLength(2);
  });

  it('exponential doubling stops at the string size limit, quickly, with a location', async () => {
    const file = { path: '/lint/doubling.json', text: DOUBLING };
    const { result, ms } = await timedLint({ files: [file] }, 3_000);
    expectLocationsInside(result);
    const own = of(result, file.path);
    expect(own).toContainEqual(expect.objectContaining({ ruleId: 'eval-limit', message: expect.stringMatching(/exceeds the limit of 1000000/) }));
    expect(own).toContainEqual(expect.objectContaining({ ruleId: 'gateway-subnet-size' }));
    expect(ms).toBeLessThan(3_000);
  });

  it('a shared key built by doubling variables is traced within a budget, quickly, and the rest linted', async () => {
    const file = { path: '/lint/doubled-key.json', text: DOUBLED_KEY };
    const { result, ms } = await timedLint({ files: [file] }, 3_000);
    expectLocationsInside(result);
    expect(of(result, file.path)).toContainEqual(expect.objectContaining({ ruleId: 'gateway-subnet-size' }));
    expect(ms).toBeLessThan(3_000);
  });

  it('deployments in loops nested four deep stop at the instance limit, quickly, with the gateway still judged', async () => {
    const file = { path: '/lint/nested-copies.json', text: NESTED_COPIES };
    const { result, ms } = await timedLint({ files: [file] }, 10_000);
    expectLocationsInside(result);
    const own = of(result, file.path);
    expect(own).toContainEqual(expect.objectContaining({ ruleId: 'eval-limit', message: expect.stringMatching(/deployments past the first 2000 were not followed/) }));
    // The gateway beside them still makes the /29 an error.
    expect(own).toContainEqual(expect.objectContaining({ ruleId: 'gateway-subnet-size', level: 'error' }));
    expect(ms).toBeLessThan(10_000);
  });

  it('a copy count of two billion is not expanded: eval-limit on the count, the other resources linted', async () => {
    const file = { path: '/lint/copy.json', text: HUGE_COPY };
    const result = await lintWithGood([file]);
    const diagnostic = result.files.find((f) => f.path === file.path)!.diagnostics.find((d) => d.ruleId === 'eval-limit')!;
    expect(diagnostic.message).toMatch(/a loop of 2000000000 instances exceeds the expansion limit of 800/);
    expect(HUGE_COPY.slice(diagnostic.span.start, diagnostic.span.end)).toBe('2000000000');
    expect(of(result, file.path, 'gateway-subnet-size')).toHaveLength(2);
  });

  it('malformed expressions are parse errors on their strings; escaped and unterminated ones are literals', async () => {
    const file = { path: '/lint/malformed.json', text: MALFORMED };
    const result = await lintWithGood([file]);
    const errors = of(result, file.path, 'parse-error');
    expect(errors.map((e) => e.line)).toEqual([lineOf(MALFORMED, "[concat('vnet', ]"), lineOf(MALFORMED, '[resourceGroup(.location]')]);
    for (const e of errors) expect(e.message).toMatch(/^Invalid template expression: .* at column \d+ of the expression\. Azure rejects the template\.$/);
    // The resources themselves are still linted.
    expect(of(result, file.path, 'gateway-subnet-size')).toHaveLength(3);
  });

  it('invalid CIDRs are reported where they are written, and never crash the evaluator', async () => {
    const file = { path: '/lint/cidrs.json', text: BAD_CIDRS };
    const result = await lintWithGood([file]);
    const lines = new Set(of(result, file.path).map((f) => f.line));
    for (const bad of ['300.0.0.0/99', '10.0.0.0/33', 'banana', 'fe80::/129']) expect(lines, bad).toContain(lineOf(BAD_CIDRS, `"${bad}"`));
  });

  it('JSON that is not a template is skipped quietly', async () => {
    const files = Object.entries(NOT_TEMPLATES).map(([name, text]) => ({ path: `/lint/other/${name}`, text }));
    const result = await lintWithGood(files);
    for (const f of files) expect(result.files.map((r) => r.path)).not.toContain(f.path);
  });

  it('a file that could not be read is a parse error at its start', async () => {
    const file = { path: '/lint/unreadable.json', text: '', readError: 'The file could not be read: permission denied (EACCES).' };
    const result = await lintWithGood([file]);
    expect(of(result, file.path)).toEqual([expect.objectContaining({ ruleId: 'parse-error', level: 'error', line: 1, column: 1, message: file.readError })]);
  });

  it('a file deleted between listing and reading is reported as gone', async () => {
    const t = tempDir();
    try {
      writeFileSync(path.join(t.dir, 'main.json'), GOOD_TEMPLATE);
      writeFileSync(path.join(t.dir, 'gone.json'), GOOD_TEMPLATE);
      const { files } = await expandPaths([t.dir], t.dir, []);
      expect(files.map((f) => path.basename(f))).toEqual(['gone.json', 'main.json']);
      unlinkSync(path.join(t.dir, 'gone.json'));
      const read = await Promise.all(files.map(readVirtualFile));
      expect(read[0].readError).toMatch(/no longer exists \(ENOENT\)/);
      const { result } = await timedLint({ files: read });
      expect(of(result, files[0])).toEqual([expect.objectContaining({ ruleId: 'parse-error', line: 1, column: 1 })]);
      expect(of(result, files[1], 'gateway-subnet-size')).toHaveLength(1);
    } finally {
      t.remove();
    }
  });

  it('a file name that is not UTF-8 is reported, not dropped', async () => {
    const t = tempDir();
    try {
      writeFileSync(Buffer.concat([Buffer.from(t.dir + '/bad-'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('.json')]), GOOD_TEMPLATE);
      const { files } = await expandPaths([t.dir], t.dir, []);
      expect(files).toHaveLength(1);
      const read = await readVirtualFile(files[0]);
      expect(read.readError).toMatch(/not valid UTF-8/);
      const result = await lintWithGood([read]);
      expect(of(result, files[0])).toEqual([expect.objectContaining({ ruleId: 'parse-error', line: 1, column: 1 })]);
    } finally {
      t.remove();
    }
  });

  it('symbolic link loops, pipes and folders are reported without reading (no hang)', async () => {
    const t = tempDir();
    try {
      symlinkSync('b.json', path.join(t.dir, 'a.json'));
      symlinkSync('a.json', path.join(t.dir, 'b.json'));
      execFileSync('mkfifo', [path.join(t.dir, 'pipe.json')]);
      mkdirSync(path.join(t.dir, 'folder.json'));
      const named = ['a.json', 'pipe.json', 'folder.json'].map((n) => path.join(t.dir, n));
      const { files, missing } = await expandPaths(named, t.dir, []);
      expect(missing).toEqual([]);
      expect(files).toHaveLength(2); // folder.json is a folder: searched, and empty
      const read = await Promise.all(named.map(readVirtualFile));
      expect(read.map((r) => r.readError)).toEqual([
        expect.stringMatching(/symbolic links form a loop \(ELOOP\)/),
        expect.stringMatching(/not a regular file/),
        expect.stringMatching(/folder/),
      ]);
      const result = await lintWithGood(read);
      for (const p of named) expect(of(result, p)).toEqual([expect.objectContaining({ ruleId: 'parse-error', line: 1, column: 1 })]);
    } finally {
      t.remove();
    }
  });
});

describe.skipIf(!CLI_BUILT)('bad input through the command line', () => {
  if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir();
  });
  afterAll(() => t?.remove());

  it('every bad file gets its diagnostic, the good file its finding, and the run exits 1', () => {
    const dir = path.join(t.dir, 'mixed');
    mkdirSync(dir);
    const write = (name: string, content: string | Buffer) => writeFileSync(path.join(dir, name), content);
    write('good.json', GOOD_TEMPLATE);
    write('truncated.json', GOOD_TEMPLATE.slice(0, 200));
    write('bom.json', '\uFEFF' + GOOD_TEMPLATE);
    write('utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD_TEMPLATE, 'utf16le')]));
    write('utf16be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(GOOD_TEMPLATE, 'utf16le').swap16()]));
    write('binary.json', Buffer.from([0x7b, 0x22, 0x00, 0x00, 0xff, 0xd8, 0xff, 0xe0]));
    write('empty.json', '');
    write('empty.bicep', '');
    write('deep.json', deepJsonTemplate('[', true));
    write('deep.bicep', DEEP_BICEP);
    write('recursive.json', RECURSIVE);
    write('doubling.json', DOUBLING);
    write('copy.json', HUGE_COPY);
    write('malformed.json', MALFORMED);
    write('cidrs.json', BAD_CIDRS);
    for (const [name, text] of Object.entries(NOT_TEMPLATES)) write(`other-${name}`, text);
    writeFileSync(Buffer.concat([Buffer.from(dir + '/name-'), Buffer.from([0xc3, 0x28]), Buffer.from('.json')]), GOOD_TEMPLATE);

    const start = performance.now();
    const run = runCli(['-f', 'json', '.'], { cwd: dir, timeout: 60_000 });
    const ms = performance.now() - start;
    expect(run.signal).toBeNull();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(ms).toBeLessThan(30_000);
    const messages = jsonMessages(run.stdout);
    const rules = (name: string) => messages.filter((m) => path.basename(m.filePath) === name).map((m) => m.ruleId).sort();
    expect(rules('good.json')).toEqual(['gateway-subnet-size']);
    expect(rules('truncated.json')).toEqual(['parse-error']);
    for (const same of ['bom.json', 'utf16le.json', 'utf16be.json']) expect(rules(same), same).toEqual(['gateway-subnet-size']);
    expect(rules('binary.json')).toEqual(['parse-error']);
    expect(rules('empty.json')).toEqual([]);
    expect(rules('empty.bicep')).toEqual([]);
    expect(rules('deep.json')).toEqual(['parse-error']);
    expect(rules('deep.bicep')).toEqual(['gateway-subnet-size', 'parse-error']);
    expect(rules('recursive.json')).toEqual(['eval-limit', 'gateway-subnet-size', 'gateway-subnet-size']);
    expect(rules('doubling.json')).toEqual(['eval-limit', 'gateway-subnet-size']);
    expect(rules('copy.json')).toEqual(['eval-limit', 'gateway-subnet-size', 'gateway-subnet-size']);
    expect(rules('malformed.json').filter((r) => r === 'parse-error')).toHaveLength(2);
    expect(rules('cidrs.json').length).toBeGreaterThanOrEqual(4);
    for (const name of Object.keys(NOT_TEMPLATES)) expect(rules(`other-${name}`), name).toEqual([]);
    expect(messages.filter((m) => m.filePath.includes('name-'))).toEqual([expect.objectContaining({ ruleId: 'parse-error', message: expect.stringMatching(/not valid UTF-8/) })]);
    for (const m of messages) {
      expect(m.line, `${m.filePath} ${m.message}`).toBeGreaterThanOrEqual(1);
      expect(m.column).toBeGreaterThanOrEqual(1);
    }
  });

  it('named symbolic link loops, dangling links and pipes are reported and the run goes on', () => {
    const dir = path.join(t.dir, 'links');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'good.json'), GOOD_TEMPLATE);
    symlinkSync('loop-b.json', path.join(dir, 'loop-a.json'));
    symlinkSync('loop-a.json', path.join(dir, 'loop-b.json'));
    symlinkSync('nowhere.json', path.join(dir, 'dangling.json'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    const run = runCli(['-f', 'json', 'loop-a.json', 'dangling.json', 'pipe.json', 'good.json'], { cwd: dir, timeout: 30_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const messages = jsonMessages(run.stdout);
    const byFile = (name: string) => messages.filter((m) => path.basename(m.filePath) === name).map((m) => m.message);
    expect(byFile('loop-a.json')).toEqual([expect.stringMatching(/loop \(ELOOP\)/)]);
    expect(byFile('dangling.json')).toEqual([expect.stringMatching(/no longer exists|dangling/)]);
    expect(byFile('pipe.json')).toEqual([expect.stringMatching(/not a regular file/)]);
    expect(messages.filter((m) => path.basename(m.filePath) === 'good.json').map((m) => m.ruleId)).toEqual(['gateway-subnet-size']);
  });

  it('an unreadable file (chmod 000) is a parse error; as root, the run is made by an unprivileged user', () => {
    const dir = path.join(t.dir, 'unreadable');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'good.json'), GOOD_TEMPLATE);
    writeFileSync(path.join(dir, 'locked.json'), GOOD_TEMPLATE);
    chmodSync(path.join(dir, 'locked.json'), 0o000);
    // Root reads any file whatever its mode, so as root the command runs as `nobody` (uid 65534).
    const as = IS_ROOT ? { uid: 65534, gid: 65534 } : {};
    if (IS_ROOT) {
      for (const p of [t.dir, dir]) chmodSync(p, 0o755);
      chmodSync(path.join(dir, 'good.json'), 0o644);
    }
    let run;
    try {
      run = runCli(['-f', 'json', '.'], { cwd: dir, timeout: 30_000, ...as });
    } catch (e) {
      console.warn(`Running as an unprivileged user is not possible here (${(e as Error).message}): the chmod 000 case is skipped.`);
      return;
    }
    if (IS_ROOT && !run.stdout.trimStart().startsWith('[')) {
      // The checkout itself may not be readable by another user (a home folder of mode 700).
      console.warn(`The unprivileged user cannot run gwlint from this checkout (${run.stderr.trim().split('\n')[0]}): the chmod 000 case is skipped.`);
      return;
    }
    expect(run.status).toBe(1);
    const messages = jsonMessages(run.stdout);
    expect(messages.filter((m) => m.filePath.endsWith('locked.json'))).toEqual([
      expect.objectContaining({ ruleId: 'parse-error', line: 1, column: 1, message: expect.stringMatching(/permission denied \(EACCES\)/) }),
    ]);
    expect(messages.filter((m) => m.filePath.endsWith('good.json')).map((m) => m.ruleId)).toEqual(['gateway-subnet-size']);
  });

  it('a 100 MB template is reported, not linted, in well under a minute and far under a gigabyte', () => {
    const dir = path.join(t.dir, 'huge');
    mkdirSync(dir);
    const file = path.join(dir, 'huge.json');
    writeHugeTemplate(file, 100 * 1024 * 1024);
    writeFileSync(path.join(dir, 'good.json'), GOOD_TEMPLATE);
    const rss = path.join(dir, 'rss.txt');
    const probe = path.join(dir, 'rss.mjs');
    writeFileSync(probe, `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rss)}, String(process.resourceUsage().maxRSS)));\n`);
    const start = performance.now();
    const run = runCli(['-f', 'json', '.'], { cwd: dir, timeout: 120_000, nodeArgs: ['--import', probe] });
    const seconds = (performance.now() - start) / 1000;
    const peakMb = Number(readText(rss)) / 1024;
    console.info(`100 MB template: ${seconds.toFixed(1)} s, peak resident memory ${peakMb.toFixed(0)} MB`);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const messages = jsonMessages(run.stdout);
    expect(messages.filter((m) => m.filePath === file)).toEqual([
      expect.objectContaining({ ruleId: 'parse-error', line: 1, column: 1, message: expect.stringMatching(/more than the 32\.0 MB .*limits\.fileSize/) }),
    ]);
    expect(messages.filter((m) => m.filePath.endsWith('good.json')).map((m) => m.ruleId)).toEqual(['gateway-subnet-size']);
    expect(seconds).toBeLessThan(30);
    expect(peakMb).toBeLessThan(1024);
    rmSync(file);
  });

  it('a 100 MB JSON file that is not a template is skipped quietly', () => {
    const dir = path.join(t.dir, 'data');
    mkdirSync(dir);
    const file = path.join(dir, 'data.json');
    const fd = openSync(file, 'w');
    const chunk = Buffer.from(JSON.stringify({ key: 'value', list: [1, 2, 3], nested: { deeper: true } }) + ',\n');
    writeSync(fd, '[\n');
    for (let written = 0; written < 100 * 1024 * 1024; written += chunk.length) writeSync(fd, chunk);
    writeSync(fd, '0]\n');
    closeSync(fd);
    const run = runCli(['-f', 'json', '.'], { cwd: dir, timeout: 120_000 });
    expect(run.status).toBe(0);
    expect(jsonMessages(run.stdout)).toEqual([]);
    rmSync(file);
  });

  describe('configuration errors exit 2 with the file, line, column and a suggestion', () => {
    const cases: [string, string, RegExp][] = [
      ['unknown rule', '{\n  "rules": {\n    "gateway-subnet-sise": "warning"\n  }\n}\n', /gwlint\.config\.json:3:5: unknown rule 'gateway-subnet-sise' \(did you mean 'gateway-subnet-size'\?\)/],
      ['invalid JSON', '{\n  "rules": {\n    "gateway-subnet-size": warning\n  }\n}\n', /gwlint\.config\.json:3:28: invalid JSON/],
      ['invalid level', '{ "rules": { "gateway-subnet-size": "loud" } }', /gwlint\.config\.json:1:37: invalid level "loud": use one of off, info, warning, error/],
      ['a level written as ESLint does, with options', '{ "rules": { "gateway-subnet-size": ["error"] } }', /gwlint\.config\.json:1:37: invalid level \["error"\]: use one of off, info, warning, error \(write "error" alone: rules take no options\)/],
      ['unknown setting', '{ "rule": {} }', /gwlint\.config\.json:1:3: unknown setting 'rule' \(did you mean 'rules'\?\)/],
      ['unknown limit', '{ "limits": { "step": 10 } }', /gwlint\.config\.json:1:15: unknown limit 'step' \(did you mean 'steps'\?\)/],
      ['limit out of range', '{ "limits": { "depth": 100000 } }', /gwlint\.config\.json:1:24: limit 'depth' .* must be a whole number from 1 to 600, got 100000/],
      ['configuration nested too deep', `{ "x": ${'['.repeat(5000)}${']'.repeat(5000)} }`, /gwlint\.config\.json:1:\d+: invalid JSON: nested more than 1000 levels deep/],
    ];
    for (const [name, config, expected] of cases)
      it(name, () => {
        const dir = path.join(t.dir, `config-${name.replace(/\W+/g, '-')}`);
        mkdirSync(dir);
        writeFileSync(path.join(dir, 'gwlint.config.json'), config);
        writeFileSync(path.join(dir, 'good.json'), GOOD_TEMPLATE);
        const run = runCli(['.'], { cwd: dir, timeout: 30_000 });
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(expected);
        expect(run.stderr).toContain(path.join(dir, 'gwlint.config.json'));
      });
  });
});

/** A syntactically valid template of about `bytes` bytes: many VNets, each with a GatewaySubnet. */
function writeHugeTemplate(file: string, bytes: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[\n`);
    const vnet = (i: number) => JSON.stringify({ ...smallGatewaySubnetVnet(`vnet-${i}`), name: `[concat('vnet-', '${i}')]` });
    const batch: string[] = [];
    let written = 0;
    for (let i = 0; written < bytes; i++) {
      const line = (i ? ',' : '') + vnet(i) + '\n';
      batch.push(line);
      written += line.length;
      if (batch.length === 1000) writeSync(fd, batch.splice(0).join(''));
    }
    writeSync(fd, batch.join('') + ']}\n');
  } finally {
    closeSync(fd);
  }
}

function readText(p: string): string {
  return existsSync(p) ? readFileSync(p, 'utf8') : 'NaN';
}
