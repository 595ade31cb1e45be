import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import { builtInRules } from '../rules/index.js';
import { readFixture, readTree } from './support/fixtures.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../examples');

describe('the bundled examples', () => {
  it('show a finding of every rule, and the clean example has none', async () => {
    // Judged on the path inside examples/, so a checkout whose own path holds a `ci` folder reads the same.
    // pull-request/ is a change to review: base/ holds its base revision, which the change rules compare with.
    const pullRequest = readFixture(path.join(EXAMPLES, 'pull-request'));
    const baseFolder = path.join(EXAMPLES, 'pull-request', 'base') + path.sep;
    const files = readTree(EXAMPLES).filter((f) => /\.(json|bicep)$/.test(f.path) && path.relative(EXAMPLES, f.path).split(path.sep)[0] !== 'ci' && !f.path.startsWith(baseFolder));
    const result = await lint({ files, base: pullRequest.base });
    const fired = new Set(result.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId)));
    for (const rule of builtInRules) expect(fired, `no example shows ${rule.meta.id}`).toContain(rule.meta.id);
    const clean = result.files.filter((f) => path.relative(EXAMPLES, f.path).split(path.sep)[0] === 'clean');
    expect(clean.length).toBe(1);
    expect(clean[0].diagnostics.map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
  });
});
