import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type LintResult } from '../../src/index.js';
import { SHARED } from '../support/fixtures.js';

/*
 * The Bicep compiler's own sample programs (../shared/bicep-language/baselines, from Azure/bicep):
 * valid samples must parse cleanly, and for the invalid ones the compiler's recorded diagnostics
 * (`main.diagnostics.bicep`) say on which lines a parser error belongs.
 */

const LANGUAGE = path.join(SHARED, 'bicep-language');
const BASELINES = path.join(LANGUAGE, 'baselines');
const PARAM_BASELINES = path.join(LANGUAGE, 'baselines_bicepparam');
const HAS_BASELINES = existsSync(BASELINES) && existsSync(PARAM_BASELINES);
if (!HAS_BASELINES) console.warn(`../shared/bicep-language is absent (${LANGUAGE}): Bicep baseline tests skipped`);

/**
 * Diagnostic codes raised by the compiler's lexer and parser (Lexer.cs, Parser.cs, ParamsParser.cs in
 * Azure/bicep). BCP032 ("must be a compile-time constant") is left out: the parser raises it in one
 * corner, but the samples get it from the compiler's semantic checks (`@maxLength(2 + 3)`).
 */
const PARSER_CODES = new Set(
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 64, 68, 87, 96, 97, 103, 117, 118, 123, 133, 136,
    140, 162, 167, 201, 202, 226, 236, 237, 238, 243, 249, 257, 266, 279, 300, 305, 317, 325, 337, 344, 346, 347, 354, 355, 356, 404, 436].map(
    (n) => `BCP${String(n).padStart(3, '0')}`,
  ),
);

/**
 * Lines where gwlint and the compiler disagree about a parser error, by sample and 1-based line, with why.
 * `missing`: the compiler reports a parser error that gwlint does not; `extra`: the other way round.
 */
const TEST_BODY = 'A `test` declaration with a broken head: the compiler reads its body lines as declarations and reports each; gwlint reads the body as the body.';
const DISAGREEMENTS: Record<string, string> = {
  'baselines/InvalidExpressions_LF/main.bicep:278 extra':
    'Decorators at the end of the file with no declaration: the compiler reports it too (BCP292), but from its semantic checks, not its parser.',
  'baselines/InvalidLambdas_LF/main.bicep:83 missing': 'Lambda parameters on several lines without commas: gwlint reads them as a parameter list and reports the stray `)` after it (line 86) instead.',
  'baselines/InvalidLambdas_LF/main.bicep:85 missing': 'See line 83.',
  'baselines/InvalidLambdas_LF/main.bicep:86 extra': 'See line 83.',
  'baselines/InvalidModules_LF/main.bicep:17 missing':
    'After `module x = {` (no path) the compiler skips the line and reports the closing `}` two lines down; gwlint reads the empty body and has nothing left to report.',
  'baselines/InvalidParameters_LF/main.bicep:87 missing':
    "An object literal inside an interpolation in a default value (`'${{this: doesnt}.work}'`): the compiler forbids complex literals there (BCP087); gwlint accepts any expression.",
  'baselines/InvalidTestFramework_CRLF/main.bicep:75 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:76 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:77 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:78 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:87 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:88 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:89 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:90 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:93 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:96 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:99 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:101 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:103 missing': TEST_BODY,
  'baselines/InvalidTestFramework_CRLF/main.bicep:122 extra':
    'A body left open (`{` never closed) before the next declaration: gwlint ends it at the declaration and reports there, so the rest of the file is read; the compiler reads on inside the body.',
};

function folders(dir: string, invalid: boolean): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('Invalid') === invalid)
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** The sample sources of a folder: `main.bicep`, and the `.bicepparam` files that are not compiler outputs. */
function samples(folder: string): string[] {
  return readdirSync(folder)
    .filter((f) => f === 'main.bicep' || /^[^.]+\.bicepparam$/.test(f))
    .map((f) => path.join(folder, f));
}

async function lintOne(file: string): Promise<LintResult> {
  return lint({ files: [{ path: file, text: readFileSync(file, 'utf8') }] });
}

function countByRule(result: LintResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of result.files) for (const d of f.diagnostics) if (!d.suppression) counts[d.ruleId] = (counts[d.ruleId] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

function frontEndFindings(result: LintResult): string[] {
  return result.files.flatMap((f) =>
    f.diagnostics.filter((d) => d.ruleId === 'parse-error' || d.ruleId === 'bicep-syntax').map((d) => `${path.relative(LANGUAGE, f.path)}:${d.span.file.position(d.span.start).line + 1}: ${d.ruleId}: ${d.message}`),
  );
}

/** 1-based lines of the sample with a diagnostic of the compiler's parser, read from its `*.diagnostics.*` file. */
function compilerParserErrorLines(diagnosticsText: string): Set<number> {
  const lines = new Set<number>();
  let sourceLine = 0;
  for (const line of diagnosticsText.split(/\r?\n/)) {
    if (!line.startsWith('//@[')) sourceLine++;
    const code = /^\/\/@\[\d+:\d+\) \[(BCP\d+) \(Error\)\]/.exec(line)?.[1];
    if (code && PARSER_CODES.has(code)) lines.add(sourceLine);
  }
  return lines;
}

function diagnosticsFile(sample: string): string {
  const ext = path.extname(sample);
  return sample.slice(0, -ext.length) + '.diagnostics' + ext;
}

describe.skipIf(!HAS_BASELINES)('Bicep compiler baselines (../shared/bicep-language)', () => {
  it('parses every valid sample with no parse-error and no bicep-syntax', async () => {
    const files = [...folders(BASELINES, false), ...folders(PARAM_BASELINES, false)].flatMap(samples);
    expect(files.length).toBeGreaterThan(50);
    const findings: string[] = [];
    for (const file of files) findings.push(...frontEndFindings(await lintOne(file)));
    expect(findings).toEqual([]);
  });

  it('gives the same findings per rule for a valid sample and the JSON the compiler built from it', async () => {
    const pairs = folders(BASELINES, false).filter((f) => existsSync(path.join(f, 'main.bicep')) && existsSync(path.join(f, 'main.json')));
    expect(pairs.length).toBeGreaterThan(20);
    const disagreements: string[] = [];
    let findings = 0;
    for (const folder of pairs) {
      const bicep = countByRule(await lintOne(path.join(folder, 'main.bicep')));
      const json = countByRule(await lintOne(path.join(folder, 'main.json')));
      // The compiled JSON inlines registry modules; no module cache holds them for the Bicep side.
      delete bicep['registry-module-unresolved'];
      delete bicep['module-unresolved'];
      findings += Object.values(bicep).reduce((a, b) => a + b, 0);
      if (JSON.stringify(bicep) !== JSON.stringify(json)) disagreements.push(`${path.basename(folder)}: bicep ${JSON.stringify(bicep)} json ${JSON.stringify(json)}`);
    }
    console.info(`Valid samples with compiled JSON: ${pairs.length}; findings on the Bicep side: ${findings}; disagreeing: ${disagreements.length}.`);
    expect(disagreements).toEqual([]);
  });

  it('never fails inside a rule on any sample, valid or broken', async () => {
    const files = [true, false].flatMap((invalid) => [...folders(BASELINES, invalid), ...folders(PARAM_BASELINES, invalid)]).flatMap(samples);
    const failures: string[] = [];
    for (const file of files)
      for (const f of (await lintOne(file)).files)
        for (const d of f.diagnostics) if (d.ruleId === 'internal-error') failures.push(`${path.relative(LANGUAGE, f.path)}: ${d.message}`);
    expect(failures).toEqual([]);
  });

  it('reports parse-error on exactly the lines where the compiler reports a parser error', async () => {
    const files = [...folders(BASELINES, true), ...folders(PARAM_BASELINES, true)].flatMap(samples).filter((f) => existsSync(diagnosticsFile(f)));
    expect(files.length).toBeGreaterThan(20);
    const disagreements: Record<string, string> = {};
    let compilerLines = 0;
    for (const file of files) {
      const expected = compilerParserErrorLines(readFileSync(diagnosticsFile(file), 'utf8'));
      compilerLines += expected.size;
      const result = await lintOne(file);
      const ours = new Set(result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'parse-error').map((d) => d.span.file.position(d.span.start).line + 1)));
      const name = path.relative(LANGUAGE, file);
      for (const line of expected) if (!ours.has(line)) disagreements[`${name}:${line} missing`] = DISAGREEMENTS[`${name}:${line} missing`] ?? '?';
      for (const line of ours) if (!expected.has(line)) disagreements[`${name}:${line} extra`] = DISAGREEMENTS[`${name}:${line} extra`] ?? '?';
    }
    console.info(`Invalid samples: ${files.length}; lines with a compiler parser error: ${compilerLines}; disagreements: ${Object.keys(disagreements).length}.`);
    expect(disagreements).toEqual(DISAGREEMENTS);
  });
});
