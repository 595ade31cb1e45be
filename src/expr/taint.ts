import type { Value } from './value.js';
import { isObjectValue, Unknown } from './value.js';

/** Strings and containers looked at per value when a call's arguments are checked or its result recorded. */
const MAX_WALK = 2_000;
/** Derived strings shorter than this are not recorded: one or two characters tell little, and masking every quoted 'a' would hide ordinary words. */
const MIN_DERIVED_LENGTH = 3;

/**
 * Which evaluated values come from a secret. Strings are JavaScript primitives and carry no mark, so the
 * record is by value: the strings of secure parameters (marked where a parameter is resolved), and every
 * string a template function or an interpolation computes from a marked argument (`substring()`,
 * `toLower()`, `split()`, `base64()`, `uniqueString()`, `json()`, … and whatever functions come later:
 * the rule is the derivation, not a list). Arrays and objects built from a marked argument are marked
 * too, so a value picked from them later (`first(split(secret, '-'))`) is still known as derived.
 *
 * A computed string that holds a marked argument as it is (`concat()`, `format()`, `resourceId()`, an
 * interpolation) is a carrier: masking finds the secret inside it, so the rest of the text (a resource
 * id's path) stays readable, and what is computed from it in turn is derived. A result that equals an
 * argument as written is neither (`createArray(secret, 'x')` does not make 'x' secret).
 */
export class SecretTaint {
  /** Secrets and the strings derived from them: what output masks. */
  private readonly strings = new Set<string>();
  /** Strings that hold a secret or derived string as it is. */
  private readonly carriers = new Set<string>();
  private readonly containers = new WeakSet<object>();

  /** The secrets and the strings derived from them, recorded so far. */
  values(): IterableIterator<string> {
    return this.strings.values();
  }

  /** Marks a secret value (a secure parameter's): its strings, and the arrays and objects that hold them. */
  source(value: Value): void {
    walk(
      value,
      (s) => {
        if (s.trim().length >= MIN_DERIVED_LENGTH) this.strings.add(s);
      },
      (c) => this.containers.add(c),
    );
  }

  /** Records the result of a computation (a call, an interpolation) as derived when one of its inputs is marked. */
  derive(inputs: readonly Value[], result: Value): void {
    if (this.strings.size === 0 || !inputs.some((a) => this.marked(a))) return;
    const written = new Set<string>();
    const markedInputs: string[] = [];
    for (const a of inputs)
      walk(a, (s) => {
        written.add(s);
        if (this.isMarkedString(s)) markedInputs.push(s);
      });
    walk(
      result,
      (s) => {
        if (s.trim().length < MIN_DERIVED_LENGTH || written.has(s)) return;
        (markedInputs.some((m) => s.includes(m)) ? this.carriers : this.strings).add(s);
      },
      (c) => this.containers.add(c),
    );
  }

  private isMarkedString(s: string): boolean {
    return this.strings.has(s) || this.carriers.has(s);
  }

  private marked(value: Value): boolean {
    if (typeof value === 'string') return this.isMarkedString(value);
    let found = false;
    walk(
      value,
      (s) => (found ||= this.isMarkedString(s)),
      (c) => (found ||= this.containers.has(c)),
    );
    return found;
  }
}

/** Visits the strings and containers of a value (each container once, at most MAX_WALK steps). */
function walk(value: Value, onString: (s: string) => void, onContainer?: (c: object) => void): void {
  const stack: Value[] = [value];
  const seen = new Set<object>();
  for (let steps = 0; stack.length && steps < MAX_WALK; steps++) {
    const v = stack.pop()!;
    if (typeof v === 'string') onString(v);
    else if (v instanceof Unknown) {
      for (const p of v.parts ?? []) stack.push(p);
    } else if ((Array.isArray(v) || isObjectValue(v)) && !seen.has(v)) {
      seen.add(v);
      onContainer?.(v);
      for (const item of Array.isArray(v) ? v : Object.values(v)) if (stack.length < MAX_WALK) stack.push(item);
    }
  }
}
