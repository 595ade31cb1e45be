import * as path from 'node:path';
import type { CliOptions } from './args.js';
import { buildId, cacheLocation, readRecordedRun } from './cache-file.js';
import { parseOptions } from './options.js';
import { version } from './package-root.js';
import type { CacheFilePlace, PrintedRun } from './recorded-run.js';
import { replayRecorded, runKey } from './recorded-run.js';
import type { OutputStream } from './standard-output.js';
import { standardStreams } from './standard-output.js';

/**
 * Answering a `--cache` run as the last one with the same key did, when nothing it read changed (see
 * recorded-run.ts). `replay` is what bin/gwlint.js tries before it loads the rest of gwlint: it reads the
 * cache file's recorded run and checks it, and loads nothing else.
 */

/** Where a run's output and exit code come from: the streams and what they are, the folder, the environment. */
export interface RunPlace {
  stdout: OutputStream;
  stderr: OutputStream;
  cwd: string;
  env?: Record<string, string | undefined>;
}

/**
 * Runs that may be recorded: those whose effect is what they print. Fixes write files, a base revision is
 * read through git, `--output` writes a file and the HTML report reads more than the lint results.
 */
export function answerable(options: CliOptions): boolean {
  return options.cache && !options.fix && !options.fixDryRun && options.base === undefined && !options.output && options.format !== 'html';
}

/** The key a run is recorded under (see runKey). */
export function keyOf(argv: readonly string[], place: RunPlace): string {
  return runKey(buildId(version()), argv, place.cwd, place.env ?? process.env, place.stdout, place.stderr);
}

export function cacheFilePlace(file: string): CacheFilePlace {
  return { folder: path.dirname(file), name: path.basename(file) };
}

/**
 * What the recorded run printed, when it answers this one; `cacheLocation` is `--cache-location`. Only an
 * answerable run is recorded, under a key that holds its arguments: the arguments need no other check.
 */
export function recordedAnswer(argv: readonly string[], cacheLocationGiven: string, place: RunPlace): PrintedRun | undefined {
  const file = cacheLocation(place.cwd, cacheLocationGiven);
  const section = readRecordedRun(file);
  return section && replayRecorded(section, keyOf(argv, place), cacheFilePlace(file));
}

/** bin/gwlint.js: the exit code of a run answered from its record, else undefined (then run gwlint). */
export function replay(argv: string[]): number | undefined {
  let location: string;
  try {
    const { values } = parseOptions(argv);
    if (!values.cache) return undefined;
    location = values['cache-location'];
  } catch {
    return undefined;
  }
  const place = { ...standardStreams(), cwd: process.cwd() };
  const printed = recordedAnswer(argv, location, place);
  if (!printed) return undefined;
  place.stdout.write(printed.stdout);
  if (printed.stderr) place.stderr.write(printed.stderr);
  return printed.code;
}
