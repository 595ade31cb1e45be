/** How templates name the files they deploy, as the command line, the language server and the index read them. */
import type { VirtualFile } from '../engine/files.js';

/** Bicep `module sym '<path>'`: `[ \t]` and `[^'\r\n]` keep every match attempt inside its line (linear scan). */
const MODULE_REF = /^[ \t]*module[ \t]+[^\s']+[ \t]+'([^'\r\n]+)'/gm;
/** ARM `templateLink.relativePath`. */
const RELATIVE_PATH = /"relativePath"\s*:\s*"([^"]+)"/g;
/** The relative tail of a linked template's `uri` expression (`uri(deployment()…, 'nested/x.json')`). */
const LINK_URI_TAIL = /"uri"\s*:\s*"\[[^"]*?'([^'"]+\.json)'/g;

/** What each of those is written with: a text holding none of these (in any case) deploys nothing. */
export const DEPLOYMENT_MARKERS = { bicep: ['module'], json: ['"relativePath"', '"uri"'] } as const;

const written = new WeakMap<VirtualFile, readonly string[]>();

/**
 * The paths a template deploys, as written: Bicep modules, ARM linked templates (`relativePath`, the
 * relative tail of a `uri`). Searched once per file read: the context files and the repository index both ask.
 */
export function writtenDeployments(file: VirtualFile): readonly string[] {
  let paths = written.get(file);
  if (!paths) {
    const patterns = /\.bicep(param)?$/i.test(file.path) ? [MODULE_REF] : [RELATIVE_PATH, LINK_URI_TAIL];
    paths = patterns.flatMap((re) => [...file.text.matchAll(re)].map((m) => m[1]));
    written.set(file, paths);
  }
  return paths;
}
