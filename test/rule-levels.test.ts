import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import { builtInRules } from '../rules/index.js';
import { FIXTURES, readFixture } from './support/fixtures.js';

/** A rule declares every level its findings take by case, so that --init, --list-rules and --print-config show it as it is. */
describe('rule levels', () => {
  for (const rule of builtInRules)
    it(`${rule.meta.id}: the levels of its fixture findings are the ones it declares`, async () => {
      const { files, base } = readFixture(path.join(FIXTURES, rule.meta.id));
      const result = await lint({ files, base });
      const seen = new Set(result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === rule.meta.id).map((d) => d.level)));
      const declared = rule.meta.levels ?? [rule.meta.level];
      expect([...seen].filter((l) => !declared.includes(l))).toEqual([]);
      if (rule.meta.levels) expect(rule.meta.levels[0]).toBe(rule.meta.level);
    });
});
