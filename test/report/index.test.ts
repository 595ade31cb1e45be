import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, isFormatName, reporters } from '../../src/report/index.js';
import { EMPTY, options, quietResult } from './fixtures.js';

describe('reporters', () => {
  it('has one reporter per format name', () => {
    expect(Object.keys(reporters).sort()).toEqual([...FORMAT_NAMES].sort());
    expect(FORMAT_NAMES).toEqual(['stylish', 'json', 'sarif', 'github', 'azure-devops', 'junit', 'compact', 'html']);
  });

  it('recognises format names', () => {
    for (const name of FORMAT_NAMES) expect(isFormatName(name)).toBe(true);
    expect(isFormatName('checkstyle')).toBe(false);
    expect(isFormatName('Stylish')).toBe(false);
    expect(isFormatName('toString')).toBe(false);
  });

  it('leaves suppressed findings out of every format but json and sarif', () => {
    for (const name of FORMAT_NAMES) {
      const out = reporters[name](quietResult(), options());
      expect(out.includes('Too small.'), name).toBe(name === 'json' || name === 'sarif');
    }
  });

  it('renders an empty run in every format', () => {
    for (const name of FORMAT_NAMES) expect(typeof reporters[name](EMPTY, options())).toBe('string');
  });
});
