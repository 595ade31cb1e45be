import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import { CORPUS, HAS_CORPUS, SKIP_MESSAGE, corpusFiles } from './support/corpus.js';

/**
 * Messages are read in a second: one sentence on what is wrong with which value and where it came from,
 * at most one short sentence on the fix. Background belongs on the rule's docs page.
 */
const TYPICAL = 160;
const LONGEST = 240;
const SHARE_TYPICAL = 0.9;

if (!HAS_CORPUS) console.warn(SKIP_MESSAGE);

describe.skipIf(!HAS_CORPUS)('message length over the shared corpus', () => {
  it(`keeps ${SHARE_TYPICAL * 100}% of the findings' messages within ${TYPICAL} characters and every one within ${LONGEST}`, async () => {
    const result = await lint({ files: corpusFiles() });
    const messages = result.files.flatMap((f) => f.diagnostics.filter((d) => !d.suppression).map((d) => ({ at: path.relative(CORPUS, f.path), rule: d.ruleId, text: d.message })));
    expect(messages.length).toBeGreaterThan(100);
    const typical = messages.filter((m) => m.text.length <= TYPICAL).length;
    const lengths = messages.map((m) => m.text.length).sort((a, b) => a - b);
    console.info(`Corpus messages: ${messages.length}; within ${TYPICAL}: ${typical}; median ${lengths[lengths.length >> 1]}; longest ${lengths[lengths.length - 1]}.`);
    expect(messages.filter((m) => m.text.length > LONGEST)).toEqual([]);
    expect(typical / messages.length).toBeGreaterThanOrEqual(SHARE_TYPICAL);
  });

  it('writes every value of a message as text, never as an object or a missing value', async () => {
    const result = await lint({ files: corpusFiles() });
    const texts = result.files.flatMap((f) => f.diagnostics.flatMap((d) => [d.message, d.fix?.description ?? '', ...d.related.map((r) => r.message)]));
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.filter((t) => /\[object \w+\]|\bundefined\b|\bNaN\b/.test(t))).toEqual([]);
  });
});
