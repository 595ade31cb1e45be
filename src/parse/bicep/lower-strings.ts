import type { Expr } from '../../expr/ast.js';
import type { LowerContext } from './lower-context.js';
import { codeChildren, hasBrokenChild, type SyntaxNode } from './syntax-tree.js';

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
    const unicode = next === 'u' ? /^u\{([0-9a-fA-F]{1,6})\}/.exec(raw.slice(i + 1)) : null;
    const codePoint = unicode ? parseInt(unicode[1], 16) : NaN;
    if (unicode && codePoint <= 0x10ffff) {
      out += String.fromCodePoint(codePoint);
      i += unicode[0].length;
    } else {
      out += c;
    }
  }
  return out;
}

/** Bicep ignores a line break right after the opening `'''` of a multi-line string. */
function multilineValue(content: string): string {
  if (content.startsWith('\r\n')) return content.slice(2);
  if (content.startsWith('\n')) return content.slice(1);
  return content;
}

/**
 * A `string` node: a literal, or an `interpolation` expression for `'a${b}c'`. Multi-line `'''` strings
 * are literal (no escapes, no interpolation).
 */
export function lowerString(ctx: LowerContext, node: SyntaxNode, lowerExpr: (n: SyntaxNode) => Expr): Expr {
  const text = ctx.text(node);
  const start = node.start;
  const span = ctx.span(node);
  if (hasBrokenChild(node)) return ctx.error(node, 'unterminated or malformed string');
  if (text.startsWith("'''")) {
    if (text.length < 6 || !text.endsWith("'''")) return ctx.error(node, 'unterminated multi-line string');
    return { kind: 'literal', value: multilineValue(text.slice(3, -3)), span };
  }
  if (text.length < 2 || !text.endsWith("'")) return ctx.error(node, 'unterminated string');

  const parts: (string | Expr)[] = [];
  let pos = start + 1;
  const pushText = (end: number) => {
    if (end > pos) parts.push(decodeEscapes(ctx.file.text.slice(pos, end)));
  };
  for (const child of node.children) {
    if (child.type !== 'interpolation') continue;
    pushText(child.start);
    const inner = codeChildren(child)[0];
    parts.push(inner ? lowerExpr(inner) : ctx.error(child, 'empty interpolation'));
    pos = child.end;
  }
  pushText(start + text.length - 1);
  if (parts.every((p) => typeof p === 'string')) return { kind: 'literal', value: parts.join(''), span };
  return { kind: 'interpolation', parts, span };
}

/** The literal value of a string node without interpolation, or undefined. */
export function literalStringValue(ctx: LowerContext, node: SyntaxNode): string | undefined {
  const e = lowerString(ctx, node, () => ({ kind: 'error', message: 'interpolation', span: ctx.span(node) }));
  return e.kind === 'literal' && typeof e.value === 'string' ? e.value : undefined;
}
