import type { VirtualFile } from '../engine/files.js';

/**
 * The texts of a run's files, kept while they fit a budget: the least recently used is let go first, and
 * read again should it be asked for once more. A file's text is needed to index it, to lint it and to show
 * its findings' lines, at different moments of a run; keeping every text from the first read to the report
 * made memory grow with the size of the tree (95 MB more for each copy of a 20 MB corpus).
 */
export class HeldTexts {
  /** The files holding their text, least recently used first. */
  private readonly held = new Set<HeldFile>();
  private chars = 0;

  /** `reread` reads a file again; it is all a held file keeps of how it was read. */
  constructor(
    private readonly reread: (path: string) => VirtualFile,
    private readonly budget = 16 * 1024 * 1024,
  ) {}

  /** A file just read, its text held from now on; a file that could not be read is returned as it is. */
  hold(file: VirtualFile): VirtualFile {
    if (file.readError) return file;
    const held = new HeldFile(file.path, file.text.length, this);
    this.keep(held, file.text);
    return held;
  }

  /** The text of a file let go: read again (empty if it can no longer be read, as when it was deleted since). */
  readAgain(file: HeldFile): string {
    const again = this.reread(file.path);
    const text = again.readError ? '' : again.text;
    this.keep(file, text);
    return text;
  }

  /** Marks a file as just used. */
  used(file: HeldFile): void {
    this.held.delete(file);
    this.held.add(file);
  }

  private keep(file: HeldFile, text: string): void {
    file.keep(text);
    this.held.add(file);
    this.chars += text.length;
    for (const oldest of this.held) {
      if (this.chars <= this.budget || oldest === file) break;
      this.held.delete(oldest);
      this.chars -= oldest.letGo();
    }
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
    if (this.#kept === undefined) return this.#texts.readAgain(this);
    this.#texts.used(this);
    return this.#kept;
  }

  keep(text: string): void {
    this.#kept = text;
  }

  /** Drops the text; returns its length. */
  letGo(): number {
    const length = this.#kept?.length ?? 0;
    this.#kept = undefined;
    return length;
  }
}
