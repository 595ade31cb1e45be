import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A file's absolute path; paths given relative are taken from `cwd`. */
export function absolutePath(filePath: string, cwd: string): string {
  return path.resolve(cwd, filePath);
}

/**
 * The path of a file inside `cwd`, relative to it with forward slashes, or undefined when the file
 * lies outside `cwd` (or on another drive).
 */
export function pathInside(filePath: string, cwd: string): string | undefined {
  const rel = path.relative(path.resolve(cwd), absolutePath(filePath, cwd));
  if (rel === '' || path.isAbsolute(rel)) return undefined;
  const segments = rel.split(path.sep);
  if (segments[0] === '..') return undefined;
  return segments.join('/');
}

/**
 * The path annotations and one-line formats print: relative to `cwd` with forward slashes, or the
 * absolute path (forward slashes too) for a file outside `cwd`, where a `../` path would depend on
 * where the command ran.
 */
export function displayPath(filePath: string, cwd: string): string {
  return pathInside(filePath, cwd) ?? absolutePath(filePath, cwd).split(path.sep).join('/');
}

/** The `file://` URI of a path. */
export function fileUri(filePath: string, cwd: string): string {
  return pathToFileURL(absolutePath(filePath, cwd)).href;
}

/** The `file://` URI of a directory, with the trailing slash that URI base ids need. */
export function directoryUri(dir: string): string {
  const uri = pathToFileURL(path.resolve(dir)).href;
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/**
 * A relative path (forward slashes) as a URI reference: every segment percent-encoded, so that no
 * segment can read as a scheme, query or fragment.
 */
export function relativeUri(relativePath: string): string {
  return relativePath.split('/').map(encodeURIComponent).join('/');
}
