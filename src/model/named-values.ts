import type { Budget } from '../expr/budget.js';
import type { Value } from '../expr/value.js';
import { Unknown } from '../expr/value.js';

/**
 * Parameters or variables, each evaluated once, on first use. A value whose evaluation asks for itself is a
 * cycle: reported as an evaluation limit and unknown, never a stack overflow.
 */
export class NamedValues {
  private readonly values = new Map<string, Value>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly budget: Budget,
    /** How messages call these values: `parameter`, `variable`. */
    private readonly kind: string,
  ) {}

  /** The value of `name` (case-insensitive), computed by `compute` the first time. */
  get(name: string, compute: () => Value): Value {
    const key = name.toLowerCase();
    const hit = this.values.get(key);
    if (hit !== undefined) return hit;
    if (this.evaluating.has(key)) {
      this.budget.hit('cycle', `${this.kind} '${name}' refers to itself`);
      return new Unknown('cycle', undefined, true);
    }
    this.evaluating.add(key);
    try {
      const value = compute();
      this.values.set(key, value);
      return value;
    } finally {
      this.evaluating.delete(key);
    }
  }
}
