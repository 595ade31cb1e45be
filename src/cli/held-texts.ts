import type { VirtualFile } from '../engine/files.js';

/**
 * The texts of a run's files, kept while they all fit a budget, and read again when asked for if they do not.
 * A file's text is needed to index it, to lint it and to show its findings' lines, at different moments of a
 * run; keeping every text from the first read to the report made memory grow with the size of the tree (95
 * MB more for each copy of a 20 MB corpus).
 *
 * The files are read for the index in one order and linted in about the same order, so letting the least
 * recently used text go for each new one would let go of each text just before it is needed. Texts are held
 * until the first one that does not fit: then every text is let go, and none is held after it (see
 * overflow). Only the last text read (or read again) is kept beside the budget, for the questions that follow
 * about the same file (it is read, then indexed).
 */
export class HeldTexts {
  private chars = 0;
  /** The texts held within the budget, until the first that does not fit lets go of them all. */
  private readonly held = new Set<HeldFile>();
  private overflowed = false;
  /** The file read again last: it keeps its text until another is read again. */
  private recent?: HeldFile;

  /**
   * `reread` reads a file again; it is all a held file keeps of how it was read. The budget is 24 M
   * characters: a tree of up to that much text is read once. On the perf corpus (19.7 MB), against 8 M: the
   * command line 997 → 952 ms, its peak 122 → 129 MB.
   */
  constructor(
    private readonly reread: (path: string) => VirtualFile,
    private readonly budget = 24 * 1024 * 1024,
  ) {}

  /** A file just read, its text held from now on if it fits; a file that could not be read is returned as it is. */
  hold(file: VirtualFile): VirtualFile {
    if (file.readError) return file;
    const held = new HeldFile(file.path, file.text.length, this);
    if (!this.overflowed && this.chars + file.text.length <= this.budget) {
      held.keep(file.text);
      this.held.add(held);
      this.chars += file.text.length;
      return held;
    }
    this.overflow();
    this.keepRecent(held, file.text);
    return held;
  }

  /**
   * The run's texts do not all fit: none is held from here on, and those held are let go. Holding the first
   * 24 M characters of five copies of the perf corpus saved no time, and what is held is live at every full
   * collection until linted, and V8 sets the heap's next limit from what is live then: the peak was 159-161
   * MB with them held, 140-142 MB without (one copy: 132-133 MB).
   */
  private overflow(): void {
    if (this.overflowed) return;
    this.overflowed = true;
    for (const file of this.held) file.letGo();
    this.held.clear();
    this.chars = 0;
  }

  /** A file whose text is needed no more: let go, and its share of the budget with it (when it was held within it). */
  release(file: HeldFile): void {
    if (this.held.delete(file)) this.chars -= file.length;
    if (this.recent === file) this.recent = undefined;
    file.letGo();
  }

  /** The text of a file not held: read again (empty if it can no longer be read, as when it was deleted since). */
  readAgain(file: HeldFile): string {
    const again = this.reread(file.path);
    const text = again.readError ? '' : again.text;
    this.keepRecent(file, text);
    return text;
  }

  /** A text beside the budget, until the next one: what is asked about a file comes in a run of questions. */
  private keepRecent(file: HeldFile, text: string): void {
    this.recent?.letGo();
    this.recent = file;
    file.keep(text);
  }
}

/**
 * A file read by HeldTexts: its text, while held, or read again. Its state is private (#): a copy made by
 * spreading it (`{ ...file, text }`, as for a worker thread) takes its path only.
 */
class HeldFile implements VirtualFile {
  #kept: string | undefined;
  readonly #texts: HeldTexts;

  constructor(
    readonly path: string,
    /** The length of the text first read. */
    readonly length: number,
    texts: HeldTexts,
  ) {
    this.#texts = texts;
  }

  get text(): string {
    return this.#kept ?? this.#texts.readAgain(this);
  }

  keep(text: string): void {
    this.#kept = text;
  }

  keptText(): string | undefined {
    return this.#kept;
  }

  letGo(): void {
    this.#kept = undefined;
  }

  release(): void {
    this.#texts.release(this);
  }
}

/**
 * A file's text if it is at hand, undefined when it would have to be read again: a worker thread reads such
 * a file itself rather than be sent its text (see packBatch).
 */
export function textAtHand(file: VirtualFile): string | undefined {
  return file instanceof HeldFile ? file.keptText() : file.text;
}

/**
 * Lets go of the text of a file whose results are final: a finding's file keeps its text with the finding,
 * and the others' texts are needed no more (read again if asked for). Files not read by HeldTexts keep theirs.
 */
export function releaseText(file: VirtualFile): void {
  if (file instanceof HeldFile) file.release();
}
