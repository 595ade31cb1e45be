import { looksLikeDeployment } from '../core/deployment-head.js';
import { SourceFile } from '../core/source.js';
import { parseArmJson } from '../parse/arm/template.js';
import type { ParamFileIR, TemplateIR, FrontEndProblem } from '../parse/ir.js';
import type { FileKind } from './result.js';
import type * as BicepFrontEnd from '../parse/bicep/index.js';

/** A file handed to lint(): its text, or why it could not be read. */
export interface VirtualFile {
  path: string;
  text: string;
  /** The text's length, where it is known without the text (a file whose text is read when asked for). */
  length?: number;
  /** Set when the file could not be read or is not text; it is reported as a parse error. */
  readError?: string;
}

export interface ParsedFile {
  source: SourceFile;
  /** `undefined` for JSON that is neither a template nor a parameters file: skipped quietly. */
  kind?: FileKind;
  template?: TemplateIR;
  parameters?: ParamFileIR;
  problems: FrontEndProblem[];
}

/** The front ends, loaded lazily so that a run without Bicep files never loads the Bicep parser. */
export interface FrontEnds {
  bicep?: typeof BicepFrontEnd;
}

export function isBicepPath(path: string): boolean {
  return /\.bicep$/i.test(path);
}

export function isBicepParamPath(path: string): boolean {
  return /\.bicepparam$/i.test(path);
}

/** A JSON parameters file by its name: `net.parameters.json`, `net.parameters.prod.json`. */
const PARAMETERS_JSON = /\.parameters(\.[^./\\]+)?\.jsonc?$/i;

/** A parameters file by its name: a JSON one (PARAMETERS_JSON) or a `.bicepparam` file. */
export function isParametersPath(path: string): boolean {
  return PARAMETERS_JSON.test(path) || isBicepParamPath(path);
}

export function parseFile(file: VirtualFile, frontEnds: FrontEnds): ParsedFile {
  const source = new SourceFile(file.path, file.text);
  if (file.readError) {
    const kind: FileKind = isBicepPath(file.path) ? 'bicep' : isBicepParamPath(file.path) ? 'bicepparam' : 'arm-template';
    return parsedFile(source, kind, [{ code: 'parse-error', level: 'error', message: file.readError, span: { file: source, start: 0, end: 0 } }]);
  }
  if (isBicepPath(file.path) && frontEnds.bicep) {
    const template = frontEnds.bicep.parseBicep(source);
    return parsedFile(source, 'bicep', template.problems, template);
  }
  if (isBicepParamPath(file.path) && frontEnds.bicep) {
    const parameters = frontEnds.bicep.parseBicepParam(source);
    return parsedFile(source, 'bicepparam', parameters.problems, undefined, parameters);
  }
  const parsed = parseArmJson(source, PARAMETERS_JSON.test(file.path) ? 'parameters' : undefined);
  if (parsed.kind === 'other') {
    // A JSON file that is not a template is skipped quietly, unless it looks like one that failed to parse.
    const broken = parsed.problems.length > 0 && looksLikeDeployment(file.text);
    return parsedFile(source, broken ? 'arm-template' : undefined, broken ? parsed.problems : []);
  }
  return parsedFile(source, parsed.kind, parsed.problems, parsed.template, parsed.parameters);
}

/**
 * A parsed file, every one with the same properties in the same order: code that reads thousands of them
 * (the engine filters them by kind) sees one shape of object, not one per kind of file, for V8 to compile for.
 */
export function parsedFile(source: SourceFile, kind: FileKind | undefined, problems: FrontEndProblem[], template?: TemplateIR, parameters?: ParamFileIR): ParsedFile {
  return { source, kind, template, parameters, problems };
}
