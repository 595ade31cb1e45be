import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PlainResult } from './serialize.js';
import type { Job } from './work.js';
import { runJob } from './work.js';

/**
 * Runs jobs on `jobs` worker threads (largest first, so the last ones to finish are short), or in this
 * thread when one is enough. Results come back in the order of the jobs.
 */
export async function runJobs(jobs: Job[], threads: number, onDone: () => void): Promise<PlainResult[]> {
  const results: PlainResult[] = new Array(jobs.length);
  const workerUrl = new URL('./worker.js', import.meta.url);
  // Running from TypeScript sources (the test runner) there is no compiled worker: lint in this thread.
  if (threads <= 1 || jobs.length < 2 || !existsSync(fileURLToPath(workerUrl))) {
    for (let i = 0; i < jobs.length; i++) {
      results[i] = await runJob(jobs[i]);
      onDone();
    }
    return results;
  }
  const order = jobs.map((job, i) => ({ i, size: job.files.reduce((n, f) => n + f.text.length, 0) })).sort((a, b) => b.size - a.size);
  let next = 0;
  const run = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        const item = order[next++];
        if (!item) return resolve();
        worker.once('message', (m: { id: number; result?: PlainResult; error?: string }) => {
          if (m.error) return reject(new Error(m.error));
          results[m.id] = m.result!;
          onDone();
          send();
        });
        worker.postMessage({ id: item.i, job: jobs[item.i] });
      };
      worker.once('error', reject);
      send();
    });
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(workerUrl));
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
