// Shared helpers for the benchmarks: timing, child processes, corpus discovery, table output.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(ROOT, '../shared');
export const PERF_CORPUS = path.join(SHARED, 'perf-corpus/quickstarts');
export const CORPUS = path.join(SHARED, 'corpus');
export const BIN = path.join(ROOT, 'bin/gwlint.js');
const TIME = '/usr/bin/time';

export function listFiles(dir, pattern) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d).sort()) {
      const p = path.join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (pattern.test(entry)) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Median wall time in milliseconds of `runs` calls of an async or sync function. */
export async function medianMs(runs, fn) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The middle of the times (the upper middle of an even count). */
export function median(times) {
  return [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** Runs node with arguments; returns wall time (ms) and the child's peak RSS (bytes, from /usr/bin/time if present). */
export function runNode(args, options = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** runNode, with the child's peak RSS in bytes (`maxRss`) measured by /usr/bin/time where it exists. */
export function runNodeMeasured(args, options = {}) {
  if (!existsSync(TIME)) return runNode(args, options);
  const t = performance.now();
  const r = spawnSync(TIME, ['-f', '%M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  const lines = r.stderr.trimEnd().split('\n');
  const maxRss = Number(lines.pop()) * 1024;
  return { ms, maxRss, status: r.status, stdout: r.stdout, stderr: lines.join('\n') };
}

export function ratio(a, b) {
  return a / b;
}

export function formatTable(rows) {
  const header = ['Benchmark', 'gwlint', 'Baseline', 'Ratio', 'Goal', 'Met'];
  const lines = [header, ...rows.map((r) => [r.name, r.ours, r.base, r.ratio.toFixed(2) + '×', r.goal, r.met ? 'yes' : 'no'])];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => String(l[i]).length)));
  const fmt = (l) => '| ' + l.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
  return [fmt(lines[0]), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...lines.slice(1).map(fmt)].join('\n');
}
