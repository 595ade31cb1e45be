// Loads the bundled command line (dist/bundle/cli.cjs, see scripts/bundle.js) with the V8 code cache that
// `npm run build` writes beside it, so that gwlint's code is read already compiled on every start. Node 20
// has no compile cache for modules: the bundle is one CommonJS script, run through node:vm. Where this
// Node's V8 rejects the cache (another version, other flags), the script is compiled as usual. No V8 flag
// is set before the script is read: a large run sets its own later (src/cli/v8-tuning.ts).
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const { Script } = require('node:vm');

const CLI_FILE = path.join(__dirname, '../dist/bundle/cli.cjs');
const CODE_CACHE_FILE = `${CLI_FILE}.cache`;

/** The command line's exports, and the script that scripts/code-cache.js makes the cache from. */
function loadCli({ useCache = true } = {}) {
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
