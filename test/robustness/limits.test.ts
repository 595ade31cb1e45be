import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, EMPTY_CONFIG, mergeConfigs, parseConfig } from '../../src/engine/config.js';
import type { GwlintConfig } from '../../src/engine/config.js';
import { DEFAULT_LIMITS } from '../../src/expr/budget.js';
import type { BudgetLimits } from '../../src/expr/budget.js';
import {
  CLI_BUILT,
  CLI_SKIP_MESSAGE,
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
 * The per-file work budget is configurable (`limits` in gwlint.config.json, or `limits` of lint()); a limit
 * that is hit is an eval-limit finding with a location, and the file's other findings still come out.
 */

const RULE_IDS = ['gateway-subnet-size', 'eval-limit', 'parse-error'];

function configError(text: string): ConfigError {
  try {
    parseConfig(text, '/cfg/gwlint.config.json', RULE_IDS);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error(`no configuration error for ${text}`);
}

describe('the limits section of gwlint.config.json', () => {
  it('reads whole numbers for any of the limits and leaves the others to their defaults', () => {
    const config = parseConfig('{\n  // work limits\n  "limits": { "steps": 5000000, "copyCount": 10, "fileSize": 1024, },\n}', '/cfg/gwlint.config.json', RULE_IDS);
    expect(config.limits).toEqual({ steps: 5_000_000, copyCount: 10, fileSize: 1024 });
    expect(parseConfig('{}', '/cfg/gwlint.config.json', RULE_IDS).limits).toBeUndefined();
  });

  it('reports a bad limit with its line, column and what to write instead', () => {
    expect(configError('{\n  "limits": {\n    "stpes": 10\n  }\n}').message).toBe(
      "/cfg/gwlint.config.json:3:5: unknown limit 'stpes' (did you mean 'steps'?); the limits are steps, maxLength, copyCount, depth, fileSize",
    );
    expect(configError('{ "limits": { "copyCount": 0 } }').message).toMatch(/:1:28: limit 'copyCount' \(largest copy or loop count expanded\) must be a whole number from 1 to 100,000, got 0; the default is 800$/);
    expect(configError('{ "limits": { "steps": 1.5 } }').message).toMatch(/:1:24: limit 'steps' .* got 1\.5/);
    expect(configError('{ "limits": { "maxLength": "big" } }').message).toMatch(/:1:28: limit 'maxLength' .* got "big"/);
    expect(configError('{ "limits": { "depth": 601 } }').message).toMatch(/must be a whole number from 1 to 600, got 601/);
    expect(configError('{ "limits": [1] }').message).toMatch(/:1:13: 'limits' must be an object with any of 'steps', 'maxLength', 'copyCount', 'depth', 'fileSize'$/);
    expect(configError('{ "limit": {} }').message).toMatch(/unknown setting 'limit' \(did you mean 'limits'\?\)/);
  });

  it('accepts a byte order mark and rejects absurd nesting with a location', () => {
    expect(parseConfig('\uFEFF{ "limits": { "depth": 50 } }', '/cfg/gwlint.config.json', RULE_IDS).limits).toEqual({ depth: 50 });
    expect(configError(`{ "x": ${'['.repeat(2000)} }`).message).toMatch(/:1:\d+: invalid JSON: nested more than 1000 levels deep/);
  });

  it('merges limits like rules: later configurations override earlier ones', () => {
    const a: GwlintConfig = { ...EMPTY_CONFIG, limits: { steps: 10, depth: 5 } };
    const b: GwlintConfig = { ...EMPTY_CONFIG, limits: { depth: 7 } };
    expect(mergeConfigs(a, b).limits).toEqual({ steps: 10, depth: 7 });
    expect(mergeConfigs(EMPTY_CONFIG, EMPTY_CONFIG).limits).toBeUndefined();
  });
});

const COPY = armTemplate({
  resources: [{ ...smallGatewaySubnetVnet(), name: "[concat('vnet', copyIndex())]", copy: { name: 'vnets', count: 3 } }, smallGatewaySubnetVnet('single')],
});

const LONG = armTemplate({
  variables: { long: "[concat('0123456789', '0123456789', '0123456789')]" },
  resources: [{ ...smallGatewaySubnetVnet(), name: "[variables('long')]" }, smallGatewaySubnetVnet('single')],
});

const DEEP = armTemplate({
  variables: { deep: "[concat(concat(concat(concat(concat(concat('a'))))))]" },
  resources: [{ ...smallGatewaySubnetVnet(), name: "[variables('deep')]" }, smallGatewaySubnetVnet('single')],
});

function withConfig(limits: Partial<BudgetLimits>): (p: string) => GwlintConfig {
  return () => ({ ...EMPTY_CONFIG, limits });
}

async function hit(text: string, limits: Partial<BudgetLimits>, via: 'config' | 'input' = 'config') {
  const file = { path: '/limits/main.json', text };
  const { result } = await timedLint(via === 'config' ? { files: [file], configFor: withConfig(limits) } : { files: [file], limits });
  expectLocationsInside(result);
  const d = result.files[0].diagnostics.filter((x) => x.ruleId === 'eval-limit');
  return { result, limit: d, written: d.map((x) => text.slice(x.span.start, x.span.end)), subnets: findings(result, 'gateway-subnet-size') };
}

describe('limits hit in lint()', () => {
  it('copyCount: the loop is not expanded, the finding sits on the count, other resources are still linted', async () => {
    const within = await hit(COPY, { copyCount: 3 });
    expect(within.limit).toEqual([]);
    const over = await hit(COPY, { copyCount: 2 });
    expect(over.limit.map((d) => d.message)).toEqual(['Evaluation limit: a loop of 3 instances exceeds the expansion limit of 2; values past it are treated as unknown.']);
    expect(over.written).toEqual(['3']);
    expect(over.subnets).toHaveLength(2);
  });

  it('maxLength: a string that grows past it is unknown, located on the expression that built it', async () => {
    const over = await hit(LONG, { maxLength: 25 });
    expect(over.limit.map((d) => d.message)).toEqual(['Evaluation limit: a value of 30 characters or items exceeds the limit of 25; values past it are treated as unknown.']);
    expect(over.written[0]).toContain('concat(');
    expect(over.subnets).toHaveLength(2);
    expect((await hit(LONG, { maxLength: 30 })).limit).toEqual([]);
  });

  it('depth: nesting past it is not evaluated', async () => {
    const over = await hit(DEEP, { depth: 4 });
    expect(over.limit.map((d) => d.message)).toEqual(['Evaluation limit: expressions nested deeper than 4 levels were not evaluated; values past it are treated as unknown.']);
    expect(over.written[0]).toMatch(/^concat\(/);
    expect(over.subnets).toHaveLength(2);
  });

  it('steps: evaluation stops, with a location; literal values are still judged', async () => {
    const over = await hit(LONG, { steps: 3 });
    expect(over.limit.map((d) => d.message)).toEqual(['Evaluation limit: evaluation stopped after 3 steps; values past it are treated as unknown.']);
    expect(over.limit[0].span.end).toBeGreaterThan(over.limit[0].span.start);
    // Both GatewaySubnet prefixes are written as literals: read past the budget, they are still judged.
    expect(over.subnets).toHaveLength(2);
  });

  it('fileSize: a longer file is a parse error, not linted; the other files are', async () => {
    const big = { path: '/limits/big.json', text: COPY };
    const small = { path: '/limits/small.json', text: armTemplate({ resources: [smallGatewaySubnetVnet()] }) };
    const { result } = await timedLint({ files: [big, small], configFor: withConfig({ fileSize: small.text.length }) });
    expectLocationsInside(result);
    expect(findings(result).filter((f) => f.path === big.path)).toEqual([
      expect.objectContaining({ ruleId: 'parse-error', level: 'error', line: 1, column: 1, message: expect.stringMatching(/limits\.fileSize/) }),
    ]);
    expect(findings(result, 'gateway-subnet-size').filter((f) => f.path === small.path)).toHaveLength(1);
  });

  it("lint()'s own limits apply to every file, and a file's configuration overrides them", async () => {
    expect((await hit(COPY, { copyCount: 2 }, 'input')).limit).toHaveLength(1);
    const file = { path: '/limits/main.json', text: COPY };
    const { result } = await timedLint({ files: [file], limits: { copyCount: 2 }, configFor: withConfig({ copyCount: 5 }) });
    expect(findings(result, 'eval-limit')).toEqual([]);
    expect(DEFAULT_LIMITS.copyCount).toBe(800);
  });
});

describe.skipIf(!CLI_BUILT)('limits through the command line', () => {
  if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => {
    t = tempDir();
  });
  afterAll(() => t?.remove());

  it('gwlint.config.json limits apply to the files below it', () => {
    const dir = path.join(t.dir, 'configured');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'gwlint.config.json'), '{ "limits": { "copyCount": 2 } }\n');
    writeFileSync(path.join(dir, 'main.json'), COPY);
    const run = runCli(['-f', 'json', '.'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const messages = jsonMessages(run.stdout);
    expect(messages.filter((m) => m.ruleId === 'eval-limit')).toEqual([expect.objectContaining({ message: expect.stringMatching(/exceeds the expansion limit of 2/), line: COPY.split('\n').findIndex((l) => l.includes('"count": 3')) + 1 })]);
    expect(messages.filter((m) => m.ruleId === 'gateway-subnet-size')).toHaveLength(2);
  });
});
