import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRules } from '../rules/index.js';
import { ENGINE_RULES } from '../src/engine/engine-rules.js';

const DOCS = path.resolve(import.meta.dirname, '../docs/rules');
const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md'));
/** Documents that are not in the repository or the package, so a reader cannot open them. */
const UNREACHABLE = /gateway[- ]facts|§|peers\.md/i;
const LEARN_URL = /https:\/\/learn\.microsoft\.com\/[^\s)#]+/g;

describe('rule docs cite what readers can open', () => {
  it.each(pages)('%s cites no document outside the repository', (page) => {
    const text = readFileSync(path.join(DOCS, page), 'utf8');
    expect(text.split('\n').filter((line) => UNREACHABLE.test(line))).toEqual([]);
  });

  // Every rule module encodes Azure facts; the engine's own rules (parse errors, limits, suppressions) do not.
  it.each(builtInRules.map((r) => r.meta.id))('%s links the Microsoft Learn pages it relies on, each with the version read', (id) => {
    const text = readFileSync(path.join(DOCS, `${id}.md`), 'utf8');
    const urls = new Set([...text.matchAll(LEARN_URL)].map((m) => m[0]));
    expect(urls.size).toBeGreaterThan(0);
    for (const url of urls) {
      const read = new RegExp(`\\]\\(${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(#[\\w-]+)?\\)\\s+\\(read: (version of \\d{4}-\\d{2}-\\d{2}|undated version)`);
      expect(text, `${url} without the version read`).toMatch(read);
    }
  });

  it('rule metadata (SARIF fullDescription and help, the editor) carries no test marks or unreachable citations', () => {
    for (const meta of [...builtInRules.map((r) => r.meta), ...ENGINE_RULES]) {
      const shown = [meta.summary, meta.description].join('\n');
      expect(shown, meta.id).not.toMatch(/@expect|gateway[- ]facts|§/i);
    }
  });
});
