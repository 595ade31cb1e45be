import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import { builtInRules } from '../rules/index.js';
import { readTree } from './support/fixtures.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../examples');

describe('the bundled examples', () => {
  it('show a finding of every rule, and the clean example has none', async () => {
    const files = readTree(EXAMPLES).filter((f) => /\.(json|bicep)$/.test(f.path) && !f.path.includes(`${path.sep}ci${path.sep}`));
    const result = await lint({ files });
    const fired = new Set(result.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)));
    for (const rule of builtInRules) expect(fired, `no example shows ${rule.meta.id}`).toContain(rule.meta.id);
    const clean = result.files.filter((f) => f.path.includes(`${path.sep}clean${path.sep}`));
    expect(clean.length).toBe(1);
    expect(clean[0].diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  });
});
