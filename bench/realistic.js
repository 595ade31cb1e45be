// The realistic big template: the resources of the perf corpus's templates in one `resources` array, with
// their parameters and variables merged first-come-first-kept, to about 20 MB. Real templates mix
// resource types, expressions and nesting as generated ones do not, so this is the big file that shows
// blow-ups. The corpus holds about 14 MB of resources, so a second pass over it tops the file up.
import { readFileSync } from 'node:fs';
import { parse } from 'jsonc-parser';
import { listFiles } from './lib.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const TARGET_BYTES = 20 * 1024 * 1024;

/** The merged template's text (indented by two spaces, as most of the corpus is), with the number of resources it holds. */
export function realisticTemplate(corpusDir) {
  const templates = [];
  for (const file of listFiles(corpusDir, /\.json$/)) {
    const template = parse(readFileSync(file, 'utf8'), [], { allowTrailingComma: true });
    // Templates with symbolic resource names (`languageVersion: 2.0`) refer to them by name: they do not merge.
    if (Array.isArray(template?.resources)) templates.push(template);
  }
  const parameters = {};
  const variables = {};
  const resources = [];
  // Each resource's share of the file: its text at its depth (4 spaces in, a comma and a line break).
  let bytes = 0;
  for (let pass = 0; bytes < TARGET_BYTES && templates.length; pass++) {
    for (const template of templates) {
      for (const [k, v] of Object.entries(template.parameters ?? {})) if (!(k in parameters)) parameters[k] = v;
      for (const [k, v] of Object.entries(template.variables ?? {})) if (!(k in variables)) variables[k] = v;
      for (const r of template.resources) {
        if (bytes >= TARGET_BYTES) break;
        resources.push(r);
        bytes += JSON.stringify(r, null, 2).replace(/\n/g, '\n    ').length + 6;
      }
    }
    // Parameters and variables are complete after the first pass; they count towards the size too.
    if (pass === 0) bytes += JSON.stringify({ parameters, variables }, null, 2).length;
  }
  const text = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', parameters, variables, resources }, null, 2);
  return { text, resources: resources.length };
}
