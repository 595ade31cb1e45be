import { describe, expect, it } from 'vitest';
import { HeldTexts } from '../../src/cli/held-texts.js';
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
  it('keep texts while they fit the budget, and read a text let go again when it is asked for', () => {
    const d = disk({ '/a': 'a'.repeat(40), '/b': 'b'.repeat(40), '/c': 'c'.repeat(40) });
    const held = new HeldTexts(d.read, 100);
    const [a, b] = [held.hold(d.read('/a')), held.hold(d.read('/b'))];
    expect(a.text).toBe(d.texts['/a']);
    expect(b.text).toBe(d.texts['/b']);
    expect(d.reads).toEqual(['/a', '/b']);
    // A third text goes over the budget: the least recently used one (a, then b was used after it) is let go.
    held.hold(d.read('/c'));
    expect(b.text).toBe(d.texts['/b']);
    expect(d.reads).toEqual(['/a', '/b', '/c']);
    expect(a.text).toBe(d.texts['/a']);
    expect(d.reads).toEqual(['/a', '/b', '/c', '/a']);
    expect(a.length).toBe(40);
  });

  it('hold a text larger than the budget until the next one comes', () => {
    const d = disk({ '/big': 'x'.repeat(500), '/small': 'y' });
    const held = new HeldTexts(d.read, 100);
    const big = held.hold(d.read('/big'));
    expect(big.text.length).toBe(500);
    held.hold(d.read('/small'));
    expect(big.text.length).toBe(500);
    expect(d.reads).toEqual(['/big', '/small', '/big']);
  });

  it('give a file that cannot be read back as it is, and an empty text for a file gone since it was read', () => {
    const d = disk({ '/a': 'a'.repeat(80), '/b': 'b'.repeat(80) });
    const held = new HeldTexts(d.read, 100);
    expect(held.hold(d.read('/missing'))).toEqual({ path: '/missing', text: '', readError: 'gone' });
    const a = held.hold(d.read('/a'));
    held.hold(d.read('/b'));
    delete d.texts['/a'];
    expect(a.text).toBe('');
  });

  it('copy as a path and a length when spread (as for a worker thread), never as the holder', () => {
    const d = disk({ '/a': 'abc' });
    const a = new HeldTexts(d.read).hold(d.read('/a'));
    expect({ ...a, text: a.text }).toEqual({ path: '/a', length: 3, text: 'abc' });
  });
});
