import { describe, expect, it } from 'vitest';
import { HeldTexts, releaseText } from '../../src/cli/held-texts.js';
import type { VirtualFile } from '../../src/engine/files.js';

/** A disk of texts by path that counts the reads. */
function disk(texts: Record<string, string>) {
  const reads: string[] = [];
  const read = (p: string): VirtualFile => {
    reads.push(p);
    return p in texts ? { path: p, text: texts[p] } : { path: p, text: '', readError: 'gone' };
  };
  return { texts, reads, read };
}

describe('held texts', () => {
  it('keep every text while all fit the budget', () => {
    const d = disk({ '/a': 'a'.repeat(40), '/b': 'b'.repeat(40) });
    const held = new HeldTexts(d.read, 100);
    const [a, b] = ['/a', '/b'].map((p) => held.hold(d.read(p)));
    // Read in the same order again, as linting does after indexing: both were held.
    expect([a, b].map((f) => f.text)).toEqual([d.texts['/a'], d.texts['/b']]);
    expect(d.reads).toEqual(['/a', '/b']);
    expect(a.length).toBe(40);
  });

  it('let go of every text once one does not fit, and hold none after it: each is read again when asked for', () => {
    const d = disk({ '/a': 'a'.repeat(40), '/b': 'b'.repeat(40), '/c': 'c'.repeat(40), '/d': 'd'.repeat(4) });
    const held = new HeldTexts(d.read, 100);
    const [a, b, c, e] = ['/a', '/b', '/c', '/d'].map((p) => held.hold(d.read(p)));
    expect(d.reads).toEqual(['/a', '/b', '/c', '/d']);
    // d would fit what a and b left, but nothing is held once the texts are known not to fit.
    expect([a, b, c, e].map((f) => f.text)).toEqual(['/a', '/b', '/c', '/d'].map((p) => d.texts[p]));
    expect(d.reads).toEqual(['/a', '/b', '/c', '/d', '/a', '/b', '/c', '/d']);
  });

  it('keep the last text read beside the budget for the questions that follow, until another comes', () => {
    const d = disk({ '/big': 'x'.repeat(500), '/other': 'y'.repeat(500) });
    const held = new HeldTexts(d.read, 100);
    const big = held.hold(d.read('/big'));
    // Read, then asked about at once (as the index does): not read again.
    expect(big.text.length).toBe(500);
    expect(big.text.length).toBe(500);
    const other = held.hold(d.read('/other'));
    expect(other.text.length).toBe(500);
    expect(d.reads).toEqual(['/big', '/other']);
    expect(big.text.length).toBe(500);
    expect(big.text.length).toBe(500);
    expect(other.text.length).toBe(500);
    expect(d.reads).toEqual(['/big', '/other', '/big', '/other']);
  });

  it('give a file that cannot be read back as it is, and an empty text for a file gone since it was read', () => {
    const d = disk({ '/a': 'a'.repeat(80), '/b': 'b'.repeat(80), '/c': 'c'.repeat(80) });
    const held = new HeldTexts(d.read, 100);
    expect(held.hold(d.read('/missing'))).toEqual({ path: '/missing', text: '', readError: 'gone' });
    held.hold(d.read('/a'));
    const b = held.hold(d.read('/b'));
    held.hold(d.read('/c'));
    delete d.texts['/b'];
    expect(b.text).toBe('');
  });

  it('let go of a released text and its share of the budget: read again if asked for, and a newcomer fits', () => {
    const d = disk({ '/a': 'a'.repeat(60), '/b': 'b'.repeat(60), '/c': 'c'.repeat(60), '/d': 'd'.repeat(60) });
    const held = new HeldTexts(d.read, 100);
    const a = held.hold(d.read('/a'));
    releaseText(a);
    // The budget a held: b fits now, and is not read again.
    const b = held.hold(d.read('/b'));
    expect(b.text).toBe(d.texts['/b']);
    expect(d.reads).toEqual(['/a', '/b']);
    expect(a.text).toBe(d.texts['/a']);
    expect(d.reads).toEqual(['/a', '/b', '/a']);
    // Releasing a text kept beside the budget (a, read again), or a file twice, frees no budget: c does not fit.
    releaseText(a);
    releaseText(a);
    const c = held.hold(d.read('/c'));
    held.hold(d.read('/d'));
    expect(c.text).toBe(d.texts['/c']);
    expect(d.reads).toEqual(['/a', '/b', '/a', '/c', '/d', '/c']);
  });

  it('leave files not read by it alone when released', () => {
    const file: VirtualFile = { path: '/x', text: 'x' };
    releaseText(file);
    expect(file.text).toBe('x');
  });

  it('copy as a path and a length when spread (as for a worker thread), never as the holder', () => {
    const d = disk({ '/a': 'abc' });
    const a = new HeldTexts(d.read).hold(d.read('/a'));
    expect({ ...a, text: a.text }).toEqual({ path: '/a', length: 3, text: 'abc' });
  });
});
