import type { OutputStream } from './standard-output.js';

/** The formats a person reads in a terminal; a progress bar never mixes into the others. */
const HUMAN_FORMATS = new Set(['stylish', 'compact']);

export interface ProgressOptions {
  format: string;
  env: Record<string, string | undefined>;
  /** Milliseconds before the bar first shows: short runs never show one. */
  delayMs?: number;
  now?: () => number;
}

/**
 * A one-line progress bar on standard error, for long runs in a terminal: shown only when standard error
 * is a TTY, the report is in a human format, and the run has lasted `delayMs`; redrawn at most every
 * 50 ms and erased before the report is printed.
 */
export class Progress {
  private total = 0;
  private done = 0;
  private label = '';
  private startedAt = 0;
  private drawnAt = -Infinity;
  private visible = false;
  private readonly now: () => number;
  private readonly delayMs: number;

  private constructor(
    private readonly stream: OutputStream | undefined,
    options: ProgressOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.delayMs = options.delayMs ?? 500;
  }

  /** A progress bar on `stream` when the run is interactive, otherwise one that prints nothing. */
  static for(stream: OutputStream, options: ProgressOptions): Progress {
    const tty = stream.isTTY === true;
    const enabled = tty && HUMAN_FORMATS.has(options.format) && options.env.TERM !== 'dumb';
    return new Progress(enabled ? stream : undefined, options);
  }

  get enabled(): boolean {
    return this.stream !== undefined;
  }

  /** Starts a phase of `total` steps. */
  phase(label: string, total: number): void {
    if (this.startedAt === 0) this.startedAt = this.now();
    this.label = label;
    this.total = total;
    this.done = 0;
    this.draw();
  }

  tick(): void {
    this.done = Math.min(this.total, this.done + 1);
    this.draw();
  }

  /** Erases the bar, if it was shown. */
  finish(): void {
    if (this.visible) this.stream!.write('\r\x1b[K');
    this.visible = false;
  }

  private draw(): void {
    if (!this.stream) return;
    const now = this.now();
    if (now - this.startedAt < this.delayMs || now - this.drawnAt < 50) return;
    this.drawnAt = now;
    const width = 30;
    const filled = this.total ? Math.round((this.done / this.total) * width) : 0;
    this.stream.write(`\r\x1b[K${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${this.done}/${this.total} ${this.label}`);
    this.visible = true;
  }
}
