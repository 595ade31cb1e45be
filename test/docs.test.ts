import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import { toLineColumn } from '../src/core/span.js';
import { ALLOWED_VALUES, ENGINE_RULES } from '../src/engine/engine-rules.js';
import { builtInRules } from '../rules/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const DOCS = path.join(ROOT, 'docs/rules');
const EXPECT = /@expect\s+([a-z0-9-]+)(?::(error|warning|info))?/g;

interface Example {
  language: 'json' | 'bicep';
  code: string;
  line: number;
  /** Change rules: the base revision's version of the example, from the ```json base block just before it. */
  base?: string;
}

/** Fenced ```json and ```bicep blocks of a docs page, with the line each starts on. */
function examples(markdown: string): Example[] {
  const out: Example[] = [];
  let base: string | undefined;
  const fence = /^```(json|bicep)( base)?\n([\s\S]*?)^```/gm;
  for (const m of markdown.matchAll(fence)) {
    if (m[2]) base = m[3];
    else out.push({ language: m[1] as 'json' | 'bicep', code: m[3], line: markdown.slice(0, m.index).split('\n').length + 1, base });
    if (!m[2]) base = undefined;
  }
  return out;
}

const allRules = [...builtInRules.map((r) => r.meta), ...ENGINE_RULES];

describe('rule documentation', () => {
  for (const meta of allRules) {
    const page = path.join(DOCS, `${meta.id}.md`);
    it(`${meta.id} has a docs page that starts with its id`, () => {
      expect(existsSync(page)).toBe(true);
      expect(readFileSync(page, 'utf8').split('\n')[0]).toBe(`# ${meta.id}`);
    });
  }

  // allowed-values is found by the engine, not by a rule module, but its page has examples like a rule's.
  for (const rule of [...builtInRules, { meta: ALLOWED_VALUES }]) {
    const page = path.join(DOCS, `${rule.meta.id}.md`);
    if (!existsSync(page)) continue;
    const blocks = examples(readFileSync(page, 'utf8'));
    it(`${rule.meta.id}: the page has invalid and valid examples in JSON and Bicep, or at least one of each kind`, () => {
      expect(blocks.some((b) => b.code.includes('@expect'))).toBe(true);
      expect(blocks.some((b) => !b.code.includes('@expect'))).toBe(true);
      expect(new Set(blocks.map((b) => b.language))).toEqual(new Set(['json', 'bicep']));
    });
    blocks.forEach((block, i) => {
      it(`${rule.meta.id}: example ${i + 1} (${block.language}, line ${block.line}) gives exactly the findings it marks`, async () => {
        const file = path.join(DOCS, `${rule.meta.id}.example${i + 1}.${block.language}`);
        const base = block.base === undefined ? undefined : { label: 'base', files: [{ path: file, text: block.base }], added: [], deleted: [] };
        const result = await lint({ files: [{ path: file, text: block.code }], base });
        const actual = result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId !== 'bicep-syntax').map((d) => `${toLineColumn(d.span).line} ${d.ruleId}:${d.level}`));
        const expected: string[] = [];
        block.code.split('\n').forEach((line, n) => {
          for (const m of line.matchAll(EXPECT)) expected.push(`${n + 1} ${m[1]}:${m[2] ?? allRules.find((r) => r.id === m[1])?.level}`);
        });
        expect(actual.sort()).toEqual(expected.sort());
      });
    });
  }
});

describe('README', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const meta of allRules)
    it(`lists ${meta.id} with a link to its docs page`, () => {
      expect(readme).toContain(`[\`${meta.id}\`](docs/rules/${meta.id}.md)`);
    });
});
