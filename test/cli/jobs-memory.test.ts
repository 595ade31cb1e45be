import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { usableThreads } from '../../src/cli/parallel.js';
import { CLI, CLI_BUILT, CLI_SKIP_MESSAGE } from '../robustness/support.js';
import { tempTrees } from './helpers.js';

const tree = tempTrees();
const MB = 1024 * 1024;
/** What a run budgets for each worker thread (src/cli/parallel.ts): the bound the measurement is held to. */
const WORKER_BUDGET = 384 * MB;

/**
 * Preloaded into the command line: counts the worker threads it starts and, at exit, writes them and the
 * process's peak resident memory (worker threads included: they share the process) to a file.
 */
const MEASURE = `import { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import threads from 'node:worker_threads';
if (threads.isMainThread) {
  let workers = 0;
  const Original = threads.Worker;
  threads.Worker = class extends Original {
    constructor(...args) {
      super(...args);
      workers++;
    }
  };
  syncBuiltinESMExports();
  process.on('exit', () => writeFileSync(process.env.GWLINT_MEASURE_FILE, JSON.stringify({ peakRss: process.resourceUsage().maxRSS * 1024, workers })));
}
`;

/**
 * A template of 20 VNets (each with a finding) padded by a long description to about 1 MB: 44 of them pass
 * the amount of text above which a run starts worker threads, and lint in seconds.
 */
function paddedTemplate(f: number): string {
  const resources = Array.from({ length: 20 }, (_, i) => ({
    type: 'Microsoft.Network/virtualNetworks',
    apiVersion: '2024-05-01',
    name: `vnet-${f}-${i}`,
    location: 'westeurope',
    properties: { addressSpace: { addressPrefixes: [`10.${i}.0.0/16`] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: `10.${i}.0.0/29` } }] },
  }));
  const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
  return JSON.stringify({ $schema: schema, contentVersion: '1.0.0.0', metadata: { description: 'Lorem ipsum dolor sit amet. '.repeat(36_000) }, resources }, null, 2);
}

function measure(dir: string, jobs: number): { peakRss: number; workers: number; findings: number } {
  const out = path.join(dir, `measure-${jobs}.json`);
  const run = spawnSync(process.execPath, ['--import', './measure.mjs', CLI, 'templates', '--jobs', String(jobs), '-f', 'compact'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', GWLINT_MEASURE_FILE: out },
    encoding: 'utf8',
    maxBuffer: 64 * MB,
    timeout: 120_000,
  });
  expect(run.stderr).toBe('');
  return { ...(JSON.parse(readFileSync(out, 'utf8')) as { peakRss: number; workers: number }), findings: run.stdout.split('\n').filter(Boolean).length };
}

describe('--jobs 64', () => {
  it('starts no more worker threads than there are cores, each within the memory budgeted for it', (ctx) => {
    if (!CLI_BUILT) ctx.skip(CLI_SKIP_MESSAGE);
    const { dir, write } = tree({});
    for (let f = 0; f < 44; f++) write(`templates/t${f}.json`, paddedTemplate(f));
    writeFileSync(path.join(dir, 'measure.mjs'), MEASURE);
    const alone = measure(dir, 1);
    const many = measure(dir, 64);
    console.info(`--jobs 1: ${Math.round(alone.peakRss / MB)} MB peak; --jobs 64: ${many.workers} worker thread(s), ${Math.round(many.peakRss / MB)} MB peak`);
    expect(alone.workers).toBe(0);
    const threads = usableThreads(64);
    // The main thread lints too: `threads` threads in all, one of them its own.
    expect(many.workers).toBe(threads > 1 ? threads - 1 : 0);
    expect(many.workers).toBeLessThanOrEqual(availableParallelism());
    expect(many.findings).toBe(alone.findings);
    expect(many.peakRss).toBeLessThanOrEqual(alone.peakRss + many.workers * WORKER_BUDGET);
  }, 240_000);
});
