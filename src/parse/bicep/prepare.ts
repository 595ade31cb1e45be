import { scanBicep, type ScanResult, type Statement, type Token } from './scanner.js';

/**
 * Same-length rewrites of syntax the tree-sitter grammar does not know, so every offset in the parsed
 * text is an offset in the original file:
 * - `extension …` / `provider …` statements, `import …` statements and `type …` declarations are blanked
 *   (they carry nothing the linter evaluates; imported symbols evaluate to Unknown);
 * - parameter and output types other than a single name (`string?`, `lockType[]?`, `{…}`, `'a' | 'b'`,
 *   `resourceInput<'…'>.tags`) become a placeholder name; the type as written stays in the original text;
 * - typed variables (`var x string = …`) lose their type;
 * - postfix non-null `!` is blanked and its offset remembered, so lowering can put it back;
 * - in `.bicepparam` files, `param x = value` becomes `var   x = value` and `using none` / `extends …` are
 *   blanked.
 */
export interface PreparedSource {
  /** The text given to the parser. */
  text: string;
  scan: ScanResult;
  /** Offsets of blanked postfix `!` operators. */
  nonNullAt: ReadonlySet<number>;
  /** `.bicepparam`: keyword offsets of `param x = …` statements rewritten to `var`. */
  paramAssignments: ReadonlySet<number>;
  /** Offset range of the type of each `param` / `output`, by keyword offset, when it was replaced. */
  replacedTypes: ReadonlyMap<number, { start: number; end: number }>;
}

export type SourceMode = 'bicep' | 'bicepparam';

interface Edit {
  start: number;
  end: number;
  /** Replacement of the same length. */
  text: string;
}

const BLANKED_STATEMENTS = new Set(['extension', 'provider', 'import', 'type']);
const BLANKED_PARAM_FILE_STATEMENTS = new Set(['extends']);

export function prepareSource(original: string, mode: SourceMode): PreparedSource {
  const scan = scanBicep(original);
  const edits: Edit[] = [];
  const blank = (start: number, end: number) => edits.push({ start, end, text: blankText(original, start, end) });
  const nonNullAt = new Set<number>();
  const paramAssignments = new Set<number>();
  const replacedTypes = new Map<number, { start: number; end: number }>();
  const { tokens } = scan;
  const textOf = (t: Token | undefined) => (t ? original.slice(t.start, t.end) : '');

  for (const st of scan.statements) {
    if (st.keywordToken < 0 || st.keyword === undefined) continue;
    const keyword = tokens[st.keywordToken];
    const last = tokens[st.endToken - 1];
    if (BLANKED_STATEMENTS.has(st.keyword) || (mode === 'bicepparam' && BLANKED_PARAM_FILE_STATEMENTS.has(st.keyword))) {
      blank(tokens[st.firstToken].start, last.end);
      continue;
    }
    if (mode === 'bicepparam' && st.keyword === 'using') {
      const target = tokens[st.keywordToken + 1];
      if (target?.kind !== 'string') blank(keyword.start, last.end);
      else if (target !== last) blank(target.end, last.end); // `using '…' with {…}`
      continue;
    }
    if (st.keyword !== 'param' && st.keyword !== 'var' && st.keyword !== 'output') continue;
    const typeTokens = declarationType(original, tokens, st);
    if (mode === 'bicepparam' && st.keyword === 'param' && typeTokens?.length === 0) {
      edits.push({ start: keyword.start, end: keyword.end, text: 'var  ' });
      paramAssignments.add(keyword.start);
      continue;
    }
    if (!typeTokens || typeTokens.length === 0) continue;
    const typeStart = typeTokens[0].start;
    const typeEnd = typeTokens[typeTokens.length - 1].end;
    if (st.keyword === 'var') {
      blank(typeStart, typeEnd);
    } else if (typeTokens.length > 1 || typeTokens[0].kind !== 'word' || textOf(typeTokens[0]) === 'resource') {
      const blanked = blankText(original, typeStart, typeEnd);
      edits.push({ start: typeStart, end: typeEnd, text: '_' + blanked.slice(1) });
      replacedTypes.set(keyword.start, { start: typeStart, end: typeEnd });
    }
  }

  if (original.charCodeAt(0) === 0xfeff) edits.push({ start: 0, end: 1, text: ' ' }); // byte order mark

  for (let i = 1; i < tokens.length; i++) {
    if (isPostfixBang(original, tokens[i - 1], tokens[i])) {
      nonNullAt.add(tokens[i].start);
      edits.push({ start: tokens[i].start, end: tokens[i].end, text: ' ' });
    }
  }

  return { text: applyEdits(original, edits), scan, nonNullAt, paramAssignments, replacedTypes };
}

/**
 * The tokens between a declaration's name and its `=` (or its end): the type of a `param` / `output`,
 * the unsupported type of a typed `var`. Undefined when the statement does not have the expected shape.
 */
function declarationType(text: string, tokens: Token[], st: Statement): Token[] | undefined {
  const name = tokens[st.keywordToken + 1];
  if (!name || name.kind !== 'word' || st.keywordToken + 1 >= st.endToken) return undefined;
  const depth = tokens[st.keywordToken].depth;
  const type: Token[] = [];
  for (let i = st.keywordToken + 2; i < st.endToken; i++) {
    const t = tokens[i];
    if (t.depth === depth && t.kind === 'punct' && text.slice(t.start, t.end) === '=') return type;
    type.push(t);
  }
  return type;
}

function isPostfixBang(text: string, prev: Token, tok: Token): boolean {
  if (tok.kind !== 'punct' || text[tok.start] !== '!' || tok.end - tok.start !== 1 || prev.end !== tok.start) return false;
  if (prev.kind === 'word' || prev.kind === 'string') return true;
  const p = text[prev.start];
  return prev.kind === 'punct' && (p === ')' || p === ']');
}

function blankText(text: string, start: number, end: number): string {
  return text.slice(start, end).replace(/[^\r\n]/g, ' ');
}

function applyEdits(text: string, edits: Edit[]): string {
  if (edits.length === 0) return text;
  edits.sort((a, b) => a.start - b.start);
  const out: string[] = [];
  let pos = 0;
  for (const e of edits) {
    if (e.start < pos) continue; // overlapping edit: the first one wins
    out.push(text.slice(pos, e.start), e.text);
    pos = e.end;
  }
  out.push(text.slice(pos));
  return out.join('');
}
