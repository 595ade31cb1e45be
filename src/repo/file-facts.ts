import type { VirtualFile } from '../engine/files.js';

/**
 * How the repository index and the context look-ups read files and what they learn from their text. The
 * command line's `--cache` answers both for files whose size and modification time are unchanged, without
 * reading them; otherwise each file is read and each answer computed.
 */
/**
 * Reads a file. `scanOnly`: the text is only scanned (the repository index reads every template for a few
 * questions), so a reader that keeps texts for later need not keep this one.
 */
export type ReadFile = (path: string, scanOnly?: boolean) => VirtualFile;

export interface FileFacts {
  read: ReadFile;
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

/**
 * Facts read afresh, each answer computed once per file read: a text that is not held (see HeldTexts) would
 * be read again for each question asked of it.
 */
export function directFacts(read: ReadFile): FileFacts {
  // One table per question (a handful), not one per file: a Map per file cost about 400 bytes each.
  const answers = new Map<string, WeakMap<VirtualFile, unknown>>();
  return {
    read,
    derive<T>(file: VirtualFile, question: string, compute: (file: VirtualFile) => T): T {
      let known = answers.get(question);
      if (!known) answers.set(question, (known = new WeakMap()));
      if (known.has(file)) return known.get(file) as T;
      const answer = compute(file);
      known.set(file, answer);
      return answer;
    },
    conceal: (name) => name,
  };
}
