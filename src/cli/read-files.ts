// Reading the files a run lints: as text, with the reasons a file is not read given in words. Apart from
// discovery so that worker threads, which read the files of their batches, load this alone.
import { closeSync, constants, openSync, readFileSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { VirtualFile } from '../engine/files.js';
import { looksLikeDeployment } from '../core/deployment-head.js';

/** Larger files are reported, not read: a template this size is generated, and reading it could exhaust memory. */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;

/**
 * Reads a file as text; binary, unreadable and oversized files come back with a readError. Reads are
 * synchronous on purpose: thousands of small concurrent reads cost several times more than sequential ones.
 */
export async function readVirtualFile(file: string): Promise<VirtualFile> {
  return readVirtualFileSync(file);
}

export function readVirtualFileSync(file: string): VirtualFile {
  try {
    const stat = statSync(file);
    // A pipe or a device would block or never end; only regular files are read.
    if (stat.isDirectory()) return { path: file, text: '', readError: 'This is a folder, not a file, and was not read.' };
    if (!stat.isFile()) return { path: file, text: '', readError: 'This is not a regular file (a pipe, socket or device) and was not read.' };
    if (stat.size > MAX_FILE_BYTES) {
      // Large JSON that is not a template (data, lock files) is skipped quietly, as smaller such JSON is.
      if (/\.jsonc?$/i.test(file) && !startsLikeDeployment(file)) return { path: file, text: '' };
      return { path: file, text: '', readError: `The file is ${stat.size} bytes, more than the ${MAX_FILE_BYTES}-byte limit, and was not read.` };
    }
    const bytes = readFileSync(file);
    return { path: file, text: decodeText(bytes) };
  } catch (e) {
    return { path: file, text: '', readError: readErrorMessage(file, e as NodeJS.ErrnoException) };
  }
}

/**
 * The buffer the listed files are read into before decoding: the index reads thousands of files in a row.
 * Made on first use: a megabyte allocated while the command line loads costs milliseconds of every start.
 */
let readBuffer: Buffer | undefined;

/**
 * readVirtualFileSync for a path a folder listing gave as a regular file (the repository index reads every
 * template in the tree): read until the end without a stat first. Should it have become something else
 * since the listing, it is opened non-blocking (a pipe never blocks), a folder fails to read, and a read
 * past the size limit hands over to readVirtualFileSync.
 */
export function readListedFileSync(file: string): VirtualFile {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    let buffer = (readBuffer ??= Buffer.allocUnsafe(1024 * 1024));
    let length = 0;
    for (let n = 1; n > 0; length += n) {
      if (length === buffer.length) {
        if (length > MAX_FILE_BYTES) return readVirtualFileSync(file);
        const larger = Buffer.allocUnsafe(Math.min(2 * length, MAX_FILE_BYTES + 1));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      n = readSync(fd, buffer, length, buffer.length - length, length);
    }
    return { path: file, text: decodeText(buffer.subarray(0, length)) };
  } catch (e) {
    return { path: file, text: '', readError: readErrorMessage(file, e as NodeJS.ErrnoException) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** True when the first 64 KB of a JSON file look like a deployment template or parameters file. */
function startsLikeDeployment(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    // UTF-16 text has a NUL in every other byte for ASCII; dropping them leaves the ASCII to test.
    const text = head.toString('latin1').replace(/\0/g, '');
    return looksLikeDeployment(text);
  } finally {
    closeSync(fd);
  }
}

/** Why a file could not be read, in words, with the system's error code. */
function readErrorMessage(file: string, err: NodeJS.ErrnoException): string {
  const code = err.code ?? err.message;
  switch (err.code) {
    case 'ENOENT':
      // Names that are not valid UTF-8 come back from the folder listing with U+FFFD and cannot be opened.
      if (path.basename(file).includes('\uFFFD')) return `The file name is not valid UTF-8, so the file could not be opened (${code}); rename it to lint it.`;
      return `The file could not be read: it no longer exists (${code}); it was deleted or moved while gwlint ran, or it is a dangling symbolic link.`;
    case 'ELOOP':
      return `The file could not be read: its symbolic links form a loop (${code}).`;
    case 'EACCES':
    case 'EPERM':
      return `The file could not be read: permission denied (${code}).`;
    case 'EISDIR':
      return `This is a folder, not a file, and was not read (${code}).`;
    default:
      return `The file could not be read (${code}).`;
  }
}

/** UTF-8 (with or without BOM, kept in the text) or UTF-16 with a BOM; NUL bytes mean binary (thrown). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.includes(0)) throw Object.assign(new Error('binary'), { code: 'a binary file, not text' });
  return bytes.toString('utf8');
}
