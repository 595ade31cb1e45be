import { span, type Span } from '../../core/span.js';
import type { BinaryOp, Expr } from '../../expr/ast.js';

/*
 * The grammar gives member access, indexing and `::` the lowest precedence, so `a == b.c` parses as
 * `(a == b).c` and `x => x.id` as `(x => x).id`. Operator expressions are therefore flattened back into
 * source order (operands and operators) and re-parsed with Bicep's precedence:
 * postfix (`.` `.?` `[]` `[?]` `::` `()` `!`) > prefix `!` `-` > `* / %` > `+ -` > `< <= > >=` >
 * `== != =~ !~` > `&&` > `||` > `??` > `? :` > lambda `=>`.
 */

export const BINARY_PRECEDENCE: Record<BinaryOp, number> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '==': 4,
  '!=': 4,
  '=~': 4,
  '!~': 4,
  '<': 5,
  '<=': 5,
  '>': 5,
  '>=': 5,
  '+': 6,
  '-': 6,
  '*': 7,
  '/': 7,
  '%': 7,
};
const TERNARY_PRECEDENCE = 0;

/** An operand or operator of a flattened operator expression, in source order. */
export type Piece =
  | { kind: 'operand'; expr: Expr }
  | { kind: 'prefix'; op: '!' | '-'; start: number }
  | { kind: 'binary'; op: BinaryOp }
  | { kind: 'ternary'; whenTrue: Expr }
  | { kind: 'lambda'; params: string[] | undefined; start: number }
  | { kind: 'postfix'; apply: (target: Expr) => Expr };

/** Precedence climbing over flattened pieces. */
export function parsePieces(pieces: readonly Piece[], whole: Span): Expr {
  return new PieceParser(pieces, whole).parseAll();
}

class PieceParser {
  private pos = 0;

  constructor(
    private readonly pieces: readonly Piece[],
    private readonly whole: Span,
  ) {}

  parseAll(): Expr {
    const e = this.parse(TERNARY_PRECEDENCE);
    if (this.pos < this.pieces.length) return { kind: 'error', message: 'expression could not be parsed', span: this.whole };
    return e;
  }

  private parse(min: number): Expr {
    let left = this.unary();
    for (;;) {
      const p = this.pieces[this.pos];
      if (p?.kind === 'binary' && BINARY_PRECEDENCE[p.op] >= min) {
        this.pos++;
        const right = this.parse(BINARY_PRECEDENCE[p.op] + 1);
        left = { kind: 'binary', op: p.op, left, right, span: this.join(left, right) };
      } else if (p?.kind === 'ternary' && TERNARY_PRECEDENCE >= min) {
        this.pos++;
        const whenFalse = this.parse(TERNARY_PRECEDENCE);
        left = { kind: 'ternary', condition: left, whenTrue: p.whenTrue, whenFalse, span: this.join(left, whenFalse) };
      } else {
        return left;
      }
    }
  }

  private unary(): Expr {
    const p = this.pieces[this.pos++];
    switch (p?.kind) {
      case 'prefix': {
        const operand = this.unary();
        return { kind: 'unary', op: p.op, operand, span: this.spanOf(p.start, operand.span.end) };
      }
      case 'lambda': {
        const body = this.parse(TERNARY_PRECEDENCE);
        const whole = this.spanOf(p.start, body.span.end);
        if (!p.params) return { kind: 'error', message: 'unsupported lambda parameters', span: whole };
        return { kind: 'lambda', params: p.params, body, span: whole };
      }
      case 'operand': {
        let e = p.expr;
        for (let next = this.pieces[this.pos]; next?.kind === 'postfix'; next = this.pieces[++this.pos]) e = next.apply(e);
        return e;
      }
      default:
        return { kind: 'error', message: 'missing operand', span: this.whole };
    }
  }

  private join(a: Expr, b: Expr): Span {
    return this.spanOf(a.span.start, b.span.end);
  }

  private spanOf(start: number, end: number): Span {
    return span(this.whole.file, start, end);
  }
}
