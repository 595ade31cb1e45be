import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/cli/work.js';
import type { PlainResult } from '../../src/cli/serialize.js';
import { packBatch, unpackBatch } from '../../src/cli/parallel.js';
import { HeldTexts } from '../../src/cli/held-texts.js';
import type { VirtualFile } from '../../src/engine/files.js';
import { FIXTURES } from '../support/fixtures.js';
import { REPO } from './helpers.js';

// Worker threads run the compiled worker (dist/, built by `npm ci` through `prepare`).
const COMPILED = path.join(REPO, 'dist/src/cli/parallel.js');

function fixtureJobs(): Job[] {
  const config = { rules: {}, ignorePatterns: [] };
  const jobs: Job[] = [];
  for (const folder of readdirSync(FIXTURES)) {
    const dir = path.join(FIXTURES, folder);
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isFile()) jobs.push({ files: [{ path: file, text: readFileSync(file, 'utf8') }], context: [], parameterFiles: [], registryModules: [], repository: {}, configs: [], defaultConfig: config });
    }
  }
  return jobs;
}

describe('worker threads', () => {
  it('a batch keeps every text exactly, multi-byte characters included', () => {
    const jobs: Job[] = [
      { files: [{ path: '/a.json', text: '{"é😀": "[x]"}' }], context: [{ path: '/b.bicep', text: "param p string = 'ü'" }], parameterFiles: [], registryModules: [], repository: {}, configs: [], defaultConfig: { rules: {}, ignorePatterns: [] } },
      { files: [{ path: '/c.json', text: '' }], context: [], parameterFiles: [], registryModules: [], repository: {}, configs: [], defaultConfig: { rules: {}, ignorePatterns: [] } },
    ];
    expect(unpackBatch(packBatch(jobs))).toEqual(jobs);
  });

  it('a text this thread let go is not read here: it travels as its path, and the worker reads it', () => {
    const disk: Record<string, string> = { '/held.json': '{"a": 1}', '/big.json': 'x'.repeat(200), '/gone.json': 'y'.repeat(10) };
    const readsHere: string[] = [];
    const read = (p: string): VirtualFile => (readsHere.push(p), { path: p, text: disk[p] });
    // A budget of 100 characters: the big text does not fit, so none is held after it (see HeldTexts).
    const texts = new HeldTexts(read, 100);
    const [held, big, gone] = ['/held.json', '/big.json', '/gone.json'].map((p) => texts.hold(read(p)));
    readsHere.length = 0;
    const config = { rules: {}, ignorePatterns: [] };
    const job: Job = { files: [held, big], context: [gone], parameterFiles: [], registryModules: [], repository: {}, configs: [], defaultConfig: config };
    const batch = packBatch([job]);
    expect(readsHere).toEqual([]);
    // Only the text still at hand (the last one read, kept beside the budget) is in the batch's bytes.
    expect(new TextDecoder().decode(batch.bytes)).toBe(disk['/gone.json']);
    const readsThere: string[] = [];
    const [unpacked] = unpackBatch(structuredClone(batch), (p) => (readsThere.push(p), p === '/big.json' ? disk[p] : ''));
    expect(readsThere).toEqual(['/held.json', '/big.json']);
    expect(unpacked.files.map((f) => [f.path, f.text, f.length])).toEqual([
      ['/held.json', '', 8],
      ['/big.json', disk['/big.json'], 200],
    ]);
    expect(unpacked.context.map((f) => f.text)).toEqual([disk['/gone.json']]);
  });

  it.skipIf(!existsSync(COMPILED))('give exactly the results of linting in one thread', async () => {
    const { runJobs } = (await import(COMPILED)) as { runJobs: (count: number, jobAt: (index: number) => Job, threads: number, onDone: (index: number, result: PlainResult) => void, minChars?: number) => Promise<void> };
    const jobs = fixtureJobs();
    expect(jobs.length).toBeGreaterThan(50);
    // Each job's result is told by its index, as it comes back.
    const inOrder = async (threads: number) => {
      const told: PlainResult[] = [];
      await runJobs(jobs.length, (i) => jobs[i], threads, (i, r) => (told[i] = r), 0);
      return told;
    };
    const inThread = await inOrder(1);
    const threaded = await inOrder(2);
    expect(threaded.length).toBe(jobs.length);
    expect(threaded).toEqual(inThread);
    expect(inThread.some((r) => r.files.some((f) => f.diagnostics.length > 0))).toBe(true);
  });
});
