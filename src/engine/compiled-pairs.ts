import * as path from 'node:path';
import { literalString } from '../expr/ast.js';
import type { ResourceDecl, TemplateIR } from '../parse/ir.js';
import type { ParsedFile, VirtualFile } from './files.js';

/**
 * Recognises ARM JSON compiled from a Bicep file. `metadata._generator.name` says the JSON came from
 * Bicep, but not from which file, and its name need not match (`azuredeploy.json`, `main.json`,
 * `main.symbolicnames.json`). The JSON is the compilation of a `.bicep` file in the same folder when
 * both declare the same parameters and outputs (names, regardless of case) and deploy the same kinds of
 * resources (the last segment of each type, nested declarations included, modules as deployments,
 * `existing` ones left out): what compilation keeps, whatever the file names.
 */
export function isCompiledFrom(json: TemplateIR, bicep: TemplateIR): boolean {
  if (json.generator?.toLowerCase() !== 'bicep' || bicep.language !== 'bicep') return false;
  if (path.dirname(json.file.path) !== path.dirname(bicep.file.path)) return false;
  return signature(json) === signature(bicep);
}

const GENERATED_BY_BICEP = /"_generator"\s*:\s*\{\s*"name"\s*:\s*"bicep"/i;

/** The compiled JSON files among `files` whose Bicep source is one of `bicepFiles`: JSON path → Bicep path. */
export function compiledPairs(bicepFiles: readonly ParsedFile[], files: ReadonlyMap<string, VirtualFile>, parse: (p: string) => ParsedFile | undefined): Map<string, string> {
  const pairs = new Map<string, string>();
  const byFolder = new Map<string, TemplateIR[]>();
  for (const b of bicepFiles) {
    const t = b.template;
    if (!t || t.language !== 'bicep') continue;
    const dir = path.dirname(t.file.path);
    byFolder.set(dir, [...(byFolder.get(dir) ?? []), t]);
  }
  if (!byFolder.size) return pairs;
  for (const [p, file] of files) {
    const sources = /\.jsonc?$/i.test(p) ? byFolder.get(path.dirname(p)) : undefined;
    if (!sources || !GENERATED_BY_BICEP.test(file.text)) continue;
    const parsed = parse(p);
    if (!parsed?.template) continue;
    const source = sources.find((b) => isCompiledFrom(parsed.template!, b));
    if (source) pairs.set(p, source.file.path);
  }
  return pairs;
}

function signature(t: TemplateIR): string {
  const names = (list: { name: string }[]) => [...new Set(list.map((x) => x.name.toLowerCase()))].sort().join(',');
  const kinds = new Set<string>();
  const walk = (decls: ResourceDecl[]) => {
    for (const d of decls) {
      const type = literalString(d.type);
      if (!d.existing) kinds.add(type ? type.split('@')[0].split('/').pop()!.toLowerCase() : '?');
      walk(d.children);
    }
  };
  walk(t.resources);
  return `${names(t.parameters)}|${names(t.outputs)}|${[...kinds].sort().join(',')}`;
}
