import type { VirtualFile } from './files.js';

/**
 * The revision `gwlint diff` compares with, as plain data: lint() evaluates it with the same engine as the
 * files it lints, and the change rules compare the two. Files it does not list are the same in both.
 */
export interface BaseRevision {
  /** How the user named the revision (`origin/HEAD`, a SHA), for messages. */
  label: string;
  /**
   * The base version of every file that differs: at the path the file has now (a renamed file at its new
   * path), or, for a file deleted since, at the path it had.
   */
  files: VirtualFile[];
  /** Paths of the files added since the base revision: they have no base version. */
  added: readonly string[];
  /** Paths of the files deleted since the base revision (among `files`). */
  deleted: readonly string[];
}
