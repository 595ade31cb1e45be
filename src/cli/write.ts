import { constants, promises as fs, rmSync, type Stats } from 'node:fs';
import * as path from 'node:path';

const pending = new Set<string>();
let handlersInstalled = false;

export interface WriteOptions {
  /** Permission bits of a new file (an existing file keeps its own, and its owner). */
  mode?: number;
  /** Fail with EEXIST instead of replacing a file that exists. */
  exclusive?: boolean;
  /** Write a file with several hard links in place, so that every name sees the new text (--fix). */
  keepHardLinks?: boolean;
}

/** A file that cannot be written, with the reason in words: the command line prints it and exits 2. */
export class WriteError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`cannot write ${file}: ${reason}`);
  }
}

/**
 * Writes a file so that nothing around it breaks. A regular file is replaced atomically: a temporary file
 * beside it, then a rename (or, with `exclusive`, a hard link, which fails when the file exists), so an
 * interrupted run leaves no partial file; it keeps its mode and owner. A symbolic link is followed and its
 * target written, the link kept. Devices, pipes and sockets (`/dev/null`, `/dev/stdout`, a FIFO) are written
 * in place, never replaced. Failures are WriteErrors.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const target = await linkTarget(file);
  const stat = await fs.stat(target).catch(() => undefined);
  try {
    if (stat?.isDirectory()) throw new WriteError(file, 'it is a folder');
    if (stat && !stat.isFile()) return await writeInPlace(file, target, content);
    if (stat && options.keepHardLinks && stat.nlink > 1) return await fs.writeFile(target, content);
    await replace(target, content, options, stat);
  } catch (e) {
    throw asWriteError(file, e);
  }
}

/** How long a run waits for another run's lock on a file, and when a lock is taken to be left by a killed run. */
const LOCK_WAIT_MS = 5_000;
const LOCK_STALE_MS = 30_000;

/**
 * Runs `work` while holding a lock on `file` shared by gwlint runs (`.<name>.gwlint-lock` beside the file
 * a write lands on), so that reading a file, checking it and replacing it is one step for every other run:
 * two `--fix` runs on the same files can no longer overwrite each other's fixes unseen. Returns undefined,
 * without running `work`, when another run holds the lock for longer than LOCK_WAIT_MS. Failures to create
 * the lock (a read-only folder) are WriteErrors.
 */
export async function withFileLock<T>(file: string, work: () => Promise<T>): Promise<T | undefined> {
  const target = await linkTarget(file);
  const lock = path.join(path.dirname(target), `.${path.basename(target)}.gwlint-lock`);
  installSignalCleanup();
  for (const deadline = Date.now() + LOCK_WAIT_MS; ; ) {
    const created = await fs.writeFile(lock, String(process.pid), { flag: 'wx', mode: 0o600 }).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw asWriteError(file, e);
        return false;
      },
    );
    if (created) break;
    const age = await fs.stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > LOCK_STALE_MS) await fs.rm(lock, { force: true });
    else if (Date.now() > deadline) return undefined;
    else await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
  }
  pending.add(lock);
  try {
    return await work();
  } finally {
    pending.delete(lock);
    await fs.rm(lock, { force: true });
  }
}

/** Creates a folder and the folders above it that are missing, one at a time (a recursive mkdir spins on /proc). */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    const stat = await fs.stat(d).catch((e: NodeJS.ErrnoException) => e);
    if (stat instanceof Error) {
      if (stat.code !== 'ENOENT' || path.dirname(d) === d) throw asWriteError(dir, stat);
      missing.unshift(d);
      d = path.dirname(d);
      continue;
    }
    if (!stat.isDirectory()) throw new WriteError(dir, `${d} is a file, not a folder`);
    break;
  }
  for (const m of missing) await fs.mkdir(m).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw asWriteError(m, e);
  });
}

/** The path a write to `file` lands on: the target of a symbolic link (even one that does not exist yet). */
async function linkTarget(file: string): Promise<string> {
  const real = await fs.realpath(file).catch(() => undefined);
  if (real) return real;
  const link = await fs.readlink(file).catch(() => undefined);
  return link === undefined ? file : path.resolve(path.dirname(file), link);
}

async function replace(target: string, content: string | Uint8Array, options: WriteOptions, stat: Stats | undefined): Promise<void> {
  installSignalCleanup();
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  pending.add(tmp);
  try {
    await fs.writeFile(tmp, content, { flag: 'wx', mode: 0o600 });
    await fs.chmod(tmp, stat ? stat.mode & 0o7777 : (options.mode ?? 0o666 & ~process.umask()));
    // Only root can give a file away; for others the new file's owner is already the writer.
    if (stat && typeof process.getuid === 'function' && process.getuid() === 0) await fs.chown(tmp, stat.uid, stat.gid);
    if (options.exclusive) await linkOrCreate(tmp, target, content);
    else await fs.rename(tmp, target);
  } finally {
    pending.delete(tmp);
    await fs.rm(tmp, { force: true });
  }
}

/** A device, pipe or socket: opened for writing as it is. A pipe nobody reads from is an error, not a hang. */
async function writeInPlace(file: string, target: string, content: string | Uint8Array): Promise<void> {
  const probe = await fs.open(target, constants.O_WRONLY | constants.O_NONBLOCK).catch((e: NodeJS.ErrnoException) => e);
  if (probe instanceof Error) {
    if (probe.code === 'ENXIO') throw new WriteError(file, 'it is a pipe or socket that nothing reads from');
    throw probe;
  }
  try {
    await fs.writeFile(target, content);
  } finally {
    await probe.close();
  }
}

/** A hard link fails when the file exists; where links are not supported, an exclusive create does the same. */
async function linkOrCreate(tmp: string, file: string, content: string | Uint8Array): Promise<void> {
  try {
    await fs.link(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
    await fs.writeFile(file, content, { flag: 'wx' });
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a folder in its path is a file',
  EISDIR: 'it is a folder',
  ENOENT: 'its folder does not exist',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'its symbolic links form a loop',
};

function asWriteError(file: string, e: unknown): Error {
  if (e instanceof WriteError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return e as Error;
  return new WriteError(file, code && REASONS[code] ? `${REASONS[code]} (${code})` : (code ?? String(e)));
}

/** Exit codes of a run stopped by a signal: 128 + the signal number, as a shell reports it. */
const SIGNAL_EXIT = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

function installSignalCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[])
    process.once(signal, () => {
      for (const tmp of pending) rmSync(tmp, { force: true });
      process.exit(SIGNAL_EXIT[signal]);
    });
}
