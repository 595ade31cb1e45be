/** What the repository index tells lint() about the linted files, as plain data (it crosses worker threads). */
export interface RepositoryContext {
  /**
   * [template, sibling]: root templates of the repository that declare or refer to resources the
   * template declares or refers to. They are evaluated with it, so that resources join across files.
   */
  siblings?: readonly (readonly [string, string])[];
  /** [module or linked template, root template that deploys it, directly or through other templates]. */
  callers?: readonly (readonly [string, string])[];
  /** Modules with more callers than are evaluated one by one: their direct callers, merged into one evaluation. */
  merged?: readonly MergedCalls[];
}

/** The direct callers of a module whose calls are merged into one evaluation (see mergedParameters). */
export interface MergedCalls {
  file: string;
  callers: readonly string[];
  /** False when the module has more direct callers than are read: their values are unknown. */
  complete: boolean;
}

/** Distinct calls evaluated one by one for a module; with more callers, the calls are also merged into one evaluation. */
export const MAX_CALLERS = 8;
/** Direct callers read for the merged evaluation; beyond them, every value a caller passes is unknown. */
export const MAX_MERGED_CALLERS = 64;

export interface RepositoryLookup {
  siblings: Map<string, string[]>;
  callers: Map<string, string[]>;
  merged: Map<string, MergedCalls>;
}

export function repositoryContext(context: RepositoryContext | undefined): RepositoryLookup {
  const group = (pairs: readonly (readonly [string, string])[] = []) => {
    const out = new Map<string, string[]>();
    for (const [a, b] of pairs) out.set(a, [...(out.get(a) ?? []), b]);
    return out;
  };
  return { siblings: group(context?.siblings), callers: group(context?.callers), merged: new Map((context?.merged ?? []).map((m) => [m.file, m])) };
}
