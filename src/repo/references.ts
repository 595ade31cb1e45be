/** How templates name the files they deploy, as the command line, the language server and the index read them. */
import * as path from 'node:path';
import type { VirtualFile } from '../engine/files.js';

/** Bicep `module sym '<path>'`: `[ \t]` and `[^'\r\n]` keep every match attempt inside its line (linear scan). */
const MODULE_REF = /^[ \t]*module[ \t]+[^\s']+[ \t]+'([^'\r\n]+)'/gm;
/** ARM `templateLink.relativePath`: the JSON string as written, escapes included. */
const RELATIVE_PATH = /"relativePath"\s*:\s*"((?:[^"\\]|\\.)+)"/g;
/** A linked template's `uri` written as an expression: the JSON string as written, escapes included. */
const LINK_URI = /"uri"\s*:\s*"(\[(?:[^"\\]|\\.)*)"/g;
/** The relative tail of a decoded `uri` expression (`uri(deployment()…, 'nested/x.json')`). */
const URI_TAIL = /^\[[^]*?'([^']+\.json)'/;

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
    if (/\.bicep(param)?$/i.test(file.path)) paths = matchesOf(file.text, 'module', MODULE_REF).map((m) => copied(m[1]));
    else {
      const linked = matchesOf(file.text, '"uri"', LINK_URI).flatMap((m) => URI_TAIL.exec(jsonString(m[1]))?.[1] ?? []);
      paths = [...matchesOf(file.text, '"relativePath"', RELATIVE_PATH).map((m) => jsonString(m[1])), ...linked];
    }
    written.set(file, paths);
  }
  return paths;
}

/**
 * The matches of `pattern` (a `g` expression whose every match holds `marker`) in `text`. A text without the
 * marker is not scanned: a plain search for it takes a fraction of the expression's scan of a large file.
 */
export function matchesOf(text: string, marker: string, pattern: RegExp): RegExpMatchArray[] {
  return text.includes(marker) ? [...text.matchAll(pattern)] : [];
}

/** Copied out of the text: a slice of it would keep the whole text as long as the file object lives. */
function copied(slice: string): string {
  return Buffer.from(slice).toString();
}

/**
 * A JSON string's content as written, decoded: serialisers escape what they like (`\u0027` for a quote from
 * Windows PowerShell's ConvertTo-Json, `\/` for a slash), and ARM reads the decoded value.
 */
function jsonString(written: string): string {
  if (!written.includes('\\')) return copied(written);
  try {
    return JSON.parse(`"${written}"`) as string;
  } catch {
    return copied(written);
  }
}

/** Registry (`br:`, `br/alias:`) and template spec (`ts:`) references, and URLs: not files of the tree. */
const NOT_A_LOCAL_PATH = /^[a-z]+:|^br\//i;

/** The local files a template deploys: what it writes as paths, resolved against its folder. */
export function localDeployments(file: VirtualFile): string[] {
  return localPaths(file.path, writtenDeployments(file));
}

/** Paths written in a file, resolved against its folder, leaving out registry references and URLs. */
export function localPaths(from: string, written: readonly string[]): string[] {
  const dir = path.dirname(from);
  return written.filter((w) => !NOT_A_LOCAL_PATH.test(w)).map((w) => path.resolve(dir, w));
}
