import { promises as fs, rmSync } from 'node:fs';
import * as path from 'node:path';

const pending = new Set<string>();
let handlersInstalled = false;

export interface WriteOptions {
  /** Permission bits of the written file (a fixed file keeps its own). */
  mode?: number;
  /** Fail with EEXIST instead of replacing a file that exists. */
  exclusive?: boolean;
}

/**
 * Writes a file atomically: a temporary file beside it, then a rename (or, with `exclusive`, a hard link,
 * which fails when the file exists). An interrupted run leaves no partial file.
 */
export async function writeFileAtomic(file: string, content: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  installSignalCleanup();
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  pending.add(tmp);
  try {
    await fs.writeFile(tmp, content, typeof content === 'string' ? 'utf8' : undefined);
    if (options.mode !== undefined) await fs.chmod(tmp, options.mode);
    if (options.exclusive) await linkOrCreate(tmp, file, content);
    else await fs.rename(tmp, file);
  } finally {
    pending.delete(tmp);
    await fs.rm(tmp, { force: true });
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
