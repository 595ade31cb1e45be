import { existsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import type { VirtualFile } from '../engine/files.js';
import type { PlainResult } from './serialize.js';
import type { Job } from './work.js';
import { runJob } from './work.js';
import { textAtHand } from './held-texts.js';
import { readListedFileSync } from './read-files.js';

/** Batches per thread: enough to even out uneven groups, few enough that messages cost nothing. */
const BATCHES_PER_THREAD = 4;
/**
 * Below this much text a worker thread costs as much as it saves: each one compiles gwlint anew, which
 * takes about as long as linting 20 MB of templates here.
 */
const MIN_PARALLEL_CHARS = 40 * 1024 * 1024;

/**
 * A batch of jobs as one message. The texts this thread holds travel in one UTF-8 buffer that is
 * transferred, not copied (cloning thousands of strings one by one costs more than linting them), each file
 * with its place in it; a file whose text this thread no longer holds has no place, and the worker reads it
 * itself (read here only to be encoded, sent and decoded, it cost both threads more than reading it there).
 */
export interface Batch {
  jobs: PackedJob[];
  bytes: Uint8Array;
}

/** A file of a batch: its text's place in the batch's bytes, or none when the worker reads it itself. */
type PackedFile = Omit<VirtualFile, 'text'> & { text?: undefined; at?: readonly [number, number] };
type PackedJob = Omit<Job, 'files' | 'context'> & { files: PackedFile[]; context: PackedFile[] };

export function packBatch(jobs: Job[]): Batch {
  let offset = 0;
  const texts: string[] = [];
  // Spreading a file does not read a text this thread let go (its text is a getter, which a spread skips),
  // and `text: undefined` keeps a held text from travelling as a string beside the bytes.
  const pack = (f: VirtualFile): PackedFile => {
    const text = textAtHand(f);
    if (text === undefined) return { ...f, text: undefined };
    texts.push(text);
    const start = offset;
    offset += text.length;
    return { ...f, text: undefined, at: [start, offset] };
  };
  const packed = jobs.map((job) => ({ ...job, files: job.files.map(pack), context: job.context.map(pack) }));
  return { jobs: packed, bytes: new TextEncoder().encode(texts.join('')) };
}

/** The jobs of a batch; `read` reads a file that came without its text (empty if it can no longer be read). */
export function unpackBatch(batch: Batch, read: (path: string) => string = readAgain): Job[] {
  const all = new TextDecoder().decode(batch.bytes);
  const unpack = ({ at, ...f }: PackedFile): VirtualFile => ({ ...f, text: at ? all.slice(at[0], at[1]) : read(f.path) });
  return batch.jobs.map((job) => ({ ...job, files: job.files.map(unpack), context: job.context.map(unpack) }));
}

/** A file read again as the main thread reads a text it let go (see HeldTexts.readAgain). */
function readAgain(path: string): string {
  const again = readListedFileSync(path);
  return again.readError ? '' : again.text;
}

/** Memory a worker thread may take: its own copy of gwlint and the models of its batch. */
const WORKER_BYTES = 384 * 1024 * 1024;

/**
 * The worker threads a run may use: `--jobs`, but no more than the cores (more only share them) and than
 * half the memory (the container's limit, where one is set) allows. `--jobs 64` on 2 cores took 2.9 GB.
 */
export function usableThreads(requested: number, cores = availableParallelism(), memory = memoryLimit()): number {
  return Math.max(1, Math.min(requested, cores, Math.floor(memory / 2 / WORKER_BYTES)));
}

function memoryLimit(): number {
  const constrained = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.();
  return constrained ? Math.min(constrained, totalmem()) : totalmem();
}

/**
 * Runs `count` jobs on `threads` threads, in batches balanced by size: this thread takes batches too, and
 * `threads - 1` worker threads (capped by usableThreads) the others; one thread is enough for a small run.
 * Jobs are asked for by index when needed, and `onDone` is told each job's result as it comes: neither is
 * kept here, so the caller may let a job go once its result is told.
 */
export async function runJobs(count: number, jobAt: (index: number) => Job, threads: number, onDone: (index: number, result: PlainResult) => void, minChars = MIN_PARALLEL_CHARS): Promise<void> {
  threads = usableThreads(threads);
  // Made only when threads may start: a one-file run does without the module's URL.
  const workerUrl = () => new URL('./worker.js', import.meta.url);
  // Running from TypeScript sources (the test runner) there is no compiled worker: lint in this thread.
  const inThread = threads <= 1 || count < 2 || !existsSync(fileURLToPath(workerUrl()));
  const sizes = inThread ? [] : Array.from({ length: count }, (_, i) => size(jobAt(i)));
  if (inThread || sizes.reduce((a, b) => a + b, 0) < minChars) {
    for (let i = 0; i < count; i++) onDone(i, await runJob(jobAt(i)));
    return;
  }
  // Loaded only when threads are started: a run in this thread does without.
  const { Worker } = createRequire(import.meta.url)('node:worker_threads') as typeof WorkerThreads;
  const batches = balance(sizes, Math.min(count, threads * BATCHES_PER_THREAD));
  let next = 0;
  const inWorker = (worker: Worker) =>
    new Promise<void>((resolve, reject) => {
      const send = () => {
        const ids = batches[next++];
        if (!ids) return resolve();
        worker.once('message', (m: { results?: PlainResult[]; error?: string }) => {
          if (m.error) return reject(new Error(m.error));
          m.results!.forEach((r, k) => onDone(ids[k], r));
          send();
        });
        const batch = packBatch(ids.map(jobAt));
        worker.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
      };
      worker.once('error', reject);
      send();
    });
  // This thread lints its batches without packing them, and lets a worker's message through between jobs,
  // so that a worker that finished its batch is sent the next one without waiting for this thread's.
  let failed = false;
  const here = async () => {
    for (let ids = batches[next++]; ids && !failed; ids = batches[next++]) {
      for (const i of ids) {
        onDone(i, await runJob(jobAt(i)));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };
  const workers = Array.from({ length: Math.min(threads - 1, batches.length - 1) }, () => new Worker(workerUrl()));
  try {
    await Promise.all([...workers.map(inWorker), here()]);
  } catch (e) {
    failed = true;
    throw e;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Splits job indexes into `count` batches of similar total size, largest first (greedy). */
function balance(sizes: number[], count: number): number[][] {
  const bins = Array.from({ length: count }, () => ({ ids: [] as number[], total: 0 }));
  const order = sizes.map((size, i) => ({ i, size })).sort((a, b) => b.size - a.size);
  for (const item of order) {
    const smallest = bins.reduce((a, b) => (b.total < a.total ? b : a));
    smallest.ids.push(item.i);
    smallest.total += item.size;
  }
  return bins.filter((b) => b.ids.length).sort((a, b) => b.total - a.total).map((b) => b.ids);
}

function size(job: Job): number {
  const chars = (f: VirtualFile) => f.length ?? f.text.length;
  return job.files.reduce((n, f) => n + chars(f), 0) + job.context.reduce((n, f) => n + chars(f), 0);
}
