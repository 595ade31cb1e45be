import type { SourceFile } from '../../core/source.js';
import type { TemplateIR } from '../ir.js';
import { parseBicepFile } from './parse-file.js';

export { parseBicepParam } from './bicepparam.js';

/** Lowers a `.bicep` file into the template IR. Syntax errors become problems, never an exception. */
export function parseBicep(file: SourceFile): TemplateIR {
  const { declarations: d, problems, comments } = parseBicepFile(file, 'bicep');
  return {
    file,
    language: 'bicep',
    targetScope: d.targetScope ?? 'resourceGroup',
    parameters: d.parameters,
    variables: d.variables,
    functions: d.functions,
    resources: d.resources,
    outputs: d.outputs,
    problems,
    comments,
  };
}
