import { nodeCrypto } from '../core/crypto.js';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
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
  const header = runHeader(bytes);
  if (!header) return { rest: bytes };
  const run = bytes.subarray(header.start, header.start + header.length);
  return { run: trusted(run, header), rest: bytes.subarray(header.start + header.length) };
}

/** The run recorded in a cache file (see recorded-run.ts), when there is one that this user's runs wrote; the rest is not read. */
export function readRecordedRun(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.allocUnsafe(100);
    const header = runHeader(head.subarray(0, readSync(fd, head, 0, head.length, 0)));
    if (!header) return undefined;
    const run = Buffer.allocUnsafe(header.length);
    return readSync(fd, run, 0, run.length, header.start) === run.length ? trusted(run, header) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

interface RunHeader {
  mac: string;
  /** Where the recorded run starts, and its length, in bytes. */
  start: number;
  length: number;
}

function runHeader(bytes: Buffer): RunHeader | undefined {
  const header = RUN_HEADER.exec(bytes.subarray(0, 100).toString('latin1'));
  return header ? { mac: header[1], start: header[0].length, length: Number(header[2]) } : undefined;
}

function trusted(run: Buffer, header: RunHeader): Buffer | undefined {
  return run.length === header.length && safeEqual(header.mac, mac(run)) ? run : undefined;
}

/** An HMAC under a key only this user's runs know: a cache written elsewhere, or edited, is not trusted. */
export function mac(text: string | Buffer): string {
  return nodeCrypto().createHmac('sha256', macKey()).update(text).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  return a.length === b.length && nodeCrypto().timingSafeEqual(Buffer.from(a), Buffer.from(b));
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
  macKeyBytes = nodeCrypto().randomBytes(32);
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
