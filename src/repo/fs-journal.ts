import { readdirSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';

/** What a folder entry is, as its listing says (symbolic links are not followed). */
export type EntryKind = 'file' | 'dir' | 'link' | 'other';

export interface WalkEntry {
  name: string;
  kind: EntryKind;
}

/** A folder's entries sorted by name; undefined when it is not a folder or cannot be read. */
export function readListing(dir: string): WalkEntry[] | undefined {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .map((d) => ({ name: d.name, kind: kindOf(d) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return undefined;
  }
}

/** What a listing entry or an lstat says a path is. */
export function kindOf(d: Dirent | Stats): EntryKind {
  return d.isFile() ? 'file' : d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'link' : 'other';
}

/**
 * The file-system questions a command-line run asked and the answers it got: the folders whose listing it
 * used, the paths whose existence it asked about, and the files whose text it used. A later run checks those
 * answers with one system call each and, when all still hold, answers as this run did (see recorded-run.ts).
 */
export class FsJournal {
  /** Folders whose whole listing the run used, with that listing. */
  readonly listings = new Map<string, readonly WalkEntry[] | undefined>();
  /** Paths whose existence and kind the run used (links not followed): undefined when absent. */
  readonly probes = new Map<string, EntryKind | undefined>();
  /** Files whose text the run used, with the SHA-256 of that text (worked out only when needed). */
  readonly texts = new Map<string, () => string>();
  /**
   * Each folder's and file's stat, taken before the run read it: a change made while the run went on then
   * shows in the next stat, whatever the file's new modification time says.
   */
  readonly stats = new Map<string, Stats | undefined>();
  /** Why a later run cannot be answered from this journal, when it cannot (a symbolic link was followed). */
  unanswerable?: string;

  listed(dir: string, entries: readonly WalkEntry[] | undefined): void {
    this.listings.set(dir, entries);
  }

  probed(p: string, kind: EntryKind | undefined): void {
    // A link's answers depend on where it leads, which no stat of the link itself tells: not recorded.
    if (kind === 'link' || kind === 'other') this.unanswerable ??= `${p} is a symbolic link or special file`;
    this.probes.set(p, kind);
  }

  read(p: string, hash: () => string): void {
    this.texts.set(p, hash);
  }

  /** Takes the stat of a folder or file about to be read (once: the first read is the one that counts). */
  willRead(p: string, stat?: Stats): void {
    if (!this.stats.has(p)) this.stats.set(p, stat ?? statSync(p, { throwIfNoEntry: false }));
  }
}
