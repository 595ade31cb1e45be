// `npm run bench:instructions [-- OTHER_BUILD...]`: instructions (valgrind's callgrind) that gwlint runs for the
// perf corpus and the 1 MB Bicep file, for this checkout's build and any other builds named (folders holding
// bin/, dist/ and scripts/ of another checkout). On a shared 2-core machine wall time moves by a tenth from
// hour to hour; the instructions of `node --single-threaded --predictable` repeat to within about 1% (0.1-0.4%
// in process), so a change of a few percent shows. They leave out waiting, the kernel and V8's background
// threads: a change is confirmed in time with alternated runs. Needs valgrind (Debian: `apt-get install valgrind`) and
// ../shared/perf-corpus; each run takes a few minutes.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PERF_CORPUS, ROOT, listFiles } from './lib.js';
import { generateBicep } from './generate.js';

/** Two in-process passes of lint() over every template of a folder, each file read in the pass, as the throughput row does. */
const PASSES = `
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
const [index, folder] = process.argv.slice(2);
const { lint } = await import(index);
const files = [];
const walk = (dir) => { for (const e of readdirSync(dir, { withFileTypes: true })) { const p = path.join(dir, e.name); if (e.isDirectory()) walk(p); else if (p.endsWith('.json')) files.push(p); } };
walk(folder);
files.sort();
for (let pass = 0; pass < 2; pass++) for (const p of files) await lint({ files: [{ path: p, text: readFileSync(p, 'utf8') }] });
`;

const NODE_FLAGS = ['--single-threaded', '--predictable'];
const builds = [ROOT, ...process.argv.slice(2).map((p) => path.resolve(p))];

if (spawnSync('valgrind', ['--version']).error) {
  console.error('valgrind is not installed: nothing to count (Debian: apt-get install valgrind).');
  process.exit(0);
}
if (!listFiles(PERF_CORPUS, /\.json$/).length) {
  console.error(`../shared/perf-corpus is absent (${PERF_CORPUS}): nothing to count.`);
  process.exit(0);
}

const work = mkdtempSync(path.join(tmpdir(), 'gwlint-instructions-'));
try {
  const bicepDir = path.join(work, 'bicep');
  writeFileSync(path.join(work, 'passes.mjs'), PASSES);
  mkdirSync(bicepDir);
  writeFileSync(path.join(bicepDir, 'main.bicep'), generateBicep(1024 * 1024));
  // Each build's runs one after another, the builds side by side: callgrind runs one thread.
  const rows = await Promise.all(
    builds.map(async (build, i) => {
      const copy = prepare(build, path.join(work, `build${i}`));
      const passes = await count(copy, [path.join(work, 'passes.mjs'), path.join(copy, 'dist/src/index.js'), PERF_CORPUS], PERF_CORPUS);
      const cli = await count(copy, [path.join(copy, 'bin/gwlint.js'), '.', '--format', 'json', '--jobs', '1'], PERF_CORPUS);
      const bicep = await count(copy, [path.join(copy, 'bin/gwlint.js'), 'main.bicep', '--format', 'json'], bicepDir);
      return { build, passes, cli, bicep };
    }),
  );
  const first = rows[0];
  const scenarios = [
    ['passes', 'two lint() passes over the perf corpus'],
    ['cli', 'gwlint . --format json --jobs 1 in the perf corpus'],
    ['bicep', 'gwlint main.bicep (1 MB generated)'],
  ];
  for (const [key, what] of scenarios) {
    console.log(what);
    for (const r of rows) {
      const change = r === first ? '' : `  ${r[key] >= first[key] ? '+' : ''}${((r[key] / first[key] - 1) * 100).toFixed(1)}%`;
      console.log(`  ${(r[key] / 1e6).toFixed(0).padStart(7)} M instructions  ${r.build}${change}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * A copy of a build with its code cache made again under the counting flags: V8 rejects a cache made under
 * other flags, and a run that compiles the bundle would count the compiling.
 */
function prepare(build, copy) {
  for (const part of ['bin', 'dist', 'scripts', 'fixtures', 'package.json']) cpSync(path.join(build, part), path.join(copy, part), { recursive: true });
  symlinkSync(path.join(build, 'node_modules'), path.join(copy, 'node_modules'));
  execFileSync(process.execPath, [...NODE_FLAGS, 'scripts/code-cache.js'], { cwd: copy, stdio: 'ignore' });
  return copy;
}

/** Instructions of one Node run under callgrind. */
async function count(copy, args, cwd) {
  const out = path.join(copy, 'callgrind.out');
  const child = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--smc-check=all-non-file', process.execPath, ...NODE_FLAGS, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  await new Promise((resolve) => child.on('close', resolve));
  const collected = /Collected : (\d+)/.exec(stderr);
  if (!collected || !existsSync(out)) throw new Error(`callgrind failed for ${args.join(' ')}: ${stderr.slice(-2000)}`);
  rmSync(out);
  return Number(collected[1]);
}
