import type { VirtualFile } from '../engine/files.js';

/**
 * How the repository index and the context look-ups read files and what they learn from their text. The
 * command line's `--cache` answers both for files whose size and modification time are unchanged, without
 * reading them; otherwise each file is read and each answer computed.
 */
export interface FileFacts {
  read(path: string): VirtualFile;
  /**
   * `compute(file)`, or the answer remembered for this unchanged file. `question` names what is asked (one
   * name per function); answers are plain JSON data and are shared, never to be changed.
   */
  derive<T>(file: VirtualFile, question: string, compute: (file: VirtualFile) => T): T;
  /**
   * What an answer holds in place of a name read from a file, when only equality matters: a name may be
   * a secret (a secure parameter's default), and the cache holds no secret. Equal names, equal stand-ins.
   */
  conceal(name: string): string;
}

/** Facts read and computed afresh each time. */
export function directFacts(read: (path: string) => VirtualFile): FileFacts {
  return { read, derive: (file, _question, compute) => compute(file), conceal: (name) => name };
}
