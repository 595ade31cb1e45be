import type { Parser } from 'web-tree-sitter';
import type { SourceFile } from '../../core/source.js';
import { span } from '../../core/span.js';
import type { Comment, FrontEndProblem } from '../ir.js';
import { LowerContext } from './lower-context.js';
import { emptyDeclarations, lowerStatements, type LoweredDeclarations } from './lower-statements.js';
import { bicepParser } from './parser-loader.js';
import { prepareSource, type PreparedSource, type SourceMode } from './prepare.js';
import type { ScanResult } from './scanner.js';
import { syntaxProblem } from './syntax-problems.js';
import { SyntaxTooDeep, copySyntaxTree, type SyntaxNode } from './syntax-tree.js';

export interface ParsedBicepFile {
  declarations: LoweredDeclarations;
  problems: FrontEndProblem[];
  comments: Comment[];
}

/** A piece of the file parsed on its own: one statement with its decorators and trailing comments. */
interface Chunk {
  start: number;
  end: number;
  label: string;
}

/**
 * Parses and lowers a `.bicep` or `.bicepparam` file. Each top-level statement (with its decorators) is
 * parsed on its own: the grammar's ambiguities then stay local (several times faster on large files), and
 * one construct the grammar does not know cannot swallow the statements after it. Each broken statement
 * gets one `bicep-syntax` problem. If the statement split itself looks wrong (some piece has errors but
 * the whole file parses cleanly), the whole-file parse is used.
 */
export function parseBicepFile(file: SourceFile, mode: SourceMode): ParsedBicepFile {
  const parser = bicepParser();
  const prepared = prepareSource(file.text, mode);
  const byStatement = lowerByStatement(parser, file, prepared);
  const result = byStatement.problems.length > 0 ? (lowerWholeIfClean(parser, file, prepared) ?? byStatement) : byStatement;
  return { ...result, comments: comments(file, prepared.scan) };
}

type LoweredResult = Omit<ParsedBicepFile, 'comments'>;

function emptyResult(): LoweredResult {
  return { declarations: emptyDeclarations(), problems: [] };
}

function lowerByStatement(parser: Parser, file: SourceFile, prepared: PreparedSource): LoweredResult {
  const result = emptyResult();
  const ctx = new LowerContext(file, prepared);
  for (const chunk of chunks(file.text, prepared)) {
    let root: SyntaxNode;
    try {
      root = parseToSyntaxTree(parser, prepared.text.slice(chunk.start, chunk.end), chunk.start);
    } catch (e) {
      if (!(e instanceof SyntaxTooDeep)) throw e;
      result.problems.push({
        code: 'parse-error',
        level: 'error',
        message: `gwlint did not read ${chunk.label}: it nests ${e.message}. The rest of the file is still linted.`,
        span: span(file, e.offset, Math.min(e.offset + 1, file.text.length)),
      });
      continue;
    }
    const problem = syntaxProblem(ctx, root, chunk.label);
    if (problem) result.problems.push(problem);
    lowerGuarded(ctx, root, result);
  }
  return result;
}

function lowerWholeIfClean(parser: Parser, file: SourceFile, prepared: PreparedSource): LoweredResult | undefined {
  let root: SyntaxNode;
  try {
    root = parseToSyntaxTree(parser, prepared.text, 0);
  } catch (e) {
    if (e instanceof SyntaxTooDeep) return undefined;
    throw e;
  }
  if (root.hasError) return undefined;
  const result = emptyResult();
  lowerGuarded(new LowerContext(file, prepared), root, result);
  return result;
}

/** Parses `text` (found at `base` in the file) and copies the tree; the wasm tree is freed before returning. */
function parseToSyntaxTree(parser: Parser, text: string, base: number): SyntaxNode {
  const tree = parser.parse(text);
  if (!tree) throw new Error('the Bicep parser returned no tree');
  try {
    return copySyntaxTree(tree, base);
  } finally {
    tree.delete();
  }
}

/** Lowering never throws out of the front end: an unexpected failure becomes a problem on its statement. */
function lowerGuarded(ctx: LowerContext, root: SyntaxNode, out: LoweredResult): void {
  lowerStatements(ctx, root, out.declarations, (statement, error) => {
    out.problems.push({
      code: 'bicep-syntax',
      level: 'info',
      message: `gwlint could not read this statement (${error instanceof Error ? error.message : String(error)}); the rest of the file is still linted.`,
      span: ctx.span(statement),
    });
  });
}

function chunks(original: string, prepared: PreparedSource): Chunk[] {
  const { tokens, statements } = prepared.scan;
  const result: Chunk[] = [];
  statements.forEach((st, i) => {
    const start = i === 0 ? 0 : tokens[st.firstToken].start;
    const end = i + 1 < statements.length ? tokens[statements[i + 1].firstToken].start : original.length;
    result.push({ start, end, label: statementLabel(original, prepared.scan, i) });
  });
  if (result.length === 0) result.push({ start: 0, end: original.length, label: 'this file' });
  return result;
}

function statementLabel(text: string, scan: ScanResult, index: number): string {
  const st = scan.statements[index];
  if (st.keywordToken < 0 || st.keyword === undefined) return 'these decorators';
  const name = scan.tokens[st.keywordToken + 1];
  const hasName = name?.kind === 'word' && st.keywordToken + 1 < st.endToken;
  return hasName ? `${st.keyword} '${text.slice(name.start, name.end)}'` : `this ${st.keyword} statement`;
}

function comments(file: SourceFile, scan: ScanResult): Comment[] {
  return scan.comments.map((c) => ({
    text: file.text.slice(c.textStart, c.textEnd),
    marker: c.marker,
    span: span(file, c.start, c.end),
  }));
}
