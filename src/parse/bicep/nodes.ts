import type { SourceFile } from '../../core/source.js';
import type { Span } from '../../core/span.js';
import type { ArrayExpr, Expr, LiteralExpr, ObjectExpr, ObjectProp, SymbolExpr } from '../../expr/ast.js';

/**
 * A node of the Bicep syntax tree that is its own span: it holds the file and the offsets, and `span`
 * returns the node. The common nodes (literals, objects, arrays, names) are made this way because a large
 * file has tens of thousands of them, and a span object beside each was a fifth of the tree's memory and
 * of what the garbage collector copies while the file is parsed. Fields are assigned in the constructors
 * only: a declared field is defined first, then assigned, for every node.
 */
abstract class SpannedNode implements Span {
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;

  constructor(file: SourceFile, start: number, end: number) {
    this.file = file;
    this.start = start;
    this.end = end;
  }

  get span(): Span {
    return this;
  }
}

export class LiteralNode extends SpannedNode implements LiteralExpr {
  declare readonly kind: 'literal';
  declare readonly value: LiteralExpr['value'];

  constructor(file: SourceFile, start: number, end: number, value: LiteralExpr['value']) {
    super(file, start, end);
    this.kind = 'literal';
    this.value = value;
  }
}

export class ObjectNode extends SpannedNode implements ObjectExpr {
  declare readonly kind: 'object';
  declare readonly props: ObjectProp[];

  constructor(file: SourceFile, start: number, end: number, props: ObjectProp[]) {
    super(file, start, end);
    this.kind = 'object';
    this.props = props;
  }
}

export class ArrayNode extends SpannedNode implements ArrayExpr {
  declare readonly kind: 'array';
  declare readonly items: Expr[];

  constructor(file: SourceFile, start: number, end: number, items: Expr[]) {
    super(file, start, end);
    this.kind = 'array';
    this.items = items;
  }
}

/** A name without `::` (a `parent::child` path is a plain `SymbolExpr`). */
export class SymbolNode extends SpannedNode implements SymbolExpr {
  declare readonly kind: 'symbol';
  declare readonly name: string;

  constructor(file: SourceFile, start: number, end: number, name: string) {
    super(file, start, end);
    this.kind = 'symbol';
    this.name = name;
  }
}
