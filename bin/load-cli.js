// Loads the bundled command line (dist/bundle/cli.cjs, see scripts/bundle.js) with the V8 code cache that
// `npm run build` writes beside it, so that gwlint's code is read already compiled on every start. Node 20
// has no compile cache for modules: the bundle is one CommonJS script, run through node:vm. Where this
// Node's V8 rejects the cache (another version, other flags), the script is compiled as usual.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const v8 = require('node:v8');
const { Script } = require('node:vm');

const CLI_FILE = path.join(__dirname, '../dist/bundle/cli.cjs');
const CODE_CACHE_FILE = `${CLI_FILE}.cache`;

/**
 * V8 flags of the command line (docs/performance.md), set here, where scripts/code-cache.js makes the code
 * cache too: they are part of the cache's key, and set anywhere else V8 would reject the cache.
 * - The optimising compiler inlines less than by default (200 bytes of bytecode per function instead of
 *   920): compiling took about as much CPU on V8's background threads as linting on the main thread, which
 *   inlining less leaves as fast.
 * - After a full collection the old generation may grow by 20% of what survived before the next one, not
 *   by up to four times: a run over thousands of files otherwise let promoted garbage pile up to several
 *   times its live memory, so its peak grew with the length of the run.
 * - A function runs twice as long as by default before it is queued for the optimising compiler: fewer
 *   functions are compiled, and on two cores V8's compiler threads took turns with the main thread (which
 *   waited 8-25 ms in the run queue on a 1 MB Bicep file). The command line on the perf corpus and a 1 MB
 *   Bicep file ran 3-5% and 2-4% faster; three and four times the budget gained less (docs/performance.md).
 */
const V8_FLAGS = '--max-inlined-bytecode-size-cumulative=200 --heap-growing-percent=20 --interrupt-budget=135168';

/** The command line's exports, and the script that scripts/code-cache.js makes the cache from. */
function loadCli({ useCache = true } = {}) {
  v8.setFlagsFromString(V8_FLAGS);
  let cachedData;
  try {
    cachedData = useCache ? readFileSync(CODE_CACHE_FILE) : undefined;
  } catch {
    cachedData = undefined;
  }
  // The wrapper stays on the first line, so that stack traces give the bundle's own line numbers.
  // ASCII (scripts/bundle.js sees to it): read as latin1, one byte a character, nothing to decode.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(CLI_FILE, 'latin1')}\n})`;
  const script = new Script(source, { filename: CLI_FILE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(CLI_FILE), module, CLI_FILE, path.dirname(CLI_FILE));
  return { cli: module.exports, script };
}

module.exports = { CODE_CACHE_FILE, loadCli };
