import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../src/core/glob.js';
import { lint } from '../../src/engine/lint.js';
import * as gen from './adversarial.js';
import { PROPERTY_MS, SEED } from './support.js';

/**
 * Linear time as a property: generated hostile inputs (floods of one token, long runs of whitespace,
 * comments and blank lines, wide graphs of shared values, star-heavy globs) of random sizes are linted
 * within a fixed bound per kilobyte. Super-linear code fails it long before the sizes get large: the
 * cases it stands for took minutes at a few kilobytes.
 */

/** Generous for any linear work on a loaded machine (linting runs at megabytes per second when idle). */
const BASE_MS = 1500;
const MS_PER_KB = 100;
const bound = (chars: number) => BASE_MS + (MS_PER_KB * chars) / 1024;

const RUNS = Number(process.env.FC_RUNS ?? 0) || 4;
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true, interruptAfterTimeLimit: PROPERTY_MS, markInterruptAsFailure: true };

const bicepDecl = "param p string = 'x'\n";

/** Each kind of hostile input, as a file name and text of about `n` characters. */
const INPUTS: Record<string, (n: number) => { path: string; text: string }> = {
  'JSON { flood': (n) => ({ path: 'main.json', text: `{"resources": [${'{'.repeat(n)}` }),
  'JSON [ flood': (n) => ({ path: 'main.json', text: `{"$schema": "${'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'}", "resources": ${'['.repeat(n)}` }),
  'JSON " flood': (n) => ({ path: 'main.json', text: `{"resources": ${'"'.repeat(n)}` }),
  'JSON ,: flood': (n) => ({ path: 'main.json', text: `{"resources": [{"a":${',:'.repeat(n / 2)}` }),
  'JSONC /**/ run': (n) => ({ path: 'main.jsonc', text: gen.afterComment('/**/ '.repeat(n / 5)) }),
  'JSONC // run': (n) => ({ path: 'main.jsonc', text: gen.afterComment('//\n'.repeat(n / 3)) }),
  'whitespace run': (n) => ({ path: 'main.json', text: ' \t\r\n'.repeat(n / 4) + gen.template([gen.vnet()]) }),
  'directive + spaces': (n) => ({ path: 'main.jsonc', text: gen.directiveWithSpaces(n) }),
  'directive + line breaks': (n) => ({ path: 'main.jsonc', text: gen.directiveWithLineBreaks(n / 2) }),
  'expression ( flood': (n) => ({ path: 'main.json', text: gen.template([gen.vnet(`[${'concat('.repeat(n / 7)}`)]) }),
  'shared value graph': (n) => ({ path: 'main.json', text: gen.sharedValueGraph(Math.min(12, 3 + Math.floor(n / 4000)), 20) }),
  'Bicep { flood': (n) => ({ path: 'main.bicep', text: '{'.repeat(n) }),
  'Bicep @ flood': (n) => ({ path: 'main.bicep', text: '@'.repeat(n) }),
  'Bicep ${ flood in a string': (n) => ({ path: 'main.bicep', text: `var x = '${'${'.repeat(n / 2)}` }),
  'Bicep ( flood': (n) => ({ path: 'main.bicep', text: `var x = ${'('.repeat(n)}` }),
  'Bicep comments between arguments': (n) => ({ path: 'main.bicep', text: `var x = foo(@@, ${'/**/'.repeat(n / 4)} 1, @@)\n` }),
  'Bicep blank lines': (n) => ({ path: 'main.bicep', text: gen.bicepAfterLineBreaks(n, '\n') }),
  'Bicep carriage returns': (n) => ({ path: 'main.bicep', text: gen.bicepAfterLineBreaks(n, '\r') }),
  'Bicep unclosed module paths': (n) => ({ path: 'main.bicep', text: "module a 'x\n".repeat(n / 12) + bicepDecl }),
};

describe('adversarial inputs are linted in time linear in their size', () => {
  it.each(Object.keys(INPUTS))('%s, at random sizes up to 64 KB, within a fixed bound per kilobyte', async (kind) => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_000, max: 64 * 1024 }), async (size) => {
        const file = INPUTS[kind](size);
        const started = performance.now();
        const result = await lint({ files: [{ path: `/adversarial/${file.path}`, text: file.text }] });
        const ms = performance.now() - started;
        expect(ms, `${kind}, ${file.text.length} characters: ${Math.round(ms)} ms`).toBeLessThan(bound(file.text.length));
        expect(result.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === 'internal-error')).toEqual([]);
      }),
      params,
    );
  });

  it('star-heavy globs match long names within a fixed bound per character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 10, max: 20_000 }), (stars, length) => {
        const glob = compileGlob(gen.starGlob(stars));
        const started = performance.now();
        expect(glob.matches('a'.repeat(length))).toBe(false);
        expect(performance.now() - started).toBeLessThan(BASE_MS + (MS_PER_KB * length * stars) / 1024 / 8);
      }),
      { seed: SEED, numRuns: 10 * RUNS },
    );
  });
});
