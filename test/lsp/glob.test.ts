import { describe, expect, it } from 'vitest';
import { globMatcher, globToRegExp } from '../../src/lsp/glob.js';

describe('ignorePatterns matching', () => {
  it('matches globstar, star, braces and classes on /-separated relative paths', () => {
    expect(globToRegExp('**/generated/**').test('infra/generated/main.json')).toBe(true);
    expect(globToRegExp('**/generated/**').test('generated/main.json')).toBe(true);
    expect(globToRegExp('**/generated/**').test('infra/regenerated/main.json')).toBe(false);
    expect(globToRegExp('*.json').test('main.json')).toBe(true);
    expect(globToRegExp('*.json').test('infra/main.json')).toBe(false);
    expect(globToRegExp('infra/*.{json,bicep}').test('infra/main.bicep')).toBe(true);
    expect(globToRegExp('infra/*.{json,bicep}').test('infra/main.bicepparam')).toBe(false);
    expect(globToRegExp('env-[ab]/main.json').test('env-b/main.json')).toBe(true);
    expect(globToRegExp('main.?son').test('main.json')).toBe(true);
    expect(globToRegExp('a+b/(x).json').test('a+b/(x).json')).toBe(true);
  });

  it('ignores everything below a matching folder', () => {
    const ignored = globMatcher(['vendor', 'build/**']);
    expect(ignored('vendor/modules/nic.bicep')).toBe(true);
    expect(ignored('build/out/main.json')).toBe(true);
    expect(ignored('src/vendor.json')).toBe(false);
    expect(globMatcher([])('main.json')).toBe(false);
  });
});
