import type { Diagnostic } from '../core/diagnostic.js';
import { toLineColumn } from '../core/span.js';
import type { FileResult } from '../engine/result.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './escape.js';
import { highestLevel, plural, shownDiagnostics } from './findings.js';
import { displayPath } from './paths.js';
import type { Reporter } from './types.js';

interface Suite {
  xml: string[];
  tests: number;
  failures: number;
}

/**
 * JUnit XML for CI test tabs: a `<testsuite>` per file named by its path relative to the working
 * directory, a `<testcase>` per rule with findings in that file whose `<failure>` lists them (line,
 * column, level, message and related locations), and one passing `<testcase>` for a file without
 * findings.
 */
export const junit: Reporter = (result, options) => {
  const suites = result.files.map((f) => testSuite(f, options.cwd));
  const tests = suites.reduce((n, s) => n + s.tests, 0);
  const failures = suites.reduce((n, s) => n + s.failures, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gwlint" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites.flatMap((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
};

function testSuite(file: FileResult, cwd: string): Suite {
  const name = displayPath(file.path, cwd);
  const byRule = groupByRule(shownDiagnostics(file));
  const cases =
    byRule.size === 0
      ? [`    <testcase classname="${attr(name)}" name="gwlint" time="0"/>`]
      : [...byRule].flatMap(([ruleId, diagnostics]) => failingCase(name, ruleId, diagnostics, cwd));
  const tests = Math.max(byRule.size, 1);
  return {
    xml: [
      `  <testsuite name="${attr(name)}" tests="${tests}" failures="${byRule.size}" errors="0" skipped="0" time="0">`,
      ...cases,
      '  </testsuite>',
    ],
    tests,
    failures: byRule.size,
  };
}

function failingCase(file: string, ruleId: string, diagnostics: Diagnostic[], cwd: string): string[] {
  const summary = diagnostics.length === 1 ? diagnostics[0].message : plural(diagnostics.length, 'finding');
  const listing = diagnostics.flatMap((d) => findingLines(d, cwd)).join('\n');
  return [
    `    <testcase classname="${attr(file)}" name="${attr(ruleId)}" time="0">`,
    `      <failure type="${highestLevel(diagnostics)}" message="${attr(summary)}">${text(listing)}</failure>`,
    '    </testcase>',
  ];
}

function findingLines(d: Diagnostic, cwd: string): string[] {
  const at = toLineColumn(d.span);
  return [
    `line ${at.line}, col ${at.column}, ${d.level} - ${d.message}`,
    ...d.related.map((r) => {
      const rel = toLineColumn(r.span);
      return `  \u21b3 ${displayPath(r.span.file.path, cwd)}:${rel.line}:${rel.column} ${r.message}`;
    }),
  ];
}

function groupByRule(diagnostics: Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const group = groups.get(d.ruleId);
    if (group) group.push(d);
    else groups.set(d.ruleId, [d]);
  }
  return groups;
}
