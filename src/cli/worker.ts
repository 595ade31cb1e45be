// Worker thread entry: lints the jobs the main thread sends, one at a time.
import { parentPort } from 'node:worker_threads';
import type { Job } from './work.js';
import { runJob } from './work.js';

parentPort?.on('message', async (message: { id: number; job: Job }) => {
  try {
    parentPort!.postMessage({ id: message.id, result: await runJob(message.job) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: (e as Error)?.stack ?? String(e) });
  }
});
