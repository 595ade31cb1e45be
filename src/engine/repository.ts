/** What the repository index tells lint() about the linted files, as plain data (it crosses worker threads). */
export interface RepositoryContext {
  /**
   * [template, sibling]: root templates of the repository that declare or refer to resources the
   * template declares or refers to. They are evaluated with it, so that resources join across files.
   */
  siblings?: readonly (readonly [string, string])[];
  /** [module or linked template, root template that deploys it, directly or through other templates]. */
  callers?: readonly (readonly [string, string])[];
}

/** Distinct calls evaluated for one module; further callers are left out (the module's findings stay those of the first). */
export const MAX_CALLERS = 8;

export interface RepositoryLookup {
  siblings: Map<string, string[]>;
  callers: Map<string, string[]>;
}

export function repositoryContext(context: RepositoryContext | undefined): RepositoryLookup {
  const group = (pairs: readonly (readonly [string, string])[] = []) => {
    const out = new Map<string, string[]>();
    for (const [a, b] of pairs) out.set(a, [...(out.get(a) ?? []), b]);
    return out;
  };
  return { siblings: group(context?.siblings), callers: group(context?.callers) };
}
