import * as path from 'node:path';
import type { ParamFileIR, ParamValue } from '../parse/ir.js';
import type { ParsedFile } from './files.js';

/** One deployment of a template: the parameter values of one parameters file (or of several `-p` files merged). */
export interface ParameterSet {
  /** How findings of this set only are introduced: the environment (`prod` for `net.parameters.prod.json`) or the file name. */
  label: string;
  parameters: ParamFileIR;
}

/**
 * The parameter sets of each template. Explicit `--parameters` files are one set, merged in order (a later
 * file's value wins, as `az deployment group create` does). Otherwise every parameters file that belongs
 * to the template is a set of its own: `<name>.parameters.json` and `<name>.parameters.<env>.json` beside
 * `<name>.json` or `<name>.bicep`, and any `.bicepparam` whose `using` names it. A template with none is
 * deployed with its defaults (no entry).
 */
export function parameterSets(
  templates: string[],
  allPaths: string[],
  explicit: ReadonlyMap<string, readonly string[]> | undefined,
  parse: (p: string) => ParsedFile | undefined,
  /** Compiled JSON → its Bicep source: the JSON's parameters files belong to the Bicep file too. */
  compiled: ReadonlyMap<string, string> = new Map(),
): Map<string, ParameterSet[]> {
  const candidates = new Map<string, string[]>();
  for (const p of [...allPaths].sort((a, b) => a.localeCompare(b)))
    for (const named of templatesFor(p, parse)) {
      const target = compiled.get(named) ?? named;
      const list = candidates.get(target) ?? [];
      if (!list.includes(p)) list.push(p);
      candidates.set(target, list);
    }
  const sets = new Map<string, ParameterSet[]>();
  for (const t of templates) {
    const given = explicit?.get(t);
    const files = (given ?? candidates.get(t) ?? []).map((p) => parse(p)?.parameters).filter((p): p is ParamFileIR => p !== undefined);
    if (!files.length) continue;
    sets.set(t, given ? [{ label: files.map((f) => setLabel(f.file.path)).join(' + '), parameters: mergeParameterFiles(files) }] : files.map((f) => ({ label: setLabel(f.file.path), parameters: f })));
  }
  return sets;
}

/** Parameters files applied in order: a later file's value for a parameter replaces an earlier one's. */
export function mergeParameterFiles(files: ParamFileIR[]): ParamFileIR {
  if (files.length === 1) return files[0];
  const values = new Map<string, ParamValue>();
  for (const f of files) for (const v of f.values) values.set(v.name.toLowerCase(), v);
  const last = files[files.length - 1];
  return { ...last, values: [...values.values()], problems: files.flatMap((f) => f.problems), comments: files.flatMap((f) => f.comments) };
}

/** `prod` for `net.parameters.prod.json` and `prod.bicepparam`, the file name for `net.parameters.json`. */
export function setLabel(p: string): string {
  const name = path.basename(p);
  const env = /\.parameters\.([^./\\]+)\.jsonc?$/i.exec(name)?.[1];
  if (env) return env;
  if (/\.bicepparam$/i.test(name)) return name.slice(0, -'.bicepparam'.length);
  return name;
}

/** The templates a parameters file may belong to, by name or by its `using` statement. */
export function templatesFor(p: string, parse: (p: string) => ParsedFile | undefined): string[] {
  if (/\.bicepparam$/i.test(p)) {
    const using = parse(p)?.parameters?.using;
    return using ? [path.normalize(path.join(path.dirname(p), using))] : [];
  }
  const m = /^(.*)\.parameters(?:\.[^./\\]+)?\.jsonc?$/i.exec(p);
  return m ? [`${m[1]}.json`, `${m[1]}.bicep`] : [];
}
