/** How templates name the files they deploy, as the command line, the language server and the index read them. */

/** Bicep `module sym '<path>'`: `[ \t]` and `[^'\r\n]` keep every match attempt inside its line (linear scan). */
export const MODULE_REF = /^[ \t]*module[ \t]+[^\s']+[ \t]+'([^'\r\n]+)'/gm;
/** ARM `templateLink.relativePath`. */
export const RELATIVE_PATH = /"relativePath"\s*:\s*"([^"]+)"/g;
/** The relative tail of a linked template's `uri` expression (`uri(deployment()…, 'nested/x.json')`). */
export const LINK_URI_TAIL = /"uri"\s*:\s*"\[[^"]*?'([^'"]+\.json)'/g;
