// `npm run bench`: gwlint's performance goals, each measured as a ratio against a baseline in the same run.
// Prints a table and writes it to docs/performance.md. Needs `npm run build` (dist/) and ../shared/perf-corpus.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { BIN, CORPUS, PERF_CORPUS, ROOT, formatTable, listFiles, median, medianMs, runNode, runNodeMeasured } from './lib.js';
import { generateBicep, generateTemplate } from './generate.js';
import { realisticTemplate } from './realistic.js';

const { lint } = await import(path.join(ROOT, 'dist/src/index.js'));
const rows = [];
const notes = [];
const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);

const perfFiles = listFiles(PERF_CORPUS, /\.json$/);
if (!perfFiles.length) {
  console.error(`../shared/perf-corpus is absent (${PERF_CORPUS}): nothing to measure.`);
  process.exit(0);
}

if (want('throughput')) {
  // Both sides read every file; the baseline only JSON.parses it, gwlint lints it.
  const texts = () => perfFiles.map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
  const base = await medianMs(3, () => {
    for (const f of texts()) {
      try {
        JSON.parse(f.text);
      } catch {
        /* the baseline ignores invalid files */
      }
    }
  });
  const ours = await medianMs(3, async () => {
    for (const f of texts()) await lint({ files: [f] });
  });
  rows.push(row(`Throughput: ${perfFiles.length} templates (${mb(totalBytes(perfFiles))})`, ours, base, 2.0, 'read + JSON.parse'));
}

if (want('cli')) {
  // The command line on the whole corpus folder against a fresh process that walks it, reads and JSON.parses every file.
  const floor = path.join(ROOT, 'bench/floor.js');
  const base = await medianMs(3, () => runNode([floor, PERF_CORPUS]));
  const ours = await medianMs(3, () => runNode([BIN, '.', '--format', 'json'], { cwd: PERF_CORPUS }));
  rows.push(row(`Command line: gwlint --format json on ${perfFiles.length} templates`, ours, base, 2.0, 'walk + read + JSON.parse'));
}

if (want('cold-start')) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-bench-'));
  const small = path.join(dir, 'azuredeploy.json');
  writeFileSync(small, generateTemplate(1));
  const base = await medianMs(15, () => runNode(['-e', '0']));
  const ours = await medianMs(15, () => runNode([BIN, small]));
  rows.push(row('Cold start: one small template', ours, base, 1.5, 'node -e 0'));
  rmSync(dir, { recursive: true, force: true });
}

if (want('big-file')) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-bench-'));
  const big = path.join(dir, 'big.json');
  const text = generateTemplate(9_500);
  writeFileSync(big, text);
  const child = path.join(ROOT, 'bench/big-file-child.js');
  const parse = JSON.parse(runNode([child, 'parse', big]).stdout);
  const linted = runNode([child, 'lint', big]);
  if (linted.status !== 0) throw new Error(`big-file benchmark failed: ${linted.stderr}`);
  const ours = JSON.parse(linted.stdout);
  const limit = 4 * text.length + 100 * 1024 * 1024;
  rows.push(row(`Big file: one generated template (${mb(text.length)})`, ours.ms, parse.ms, 3.0, 'JSON.parse'));
  rows.push({ name: 'Big file: peak RSS', ours: mb(ours.maxRss), base: `limit ${mb(limit)}`, ratio: ours.maxRss / limit, goal: '≤ 1.00× (4× file + 100 MB)', met: ours.maxRss <= limit });
  rmSync(dir, { recursive: true, force: true });
}

if (want('realistic')) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-bench-'));
  const big = path.join(dir, 'realistic.json');
  const { text, resources } = realisticTemplate(PERF_CORPUS);
  writeFileSync(big, text);
  const child = path.join(ROOT, 'bench/big-file-child.js');
  const parse = JSON.parse(runNode([child, 'parse', big]).stdout);
  const linted = runNode([child, 'lint', big]);
  if (linted.status !== 0) throw new Error(`realistic big-file benchmark failed: ${linted.stderr}`);
  const ours = JSON.parse(linted.stdout);
  const limit = 500 * 1024 * 1024;
  rows.push(row(`Big file: the perf corpus merged into one template (${mb(text.length)}, ${resources} resources)`, ours.ms, parse.ms, 3.0, 'JSON.parse'));
  rows.push({ name: 'Big file (merged corpus): peak RSS', ours: mb(ours.maxRss), base: `limit ${mb(limit)}`, ratio: ours.maxRss / limit, goal: '≤ 1.00× (500 MB)', met: ours.maxRss <= limit });
  rmSync(dir, { recursive: true, force: true });
}

if (want('bicep')) {
  const bicepFiles = listFiles(CORPUS, /\.bicep$/).map((p) => ({ path: p, text: readFileSync(p, 'utf8') }));
  const { Parser, Language } = await import('web-tree-sitter');
  const { createRequire } = await import('node:module');
  await Parser.init();
  const language = await Language.load(createRequire(import.meta.url).resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
  const parser = new Parser();
  parser.setLanguage(language);
  await lint({ files: bicepFiles.slice(0, 1) }); // loads gwlint's own parser once, as a warm editor or CI run would
  const base = await medianMs(5, () => {
    for (const f of bicepFiles) parser.parse(f.text)?.delete();
  });
  const ours = await medianMs(5, async () => {
    for (const f of bicepFiles) await lint({ files: [f] });
  });
  rows.push(row(`Bicep: ${bicepFiles.length} corpus files`, ours, base, 0.5, 'tree-sitter parse'));
}

if (want('bicep-big')) {
  // End to end: the command line on one generated 1 MB Bicep file (distinct VNets, public IPs, gateways).
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-bench-'));
  const big = path.join(dir, 'main.bicep');
  const text = generateBicep(1024 * 1024);
  writeFileSync(big, text);
  // Run from the file's folder, as in its own repository: the index scans that folder, not gwlint's tree.
  const lintBig = () => {
    const run = runNode([BIN, big, '-f', 'json'], { cwd: dir });
    if (run.status !== 0 && run.status !== 1) throw new Error(`bicep-big benchmark failed (exit ${run.status}): ${run.stderr}`);
  };
  // Alternated with Node's own start, so that the two medians see the same host: its speed swings by a third between minutes.
  const times = { ours: [], start: [] };
  for (let i = 0; i < 9; i++) {
    times.ours.push(await medianMs(1, lintBig));
    times.start.push(await medianMs(1, () => runNode(['-e', '0'])));
  }
  const ours = median(times.ours);
  const start = median(times.start);
  const goal = 300;
  rows.push({ name: `Bicep big file: one generated file (${mb(text.length)})`, ours: `${ours.toFixed(0)} ms`, base: `${goal} ms (goal; node -e 0: ${start.toFixed(0)} ms)`, ratio: ours / goal, goal: '≤ 1.00×', met: ours <= goal });
  rmSync(dir, { recursive: true, force: true });
}

if (want('index')) repositoryIndex();
if (want('diff')) diffRun();
if (want('scale')) await scale();
if (want('cache')) await cache();

const table = formatTable(rows);
console.log(table);
if (notes.length) console.log('\n' + notes.join('\n'));
if (only.length === 0) writeReport(table);

/**
 * The repository index costs a text pre-scan of every template under the root. A pre-commit run naming
 * one file of the perf corpus from inside it is compared with the same file alone in an empty folder; a
 * whole-tree run with the index with one whose --root is an empty folder (no index to build).
 */
function repositoryIndex() {
  const empty = mkdtempSync(path.join(tmpdir(), 'gwlint-bench-'));
  const alone = mkdtempSync(path.join(tmpdir(), 'gwlint-bench-'));
  const file = perfFiles.find((p) => /virtualNetworkGateways/.test(readFileSync(p, 'utf8'))) ?? perfFiles[0];
  const copy = path.join(alone, path.basename(file));
  writeFileSync(copy, readFileSync(file));
  const tree = path.dirname(PERF_CORPUS);
  const cli = (cwd, args) => () => runNode([BIN, '--format', 'json', ...args], { cwd });
  // --root: the tree as a repository would be (it holds no .git), so the index scans all of it.
  // Each pair alternated, so that a load spike on a shared machine weighs on both sides alike.
  const [inTree, single] = alternatedMedians(9, cli(tree, ['--root', tree, path.relative(tree, file)]), cli(alone, [path.basename(file)]));
  rows.push(row('Index: one perf-corpus file from inside the tree', inTree, single, 2.0, 'the file alone'));
  const [whole, without] = alternatedMedians(5, cli(tree, ['--jobs', '1', '.']), cli(tree, ['--jobs', '1', '--root', empty, '.']));
  rows.push(row(`Index: whole perf corpus (${perfFiles.length} templates)`, whole, without, 1.1, 'no index (--root empty)'));
  for (const d of [empty, alone]) rmSync(d, { recursive: true, force: true });
}

/**
 * `gwlint diff` against a normal run of the head version, on a two-commit git repository made from the perf
 * corpus with five gateway templates changed (vpnType RouteBased → PolicyBased where written).
 */
function diffRun() {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-bench-'));
  cpSync(PERF_CORPUS, dir, { recursive: true });
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
  const git = (...args) => execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const changed = perfFiles.filter((p) => /virtualNetworkGateways/.test(readFileSync(p, 'utf8'))).slice(0, 5);
  for (const p of changed) {
    const copy = path.join(dir, path.relative(PERF_CORPUS, p));
    writeFileSync(copy, readFileSync(copy, 'utf8').replace('"RouteBased"', '"PolicyBased"') + '\n');
  }
  git('commit', '-q', '-am', 'head');
  const cli = (args) => () => runNode([BIN, '--format', 'json', ...args], { cwd: dir });
  const head = medianOf(3, cli(['.']));
  const diff = medianOf(3, cli(['diff', 'HEAD~1', '.']));
  rows.push(row(`Diff: gwlint diff on the perf corpus, ${changed.length} templates changed`, diff, head, 2.5, 'normal run of the head version'));
  rmSync(dir, { recursive: true, force: true });
}

/** Median wall time of synchronous child runs (runNode measures each). */
function medianOf(runs, run) {
  return median(Array.from({ length: runs }, () => run().ms));
}

/** Median wall times of two runs measured one after the other, `runs` times each. */
function alternatedMedians(runs, first, second) {
  const a = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    a.push(first().ms);
    b.push(second().ms);
  }
  return [median(a), median(b)];
}

function row(name, ours, base, goal, baseline) {
  return { name, ours: `${ours.toFixed(0)} ms`, base: `${base.toFixed(0)} ms (${baseline})`, ratio: ours / base, goal: `≤ ${goal.toFixed(1)}×`, met: ours / base <= goal };
}

function totalBytes(files) {
  return files.reduce((n, f) => n + readFileSync(f).length, 0);
}

function mb(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A folder holding the perf corpus `copies` times over (hard links, so it costs almost no disk). */
function replicatedCorpus(copies) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-scale-'));
  for (let i = 0; i < copies; i++) execFileSync('cp', ['-al', PERF_CORPUS, path.join(dir, `copy${i}`)]);
  return dir;
}

async function scale() {
  const help = runNode([BIN, '--help']).stdout;
  if (!help.includes('--jobs')) {
    notes.push('Scale: the CLI has no --jobs option yet; not measured.');
    return;
  }
  const n = Math.max(2, cpus().length);
  const copies = 5;
  const files = copies * perfFiles.length;
  const oneDir = replicatedCorpus(1);
  const fiveDir = replicatedCorpus(copies);
  const run = (dir, jobs) => runNodeMeasured([BIN, dir, '--jobs', String(jobs), '--format', 'compact'], { cwd: dir });
  // Three rounds, each of the three runs in turn: a single run of several seconds swings by a fifth on a
  // shared machine, and the rows compare runs. Each figure is the median of its three.
  const runs = { one: [], five: [], parallel: [] };
  for (let round = 0; round < 3; round++) {
    runs.one.push(run(oneDir, 1));
    runs.five.push(run(fiveDir, 1));
    runs.parallel.push(run(fiveDir, n));
  }
  for (const d of [oneDir, fiveDir]) rmSync(d, { recursive: true, force: true });
  const medians = (list) => ({ ms: median(list.map((r) => r.ms)), maxRss: list.every((r) => r.maxRss) ? median(list.map((r) => r.maxRss)) : undefined });
  const one = medians(runs.one);
  const five = medians(runs.five);
  const parallel = medians(runs.parallel);
  rows.push({ name: `Scale: ${files} templates, --jobs ${n} vs --jobs 1`, ours: `${parallel.ms.toFixed(0)} ms`, base: `${five.ms.toFixed(0)} ms`, ratio: parallel.ms / five.ms, goal: '< 1.00× (cores used)', met: parallel.ms < five.ms });
  const perFileOne = one.ms / perfFiles.length;
  const perFileFive = five.ms / files;
  rows.push({ name: `Scale: time per file, ${files} vs ${perfFiles.length} templates`, ours: `${(perFileFive * 1000).toFixed(0)} µs`, base: `${(perFileOne * 1000).toFixed(0)} µs`, ratio: perFileFive / perFileOne, goal: '≤ 1.20× (linear)', met: perFileFive / perFileOne <= 1.2 });
  if (one.maxRss && five.maxRss)
    rows.push({ name: `Scale: peak RSS, ${files} vs ${perfFiles.length} templates`, ours: mb(five.maxRss), base: mb(one.maxRss), ratio: five.maxRss / one.maxRss, goal: '≤ 1.20× (flat)', met: five.maxRss / one.maxRss <= 1.2 });
}

async function cache() {
  const help = runNode([BIN, '--help']).stdout;
  if (!help.includes('--cache')) {
    notes.push('Cache: the CLI has no --cache option yet; not measured.');
    return;
  }
  const dir = replicatedCorpus(1);
  const first = runNode([BIN, '.', '--cache', '--format', 'compact'], { cwd: dir }).ms;
  const second = runNode([BIN, '.', '--cache', '--format', 'compact'], { cwd: dir }).ms;
  rows.push({ name: 'Cache: second run over an unchanged tree', ours: `${second.toFixed(0)} ms`, base: `${first.toFixed(0)} ms (first run)`, ratio: second / first, goal: '≤ 0.10×', met: second / first <= 0.1 });
  rmSync(dir, { recursive: true, force: true });
}

function writeReport(tableText) {
  const file = path.join(ROOT, 'docs/performance.md');
  const previous = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  })();
  const marker = '<!-- bench:table -->';
  const stamp = `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}).`;
  const block = `${marker}\n${stamp}\n\n${tableText}\n${notes.length ? '\n' + notes.join('\n') + '\n' : ''}${marker}`;
  const text = previous.includes(marker) ? previous.replace(new RegExp(`${marker}[\\s\\S]*${marker}`), block) : `# Performance\n\n${block}\n`;
  writeFileSync(file, text);
  console.log(`\nWritten to ${path.relative(process.cwd(), file)}`);
}
