/**
 * Answers cached on the object they are about (a model, its network view), each under its own key. Not in
 * module-level WeakMaps: V8's young-generation collections keep alive a WeakMap entry whose value refers
 * back to its key, so each model and everything it pointed to outlived them and was copied to the old
 * generation (most of the garbage collector's time when linting many small templates).
 */
export class Memo {
  private readonly answers = new Map<MemoKey<unknown>, unknown>();

  get<T>(key: MemoKey<T>, compute: () => T): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const answer = compute();
    this.answers.set(key, answer);
    return answer;
  }
}

/** What one kind of answer is cached under: made once per kind, at module level. */
export interface MemoKey<T> {
  readonly name: string;
  /** Only for the type of the answer. */
  readonly type?: T;
}

export function memoKey<T>(name: string): MemoKey<T> {
  return { name };
}
