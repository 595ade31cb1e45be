import type { SourceFile } from './source.js';

/** A range of a source file, as UTF-16 offsets. Line and column are computed only at the edges. */
export interface Span {
  readonly file: SourceFile;
  readonly start: number;
  readonly end: number;
}

export function span(file: SourceFile, start: number, end: number): Span {
  return { file, start, end };
}

/**
 * A span whose offsets are computed on first use. Templates read with JSON.parse find their offsets only
 * when a finding needs them, which keeps files without findings as cheap as parsing them.
 */
export abstract class DeferredSpan implements Span {
  private offsets?: readonly [number, number];

  constructor(readonly file: SourceFile) {}

  protected abstract resolve(): readonly [number, number];

  get start(): number {
    return (this.offsets ??= this.resolve())[0];
  }

  get end(): number {
    return (this.offsets ??= this.resolve())[1];
  }
}

class ComputedSpan extends DeferredSpan {
  constructor(
    file: SourceFile,
    private readonly compute: () => readonly [number, number],
  ) {
    super(file);
  }

  protected resolve(): readonly [number, number] {
    return this.compute();
  }
}

export function lazySpan(file: SourceFile, resolve: () => readonly [number, number]): Span {
  return new ComputedSpan(file, resolve);
}

/** From the start of one span to the end of another, computed on first use. */
export function joinSpans(from: Span, to: Span): Span {
  return lazySpan(from.file, () => [from.start, to.end]);
}

/** 1-based line/column range, columns in UTF-16 code units, end column exclusive (SARIF convention). */
export interface LineColumnRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toLineColumn(s: Span): LineColumnRange {
  const a = s.file.position(s.start);
  const b = s.file.position(s.end);
  return { line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 };
}
