import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_FILE_NAME } from './options.js';

/**
 * The cache file is JSON that starts with `{"mac":"<HMAC>",`: an HMAC of the rest of the text under a key
 * only this user's runs know, so a cache written elsewhere, or edited, is not trusted. Before it may come
 * the last run, recorded to be answered as a whole (see recorded-run.ts): a line
 * `gwlint-run <HMAC> <bytes>` and that many bytes, under their own HMAC, so that they are read without the rest.
 */
export const MAC_PREFIX = /^\{"mac":"([0-9a-f]{64})",/;
const RUN_HEADER = /^gwlint-run ([0-9a-f]{64}) (\d+)\n/;

/** The cache file's recorded run, when its HMAC holds, and the rest of the file. */
export function splitCacheFile(bytes: Buffer): { run?: Buffer; rest: Buffer } {
  const header = RUN_HEADER.exec(bytes.subarray(0, 100).toString('latin1'));
  if (!header) return { rest: bytes };
  const start = header[0].length;
  const end = start + Number(header[2]);
  const run = bytes.subarray(start, end);
  return { run: run.length === Number(header[2]) && safeEqual(header[1], mac(run)) ? run : undefined, rest: bytes.subarray(end) };
}

/** The run recorded in a cache file (see recorded-run.ts), when there is one that this user's runs wrote. */
export function readRecordedRun(file: string): Buffer | undefined {
  try {
    return splitCacheFile(readFileSync(file)).run;
  } catch {
    return undefined;
  }
}

/** An HMAC under a key only this user's runs know: a cache written elsewhere, or edited, is not trusted. */
export function mac(text: string | Buffer): string {
  return createHmac('sha256', macKey()).update(text).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

let macKeyBytes: Buffer | undefined;

/**
 * A random key kept in the user's cache folder (`$XDG_CACHE_HOME/gwlint` or `~/.cache/gwlint`), made on
 * first use. Where it cannot be kept, a key for this run alone: the cache then only serves this run.
 */
export function macKey(): Buffer {
  if (macKeyBytes) return macKeyBytes;
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'gwlint');
  const file = path.join(dir, 'cache-key');
  macKeyBytes = readKey(file);
  if (macKeyBytes) return macKeyBytes;
  macKeyBytes = randomBytes(32);
  try {
    // One level at a time: a recursive mkdir spins forever below /proc.
    for (const d of [path.dirname(dir), dir]) if (!existsSync(d)) mkdirSync(d, { mode: 0o700 });
    writeFileSync(file, macKeyBytes, { mode: 0o600, flag: 'wx' });
  } catch {
    // Another run may have just written its key: use it; else this key serves this run only.
    macKeyBytes = readKey(file) ?? macKeyBytes;
  }
  return macKeyBytes;
}

function readKey(file: string): Buffer | undefined {
  try {
    const k = readFileSync(file);
    return k.length >= 32 ? k : undefined;
  } catch {
    return undefined;
  }
}

/** The cache file for `--cache-location`: a folder (existing, or named with a trailing `/`) holds `.gwlintcache`. */
export function cacheLocation(cwd: string, given: string): string {
  const file = path.resolve(cwd, given);
  return /[/\\]$/.test(given) || isFolder(file) ? path.join(file, CACHE_FILE_NAME) : file;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Set by scripts/bundle.js, the same in every bundle of one build. */
declare const GWLINT_BUILD: string | undefined;

/**
 * gwlint's version and build, so that a rebuild invalidates the cache: the bundles' build stamp, else (the
 * compiled modules, the tests) the modification time of this module.
 */
export function buildId(version: string): string {
  if (typeof GWLINT_BUILD === 'string') return `${version}:${GWLINT_BUILD}`;
  try {
    return `${version}:${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;
  } catch {
    return version;
  }
}
