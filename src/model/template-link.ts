/**
 * Linked templates addressed by URI. ARM templates commonly link a template beside them with
 * `uri(deployment().properties.templateLink.uri, 'nested/x.json')` (directly or through an
 * `_artifactsLocation` parameter that defaults to it). Each file's own link is given a stand-in URI; a
 * linked `uri` that evaluates below it names a local file relative to the caller.
 */
const HOST = 'https://template-link.gwlint.invalid';
/** Folder levels above the file in the stand-in, so that `../` tails resolve too. */
const DEPTH = 8;
const LEVEL = '~up~/';

/** What every stand-in URI starts with (each model makes one, for its root template). */
const STAND_IN_FOLDER = `${HOST}/${LEVEL.repeat(DEPTH)}`;

/** The stand-in `deployment().properties.templateLink.uri` of a template file. */
export function templateLinkUri(file: string): string {
  return STAND_IN_FOLDER + encodeURIComponent(file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1));
}

/** The path, relative to the calling file's folder, that a linked template's evaluated `uri` names; undefined for any other URI. */
export function linkedTemplatePath(uri: unknown): string | undefined {
  if (typeof uri !== 'string' || !uri.startsWith(`${HOST}/`)) return undefined;
  let rest: string;
  try {
    // The query (a SAS token) and fragment are not part of the file name.
    rest = decodeURIComponent(new URL(uri).pathname.slice(1));
  } catch {
    return undefined;
  }
  let levels = 0;
  while (rest.startsWith(LEVEL)) {
    rest = rest.slice(LEVEL.length);
    levels++;
  }
  if (!rest || rest.endsWith('/')) return undefined;
  return '../'.repeat(DEPTH - levels) + rest;
}
