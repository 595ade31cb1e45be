#!/usr/bin/env node
// A CommonJS script (bin/package.json): Node starts one without its ES module loader, which costs
// milliseconds of every run.
'use strict';
const args = process.argv.slice(2);

if (args.includes('--lsp')) {
  // The language server (stdio; the `--stdio` flag editor clients add is accepted). Loaded only here.
  import('../dist/src/lsp/server.js').then(({ startServer }) => startServer());
} else {
  // A reader that stops early (`gwlint … | head -1`) closes the pipe: the rest of the report has nowhere to
  // go, which is not an error of the run.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e) => {
      if (e.code !== 'EPIPE') throw e;
    });
  // A --cache run that nothing changed since it was recorded is answered from the record, before the rest
  // of gwlint is loaded.
  const recordChecked = args.includes('--cache');
  const replayed = recordChecked ? require('../dist/bundle/replay.cjs').replay(args) : undefined;
  if (replayed !== undefined) process.exitCode = replayed;
  else runCli(recordChecked);
}

/**
 * The bundled command line (npm run build) with its code cache, so that a pre-commit hook starts fast;
 * `recordChecked`: the recorded run was checked above and does not answer this one.
 */
function runCli(recordChecked) {
  const { loadCli } = require('./load-cli.js');
  loadCli()
    .cli.main(args, undefined, { recordChecked })
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error) => {
        process.stderr.write(`gwlint: internal error: ${error?.stack ?? error}\n`);
        process.exitCode = 2;
      },
    );
}
