import type { VirtualFile } from '../engine/files.js';

/** Files that can be linted apart from the rest of a run: no module, parameters file or sibling is shared. */
export interface WorkGroup {
  files: VirtualFile[];
  context: VirtualFile[];
}

/**
 * Splits a run into independent groups: the connected components of "uses" links (modules, linked
 * templates, parameter files, templates beside each other). Linting each group alone gives exactly the
 * findings of linting everything at once, so groups can run in parallel and be cached one by one.
 */
export function groupWork(files: VirtualFile[], context: VirtualFile[], links: ReadonlyMap<string, readonly string[]>): WorkGroup[] {
  const all = new Map([...files, ...context].map((f) => [f.path, f]));
  const parent = new Map<string, string>();
  const find = (p: string): string => {
    let root = p;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let q = p; q !== root; ) {
      const next = parent.get(q)!;
      parent.set(q, root);
      q = next;
    }
    return root;
  };
  for (const p of all.keys()) parent.set(p, p);
  for (const [from, tos] of links) for (const to of tos) if (all.has(from) && all.has(to)) parent.set(find(from), find(to));
  const groups = new Map<string, WorkGroup>();
  const group = (p: string) => {
    const root = find(p);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { files: [], context: [] }));
    return g;
  };
  for (const f of files) group(f.path).files.push(f);
  for (const f of context) if (groups.has(find(f.path))) group(f.path).context.push(f);
  return [...groups.values()];
}
