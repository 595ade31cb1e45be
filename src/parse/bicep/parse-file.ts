import type { SourceFile } from '../../core/source.js';
import { span } from '../../core/span.js';
import type { Comment, FrontEndProblem } from '../ir.js';
import { lexBicep } from './lexer.js';
import { parseStatements, type Declarations, type SourceMode } from './parse-statements.js';
import { TokenCursor, type ParseProblem } from './token-cursor.js';

export interface ParsedBicepFile {
  declarations: Declarations;
  problems: FrontEndProblem[];
  comments: Comment[];
}

/**
 * Parses a `.bicep` or `.bicepparam` file straight into the template IR: one linear lexer pass, then a
 * recursive-descent parse that recovers after each syntax error and goes on with the rest of the file.
 */
export function parseBicepFile(file: SourceFile, mode: SourceMode): ParsedBicepFile {
  const lexed = lexBicep(file.text);
  const cursor = new TokenCursor(file, lexed.tokens);
  const declarations = parseStatements(cursor, mode);
  const found: ParseProblem[] = [...lexed.errors.map((e) => ({ ...e, kind: 'error' as const })), ...cursor.problems];
  const comments = lexed.comments.map((c) => ({
    text: file.text.slice(c.textStart, c.textEnd),
    marker: c.marker,
    span: span(file, c.start, c.end),
  }));
  return { declarations, problems: toFrontEndProblems(file, found), comments };
}

/**
 * One problem per line (the first in the line): error recovery can trip over the same broken line
 * more than once, and one finding says enough to fix it.
 */
function toFrontEndProblems(file: SourceFile, found: ParseProblem[]): FrontEndProblem[] {
  found.sort((a, b) => a.start - b.start);
  const seenLines = new Set<number>();
  const problems: FrontEndProblem[] = [];
  for (const p of found) {
    const line = file.position(p.start).line;
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    problems.push(
      p.kind === 'newer'
        ? { code: 'bicep-syntax', level: 'info', message: `${p.message} The rest of the file is still linted.`, span: span(file, p.start, p.end) }
        : { code: 'parse-error', level: 'error', message: `Bicep syntax error: ${p.message} The rest of the file is still linted.`, span: span(file, p.start, p.end) },
    );
  }
  return problems;
}
