/** Path helpers that work on the virtual file names lint() receives, without touching the file system. */
import * as path from 'node:path';

export function basename(p: string): string {
  return path.basename(p);
}

export function resolveRelative(fromFile: string, relative: string): string {
  return path.normalize(path.join(path.dirname(fromFile), relative));
}
