import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { VirtualFile } from '../../src/engine/files.js';
import { SHARED } from './fixtures.js';

export const CORPUS = path.join(SHARED, 'corpus');
export const HAS_CORPUS = existsSync(path.join(CORPUS, 'MANIFEST.tsv'));
export const SKIP_MESSAGE = `../shared/corpus is absent (${CORPUS}): corpus tests skipped`;

/** Every lintable file of the corpus, as lint() input. */
export function corpusFiles(): VirtualFile[] {
  const out: VirtualFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const p = path.join(dir, entry);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(jsonc?|bicep|bicepparam)$/i.test(entry)) out.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(CORPUS);
  return out;
}

/** A Bicep file and the ARM JSON compiled from it, side by side in the corpus. */
export interface CompiledPair {
  bicep: string;
  json: string;
}

/** `x.bicep` with `x.json`, and quickstarts' `main.bicep` with `azuredeploy.json`, when the JSON was built by Bicep. */
export function compiledPairs(files: VirtualFile[]): CompiledPair[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const pairs: CompiledPair[] = [];
  for (const f of files) {
    if (!f.path.endsWith('.bicep')) continue;
    const stem = f.path.slice(0, -'.bicep'.length);
    const candidates = [`${stem}.json`, path.basename(f.path) === 'main.bicep' ? path.join(path.dirname(f.path), 'azuredeploy.json') : ''];
    const json = candidates.map((c) => byPath.get(c)).find((j) => j && /"_generator"\s*:\s*\{\s*"name"\s*:\s*"bicep"/.test(j.text));
    if (json) pairs.push({ bicep: f.path, json: json.path });
  }
  return pairs;
}
