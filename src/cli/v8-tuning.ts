import { createRequire } from 'node:module';
import type * as V8 from 'node:v8';

/**
 * V8 flags for a large run (docs/performance.md). They are set once the files a run lints hold
 * LARGE_RUN_CHARS of text, not as it starts: loading `node:v8` loads Node's stream modules too, about 2.5 ms
 * of a start that a run over a few files would pay for nothing (the templates the repository index reads
 * beside them do not count: it only scans them). The code cache (scripts/code-cache.js) is made under V8's
 * defaults, which every run reads it under: V8 rejects a cache made under other flags.
 * - The optimising compiler inlines less than by default (200 bytes of bytecode per function instead of
 *   920): compiling took about as much CPU on V8's background threads as linting on the main thread, which
 *   inlining less leaves as fast.
 * - After a full collection the old generation may grow by 20% of what survived before the next one, not
 *   by up to four times: a run over thousands of files otherwise let promoted garbage pile up to several
 *   times its live memory, so its peak grew with the length of the run.
 * - A function runs twice as long as by default before it is queued for the optimising compiler: fewer
 *   functions are compiled, and on two cores V8's compiler threads took turns with the main thread (which
 *   waited 8-25 ms in the run queue on a 1 MB Bicep file). The command line on the perf corpus and a 1 MB
 *   Bicep file ran 3-5% and 2-4% faster; three and four times the budget gained less.
 */
const LARGE_RUN_FLAGS = '--max-inlined-bytecode-size-cumulative=200 --heap-growing-percent=20 --interrupt-budget=135168';

/** A quarter of the 1 MB Bicep file of the bench, and about 20 perf-corpus templates. */
export const LARGE_RUN_CHARS = 256 * 1024;

let charsToLint = 0;

/** Counts the text of a file to lint; the first time the count reaches LARGE_RUN_CHARS, sets the flags. */
export function noteFileToLint(chars: number): void {
  if (charsToLint >= LARGE_RUN_CHARS) return;
  charsToLint += chars;
  if (charsToLint >= LARGE_RUN_CHARS) (createRequire(import.meta.url)('node:v8') as typeof V8).setFlagsFromString(LARGE_RUN_FLAGS);
}
