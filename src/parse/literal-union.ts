import type { SourceFile } from '../core/source.js';
import { span } from '../core/span.js';
import type { ArrayExpr, LiteralExpr } from '../expr/ast.js';

const MEMBER = /\s*(?:'((?:[^'\\]|\\.)*)'|(-?\d+)|(true|false))\s*/y;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", $: '$' };

/**
 * The members of a Bicep literal-union type (`'Vpn' | 'ExpressRoute'`, `1 | 2`, a single `'Vpn'`, optionally in parentheses
 * and followed by `?`) as an array of literals with their spans: the parameter's allowed values. Undefined
 * when the type written between `start` and `end` is anything else (`string`, `'a'[]`, a type name).
 */
export function literalUnion(file: SourceFile, start: number, end: number): ArrayExpr | undefined {
  let text = file.text.slice(start, end).replace(/\?\s*$/, '');
  let offset = start;
  const open = /^\s*\(/.exec(text);
  if (open) {
    if (!/\)\s*$/.test(text)) return undefined;
    offset += open[0].length;
    text = text.slice(open[0].length).replace(/\)\s*$/, '');
  }
  const items: LiteralExpr[] = [];
  let at = 0;
  for (;;) {
    MEMBER.lastIndex = at;
    const m = MEMBER.exec(text);
    if (!m) return undefined;
    const lead = m[0].length - m[0].trimStart().length;
    const written = m[0].trim();
    const value = m[1] !== undefined ? m[1].replace(/\\(.)/g, (_, c: string) => ESCAPES[c] ?? c) : m[2] !== undefined ? Number(m[2]) : m[3] === 'true';
    items.push({ kind: 'literal', value, span: span(file, offset + at + lead, offset + at + lead + written.length) });
    at = MEMBER.lastIndex;
    if (at === text.length) break;
    if (text[at] !== '|') return undefined;
    at++;
  }
  return items.length ? { kind: 'array', items, span: span(file, start, end) } : undefined;
}
