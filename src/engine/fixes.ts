import type { Fix } from '../core/diagnostic.js';
import type { Expr } from '../expr/ast.js';

/**
 * A fix that replaces a string literal with another string, quoted the way its file quotes strings.
 * Only literals can be fixed: a value computed by an expression has no single right edit.
 */
export function replaceStringLiteral(node: Expr, text: string, description: string): Fix | undefined {
  if (node.kind !== 'literal' || typeof node.value !== 'string') return undefined;
  const bicep = /\.bicep(param)?$/i.test(node.span.file.path);
  const quoted = bicep ? `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(text);
  return { description, edits: [{ span: node.span, text: quoted }] };
}
