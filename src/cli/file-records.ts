import { nodeCrypto } from '../core/crypto.js';
import { statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import type { VirtualFile } from '../engine/files.js';
import type { FileFacts, ReadFile } from '../repo/file-facts.js';
import type { FsJournal } from '../repo/fs-journal.js';

/** What the result cache remembers of a file it read: enough to know it unchanged without reading it. */
export interface FileRecord {
  size: number;
  mtimeMs: number;
  /** The change time and inode too: a file given back its size and modification time (`touch -d`, `cp -p`) still differs. */
  ctimeMs: number;
  ino: number;
  /** SHA-256 of the text: the result cache's entries depend on it. */
  hash: string;
  /** When the text was hashed (ms since the epoch, the start of that run). */
  hashedAt: number;
  /** Answers about the text (see FileFacts.derive), by question. */
  facts: Record<string, unknown>;
}

/**
 * A file is known unchanged by its size and modification time only when it was last modified this long
 * before its text was hashed: file systems with coarse timestamps (2 s on FAT) could otherwise give a
 * change made just after the read the same time and size (Git's "racily clean" entries).
 */
const RACY_MS = 2000;

/**
 * The files of a `--cache` run, read through the records of earlier runs: a file with the size and
 * modification time of its record is not read (its text is read only if linting or a report needs it), and
 * its recorded hash and facts stand. Any other file is read and hashed, and its facts are computed anew.
 */
export class RecordedFiles implements FileFacts {
  /** The records of the files this run met. */
  private readonly seen = new Map<string, FileRecord>();
  private changedRecords = false;

  constructor(
    private readonly previous: ReadonlyMap<string, FileRecord>,
    private readonly readFile: ReadFile,
    /** A keyed hash (the cache's key): names are kept only as that, equal for equal names. */
    readonly conceal: (name: string) => string,
    /** Notes the files read, with the hash of the text that stands for each (see FsJournal). */
    private readonly journal?: FsJournal,
    private readonly startedAt = Date.now(),
  ) {}

  read(p: string, scanOnly?: boolean): VirtualFile {
    const stat = statSync(p, { throwIfNoEntry: false });
    this.journal?.willRead(p, stat);
    const file = this.readRecorded(p, stat, scanOnly);
    this.journal?.read(p, () => this.hashOf(file));
    return file;
  }

  private readRecorded(p: string, stat: Stats | undefined, scanOnly?: boolean): VirtualFile {
    const before = this.previous.get(p);
    const record = this.seen.get(p) ?? (before && before.mtimeMs < before.hashedAt - RACY_MS ? before : undefined);
    if (record && stat?.isFile() && record.size === stat.size && record.mtimeMs === stat.mtimeMs && record.ctimeMs === stat.ctimeMs && record.ino === stat.ino) {
      this.seen.set(p, record);
      return unreadFile(p, this.readFile);
    }
    const file = this.readFile(p, scanOnly);
    if (file.readError || !stat) return file;
    const hash = hashText(file.text);
    // The same text keeps its facts.
    const made: FileRecord = { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, hash, hashedAt: this.startedAt, facts: before?.hash === hash ? before.facts : {} };
    this.seen.set(p, made);
    this.changedRecords = true;
    return file;
  }

  derive<T>(file: VirtualFile, question: string, compute: (file: VirtualFile) => T): T {
    const record = this.seen.get(file.path);
    if (!record) return compute(file);
    if (Object.hasOwn(record.facts, question)) return record.facts[question] as T;
    const answer = compute(file);
    record.facts = { ...record.facts, [question]: answer };
    this.changedRecords = true;
    return answer;
  }

  /** The hash of a file's text: its record's, or computed from the text of a file read outside this run's records. */
  hashOf(file: VirtualFile): string {
    return this.seen.get(file.path)?.hash ?? hashText(file.text);
  }

  /** True when this run made a record the earlier runs did not have. */
  get changed(): boolean {
    return this.changedRecords;
  }

  /** Whether this run met the file. */
  met(p: string): boolean {
    return this.seen.has(p);
  }

  /** The records to keep: this run's, and those of earlier runs for files this run did not meet that `keep` accepts. */
  records(keep: (path: string) => boolean): { records: Record<string, FileRecord>; dropped: boolean } {
    const records: Record<string, FileRecord> = {};
    let dropped = false;
    for (const [p, record] of this.previous)
      if (this.seen.has(p)) continue;
      else if (keep(p)) records[p] = record;
      else dropped = true;
    for (const [p, record] of this.seen) records[p] = record;
    return { records, dropped };
  }
}

function hashText(text: string): string {
  return nodeCrypto().createHash('sha256').update(text).digest('hex');
}

/** A file known unchanged: its text is read when first asked for (to lint it, or to show a finding's line). */
function unreadFile(p: string, readFile: (path: string) => VirtualFile): VirtualFile {
  return new UnreadFile(p, readFile);
}

/**
 * A class, not an object literal with a getter: what such a literal points to outlived young-generation
 * collections. Private fields, so that spreading it (`{ ...file, text }`, for a worker thread) takes its path only.
 */
class UnreadFile implements VirtualFile {
  // The file read is kept, not its text: `readFile` decides how long a text is held.
  #file?: VirtualFile;
  readonly #readFile: (path: string) => VirtualFile;

  constructor(
    readonly path: string,
    readFile: (path: string) => VirtualFile,
  ) {
    this.#readFile = readFile;
  }

  get text(): string {
    return (this.#file ??= this.#readFile(this.path)).text;
  }
}
