import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { expect } from 'vitest';
import type { Span } from '../../src/core/span.js';
import type { LintInput } from '../../src/engine/lint.js';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { FIXTURES, SHARED } from '../support/fixtures.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'bin/gwlint.js');
/** The CLI runs from dist/ (built by `npm ci` through `prepare`, or `npm run build`). */
export const CLI_BUILT = existsSync(path.join(ROOT, 'dist/bundle/cli.cjs'));
export const CLI_SKIP_MESSAGE = 'dist/ is not built (npm run build): the command-line cases are skipped.';
/**
 * Why the user nobody (whom tests run the CLI as when root) cannot run it from this checkout, if it cannot:
 * a folder above the checkout that others may not pass through (a private home or temporary folder).
 */
export function unprivilegedCannotRunCli(): string | undefined {
  for (let dir = path.dirname(CLI); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return `${dir} is private to its owner, so the user nobody cannot run gwlint from this checkout`;
    if (path.dirname(dir) === dir) return undefined;
  }
}
export const CORPUS = path.join(SHARED, 'corpus');
export const CORPUS_PRESENT = existsSync(CORPUS);
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** fast-check seed: fixed so that a failure reproduces; FC_SEED explores other runs. */
export const SEED = Number(process.env.FC_SEED ?? 20_251_126);

/** A generous bound for one lint() call on a small input: a slow case is a bug, not bad luck. */
export const CASE_MS = 5_000;
/** A bound on one whole property (all its runs), so the suite cannot run away: exceeding it fails the test. */
export const PROPERTY_MS = 40_000;

export const DEPLOYMENT_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const PARAMETERS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix = 'gwlint-robustness-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** lint() with its duration, asserting that it neither throws nor takes longer than `bound` ms. */
export async function timedLint(input: LintInput, bound = CASE_MS): Promise<{ result: LintResult; ms: number }> {
  const start = performance.now();
  const result = await lint(input);
  const ms = performance.now() - start;
  expect(ms, `lint() took ${Math.round(ms)} ms`).toBeLessThan(bound);
  return { result, ms };
}

/** Problems with a span: outside its file, reversed, or with a line/column that does not exist. */
export function spanProblems(s: Span, what: string): string[] {
  const out: string[] = [];
  const text = s.file.text;
  const { start, end } = s;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > text.length)
    out.push(`${what}: span [${start}, ${end}) is not inside ${s.file.path} (length ${text.length})`);
  else {
    const lines = s.file.lineCount;
    for (const [name, offset] of [
      ['start', start],
      ['end', end],
    ] as const) {
      const pos = s.file.position(offset);
      const lineStart = s.file.offsetAt(pos.line, 0);
      const nextLine = pos.line + 1 < lines ? s.file.offsetAt(pos.line + 1, 0) : text.length;
      if (pos.line < 0 || pos.line >= lines || pos.character < 0 || lineStart + pos.character !== offset || offset > nextLine)
        out.push(`${what}: ${name} ${offset} maps to line ${pos.line + 1} column ${pos.character + 1}, which is not that offset`);
    }
  }
  return out;
}

/** Every location of every finding (primary, related, fix edits) lies inside its file with a valid line/column. */
export function expectLocationsInside(result: LintResult): void {
  const problems: string[] = [];
  for (const f of result.files)
    for (const d of f.diagnostics) {
      problems.push(...spanProblems(d.span, `${d.ruleId} '${d.message.slice(0, 80)}'`));
      for (const r of d.related) problems.push(...spanProblems(r.span, `${d.ruleId} related '${r.message.slice(0, 60)}'`));
      for (const e of d.fix?.edits ?? []) problems.push(...spanProblems(e.span, `${d.ruleId} fix edit`));
      if (d.span.file.path !== f.path) problems.push(`${d.ruleId}: reported under ${f.path} but located in ${d.span.file.path}`);
    }
  expect(problems).toEqual([]);
}

/** Findings of one rule, as `file:line ruleId` keys (1-based lines). */
export function findings(result: LintResult, ruleId?: string): { path: string; line: number; column: number; ruleId: string; message: string; level: string }[] {
  const out = [];
  for (const f of result.files)
    for (const d of f.diagnostics) {
      if (ruleId && d.ruleId !== ruleId) continue;
      const pos = d.span.file.position(d.span.start);
      out.push({ path: f.path, line: pos.line + 1, column: pos.character + 1, ruleId: d.ruleId, message: d.message, level: d.level });
    }
  return out;
}

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI synchronously, killed after `timeout` ms (a hang fails the test instead of stalling it). */
export function runCli(args: string[], options: { cwd: string; env?: Record<string, string>; timeout?: number; nodeArgs?: string[]; uid?: number; gid?: number }): CliRun {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
    uid: options.uid,
    gid: options.gid,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** Starts the built CLI without waiting for it. */
export function startCli(args: string[], options: { cwd: string; env?: Record<string, string>; nodeArgs?: string[] }) {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'ignore', 'ignore'] });
}

/**
 * Runs node with `args`, closes its standard output as soon as the first bytes arrive (`| head -c 1`), and
 * returns what it wrote to standard error and its exit code.
 */
export async function runUntilReaderLeaves(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ stderr: string; code: number | null }> {
  const child = spawn(process.execPath, args, options);
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { stderr, code };
}

/** The json format's messages, flattened. */
export function jsonMessages(stdout: string): { filePath: string; ruleId: string; level: string; message: string; line: number; column: number }[] {
  const files = JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; level: string; message: string; line: number; column: number }[] }[];
  return files.flatMap((f) => f.messages.map((m) => ({ filePath: f.filePath, ...m })));
}

/** Text files below a folder (recursively), sorted, with the given extensions. */
export function filesBelow(dir: string, extensions: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d).sort()) {
      const p = path.join(d, entry);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (extensions.test(entry)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Seeds for mutation: the fixtures (always present) and a sample of the shared corpus (when present). */
export function seedFiles(extensions: RegExp, corpusSample: number): { path: string; text: string }[] {
  const fixtures = filesBelow(FIXTURES, extensions);
  const corpus = CORPUS_PRESENT ? filesBelow(CORPUS, extensions).filter((p) => statSync(p).size < 200_000) : [];
  // An even spread over the sorted corpus, so the sample covers every source repository.
  const step = Math.max(1, Math.floor(corpus.length / Math.max(1, corpusSample)));
  const sample = corpus.filter((_, i) => i % step === 0).slice(0, corpusSample);
  return [...fixtures, ...sample].map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
}

/** An ARM template (pretty-printed, one property per line) with the given parts. */
export function armTemplate(parts: { parameters?: object; variables?: object; resources?: object[]; outputs?: object }): string {
  return JSON.stringify({ $schema: DEPLOYMENT_SCHEMA, contentVersion: '1.0.0.0', ...parts, resources: parts.resources ?? [] }, null, 2) + '\n';
}

/** A VNet whose GatewaySubnet is a /29: gateway-subnet-size reports it (warning, no gateway uses it). */
export function smallGatewaySubnetVnet(name = 'vnet'): object {
  return {
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: '2024-05-01',
    name,
    location: 'westeurope',
    properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.0.0.0/29' } }] },
  };
}

/** A template with one known finding: gateway-subnet-size on the GatewaySubnet prefix. */
export const GOOD_TEMPLATE = armTemplate({ resources: [smallGatewaySubnetVnet()] });
/** The 1-based line of GOOD_TEMPLATE's finding. */
export const GOOD_FINDING_LINE = GOOD_TEMPLATE.split('\n').findIndex((l) => l.includes('"10.0.0.0/29"')) + 1;
