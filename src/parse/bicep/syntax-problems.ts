import type { FrontEndProblem } from '../ir.js';
import type { LowerContext } from './lower-context.js';
import type { SyntaxNode } from './syntax-tree.js';

interface BrokenRange {
  start: number;
  end: number;
  /** The first ERROR / MISSING node of the range, for describing it. */
  node: SyntaxNode;
}

/** ERROR and MISSING nodes under `root`, outermost only, in source order. */
function brokenNodes(root: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (n: SyntaxNode) => {
    if (n.isError || n.isMissing) {
      found.push(n);
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) visit(c);
  };
  visit(root);
  return found;
}

/** Joins error nodes separated only by whitespace or comments. */
function mergeAdjacent(ctx: LowerContext, nodes: SyntaxNode[]): BrokenRange[] {
  const ranges: BrokenRange[] = [];
  for (const node of nodes) {
    const start = node.start;
    const end = node.end;
    const last = ranges[ranges.length - 1];
    if (last && onlyTrivia(ctx.file.text.slice(last.end, start))) last.end = Math.max(last.end, end);
    else ranges.push({ start, end, node });
  }
  return ranges;
}

function onlyTrivia(text: string): boolean {
  return /^(?:\s|\/\/[^\n]*|\/\*[^]*?\*\/)*$/.test(text);
}

/** Names the construct the grammar could not parse, for the message. */
function describe(ctx: LowerContext, range: BrokenRange): string {
  const { node } = range;
  if (node.isMissing) return `a missing ${node.isNamed ? node.type.replace(/_/g, ' ') : `'${node.type}'`}`;
  const text = ctx.file.text.slice(range.start, range.end).trim();
  if (text.startsWith('...')) return 'spread syntax (`...`)';
  if (text.startsWith('$') && ctx.file.text.startsWith("'''", range.end)) return "an interpolated multi-line string (`$'''`)";
  if (node.parent?.type === 'parenthesized_expression' && node.parent.parent?.type === 'lambda_expression') {
    return 'a typed lambda parameter';
  }
  const firstLine = text.split(/\r?\n/)[0];
  return `\`${firstLine.length > 40 ? firstLine.slice(0, 40) + '…' : firstLine}\``;
}

/**
 * One `bicep-syntax` problem for a statement whose parse has ERROR or MISSING nodes, at the first run
 * of adjacent error nodes. `label` names the statement (`resource 'vnet'`).
 */
export function syntaxProblem(ctx: LowerContext, root: SyntaxNode, label: string): FrontEndProblem | undefined {
  if (!root.hasError) return undefined;
  const ranges = mergeAdjacent(ctx, brokenNodes(root));
  if (ranges.length === 0) return undefined;
  const first = ranges[0];
  const more = ranges.length > 1 ? ` (and ${ranges.length - 1} more place${ranges.length > 2 ? 's' : ''} in it)` : '';
  return {
    code: 'bicep-syntax',
    level: 'info',
    message:
      `Bicep syntax not understood: ${describe(ctx, first)} in ${label}${more}. ` +
      'That part is skipped; the rest of the file is still linted.',
    span: ctx.spanOf(first.start, first.end),
  };
}
