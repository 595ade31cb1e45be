import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Diagnostic, Fix, TextEdit } from '../core/diagnostic.js';
import type { VirtualFile } from '../engine/files.js';
import type { LintInput } from '../engine/lint.js';
import type { LintResult } from '../engine/result.js';
import { printable } from '../report/escape.js';
import { displayPath } from '../report/paths.js';
import { withFileLock, WriteError, writeFileAtomic } from './write.js';

/** As ESLint: fixes can make room for other fixes, so fixing repeats, at most this many times. */
const MAX_PASSES = 10;

export interface FixOutcome {
  /** The findings that remain after fixing. */
  result: LintResult;
  /** Files whose text the fixes changed: path → text before and after. */
  changed: Map<string, { before: string; after: string }>;
  /** How many findings' fixes were applied, by the file each finding is in. */
  fixed: Map<string, number>;
}

/**
 * Applies the fixes of the findings `select` accepts, in passes: in each pass the fixes whose edits do not
 * overlap an earlier fix's are applied bottom-up, then the files are linted again. Only files being linted
 * are edited (not modules or parameter files read for context). Nothing is written here.
 */
export async function fixInMemory(
  input: LintInput,
  first: LintResult,
  select: (d: Diagnostic) => boolean,
  lintFn: (input: LintInput) => Promise<LintResult>,
): Promise<FixOutcome> {
  const editable = new Set(input.files.map((f) => f.path));
  const original = new Map([...input.files, ...(input.context ?? [])].map((f) => [f.path, f.text]));
  const texts = new Map(original);
  let result = first;
  const fixed = new Map<string, number>();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const chosen = chooseFixes(result, select, (p) => (editable.has(p) ? texts.get(p) : undefined));
    if (chosen.fixes === 0) break;
    for (const [file, edits] of chosen.edits) texts.set(file, applyEdits(texts.get(file)!, edits));
    for (const [file, n] of chosen.byFile) fixed.set(file, (fixed.get(file) ?? 0) + n);
    const update = (f: VirtualFile): VirtualFile => ({ ...f, text: texts.get(f.path) ?? f.text });
    result = await lintFn({ ...input, files: input.files.map(update), context: input.context?.map(update) });
  }
  const changed = new Map<string, { before: string; after: string }>();
  for (const [file, after] of texts) {
    const before = original.get(file)!;
    if (after !== before) changed.set(file, { before, after });
  }
  return { result, changed, fixed };
}

/**
 * The fixes to apply in one pass, grouped by file: findings in file and position order, each fix taken
 * whole or not at all, skipped when one of its edits overlaps an edit already taken (the same edit twice
 * is taken once), lies outside its file, or is in a file that may not be edited. `textOf` gives the text
 * of a file that may be edited; an edit made against any other text (stale, or masked for display) is
 * never applied.
 */
export function chooseFixes(
  result: LintResult,
  select: (d: Diagnostic) => boolean,
  textOf: (path: string) => string | undefined,
): { edits: Map<string, TextEdit[]>; fixes: number; byFile: Map<string, number> } {
  const edits = new Map<string, TextEdit[]>();
  const byFile = new Map<string, number>();
  for (const file of result.files)
    for (const d of file.diagnostics) {
      if (d.suppression || !d.fix || d.fix.edits.length === 0 || !select(d)) continue;
      const fresh = acceptable(d.fix, edits, textOf);
      if (!fresh) continue;
      for (const e of fresh) edits.set(e.span.file.path, [...(edits.get(e.span.file.path) ?? []), e]);
      byFile.set(file.path, (byFile.get(file.path) ?? 0) + 1);
    }
  return { edits, fixes: [...byFile.values()].reduce((a, b) => a + b, 0), byFile };
}

/** The edits of a fix that are not already taken, or undefined when the fix cannot be taken. */
function acceptable(fix: Fix, taken: Map<string, TextEdit[]>, textOf: (path: string) => string | undefined): TextEdit[] | undefined {
  const fresh: TextEdit[] = [];
  for (const e of fix.edits) {
    const { file, start, end } = e.span;
    if (textOf(file.path) !== file.text || start < 0 || end < start || end > file.text.length) return undefined;
    const others = [...(taken.get(file.path) ?? []), ...fresh.filter((f) => f.span.file.path === file.path)];
    if (others.some((o) => o.span.start === start && o.span.end === end && o.text === e.text)) continue;
    if (others.some((o) => overlaps(o, e))) return undefined;
    fresh.push(e);
  }
  return fresh;
}

/** Two edits overlap when their ranges share a character, or both insert at the same place. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.span.start === b.span.start) return true;
  return a.span.start < b.span.end && b.span.start < a.span.end;
}

/** Applies non-overlapping edits to a text, last first, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

/**
 * A unified diff of every changed file, `a/` and `b/` paths relative to `cwd` (for `git apply` or
 * `patch -p1`). `mask` hides secrets in the lines shown (context lines included), keeping their length.
 */
export function fixDiff(changed: FixOutcome['changed'], cwd: string, mask: (text: string) => string = (t) => t): string {
  let out = '';
  for (const [file, { before, after }] of [...changed].sort(([a], [b]) => a.localeCompare(b))) {
    const name = printable(displayPath(file, cwd).replace(/^\/+/, ''));
    out += createTwoFilesPatch(`a/${name}`, `b/${name}`, mask(before), mask(after), undefined, undefined, { headerOptions: FILE_HEADERS_ONLY });
  }
  return out;
}

export interface WriteOutcome {
  written: string[];
  /** Changed on disk since gwlint read them (by an editor, or another run): left alone. */
  skipped: string[];
  /** Files gwlint may not or cannot write, with the reason. */
  refused: { file: string; reason: string }[];
}

/**
 * Writes fixed files in their original encoding (UTF-8 with or without BOM, UTF-16 with BOM), keeping
 * mode, owner, symbolic and hard links (see writeFileAtomic). Only the bytes of the edits change: a file
 * whose bytes do not read back exactly from its text (bytes that are not valid in its encoding) is
 * refused, as are read-only files. A file that changed on disk since it was read, before or while it is
 * written, is left alone and reported.
 */
export async function writeFixes(changed: FixOutcome['changed'], decode: (bytes: Buffer) => string): Promise<WriteOutcome> {
  const outcome: WriteOutcome = { written: [], skipped: [], refused: [] };
  for (const [file, texts] of changed) {
    let verdict: FileVerdict | undefined;
    try {
      verdict = await withFileLock(file, () => writeFixed(file, texts, decode));
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      verdict = { refused: e.reason };
    }
    if (!verdict || verdict === 'skipped') outcome.skipped.push(file);
    else if (verdict === 'written') outcome.written.push(file);
    else outcome.refused.push({ file, reason: verdict.refused });
  }
  return outcome;
}

type FileVerdict = 'written' | 'skipped' | { refused: string };

/** Writes one fixed file, under the lock of withFileLock: nothing else writes it between the check and the write. */
async function writeFixed(file: string, { before, after }: { before: string; after: string }, decode: (bytes: Buffer) => string): Promise<FileVerdict> {
  const bytes = await fs.readFile(file).catch(() => undefined);
  const stat = await fs.stat(file).catch(() => undefined);
  if (!bytes || !stat || safeDecode(bytes, decode) !== before) return 'skipped';
  if (!encodeLike(bytes, before).equals(bytes)) return { refused: 'it holds bytes that are not valid in its encoding, which rewriting it would change' };
  if ((stat.mode & 0o222) === 0) return { refused: 'it is read-only' };
  const content = encodeLike(bytes, after);
  await writeFileAtomic(file, content, { keepHardLinks: true });
  // An editor (which takes no lock) may have written the file in between: only what is on disk counts as fixed.
  const now = await fs.readFile(file).catch(() => undefined);
  return now?.equals(content) ? 'written' : 'skipped';
}

function safeDecode(bytes: Buffer, decode: (bytes: Buffer) => string): string | undefined {
  try {
    return decode(bytes);
  } catch {
    return undefined;
  }
}

function encodeLike(original: Buffer, text: string): Buffer {
  if (original[0] === 0xff && original[1] === 0xfe) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (original[0] === 0xfe && original[1] === 0xff) return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  return Buffer.from(text, 'utf8');
}

export function relativeList(files: string[], cwd: string): string {
  return files.map((f) => printable(displayPath(f, cwd) || path.basename(f))).join(', ');
}
