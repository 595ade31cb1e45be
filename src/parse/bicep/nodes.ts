import type { SourceFile } from '../../core/source.js';
import type { Span } from '../../core/span.js';
import type { ArrayExpr, CallExpr, Expr, LiteralExpr, MemberExpr, ObjectExpr, ObjectProp, SymbolExpr } from '../../expr/ast.js';

/*
 * Nodes of the Bicep syntax tree that are their own span: each holds the file and the offsets, and `span`
 * returns the node. The common nodes (literals, objects, arrays, names, calls, members) are made this way
 * because a large file has tens of thousands of them, and a span object beside each was a fifth of the
 * tree's memory and of what the garbage collector copies while the file is parsed. Fields are assigned in
 * the constructors only: a declared field is defined first, then assigned, for every node. For the same
 * reason, a node's `kind` and `span` are held by its class's prototype (see `spannedNode`), not by every
 * node; and no class extends another, so that making a node is one constructor call, not two.
 */

export class LiteralNode implements LiteralExpr, Span {
  declare readonly kind: 'literal';
  declare readonly span: Span;
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly value: LiteralExpr['value'];

  constructor(file: SourceFile, start: number, end: number, value: LiteralExpr['value']) {
    this.file = file;
    this.start = start;
    this.end = end;
    this.value = value;
  }
}

spannedNode(LiteralNode, 'literal');

export class ObjectNode implements ObjectExpr, Span {
  declare readonly kind: 'object';
  declare readonly span: Span;
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly props: ObjectProp[];
  declare lastKey: string | null;
  declare lastProp: ObjectProp | undefined;

  constructor(file: SourceFile, start: number, end: number, props: ObjectProp[]) {
    this.file = file;
    this.start = start;
    this.end = end;
    this.props = props;
    // objectProp's memo (see ObjectExpr), made here so that every node has the same shape.
    this.lastKey = null;
    this.lastProp = undefined;
  }
}

spannedNode(ObjectNode, 'object');

export class ArrayNode implements ArrayExpr, Span {
  declare readonly kind: 'array';
  declare readonly span: Span;
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly items: Expr[];

  constructor(file: SourceFile, start: number, end: number, items: Expr[]) {
    this.file = file;
    this.start = start;
    this.end = end;
    this.items = items;
  }
}

spannedNode(ArrayNode, 'array');

/** A name without `::` (a `parent::child` path is a plain `SymbolExpr`). */
export class SymbolNode implements SymbolExpr, Span {
  declare readonly kind: 'symbol';
  declare readonly span: Span;
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly name: string;

  constructor(file: SourceFile, start: number, end: number, name: string) {
    this.file = file;
    this.start = start;
    this.end = end;
    this.name = name;
  }
}

spannedNode(SymbolNode, 'symbol');

/** A call of a function without a namespace (`resourceId(…)`; `az.resourceId(…)` is a plain `CallExpr`). */
export class CallNode implements CallExpr, Span {
  declare readonly kind: 'call';
  declare readonly span: Span;
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly name: string;
  declare readonly args: Expr[];

  constructor(file: SourceFile, start: number, end: number, name: string, args: Expr[]) {
    this.file = file;
    this.start = start;
    this.end = end;
    this.name = name;
    this.args = args;
  }
}

spannedNode(CallNode, 'call');

/** `object.name` (`object.?name` is a plain `MemberExpr`). */
export class MemberNode implements MemberExpr, Span {
  declare readonly kind: 'member';
  declare readonly span: Span;
  declare readonly file: SourceFile;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly object: Expr;
  declare readonly name: string;

  constructor(file: SourceFile, start: number, end: number, object: Expr, name: string) {
    this.file = file;
    this.start = start;
    this.end = end;
    this.object = object;
    this.name = name;
  }
}

spannedNode(MemberNode, 'member');

/**
 * Every node of `node` has `kind` and is its own `span`, read from the prototype: `kind` an enumerable,
 * read-only data property there, which V8 loads as cheaply as an own field. Spreading a node
 * (`{ ...node }`) copies own fields only, so a copy names its kind itself (see `withSpan` in parse-expressions.ts).
 */
function spannedNode(node: abstract new (...args: never[]) => Span, kind: Expr['kind']): void {
  Object.defineProperty(node.prototype, 'kind', { value: kind, enumerable: true });
  Object.defineProperty(node.prototype, 'span', {
    get(this: Span): Span {
      return this;
    },
  });
}
