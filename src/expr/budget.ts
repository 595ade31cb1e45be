import type { Span } from '../core/span.js';

/** Work limits for one file, so that hostile or broken templates cannot hang or exhaust memory. */
export interface BudgetLimits {
  /** Expression nodes evaluated, over the whole file. */
  steps: number;
  /** Longest string or array an evaluation may build. */
  maxLength: number;
  /** Largest copy / loop count that is expanded; larger counts are Unknown. */
  copyCount: number;
  /** Deepest nesting of expression evaluation (nested values, variables, functions, deployments). */
  depth: number;
  /** Longest file (in characters) that is parsed and linted; longer files are reported, not read. */
  fileSize?: number;
}

export const DEFAULT_LIMITS: Required<BudgetLimits> = {
  steps: 2_000_000,
  maxLength: 1_000_000,
  copyCount: 800,
  depth: 400,
  // ARM itself refuses templates over 4 MB; compiled or generated ones reach 20 MB, and linting one that
  // large takes a few seconds. Beyond this, a file is reported rather than read.
  fileSize: 32 * 1024 * 1024,
};

export interface LimitHit {
  kind: 'steps' | 'length' | 'copy' | 'depth' | 'cycle';
  message: string;
  /** The expression being evaluated when the limit was hit. */
  at?: Span;
}

export class Budget {
  private steps: number;
  /** Every distinct limit hit, in order; the engine turns them into `eval-limit` diagnostics. */
  readonly hits: LimitHit[] = [];

  constructor(readonly limits: BudgetLimits = DEFAULT_LIMITS) {
    this.steps = limits.steps;
  }

  /** Charges evaluation work; false once the step budget is spent. `at` is the work charged for, when known. */
  charge(n = 1, at?: Span): boolean {
    this.steps -= n;
    if (this.steps >= 0) return true;
    if (this.steps + n >= 0) this.hit('steps', `evaluation stopped after ${this.limits.steps} steps`, at ?? this.at);
    return false;
  }

  /** Current evaluation nesting, maintained by the evaluator. */
  depthNow = 0;
  /**
   * The expression under evaluation, maintained by the evaluator, so that a limit hit has a location. Its
   * span is read only for a hit: a JSON node's span is made when first read, and most are never needed.
   */
  current?: { readonly span: Span };

  get at(): Span | undefined {
    return this.current?.span;
  }

  /** Steps charged so far: how much evaluation a file took. */
  get used(): number {
    return this.limits.steps - this.steps;
  }

  get exhausted(): boolean {
    return this.steps < 0;
  }

  /** False (and records the hit) when a string or array of this length is too long to build. */
  allowLength(length: number): boolean {
    if (length <= this.limits.maxLength) return true;
    this.hit('length', `a value of ${length} characters or items exceeds the limit of ${this.limits.maxLength}`);
    return false;
  }

  /** False (and records the hit) when a loop of `count` instances is too large to expand; `at` is the count. */
  allowCopy(count: number, at?: Span): boolean {
    if (count <= this.limits.copyCount) return true;
    this.hit('copy', `a loop of ${count} instances exceeds the expansion limit of ${this.limits.copyCount}`, at);
    return false;
  }

  /** Records a limit hit once, at `at` (by default the expression under evaluation). */
  hit(kind: LimitHit['kind'], message: string, at: Span | undefined = this.at): void {
    if (!this.hits.some((h) => h.kind === kind && h.message === message)) this.hits.push({ kind, message, at });
  }
}
