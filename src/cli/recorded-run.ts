import { nodeCrypto } from '../core/crypto.js';
import { lstatSync, readFileSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import * as path from 'node:path';
import type { EntryKind, FsJournal, WalkEntry } from '../repo/fs-journal.js';
import { kindOf, readListing } from '../repo/fs-journal.js';

/**
 * A `--cache` run answered as a whole. A run records, with what it printed and its exit code, every
 * file-system answer it used (see FsJournal), keyed by everything else that shapes its output (gwlint's
 * build, the arguments, the current folder, the terminal, the environment). The next run with the same key
 * checks those answers with one system call each: a folder by its stat (adding, removing or renaming an
 * entry changes its modification time), a file by its size, modification and change times and inode, a
 * path asked about by its lstat. When all hold, it prints the recorded output and is done.
 *
 * File systems with coarse timestamps could give a change made just after the run read a file the time it
 * had before: a file or folder modified within RACY_MS of the run's start is checked by the hash of the text
 * (the listing) the run used, read again. So is the folder that holds the cache file, which each write of
 * the cache changes.
 */

/** The section's format: lines of `\t`-separated fields, paths compressed against the line before. */
const FORMAT = 'gwlint-run-1';

/** See file-records.ts: Git's "racily clean" rule, for file systems with 2-second timestamps. */
const RACY_MS = 2000;

/** What a run printed: the exit code and both streams. */
export interface PrintedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Where the cache file lives: its folder's listing is checked without the cache file's own name. */
export interface CacheFilePlace {
  folder: string;
  name: string;
}

/** The streams' facts the report depends on: a terminal, and its width. */
interface StreamFacts {
  isTTY?: boolean;
  columns?: number;
}

/** Environment variables that change a report (colours, terminal, locale) or what is read (home folder). */
const ENVIRONMENT = ['NO_COLOR', 'FORCE_COLOR', 'TERM', 'TERM_PROGRAM', 'COLORTERM', 'CI', 'HOME', 'USERPROFILE', 'LANG', 'LC_ALL', 'LC_COLLATE', 'XDG_CACHE_HOME'];

/** The key of a run: everything but the file system that shapes what it prints. */
export function runKey(build: string, argv: readonly string[], cwd: string, env: Record<string, string | undefined>, stdout: StreamFacts, stderr: StreamFacts): string {
  const variables = ENVIRONMENT.map((name) => env[name] ?? process.env[name] ?? null);
  const streams = [stdout.isTTY === true, stdout.columns ?? null, stderr.isTTY === true];
  return nodeCrypto().createHash('sha256')
    .update(JSON.stringify([FORMAT, build, argv, cwd, variables, streams]))
    .digest('hex');
}

/**
 * The recorded run as the section's text, or undefined when it cannot be answered as a whole later (it
 * followed a symbolic link, or something it asked about changed while it ran). `startedAt` is when the run
 * began (ms since the epoch).
 */
export function recordRun(journal: FsJournal, key: string, printed: PrintedRun, cache: CacheFilePlace, startedAt: number): string | undefined {
  if (journal.unanswerable) return undefined;
  // Answers are lines of tab-separated fields: a path holding a tab or a line break is not recorded.
  if ([...journal.listings.keys(), ...journal.probes.keys(), ...journal.texts.keys()].some((p) => /[\t\n\r]/.test(p))) return undefined;
  const lines: string[] = [];
  const racy = (stat: Stats) => stat.mtimeMs >= startedAt - RACY_MS;
  const statOf = (p: string) => (journal.stats.has(p) ? journal.stats.get(p) : statSync(p, { throwIfNoEntry: false }));
  for (const [dir, entries] of journal.listings) {
    const stat = statOf(dir);
    if (!entries || !stat?.isDirectory()) return undefined;
    lines.push(dir === cache.folder || racy(stat) ? entry('D', dir, `#${listingHash(entries, dir === cache.folder ? cache.name : undefined)}`) : entry('D', dir, ...times(stat)));
  }
  for (const [p, kind] of journal.probes) {
    // A name in a folder whose listing is recorded is answered by that folder's check.
    if (journal.listings.get(path.dirname(p))) continue;
    if (lstatKind(p) !== kind) return undefined;
    lines.push(entry('P', p, kind ?? '-'));
  }
  for (const [p, hash] of journal.texts) {
    const stat = statOf(p);
    if (!stat?.isFile()) return undefined;
    lines.push(racy(stat) ? entry('F', p, `#${hash()}`) : entry('F', p, String(stat.size), ...times(stat)));
  }
  const answers = compressPaths(lines).join('\n');
  const sizes = [printed.stdout, printed.stderr, answers].map((t) => Buffer.byteLength(t)).join(' ');
  return `${FORMAT}\n${key}\n${printed.code}\n${sizes}\n${answers}${printed.stdout}${printed.stderr}`;
}

/**
 * What the recorded run printed, when its key is `key` and every answer it used still holds; else
 * undefined (the run is then made afresh).
 */
export function replayRecorded(section: Buffer, key: string, cache: CacheFilePlace): PrintedRun | undefined {
  // The header is four ASCII lines; then the answers, standard output and standard error, by their sizes in bytes.
  const headerEnd = nthIndexOf(section, 0x0a, 4);
  if (headerEnd < 0) return undefined;
  const [format, recordedKey, code, sizes] = section.subarray(0, headerEnd).toString('latin1').split('\n');
  if (format !== FORMAT || recordedKey !== key) return undefined;
  const [out, err, answers] = sizes.split(' ').map(Number);
  const start = headerEnd + 1;
  if (section.length !== start + answers + out + err) return undefined;
  let previous = '';
  for (const line of answers ? section.subarray(start, start + answers).toString('utf8').split('\n') : []) {
    const [type, shared, rest, ...fields] = line.split('\t');
    const p = previous.slice(0, Number(shared)) + rest;
    previous = p;
    if (!holds(type, p, fields, cache)) return undefined;
  }
  const printed = section.subarray(start + answers);
  return { code: Number(code), stdout: printed.subarray(0, out).toString('utf8'), stderr: printed.subarray(out).toString('utf8') };
}

/** Whether one recorded answer still holds. */
function holds(type: string, p: string, fields: string[], cache: CacheFilePlace): boolean {
  if (type === 'P') return (lstatKind(p) ?? '-') === fields[0];
  if (fields[0]?.startsWith('#')) {
    if (type === 'D') {
      const entries = readListing(p);
      return entries !== undefined && `#${listingHash(entries, p === cache.folder ? cache.name : undefined)}` === fields[0];
    }
    try {
      return `#${nodeCrypto().createHash('sha256').update(readFileSync(p, 'utf8')).digest('hex')}` === fields[0];
    } catch {
      return false;
    }
  }
  const stat = statSync(p, { throwIfNoEntry: false });
  if (!stat) return false;
  if (type === 'D') return stat.isDirectory() && sameTimes(stat, fields);
  return type === 'F' && stat.isFile() && stat.size === Number(fields[0]) && sameTimes(stat, fields.slice(1));
}

function times(stat: Stats): string[] {
  return [String(stat.mtimeMs), String(stat.ctimeMs), String(stat.ino)];
}

/** Numbers are compared parsed: writing a number costs more than reading one. */
function sameTimes(stat: Stats, fields: string[]): boolean {
  return stat.mtimeMs === Number(fields[0]) && stat.ctimeMs === Number(fields[1]) && stat.ino === Number(fields[2]);
}

function entry(type: string, p: string, ...fields: string[]): string {
  return [type, p, ...fields].join('\t');
}

/** Each line's path as the number of characters it shares with the path before and the rest: most share their folder. */
function compressPaths(lines: string[]): string[] {
  let previous = '';
  return lines.map((line) => {
    const [type, p, ...fields] = line.split('\t');
    let shared = 0;
    while (shared < p.length && shared < previous.length && p[shared] === previous[shared]) shared++;
    previous = p;
    return [type, String(shared), p.slice(shared), ...fields].join('\t');
  });
}

/** A listing's names and kinds, hashed, without `skip` (the cache file, in its own folder). */
function listingHash(entries: readonly WalkEntry[], skip: string | undefined): string {
  const hash = nodeCrypto().createHash('sha256');
  for (const e of entries) if (e.name !== skip) hash.update(`${e.name}\0${e.kind}\n`);
  return hash.digest('hex');
}

function lstatKind(p: string): EntryKind | undefined {
  const stat = lstatSync(p, { throwIfNoEntry: false });
  return stat && kindOf(stat);
}

function nthIndexOf(bytes: Buffer, byte: number, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) if ((at = bytes.indexOf(byte, at + 1)) < 0) return -1;
  return at;
}
