import type { SourceFile } from '../../core/source.js';
import { span, type Span } from '../../core/span.js';
import type { ErrorExpr } from '../../expr/ast.js';
import type { PreparedSource } from './prepare.js';
import type { SyntaxNode } from './syntax-tree.js';

/** What lowering needs besides the syntax tree: the file (spans, original text) and the rewrites made before parsing. */
export class LowerContext {
  constructor(
    readonly file: SourceFile,
    readonly prepared: PreparedSource,
  ) {}

  /** Offsets of postfix `!` operators blanked before parsing. */
  get nonNullAt(): ReadonlySet<number> {
    return this.prepared.nonNullAt;
  }

  span(node: SyntaxNode): Span {
    return span(this.file, node.start, node.end);
  }

  spanOf(start: number, end: number): Span {
    return span(this.file, start, end);
  }

  /** The node's text in the original file (rewrites made before parsing are not visible here). */
  text(node: SyntaxNode): string {
    return this.file.text.slice(node.start, node.end);
  }

  error(node: SyntaxNode, message: string): ErrorExpr {
    return { kind: 'error', message, span: this.span(node) };
  }
}
