import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { span } from '../../src/core/span.js';
import type { Expr } from '../../src/expr/ast.js';
import { parseArmString } from '../../src/expr/arm-parser.js';
import { DEFAULT_LIMITS } from '../../src/expr/budget.js';
import type { BudgetLimits } from '../../src/expr/budget.js';
import { evaluate } from '../../src/expr/evaluate.js';
import type { Value } from '../../src/expr/value.js';
import { LambdaValue, Unknown } from '../../src/expr/value.js';
import { Model } from '../../src/model/model.js';
import type { TemplateIR } from '../../src/parse/ir.js';
import type { ArmAst, BicepAst } from './arbitraries.js';
import { armAst, bicepAst, exprAst, nodesOf, normalizeArm, printArm, printBicep, shapeOf } from './arbitraries.js';
import { CASE_MS, DEPLOYMENT_SCHEMA, PROPERTY_MS, SEED, expectLocationsInside, findings, spanProblems, timedLint } from './support.js';

/**
 * The ARM expression parser and the evaluator never throw and never hang, on any expression string or
 * tree, and every location they produce lies inside its file.
 */

const RUNS = Number(process.env.FC_RUNS ?? 0) || undefined;
/** Fixed seed; each run bounded (`timeout`) and each property too (`interruptAfterTimeLimit`, a failure when hit). */
const params = (numRuns: number) => ({ seed: SEED, numRuns: RUNS ?? numRuns, endOnFailure: true, timeout: 2 * CASE_MS, interruptAfterTimeLimit: PROPERTY_MS, markInterruptAsFailure: true });

/** A JSON document holding one string token, and the span of that token. */
function inFile(raw: string): { file: SourceFile; token: ReturnType<typeof span> } {
  const json = JSON.stringify(raw);
  const text = `{"v": ${json}}`;
  const file = new SourceFile('/expr.json', text);
  return { file, token: span(file, 6, 6 + json.length) };
}

function parseChecked(raw: string): Expr {
  const { file, token } = inFile(raw);
  const e = parseArmString(raw, token);
  const problems: string[] = [];
  for (const n of nodesOf(e)) {
    problems.push(...spanProblems(n.span, `${n.kind} node`));
    if (n.span.start < token.start || n.span.end > token.end) problems.push(`${n.kind} node [${n.span.start}, ${n.span.end}) is outside the string token [${token.start}, ${token.end})`);
  }
  expect(problems, raw).toEqual([]);
  expect(file.text.length).toBeGreaterThan(0);
  return e;
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom('(', ')', '[', ']', "'", "''", ',', '.', ' ', '\n', '-', '0', 'x', 'concat(', '[[', '\\', '"', '\u0000', '\uD800'), fc.string({ maxLength: 3 })) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
);

function mutate(text: string, edits: { op: 'delete' | 'insert' | 'duplicate'; at: number; length?: number; text?: string }[]): string {
  let s = text;
  for (const e of edits) {
    const at = s.length ? e.at % (s.length + 1) : 0;
    if (e.op === 'delete') s = s.slice(0, at) + s.slice(at + (e.length ?? 1));
    else if (e.op === 'insert') s = s.slice(0, at) + (e.text ?? '') + s.slice(at);
    else s = s.slice(0, at) + s.slice(at, at + (e.length ?? 1)) + s.slice(at);
  }
  return s;
}

describe('ARM expression parser', () => {
  it('never throws on arbitrary strings, and keeps every span inside the string token', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom(...'[]()\',. x0-_$\n\\"'.split('')), maxLength: 60 })), (body) => {
        for (const raw of [body, `[${body}]`, `[[${body}]`, `[${body}`]) parseChecked(raw);
      }),
      params(1500),
    );
  });

  it('reads back every printed expression tree, whitespace and all', () => {
    fc.assert(
      fc.property(armAst, fc.array(fc.nat(), { maxLength: 16 }), (ast: ArmAst, spaces) => {
        const raw = `[${printArm(ast, spaces)}]`;
        const e = parseChecked(raw);
        expect(e.kind, `${raw}: ${e.kind === 'error' ? e.message : ''}`).not.toBe('error');
        expect(shapeOf(e)).toEqual(normalizeArm(ast));
      }),
      params(1500),
    );
  });

  it('puts sub-expressions at their exact offsets when the string has no JSON escapes', () => {
    fc.assert(
      fc.property(armAst, (ast) => {
        const raw = `[${printArm(ast)}]`;
        const { file, token } = inFile(raw);
        fc.pre(JSON.stringify(raw) === `"${raw}"`);
        const e = parseArmString(raw, token);
        for (const n of nodesOf(e)) {
          if (n === e) continue;
          const written = file.text.slice(n.span.start, n.span.end);
          if (n.kind === 'literal' && typeof n.value === 'string') expect(written).toBe(`'${n.value.replace(/'/g, "''")}'`);
          if (n.kind === 'literal' && typeof n.value === 'number') expect(Number(written)).toBe(n.value);
          if (n.kind === 'call') expect(written.endsWith(')')).toBe(true);
        }
      }),
      params(800),
    );
  });

  it('never throws on mutated expressions; broken ones are error nodes with a column', () => {
    fc.assert(
      fc.property(armAst, fc.array(mutation, { minLength: 1, maxLength: 4 }), (ast, edits) => {
        const raw = mutate(`[${printArm(ast)}]`, edits);
        const e = parseChecked(raw);
        if (e.kind === 'error') expect(e.message).toMatch(/at column \d+ of the expression$/);
      }),
      params(1500),
    );
  });

  it('rejects absurd nesting without exhausting the stack', () => {
    for (const n of [300, 5_000, 200_000]) {
      const e = parseChecked(`[${'concat('.repeat(n)}'x'${')'.repeat(n)}]`);
      expect(e.kind).toBe('error');
      const index = parseChecked(`[${'a()['.repeat(n)}0${']'.repeat(n)}]`);
      expect(index.kind).toBe('error');
    }
  });
});

/** A template that gives generated expressions declared names to refer to, and places where rules read them. */
function templateWith(exprs: string[]): string {
  const x = (i: number) => JSON.stringify(`[${exprs[i % exprs.length]}]`);
  return `{
  "$schema": "${DEPLOYMENT_SCHEMA}",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "p1": { "type": "string", "defaultValue": "GatewaySubnet" },
    "n": { "type": "int", "defaultValue": 3 },
    "arr": { "type": "array", "defaultValue": [1, "two", { "three": 3 }] },
    "obj": { "type": "object", "defaultValue": { "a": { "b": [1, 2] } } },
    "secret": { "type": "securestring", "defaultValue": "s3cr3t-value" },
    "computed": { "type": "string", "defaultValue": ${x(0)} }
  },
  "functions": [ { "namespace": "ns", "members": {
    "fn": { "parameters": [ { "name": "a", "type": "string" } ], "output": { "type": "string", "value": ${x(1)} } },
    "self": { "parameters": [ { "name": "a", "type": "string" } ], "output": { "type": "string", "value": "[ns.self(parameters('a'))]" } }
  } } ],
  "variables": {
    "v1": ${x(2)},
    "v2": "[concat(variables('v1'), parameters('p1'))]",
    "loop": "[variables('self')]",
    "self": "[variables('loop')]",
    "copy": [ { "name": "list", "count": ${x(3)}, "input": ${x(4)} } ]
  },
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2024-05-01",
      "name": ${x(5)},
      "location": "westeurope",
      "copy": { "name": "vnets", "count": ${x(6)} },
      "condition": ${x(7)},
      "properties": {
        "addressSpace": { "addressPrefixes": [ ${x(8)} ] },
        "subnets": [ { "name": ${x(9)}, "properties": { "addressPrefix": ${x(10)} } } ]
      }
    },
    {
      "type": "Microsoft.Network/virtualNetworkGateways",
      "apiVersion": "2024-05-01",
      "name": ${x(11)},
      "location": "westeurope",
      "properties": {
        "gatewayType": ${x(12)},
        "sku": { "name": ${x(13)}, "tier": ${x(13)} },
        "ipConfigurations": [ { "name": "c", "properties": { "subnet": { "id": ${x(14)} } } } ]
      }
    },
    {
      "type": "Microsoft.Resources/deployments",
      "apiVersion": "2022-09-01",
      "name": "nested",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": { "p": { "value": ${x(15)} } },
        "template": {
          "$schema": "${DEPLOYMENT_SCHEMA}",
          "contentVersion": "1.0.0.0",
          "parameters": { "p": { "type": "string" } },
          "resources": [ { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01", "name": "[concat('vnet/', parameters('p'))]", "properties": { "addressPrefix": ${x(16)} } } ]
        }
      }
    }
  ],
  "outputs": { "o": { "type": "string", "value": ${x(17)} } }
}
`;
}

function bicepWith(exprs: string[]): string {
  const x = (i: number) => exprs[i % exprs.length];
  return `param p1 string = 'GatewaySubnet'
param n int = 3
param arr array = [1, 'two', { three: 3 }]
param obj object = { a: { b: [1, 2] } }
@secure()
param secret string = 's3cr3t-value'

var v1 = ${x(0)}
var v2 = '\${v1}-\${p1}'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: ${x(1)}
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ ${x(2)} ] }
    subnets: [
      {
        name: ${x(3)}
        properties: { addressPrefix: ${x(4)} }
      }
    ]
  }
}

resource loopVnets 'Microsoft.Network/virtualNetworks@2024-05-01' = [for item in ${x(5)}: if (${x(6)}) {
  name: ${x(7)}
  location: 'westeurope'
}]

resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: ${x(8)}
  location: 'westeurope'
  properties: {
    gatewayType: ${x(9)}
    sku: { name: ${x(10)}, tier: ${x(10)} }
    ipConfigurations: [ { name: 'c', properties: { subnet: { id: ${x(11)} } } } ]
  }
}

output o object = { value: ${x(12)} }
`;
}

describe('the evaluator, through lint()', () => {
  it('evaluates random ARM expressions everywhere in a template without throwing, in bounded time, with valid locations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(armAst, { minLength: 1, maxLength: 18 }), async (asts) => {
        const text = templateWith(asts.map((a) => printArm(a)));
        const { result } = await timedLint({ files: [{ path: '/eval/main.json', text }] });
        expectLocationsInside(result);
        expect(findings(result, 'internal-error')).toEqual([]);
        expect(findings(result, 'parse-error')).toEqual([]);
      }),
      params(400),
    );
  }, 120_000);

  it('evaluates random Bicep expressions everywhere in a file without throwing, in bounded time, with valid locations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(bicepAst, { minLength: 1, maxLength: 13 }), async (asts: BicepAst[]) => {
        const text = bicepWith(asts.map(printBicep));
        const { result } = await timedLint({ files: [{ path: '/eval/main.bicep', text }] });
        expectLocationsInside(result);
        expect(findings(result, 'internal-error')).toEqual([]);
      }),
      params(300),
    );
  }, 120_000);
});

/** True when a value is one the evaluator may return: JSON, Unknown or a lambda, arrays and objects of those. */
function isValue(v: Value, depth = 0): boolean {
  if (depth > 2_000) return false;
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return !Number.isNaN(v);
  if (v instanceof Unknown || v instanceof LambdaValue) return true;
  if (Array.isArray(v)) return v.every((x) => isValue(x, depth + 1));
  return typeof v === 'object' && Object.values(v).every((x) => isValue(x, depth + 1));
}

describe('the evaluator, on expression trees of every kind', () => {
  const file = new SourceFile('/eval/generated.bicep', 'generated');
  const at = span(file, 0, 9);
  const smallLimits = fc.record({
    steps: fc.constantFrom(1, 10, 1_000, DEFAULT_LIMITS.steps),
    maxLength: fc.constantFrom(0, 5, 1_000, DEFAULT_LIMITS.maxLength),
    copyCount: fc.constantFrom(0, 3, DEFAULT_LIMITS.copyCount),
    depth: fc.constantFrom(1, 5, 50, DEFAULT_LIMITS.depth),
    fileSize: fc.constant(DEFAULT_LIMITS.fileSize),
  });

  it('returns a value (known, unknown or an error) for any tree and any limits, and records limits with a location', () => {
    fc.assert(
      fc.property(exprAst(at), exprAst(at), smallLimits, fc.constantFrom('arm' as const, 'bicep' as const), (root, other, limits: BudgetLimits, language) => {
        const template: TemplateIR = {
          file,
          language,
          targetScope: 'resourceGroup',
          parameters: [
            { name: 'p1', nameSpan: at, span: at, type: 'string', defaultValue: other, secure: false },
            { name: 'secret', nameSpan: at, span: at, type: 'securestring', defaultValue: { kind: 'literal', value: 'x', span: at }, secure: true },
          ],
          variables: [
            { name: 'v1', nameSpan: at, span: at, value: root },
            { name: 'v2', nameSpan: at, span: at, value: { kind: 'symbol', name: 'v1', span: at } },
            { name: 'loop', nameSpan: at, span: at, value: { kind: 'symbol', name: 'self', span: at } },
            { name: 'self', nameSpan: at, span: at, value: { kind: 'symbol', name: 'loop', span: at } },
          ],
          functions: [],
          resources: [],
          outputs: [],
          problems: [],
          comments: [],
        };
        const start = performance.now();
        const model = new Model(template, { limits });
        const values = [model.root.variable('v1'), model.root.variable('v2'), model.root.parameter('p1'), evaluate(root, model.root.rootFrame)];
        expect(performance.now() - start).toBeLessThan(CASE_MS);
        for (const v of values) expect(isValue(v)).toBe(true);
        for (const hit of model.budget.hits) if (hit.at) expect(spanProblems(hit.at, hit.message)).toEqual([]);
      }),
      params(1500),
    );
  });
});
