import { promises as fs, rmSync } from 'node:fs';
import * as path from 'node:path';

const pending = new Set<string>();
let handlersInstalled = false;

/** Writes a file atomically: a temporary file beside it, then a rename. An interrupted run leaves no partial file. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  installSignalCleanup();
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  pending.add(tmp);
  try {
    await fs.writeFile(tmp, text, 'utf8');
    await fs.rename(tmp, file);
  } finally {
    pending.delete(tmp);
    await fs.rm(tmp, { force: true });
  }
}

function installSignalCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      for (const tmp of pending) rmSync(tmp, { force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
}
