import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Memo, memoKey } from '../../src/model/memo.js';
import { GOOD_TEMPLATE } from '../robustness/support.js';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('Memo', () => {
  it('computes each kind of answer once, undefined answers included', () => {
    const memo = new Memo();
    const [a, b] = [memoKey<number>('a'), memoKey<undefined>('b')];
    let calls = 0;
    expect(memo.get(a, () => ++calls)).toBe(1);
    expect(memo.get(a, () => ++calls)).toBe(1);
    expect(memo.get(b, () => void ++calls)).toBeUndefined();
    expect(memo.get(b, () => void ++calls)).toBeUndefined();
    expect(calls).toBe(2);
  });
});

describe('what one lint() allocates', () => {
  it('dies young: linting one template many times copies little to the old generation', () => {
    // Module-level caches whose values point back at their model, and object literals with getters, kept
    // every model alive past young-generation collections: 48 MB were copied for these 3,000 lints, 3 MB now.
    const script = `
      const { lint } = await import(${JSON.stringify(path.join(REPO, 'dist/src/index.js'))});
      const files = [{ path: 'main.json', text: ${JSON.stringify(GOOD_TEMPLATE)} }];
      for (let i = 0; i < 200; i++) await lint({ files });
      console.log('START');
      for (let i = 0; i < 3000; i++) await lint({ files });
      console.log('END');`;
    const run = spawnSync(process.execPath, ['--trace-gc-nvp', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000 });
    expect(run.status).toBe(0);
    const during = run.stdout.slice(run.stdout.indexOf('START'), run.stdout.indexOf('END'));
    const promoted = [...during.matchAll(/\bpromoted=(\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(during).toContain('gc=s');
    expect(promoted).toBeLessThan(20 * 1024 * 1024);
  }, 150_000);
});
