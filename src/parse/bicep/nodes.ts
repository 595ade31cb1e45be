import type { SourceFile } from '../../core/source.js';
import type { Span } from '../../core/span.js';
import type { ArrayExpr, Expr, LiteralExpr, ObjectExpr, ObjectProp, SymbolExpr } from '../../expr/ast.js';

/*
 * Nodes of the Bicep syntax tree that are their own span: each holds the file and the offsets, and `span`
 * returns the node. The common nodes (literals, objects, arrays, names) are made this way because a large
 * file has tens of thousands of them, and a span object beside each was a fifth of the tree's memory and
 * of what the garbage collector copies while the file is parsed. The classes share no base class: a
 * derived constructor costs a call to its base until the code is optimised, and fields are assigned in
 * the constructor only (a declared field is defined first, then assigned).
 */

export class LiteralNode implements LiteralExpr, Span {
  declare readonly kind: 'literal';
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly value: LiteralExpr['value'];
  declare readonly span: Span;

  constructor(file: SourceFile, start: number, end: number, value: LiteralExpr['value']) {
    this.kind = 'literal';
    this.file = file;
    this.start = start;
    this.end = end;
    this.value = value;
  }
}

export class ObjectNode implements ObjectExpr, Span {
  declare readonly kind: 'object';
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly props: ObjectProp[];
  declare readonly span: Span;

  constructor(file: SourceFile, start: number, end: number, props: ObjectProp[]) {
    this.kind = 'object';
    this.file = file;
    this.start = start;
    this.end = end;
    this.props = props;
  }
}

export class ArrayNode implements ArrayExpr, Span {
  declare readonly kind: 'array';
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly items: Expr[];
  declare readonly span: Span;

  constructor(file: SourceFile, start: number, end: number, items: Expr[]) {
    this.kind = 'array';
    this.file = file;
    this.start = start;
    this.end = end;
    this.items = items;
  }
}

/** A name without `::` (a `parent::child` path is a plain `SymbolExpr`). */
export class SymbolNode implements SymbolExpr, Span {
  declare readonly kind: 'symbol';
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly name: string;
  declare readonly span: Span;

  constructor(file: SourceFile, start: number, end: number, name: string) {
    this.kind = 'symbol';
    this.file = file;
    this.start = start;
    this.end = end;
    this.name = name;
  }
}

for (const node of [LiteralNode, ObjectNode, ArrayNode, SymbolNode])
  Object.defineProperty(node.prototype, 'span', {
    get(this: Span): Span {
      return this;
    },
  });
