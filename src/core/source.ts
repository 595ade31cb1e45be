/** What gives a text when asked for it, such as a file read only then. */
export interface TextHolder {
  readonly text: string;
}

/** A file's text with a lazily built line index. Offsets are UTF-16 code units (JS string indices). */
export class SourceFile {
  private lineStarts?: number[];
  #text: string | undefined;
  #holder: TextHolder | undefined;

  /** `text` may be held by something that reads it when first asked for: a result's files that nothing shows are never read. */
  constructor(
    readonly path: string,
    text: string | TextHolder,
  ) {
    if (typeof text === 'string') this.#text = text;
    else this.#holder = text;
  }

  get text(): string {
    if (this.#text === undefined) {
      this.#text = this.#holder!.text;
      this.#holder = undefined;
    }
    return this.#text;
  }

  /** 0-based line and UTF-16 column of an offset. */
  position(offset: number): { line: number; character: number } {
    const starts = this.getLineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - starts[lo] };
  }

  /** Offset of a 0-based line and character (clamped to the file). */
  offsetAt(line: number, character: number): number {
    const starts = this.getLineStarts();
    if (line < 0) return 0;
    if (line >= starts.length) return this.text.length;
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : this.text.length;
    return Math.min(starts[line] + Math.max(0, character), lineEnd);
  }

  get lineCount(): number {
    return this.getLineStarts().length;
  }

  private getLineStarts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      // Most files end their lines with \n alone: the native search is several times faster than a loop.
      if (!text.includes('\r')) {
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      } else {
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c === 10) starts.push(i + 1);
          else if (c === 13) {
            if (text.charCodeAt(i + 1) === 10) i++;
            starts.push(i + 1);
          }
        }
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}
