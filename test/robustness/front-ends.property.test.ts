import fc from 'fast-check';
import { parse as parseJsonc } from 'jsonc-parser';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VirtualFile } from '../../src/engine/files.js';
import { armAst, interestingInt, interestingString, printArm } from './arbitraries.js';
import { CASE_MS, CORPUS_PRESENT, DEPLOYMENT_SCHEMA, PROPERTY_MS, SEED, expectLocationsInside, findings, seedFiles, timedLint } from './support.js';

/**
 * Both front ends (JSON/JSONC and Bicep), fed random templates and real files mutated at the byte, token and
 * structure level: lint() never throws, never takes long, and every location lies inside its file.
 */

const RUNS = Number(process.env.FC_RUNS ?? 0) || undefined;
/** Fixed seed; each run bounded (`timeout`) and each property too (`interruptAfterTimeLimit`, a failure when hit). */
const params = (numRuns: number) => ({ seed: SEED, numRuns: RUNS ?? numRuns, endOnFailure: true, timeout: 2 * CASE_MS, interruptAfterTimeLimit: PROPERTY_MS, markInterruptAsFailure: true });

if (!CORPUS_PRESENT) console.warn('../shared/corpus is absent: mutations start from the fixtures only.');
const JSON_SEEDS = seedFiles(/\.jsonc?$/, 40).filter((f) => f.text.length < 60_000);
const BICEP_SEEDS = seedFiles(/\.bicep(param)?$/, 40).filter((f) => f.text.length < 60_000);

/** The other files of a seed's folder, as context (modules, parameter files). */
function siblings(seed: { path: string }, all: { path: string; text: string }[]): VirtualFile[] {
  const dir = path.dirname(seed.path);
  return all.filter((f) => f.path !== seed.path && path.dirname(f.path).startsWith(dir));
}

async function lintChecked(files: VirtualFile[], context: VirtualFile[] = []): Promise<void> {
  const { result } = await timedLint({ files, context });
  expectLocationsInside(result);
  expect(findings(result, 'internal-error')).toEqual([]);
}

const JSON_TOKENS = ['{', '}', '[', ']', '"', ',', ':', '//', '/*', '*/', '\n', '\\', '\\u', 'null', 'true', '-', '1e999', '"[concat(', '"[[', "')]", '\uFEFF', '\u0000', '\uD800', '"copy": [', '"resources": {', '"type": "Microsoft.Resources/deployments"'];
const BICEP_TOKENS = ['{', '}', '[', ']', '(', ')', "'", "'''", '${', '\n', ':', '::', '.', '.?', '?', '??', '!', '=>', ',', '@secure()', '@batchSize(1)', 'resource ', 'module ', 'param ', 'var ', 'output ', 'for ', 'in ', 'if ', 'existing', 'using ', '#disable-next-line', '//', '/*', '\u0000', '\uD800', 'targetScope = ', 'import ', 'type ', 'func '];

type Edit = { op: 'delete' | 'insert' | 'duplicate' | 'swap' | 'truncate' | 'char' | 'nest'; at: number; to: number; token: number; text: string };

const edit = fc.record({
  op: fc.constantFrom<Edit['op']>('delete', 'insert', 'insert', 'duplicate', 'swap', 'truncate', 'char', 'nest'),
  at: fc.nat(),
  to: fc.nat(),
  token: fc.nat(),
  text: fc.oneof(fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 3 })),
});

function applyEdits(text: string, edits: Edit[], tokens: string[]): string {
  let s = text;
  for (const e of edits) {
    const n = s.length;
    const at = n ? e.at % (n + 1) : 0;
    const to = Math.min(n, at + (e.to % 64));
    switch (e.op) {
      case 'delete':
        s = s.slice(0, at) + s.slice(to);
        break;
      case 'insert':
        s = s.slice(0, at) + (e.token % 3 === 0 ? e.text : tokens[e.token % tokens.length]) + s.slice(at);
        break;
      case 'duplicate':
        s = s.slice(0, to) + s.slice(at, to) + s.slice(to);
        break;
      case 'swap': {
        const other = n ? e.token % (n + 1) : 0;
        const [a, b] = at < other ? [at, other] : [other, at];
        const len = Math.min(to - at, b - a);
        s = s.slice(0, a) + s.slice(b, b + len) + s.slice(a + len, b) + s.slice(a, a + len) + s.slice(b + len);
        break;
      }
      case 'truncate':
        s = s.slice(0, at);
        break;
      case 'char':
        s = s.slice(0, at) + (e.text[0] ?? '\u2028') + s.slice(at + 1);
        break;
      case 'nest':
        // Deep nesting where the text is: brackets (JSON) or parentheses (Bicep), closed or not.
        s = s.slice(0, at) + tokens[e.token % 2].repeat(1_000 + (e.to % 2_000)) + s.slice(at);
        break;
    }
  }
  return s;
}

/** A random value in a template's own shape: expressions, interesting strings and numbers, any JSON. */
const templateValue: fc.Arbitrary<unknown> = fc.oneof(
  armAst.map((a) => `[${printArm(a)}]`),
  interestingString,
  interestingInt,
  fc.jsonValue({ maxDepth: 3 }),
);

const resource = fc.record(
  {
    type: fc.constantFrom(
      'Microsoft.Network/virtualNetworks',
      'Microsoft.Network/virtualNetworks/subnets',
      'subnets',
      'Microsoft.Network/virtualNetworkGateways',
      'Microsoft.Network/connections',
      'Microsoft.Network/localNetworkGateways',
      'Microsoft.Network/networkInterfaces',
      'Microsoft.Network/publicIPAddresses',
      'Microsoft.Network/networkSecurityGroups',
      'Microsoft.Resources/deployments',
      'Contoso/unknown',
    ),
    apiVersion: fc.constantFrom('2024-05-01', '2019-02-01', 'not-a-date'),
    name: templateValue,
    location: templateValue,
    condition: templateValue,
    copy: fc.record({ name: fc.constantFrom('c', 'vnets'), count: templateValue }),
    dependsOn: fc.array(templateValue, { maxLength: 2 }),
    sku: fc.record({ name: templateValue, tier: templateValue }, { requiredKeys: [] }),
    properties: fc.record(
      {
        addressSpace: fc.record({ addressPrefixes: fc.array(templateValue, { maxLength: 2 }) }),
        subnets: fc.array(fc.record({ name: templateValue, properties: fc.record({ addressPrefix: templateValue, addressPrefixes: fc.array(templateValue, { maxLength: 2 }) }, { requiredKeys: [] }) }), { maxLength: 3 }),
        gatewayType: templateValue,
        vpnType: templateValue,
        sku: fc.record({ name: templateValue, tier: templateValue }),
        sharedKey: templateValue,
        ipConfigurations: fc.array(fc.record({ name: templateValue, properties: fc.record({ subnet: fc.record({ id: templateValue }) }) }), { maxLength: 2 }),
        templateLink: fc.record({ relativePath: fc.constantFrom('../x.json', 'nested.json', '/etc/passwd', 'https://example.invalid/t.json') }),
        template: fc.constant({ $schema: DEPLOYMENT_SCHEMA, resources: [{ type: 'Microsoft.Network/virtualNetworks', name: 'inner', properties: {} }] }),
        parameters: fc.dictionary(fc.constantFrom('p1', 'n', 'x'), fc.record({ value: templateValue })),
        copy: fc.array(fc.record({ name: fc.constantFrom('subnets', 'ipConfigurations'), count: templateValue, input: templateValue }), { maxLength: 1 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['type'] },
);

const template = fc.record(
  {
    $schema: fc.constantFrom(DEPLOYMENT_SCHEMA, 'https://schema.management.azure.com/schemas/2019-08-01/subscriptionDeploymentTemplate.json#'),
    contentVersion: fc.constant('1.0.0.0'),
    languageVersion: fc.constantFrom('2.0', '1.9-experimental'),
    parameters: fc.dictionary(fc.constantFrom('p1', 'n', 'arr', 'obj', 'secret'), fc.record({ type: fc.constantFrom('string', 'int', 'array', 'object', 'securestring', 'bool', 'nonsense'), defaultValue: templateValue }, { requiredKeys: ['type'] })),
    variables: fc.dictionary(fc.constantFrom('v1', 'v2', 'loop', 'self', 'copy'), templateValue),
    resources: fc.oneof(fc.array(resource, { maxLength: 4 }), fc.dictionary(fc.constantFrom('vnet', 'gw', 'conn'), resource)),
    outputs: fc.dictionary(fc.constantFrom('o'), fc.record({ type: fc.constant('string'), value: templateValue })),
  },
  { requiredKeys: ['$schema'] },
);

/** Serialises with random layout: indentation, comments and trailing commas (JSONC) sometimes. */
function layout(value: unknown, style: number): string {
  const text = JSON.stringify(value, null, style % 3 === 0 ? undefined : style % 3);
  if (style % 5 !== 4) return text;
  return text.replace(/,\n/g, ', // a comment\n').replace(/\n(\s*)\}/g, ',\n$1}');
}

describe('the JSON front end', () => {
  it('lints random templates', async () => {
    await fc.assert(
      fc.asyncProperty(template, fc.nat(), async (t, style) => {
        await lintChecked([{ path: '/random/azuredeploy.json', text: layout(t, style) }]);
      }),
      params(400),
    );
  }, 120_000);

  it('lints mutated real templates (bytes and tokens)', async () => {
    expect(JSON_SEEDS.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...JSON_SEEDS), fc.array(edit, { minLength: 1, maxLength: 5 }), async (seed, edits) => {
        const text = applyEdits(seed.text, edits, ['[', '{', ...JSON_TOKENS]);
        await lintChecked([{ path: seed.path, text }], siblings(seed, JSON_SEEDS));
      }),
      params(600),
    );
  }, 120_000);

  it('lints real templates with parts of their structure replaced', async () => {
    const parsed = JSON_SEEDS.map((s) => ({ seed: s, value: parseJsonc(s.text) as unknown })).filter((p) => p.value && typeof p.value === 'object');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...parsed), fc.array(fc.tuple(fc.nat(), fc.oneof(templateValue, resource, fc.constant(undefined))), { minLength: 1, maxLength: 4 }), fc.nat(), async ({ seed, value }, replacements, style) => {
        const copy = structuredClone(value) as Record<string, unknown>;
        for (const [pick, replacement] of replacements) replaceSomewhere(copy, pick, replacement);
        await lintChecked([{ path: seed.path, text: layout(copy, style) }], siblings(seed, JSON_SEEDS));
      }),
      params(400),
    );
  }, 120_000);
});

describe('the Bicep front end', () => {
  it('lints mutated real Bicep files (bytes and tokens)', async () => {
    expect(BICEP_SEEDS.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...BICEP_SEEDS), fc.array(edit, { minLength: 1, maxLength: 5 }), async (seed, edits) => {
        const text = applyEdits(seed.text, edits, ['(', '[', ...BICEP_TOKENS]);
        await lintChecked([{ path: seed.path, text }], siblings(seed, BICEP_SEEDS));
      }),
      params(250),
    );
  }, 120_000);

  it('lints random sequences of Bicep tokens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...BICEP_TOKENS, 'vnet', 'GatewaySubnet', "'10.0.0.0/29'", '1', ' ', '\n', "'Microsoft.Network/virtualNetworks@2024-05-01'", '='), fc.string({ maxLength: 3 })), { maxLength: 80 }), async (tokens) => {
        await lintChecked([{ path: '/random/main.bicep', text: tokens.join('') }]);
      }),
      params(300),
    );
  }, 120_000);
});

/** Replaces (or, with undefined, deletes) the value at a path picked by `pick` among all paths of `root`. */
function replaceSomewhere(root: Record<string, unknown>, pick: number, replacement: unknown): void {
  const slots: [Record<string, unknown> | unknown[], string | number][] = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 12 || !v || typeof v !== 'object') return;
    if (Array.isArray(v))
      v.forEach((x, i) => {
        slots.push([v, i]);
        walk(x, depth + 1);
      });
    else
      for (const [k, x] of Object.entries(v)) {
        slots.push([v as Record<string, unknown>, k]);
        walk(x, depth + 1);
      }
  };
  walk(root, 0);
  if (!slots.length) return;
  const [container, key] = slots[pick % slots.length];
  if (replacement === undefined) {
    if (Array.isArray(container)) container.splice(key as number, 1);
    else delete container[key as string];
  } else (container as Record<string | number, unknown>)[key] = structuredClone(replacement);
}
