import type { Expr } from '../../expr/ast.js';
import { LiteralNode } from './nodes.js';
import type { TokenCursor } from './token-cursor.js';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/** Decodes Bicep escapes: `\'` `\\` `\n` `\r` `\t` `\$` `\u{…}`. An unknown escape is kept as written. */
export function decodeEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      out += c;
      continue;
    }
    const next = raw[i + 1];
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    // `\u{` with at most six hex digits: look no further, so a string full of `\u{` stays linear.
    const window = next === 'u' && raw[i + 2] === '{' ? raw.slice(i + 3, i + 10).indexOf('}') : -1;
    const close = window >= 0 ? i + 3 + window : -1;
    const hex = close > 0 ? raw.slice(i + 3, close) : '';
    const codePoint = hex.length >= 1 && hex.length <= 6 && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : NaN;
    if (codePoint <= 0x10ffff) {
      out += String.fromCodePoint(codePoint);
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/** Bicep ignores a line break right after the opening `'''` of a multi-line string. */
function dropLeadingLineBreak(content: string): string {
  if (content.startsWith('\r\n')) return content.slice(2);
  if (content.startsWith('\n')) return content.slice(1);
  return content;
}

/** How a string token is delimited: single-line (`'`) or multi-line with `dollars` dollar signs (`$'''`). */
interface StringShape {
  multiline: boolean;
  /** Length of the opening delimiter of a string start: `'`, `'''`, `$$'''`. */
  dollars: number;
}

function shapeOf(text: string, start: number): StringShape {
  let d = 0;
  while (text.charCodeAt(start + d) === 36) d++;
  return { multiline: text.startsWith("'''", start + d), dollars: d };
}

/** The content of a piece from `from` to `end` (the token's end), without the closing delimiter when it is there. */
function content(c: TokenCursor, end: number, from: number, multiline: boolean, close: string): string {
  const raw = c.text.slice(from, end);
  const body = raw.endsWith(close) && end - close.length >= from ? raw.slice(0, raw.length - close.length) : raw;
  return multiline ? body : decodeEscapes(body);
}

/** A complete string token from `start` to `end`: `'…'`, `'''…'''` or `$'''…'''` without holes. */
export function parseStringToken(c: TokenCursor, start: number, end: number): Expr {
  const { text, file } = c;
  // The common `'…'`, read with one slice: a large file has tens of thousands.
  if (text.charCodeAt(start) === 39 && (text.charCodeAt(start + 1) !== 39 || text.charCodeAt(start + 2) !== 39)) {
    const contentEnd = end - 1 > start && text.charCodeAt(end - 1) === 39 ? end - 1 : end;
    const raw = text.slice(start + 1, contentEnd);
    // Most strings have no escape: decodeEscapes is then not called at all, nor compiled by V8 on its own.
    return new LiteralNode(file, start, end, raw.includes('\\') ? decodeEscapes(raw) : raw);
  }
  const shape = shapeOf(text, start);
  if (!shape.multiline) return new LiteralNode(file, start, end, content(c, end, start + 1, false, "'"));
  if (end - start < shape.dollars + 6) return c.errorExpr(start, end, 'unterminated multi-line string');
  return new LiteralNode(file, start, end, dropLeadingLineBreak(content(c, end, start + shape.dollars + 3, true, "'''")));
}

/**
 * `'a${x}b${y}c'` or `$'''…${x}…'''`: the left piece is the current token; holes are parsed with
 * `parseExpression`, the pieces between them are the lexer's middle and right pieces.
 */
export function parseInterpolatedString(c: TokenCursor, parseExpression: (c: TokenCursor) => Expr): Expr {
  const left = c.next();
  const shape = shapeOf(c.text, left.start);
  const hole = shape.multiline ? '$'.repeat(shape.dollars) + '{' : '${';
  const open = shape.multiline ? shape.dollars + 3 : 1;
  const close = shape.multiline ? "'''" : "'";
  const first = content(c, left.end, left.start + open, shape.multiline, hole);
  const parts: (string | Expr)[] = [shape.multiline ? dropLeadingLineBreak(first) : first];
  for (;;) {
    parts.push(parseExpression(c));
    const piece = c.peek();
    if (piece.kind !== 'stringMiddle' && piece.kind !== 'stringRight') throw c.fail('Expected `}` to close the interpolation');
    c.skip();
    const done = piece.kind === 'stringRight';
    parts.push(content(c, piece.end, piece.start + 1, shape.multiline, done ? close : hole));
    if (done) break;
  }
  return { kind: 'interpolation', parts: parts.filter((p) => p !== ''), span: c.span(left.start, c.lastEnd) };
}

/** The literal value of a string expression without holes, or undefined. */
export function literalText(e: Expr): string | undefined {
  return e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
}
