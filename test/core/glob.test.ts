import { describe, expect, it } from 'vitest';
import { compileGlob, globMatcher } from '../../src/core/glob.js';

const matches = (glob: string, path: string) => compileGlob(glob).matches(path);

describe('globs', () => {
  it('matches globstar, star, braces and classes on /-separated relative paths', () => {
    expect(matches('**/generated/**', 'infra/generated/main.json')).toBe(true);
    expect(matches('**/generated/**', 'generated/main.json')).toBe(true);
    expect(matches('**/generated/**', 'infra/regenerated/main.json')).toBe(false);
    expect(matches('**/*.json', 'infra/nested/main.json')).toBe(true);
    expect(matches('**/*.json', 'main.json')).toBe(true);
    expect(matches('infra/**/*.bicep', 'infra/main.bicep')).toBe(true);
    expect(matches('**/*.json', 'infra/main.bicep')).toBe(false);
    expect(matches('*.json', 'main.json')).toBe(true);
    expect(matches('*.json', 'infra/main.json')).toBe(false);
    expect(matches('infra/*.{json,bicep}', 'infra/main.bicep')).toBe(true);
    expect(matches('infra/*.{json,bicep}', 'infra/main.bicepparam')).toBe(false);
    expect(matches('{a,{b,c}x}/y', 'cx/y')).toBe(true);
    expect(matches('{a,{b,c}x}/y', 'c/y')).toBe(false);
    expect(matches('env-[ab]/main.json', 'env-b/main.json')).toBe(true);
    expect(matches('env-[!ab]/main.json', 'env-b/main.json')).toBe(false);
    expect(matches('env-[a-c]/main.json', 'env-c/main.json')).toBe(true);
    expect(matches('main.?son', 'main.json')).toBe(true);
    expect(matches('a+b/(x).json', 'a+b/(x).json')).toBe(true);
    expect(matches('\\*.json', '*.json')).toBe(true);
    expect(matches('\\*.json', 'a.json')).toBe(false);
    expect(matches('{unclosed', '{unclosed')).toBe(true);
    expect(matches('[unclosed', '[unclosed')).toBe(true);
  });

  it('ignores everything below a matching folder', () => {
    const ignored = globMatcher(['vendor', 'build/**', './out/', 'win\\dir']);
    expect(ignored('vendor/modules/nic.bicep')).toBe(true);
    expect(ignored('build/out/main.json')).toBe(true);
    expect(ignored('out/main.json')).toBe(true);
    expect(ignored('win/dir/main.json')).toBe(true);
    expect(ignored('src/vendor.json')).toBe(false);
    expect(globMatcher([])('main.json')).toBe(false);
  });

  it('takes time linear in the path on star-heavy patterns that make regular expressions backtrack', () => {
    const glob = compileGlob(`${'*a'.repeat(30)}*b`);
    const name = 'a'.repeat(4000);
    const started = performance.now();
    expect(glob.matches(name)).toBe(false);
    expect(glob.matches(`${name}b`)).toBe(true);
    expect(globMatcher([`**/${'*a'.repeat(30)}*b/**`])(`x/${name}/y.json`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
