import type { SourceFile } from '../../core/source.js';
import type { Span } from '../../core/span.js';
import type { ArrayExpr, CallExpr, Expr, LiteralExpr, MemberExpr, ObjectExpr, ObjectProp, SymbolExpr } from '../../expr/ast.js';

/**
 * A node of the Bicep syntax tree that is its own span: it holds the file and the offsets, and `span`
 * returns the node. The common nodes (literals, objects, arrays, names, calls, members) are made this way because a large
 * file has tens of thousands of them, and a span object beside each was a fifth of the tree's memory and
 * of what the garbage collector copies while the file is parsed. Fields are assigned in the constructors
 * only: a declared field is defined first, then assigned, for every node. For the same reason, a node's
 * `kind` is held by its class's prototype (see `kindOnPrototype`), not by every node.
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
    this.value = value;
  }
}

kindOnPrototype(LiteralNode, 'literal');

export class ObjectNode extends SpannedNode implements ObjectExpr {
  declare readonly kind: 'object';
  declare readonly props: ObjectProp[];
  declare lastKey: string | null;
  declare lastProp: ObjectProp | undefined;

  constructor(file: SourceFile, start: number, end: number, props: ObjectProp[]) {
    super(file, start, end);
    this.props = props;
    // objectProp's memo (see ObjectExpr), made here so that every node has the same shape.
    this.lastKey = null;
    this.lastProp = undefined;
  }
}

kindOnPrototype(ObjectNode, 'object');

export class ArrayNode extends SpannedNode implements ArrayExpr {
  declare readonly kind: 'array';
  declare readonly items: Expr[];

  constructor(file: SourceFile, start: number, end: number, items: Expr[]) {
    super(file, start, end);
    this.items = items;
  }
}

kindOnPrototype(ArrayNode, 'array');

/** A name without `::` (a `parent::child` path is a plain `SymbolExpr`). */
export class SymbolNode extends SpannedNode implements SymbolExpr {
  declare readonly kind: 'symbol';
  declare readonly name: string;

  constructor(file: SourceFile, start: number, end: number, name: string) {
    super(file, start, end);
    this.name = name;
  }
}

kindOnPrototype(SymbolNode, 'symbol');

/** A call of a function without a namespace (`resourceId(…)`; `az.resourceId(…)` is a plain `CallExpr`). */
export class CallNode extends SpannedNode implements CallExpr {
  declare readonly kind: 'call';
  declare readonly name: string;
  declare readonly args: Expr[];

  constructor(file: SourceFile, start: number, end: number, name: string, args: Expr[]) {
    super(file, start, end);
    this.name = name;
    this.args = args;
  }
}

kindOnPrototype(CallNode, 'call');

/** `object.name` (`object.?name` is a plain `MemberExpr`). */
export class MemberNode extends SpannedNode implements MemberExpr {
  declare readonly kind: 'member';
  declare readonly object: Expr;
  declare readonly name: string;

  constructor(file: SourceFile, start: number, end: number, object: Expr, name: string) {
    super(file, start, end);
    this.object = object;
    this.name = name;
  }
}

kindOnPrototype(MemberNode, 'member');

/**
 * Every node of `node` has `kind`, read from the prototype: an enumerable, read-only data property there,
 * which V8 loads as cheaply as an own field. Spreading a node (`{ ...node }`) copies own fields only, so
 * a copy names its kind itself (see `withSpan` in parse-expressions.ts).
 */
function kindOnPrototype(node: abstract new (...args: never[]) => SpannedNode, kind: Expr['kind']): void {
  Object.defineProperty(node.prototype, 'kind', { value: kind, enumerable: true });
}
