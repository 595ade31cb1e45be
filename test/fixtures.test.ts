import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import { toLineColumn } from '../src/core/span.js';
import { builtInRules } from '../rules/index.js';
import { FIXTURES, expectations, key, readFixture } from './support/fixtures.js';
import { cli } from './cli/helpers.js';

const folders = readdirSync(FIXTURES).filter((d) => statSync(path.join(FIXTURES, d)).isDirectory());
const defaultLevel = new Map(builtInRules.map((r) => [r.meta.id, r.meta.level as string]));

/** Top-level `valid*` / `invalid*` files are linted; everything else in the folder is context (modules, parameters). */
function isEntry(file: string, folder: string): boolean {
  return path.dirname(file) === folder && /^(valid|invalid)[^/]*\.(json|bicep)$/.test(path.basename(file)) && !/\.parameters\./.test(file);
}

describe('rule fixtures: findings land exactly on the lines marked @expect', () => {
  for (const name of folders) {
    it(name, async () => {
      const folder = path.join(FIXTURES, name);
      const { files: all, base, deleted } = readFixture(folder);
      const files = all.filter((f) => isEntry(f.path, folder));
      const result = await lint({ files, context: all.filter((f) => !files.includes(f)), base });
      const actual = result.files.flatMap((f) =>
        f.diagnostics.filter((d) => !d.suppression).map((d) => key(f.path, toLineColumn(d.span).line, d.ruleId, d.level)),
      );
      const expected = expectations([...all, ...deleted]).map((e) => key(e.file, e.line, e.ruleId, e.level ?? defaultLevel.get(e.ruleId) ?? 'error'));
      expect(actual.sort()).toEqual(expected.sort());
    });
  }
});

describe('every rule has valid and invalid fixtures in JSON and Bicep, and both languages agree', () => {
  for (const rule of builtInRules) {
    const folder = path.join(FIXTURES, rule.meta.id);
    it(`${rule.meta.id} has fixtures`, () => {
      const names = readdirSync(folder);
      for (const required of ['valid.json', 'invalid.json', 'valid.bicep', 'invalid.bicep']) expect(names).toContain(required);
    });
    it(`${rule.meta.id}: invalid.json and invalid.bicep give the same findings`, async () => {
      const { files: all, base } = readFixture(folder);
      const counts = async (entry: string) => {
        const target = all.find((f) => f.path === path.join(folder, entry))!;
        const result = await lint({ files: [target], context: all.filter((f) => f !== target), base });
        const perRule: Record<string, number> = {};
        for (const f of result.files) for (const d of f.diagnostics) if (!d.suppression && d.ruleId !== 'bicep-syntax') perRule[`${d.ruleId}:${d.level}`] = (perRule[`${d.ruleId}:${d.level}`] ?? 0) + 1;
        return perRule;
      };
      const json = await counts('invalid.json');
      expect(Object.keys(json).some((k) => k.startsWith(rule.meta.id))).toBe(true);
      expect(await counts('invalid.bicep')).toEqual(json);
    });
  }
});

// Change rules' fixtures need a base revision, which the command line reads from git: test/cli/diff.test.ts runs them.
describe('rule fixtures through the command line: the same findings as marked', () => {
  for (const name of folders.filter((f) => !readFixture(path.join(FIXTURES, f)).base)) {
    it(name, async () => {
      const folder = path.join(FIXTURES, name);
      const all = readFixture(folder).files;
      const entries = all.filter((f) => isEntry(f.path, folder)).map((f) => f.path);
      const run = await cli(folder, ['--format', 'json', ...entries]);
      expect(run.code, run.stderr).toBeLessThan(2);
      const report = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; level: string; line: number }[] }[];
      const actual = report.flatMap((f) => f.messages.map((m) => key(f.filePath, m.line, m.ruleId, m.level)));
      const expected = expectations(all).map((e) => key(e.file, e.line, e.ruleId, e.level ?? defaultLevel.get(e.ruleId) ?? 'error'));
      expect(actual.sort()).toEqual(expected.sort());
    });
  }
});
