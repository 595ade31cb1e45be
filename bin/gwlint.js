#!/usr/bin/env node
// A CommonJS script (bin/package.json): Node starts one without its ES module loader, which costs
// milliseconds of every run.
'use strict';
const args = process.argv.slice(2);

if (args.includes('--lsp')) {
  // The language server (stdio; the `--stdio` flag editor clients add is accepted). Loaded only here.
  import('../dist/src/lsp/server.js').then(({ startServer }) => startServer());
} else {
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
  const { cli } = require('./load-cli.js').loadCli();
  const io = { ...cli.standardStreams(), cwd: process.cwd() };
  cli.main(args, io, { recordChecked }).then(
    (code) => exitOnceWritten(code, io),
    (error) => {
      io.stderr.write(`gwlint: internal error: ${error?.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}

/**
 * Ends the process with `code` at once when its output is already with the system (always so on Linux, where
 * writes to files, pipes and terminals are synchronous). Left to end by itself, Node would first wait for
 * V8's background work (optimising compilations, concurrent marking) and free the heap: about 10 ms of a
 * large run that nothing needs. Output still buffered (asynchronous pipes elsewhere) is left to the natural
 * exit, which writes it all.
 */
function exitOnceWritten(code, io) {
  process.exitCode = code;
  if ([io.stdout, io.stderr].every((stream) => stream.writableLength === 0)) process.exit();
}
