import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import { builtInRules } from '../rules/index.js';
import { readTree } from './support/fixtures.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../examples');

describe('the bundled examples', () => {
  it('show a finding of every rule, and the clean example has none', async () => {
    // Judged on the path inside examples/, so a checkout whose own path holds a `ci` folder reads the same.
    const files = readTree(EXAMPLES).filter((f) => /\.(json|bicep)$/.test(f.path) && path.relative(EXAMPLES, f.path).split(path.sep)[0] !== 'ci');
    const result = await lint({ files });
    const fired = new Set(result.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)));
    for (const rule of builtInRules) expect(fired, `no example shows ${rule.meta.id}`).toContain(rule.meta.id);
    const clean = result.files.filter((f) => path.relative(EXAMPLES, f.path).split(path.sep)[0] === 'clean');
    expect(clean.length).toBe(1);
    expect(clean[0].diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  });
});
