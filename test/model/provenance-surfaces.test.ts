import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLineColumn } from '../../src/core/span.js';
import { lint } from '../../src/index.js';
import { tempTree } from '../cli/helpers.js';
import { LspClient, uri } from '../lsp/support/client.js';
import { BIN, ensureDist } from '../lsp/support/dist.js';
import { PROVENANCE_CASES, type Place, type ProvenanceCase } from '../support/provenance-cases.js';
import { placeOf } from '../support/provenance.js';

/*
 * Every provenance case through every surface a user sees it on: lint(), the command line's SARIF and
 * stylish output, and the language server. Each surface must give the finding on the value's own span
 * and the related locations in the same order with the same messages. The command line runs once per
 * format over all cases (each in its own folder), and one language server serves every case.
 */

const RULE = 'gateway-subnet-size';
const CASES = PROVENANCE_CASES.map((c, i) => ({ ...c, dir: `c${i}`, rule: c.rule ?? RULE, name: `${c.construct} (${c.language === 'json' ? 'JSON' : 'Bicep'})` }));
type Case = (typeof CASES)[number];

/** A finding as every surface is compared: `file:line:col` of its start, and the related locations as `file:line message`. */
interface Chain {
  at: string;
  message: string;
  related: string[];
}

const entry = (c: ProvenanceCase) => Object.keys(c.files)[0];
const fileOf = (c: ProvenanceCase, p: Place) => p.file ?? entry(c);
const resolve = (c: ProvenanceCase, p: Place) => placeOf(c.files[fileOf(c, p)], p.text, p.after);

/** The chain the case expects, with its file paths in the case's folder. */
function expected(c: Case): Omit<Chain, 'message'> {
  const at = resolve(c, c.at);
  return {
    at: `${c.dir}/${fileOf(c, c.at)}:${at.line}:${at.column}`,
    related: c.related.map((r) => `${c.dir}/${fileOf(c, r)}:${resolve(c, r).line} ${r.message}`),
  };
}

/** The one finding of the case's rule among `found`, checked against the case. */
function check(c: Case, found: Chain[]): void {
  expect(found.map(({ at, related }) => ({ at, related }))).toEqual([expected(c)]);
  if (c.origin) expect(found[0].message).toContain(c.origin);
}

/** The messages lint() gives, which every other surface must repeat word for word. */
const messages = new Map<Case, string>();

describe('provenance: lint()', () => {
  it.each(CASES)('$name', async (c) => {
    const files = Object.entries(c.files).map(([p, text]) => ({ path: `${c.dir}/${p}`, text }));
    const result = await lint({ files: files.slice(0, 1), context: files.slice(1) });
    const found = result.files.flatMap((f) =>
      f.diagnostics
        .filter((d) => d.ruleId === c.rule)
        .map((d) => {
          const at = toLineColumn(d.span);
          return { at: `${d.span.file.path}:${at.line}:${at.column}`, message: d.message, related: d.related.map((r) => `${r.span.file.path}:${toLineColumn(r.span).line} ${r.message}`) };
        }),
    );
    check(c, found);
    messages.set(c, found[0].message);
  });
});

let tree: ReturnType<typeof tempTree>;
const runs: Record<'sarif' | 'stylish', Promise<string>> = {} as never;

/** `gwlint -f format` over every case's linted file, spawned as a user runs it. */
function gwlint(format: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, '-f', format, ...CASES.map((c) => `${c.dir}/${entry(c)}`)], { cwd: tree.dir, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 || code === 1 ? done(out) : fail(new Error(`gwlint -f ${format} exited ${code}: ${err}`))));
  });
}

beforeAll(() => {
  ensureDist();
  const files: Record<string, string> = {};
  for (const c of CASES) for (const [p, text] of Object.entries(c.files)) files[`${c.dir}/${p}`] = text;
  tree = tempTree(files);
  runs.sarif = gwlint('sarif');
  runs.stylish = gwlint('stylish');
}, 240_000);

afterAll(() => tree?.cleanup());

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
}

describe('provenance: gwlint -f sarif', () => {
  let results: { ruleId: string; message: { text: string }; locations: SarifLocation[]; relatedLocations?: (SarifLocation & { message: { text: string } })[] }[];
  beforeAll(async () => {
    results = (JSON.parse(await runs.sarif) as { runs: { results: typeof results }[] }).runs[0].results;
  }, 60_000);

  it.each(CASES)('$name', (c) => {
    const file = (l: SarifLocation) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`;
    const found = results
      .filter((r) => r.ruleId === c.rule && r.locations[0].physicalLocation.artifactLocation.uri.startsWith(`${c.dir}/`))
      .map((r) => ({
        at: `${file(r.locations[0])}:${r.locations[0].physicalLocation.region.startColumn}`,
        message: r.message.text,
        related: (r.relatedLocations ?? []).map((l) => `${file(l)} ${l.message.text}`),
      }));
    check(c, found);
    if (messages.has(c)) expect(found[0].message).toBe(messages.get(c));
  });
});

/** Stylish output as findings: a file's absolute path on its own line, `line:col level message rule` rows, `↳ [path:]line:col message` under them. */
function parseStylish(out: string, cwd: string): (Chain & { rule: string })[] {
  const found: (Chain & { rule: string })[] = [];
  let file = '';
  for (const line of out.split('\n')) {
    const row = /^ {2}\s*(\d+):(\d+)\s+(?:error|warning|info)\s+(.*?)\s{2,}(\S+)$/.exec(line);
    const related = /^\s+\u21b3 (?:(\S+?):)?(\d+):\d+ (.*)$/.exec(line);
    if (row) found.push({ at: `${file}:${row[1]}:${row[2]}`, message: row[3], rule: row[4], related: [] });
    else if (related) found[found.length - 1].related.push(`${related[1] ?? file}:${related[2]} ${related[3]}`);
    else if (line.startsWith('/')) file = path.relative(cwd, line).split(path.sep).join('/');
  }
  return found;
}

describe('provenance: gwlint -f stylish', () => {
  let findings: ReturnType<typeof parseStylish>;
  beforeAll(async () => {
    findings = parseStylish(await runs.stylish, tree.dir);
  }, 60_000);

  it.each(CASES)('$name', (c) => {
    const found = findings.filter((f) => f.rule === c.rule && f.at.startsWith(`${c.dir}/`));
    check(c, found);
    if (messages.has(c)) expect(found[0].message).toBe(messages.get(c));
  });
});

describe('provenance: the language server', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = (await LspClient.start(tree.dir)).client;
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
  });

  it.each(CASES)('$name', async (c) => {
    // The document that holds the value is opened after the linted one, so both are in the unit linted.
    const at = fileOf(c, c.at);
    const open = [...new Set([entry(c), at])];
    for (const p of open) await client.open(uri(path.join(tree.dir, c.dir, p)), p.endsWith('.json') ? 'json' : 'bicep', 1, c.files[p]);
    const found = await published(c, at);
    check(c, found);
    const span = resolve(c, c.at);
    expect(found[0].range).toEqual({ start: { line: span.line - 1, character: span.column - 1 }, end: { line: span.endLine - 1, character: span.endColumn - 1 } });
    if (messages.has(c)) expect(found[0].message).toBe(messages.get(c));
    // The linted document shows a finding on a value written in another file where it uses the value.
    const use = c.related.find((r) => r.message === 'Used here.' && fileOf(c, r) === entry(c));
    if (at !== entry(c) && use) {
      const shown = await published(c, entry(c));
      const { at: written, related } = expected(c);
      expect(shown.map((d) => ({ line: d.at.split(':')[1], related: d.related }))).toEqual([
        { line: String(resolve(c, use).line), related: [`${written.replace(/:\d+$/, '')} The value is written here.`, ...related.filter((r) => !r.endsWith(' Used here.'))] },
      ]);
    }
    for (const p of open) await client.close(uri(path.join(tree.dir, c.dir, p)));
  });

  /** The findings of the case's rule the server published for one of its files. */
  async function published(c: Case, file: string) {
    const diagnostics = (await client.waitForDiagnostics(uri(path.join(tree.dir, c.dir, file)))).diagnostics;
    const toFile = (u: string) => path.relative(tree.dir, new URL(u).pathname).split(path.sep).join('/');
    return diagnostics
      .filter((d) => d.code === c.rule)
      .map((d) => ({
        at: `${c.dir}/${file}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
        message: typeof d.message === 'string' ? d.message : d.message.value,
        related: (d.relatedInformation ?? []).map((r) => `${toFile(r.location.uri)}:${r.location.range.start.line + 1} ${r.message}`),
        range: d.range,
      }));
  }
});
