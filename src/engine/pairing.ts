import * as path from 'node:path';
import type { ParsedFile } from './files.js';

/**
 * Pairs templates with their parameter files: explicit `--parameters` first, then `.bicepparam` files by
 * their `using` path, then `<name>.parameters.json` (or `<name>.parameters.<env>.json`) beside `<name>.json`
 * or `<name>.bicep`. When several files match, the plain `<name>.parameters.json` wins, then the first by name.
 */
export function pairParameterFiles(
  templates: string[],
  allPaths: string[],
  explicit: ReadonlyMap<string, string> | undefined,
  parse: (p: string) => ParsedFile | undefined,
): Map<string, ParsedFile> {
  const pairs = new Map<string, ParsedFile>();
  const candidates = new Map<string, string[]>();
  // Plain `<name>.parameters.json` sorts before `<name>.parameters.<env>.json`.
  const ordered = [...allPaths].sort((a, b) => Number(!isPlain(a)) - Number(!isPlain(b)) || a.localeCompare(b));
  for (const p of ordered)
    for (const target of templatesFor(p, parse)) {
      const list = candidates.get(target) ?? [];
      list.push(p);
      candidates.set(target, list);
    }
  for (const t of templates) {
    const chosen = explicit?.get(t) ?? candidates.get(t)?.[0];
    const parsed = chosen ? parse(chosen) : undefined;
    if (parsed?.parameters) pairs.set(t, parsed);
  }
  return pairs;
}

function isPlain(p: string): boolean {
  return /\.parameters\.jsonc?$/i.test(p);
}

/** The templates a parameters file may belong to, by name or by its `using` statement. */
function templatesFor(p: string, parse: (p: string) => ParsedFile | undefined): string[] {
  if (/\.bicepparam$/i.test(p)) {
    const using = parse(p)?.parameters?.using;
    return using ? [path.normalize(path.join(path.dirname(p), using))] : [];
  }
  const m = /^(.*)\.parameters(?:\.[^./\\]+)?\.jsonc?$/i.exec(p);
  return m ? [`${m[1]}.json`, `${m[1]}.bicep`] : [];
}
