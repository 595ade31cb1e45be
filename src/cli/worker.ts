// Worker thread entry: lints the batches of jobs the main thread sends, one batch at a time.
import { parentPort } from 'node:worker_threads';
import type { Batch } from './parallel.js';
import { unpackBatch } from './parallel.js';
import type { PlainResult } from './serialize.js';
import { runJob } from './work.js';

parentPort?.on('message', async (batch: Batch) => {
  try {
    const results: PlainResult[] = [];
    for (const job of unpackBatch(batch)) results.push(await runJob(job));
    parentPort!.postMessage({ results });
  } catch (e) {
    parentPort!.postMessage({ error: (e as Error)?.stack ?? String(e) });
  }
});
