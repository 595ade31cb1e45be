import type { Language, Tree, TreeCursor } from 'web-tree-sitter';

/**
 * A plain copy of a tree-sitter syntax tree. Every property read on a web-tree-sitter node is a call into
 * wasm, so the tree is copied once with a cursor and the wasm tree freed right away; lowering then reads
 * plain objects. Offsets are offsets in the file (UTF-16 code units).
 */
export interface SyntaxNode {
  /** Node type; `ERROR` for error nodes; the token itself for anonymous nodes (`=`, `.?`, `existing`). */
  readonly type: string;
  readonly isNamed: boolean;
  readonly isError: boolean;
  /** A zero-width node inserted by error recovery. */
  readonly isMissing: boolean;
  /** This node or a descendant is an ERROR or MISSING node. */
  readonly hasError: boolean;
  readonly start: number;
  readonly end: number;
  /** The grammar field this node fills in its parent (`left`, `operator`, `object`, …). */
  readonly field: string | undefined;
  readonly children: readonly SyntaxNode[];
  readonly parent: SyntaxNode | undefined;
}

type MutableNode = { -readonly [K in keyof SyntaxNode]: SyntaxNode[K] };

/** Node types whose children carry grammar fields. */
const TYPES_WITH_FIELDS = new Set([
  'binary_expression',
  'unary_expression',
  'ternary_expression',
  'member_expression',
  'subscript_expression',
  'resource_expression',
  'call_expression',
  'for_statement',
  'user_defined_function',
]);

/** Copies `tree`; `base` is the offset of the parsed text in the file. */
export function copySyntaxTree(tree: Tree, base: number): SyntaxNode {
  const language = tree.language;
  const named = new Map<number, boolean>();
  const isNamed = (typeId: number): boolean => {
    let value = named.get(typeId);
    if (value === undefined) named.set(typeId, (value = language.nodeTypeIsNamed(typeId)));
    return value;
  };
  // MISSING nodes only exist in trees with errors; skip the per-node check otherwise.
  const checkMissing = tree.rootNode.hasError;
  const cursor = tree.walk();
  try {
    return copyNode(cursor, undefined, { base, language, isNamed, checkMissing }, 0);
  } finally {
    cursor.delete();
  }
}

interface CopyOptions {
  base: number;
  language: Language;
  isNamed: (typeId: number) => boolean;
  checkMissing: boolean;
}

/**
 * Deepest syntax tree that is copied and lowered. Copying and lowering are recursive, so absurd nesting
 * (thousands of brackets or operators) would exhaust the stack; real Bicep nests a few dozen levels.
 */
export const MAX_SYNTAX_DEPTH = 1000;

/** Thrown by copySyntaxTree when the tree is deeper than MAX_SYNTAX_DEPTH; `offset` is where it gets too deep. */
export class SyntaxTooDeep extends Error {
  constructor(readonly offset: number) {
    super(`expressions more than ${MAX_SYNTAX_DEPTH} levels deep`);
  }
}

function copyNode(cursor: TreeCursor, parent: SyntaxNode | undefined, o: CopyOptions, depth: number): SyntaxNode {
  if (depth > MAX_SYNTAX_DEPTH) throw new SyntaxTooDeep(o.base + cursor.startIndex);
  const typeId = cursor.nodeTypeId;
  const type = o.language.types[typeId] ?? 'ERROR';
  const isMissing = o.checkMissing && cursor.nodeIsMissing;
  const isError = type === 'ERROR';
  const children: SyntaxNode[] = [];
  const node: MutableNode = {
    type,
    isNamed: o.isNamed(typeId),
    isError,
    isMissing,
    hasError: isError || isMissing,
    start: o.base + cursor.startIndex,
    end: o.base + cursor.endIndex,
    field: parent && TYPES_WITH_FIELDS.has(parent.type) ? (cursor.currentFieldName ?? undefined) : undefined,
    children,
    parent,
  };
  if (cursor.gotoFirstChild()) {
    do {
      const child = copyNode(cursor, node, o, depth + 1);
      children.push(child);
      if (child.hasError) node.hasError = true;
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  return node;
}

export function isComment(node: SyntaxNode): boolean {
  return node.type === 'comment' || node.type === 'diagnostic_comment';
}

/** Named children that are code, not comments. */
export function codeChildren(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((c) => c.isNamed && !isComment(c));
}

function isBroken(node: SyntaxNode): boolean {
  return node.isError || node.isMissing;
}

/** True when one of the node's direct children is an ERROR or MISSING node. */
export function hasBrokenChild(node: SyntaxNode): boolean {
  return node.children.some(isBroken);
}

/** The first child with this (anonymous or named) type. */
export function childOfType(node: SyntaxNode, type: string): SyntaxNode | undefined {
  return node.children.find((c) => c.type === type);
}

/** The child filling a grammar field (`left`, `operator`, `object`, …). */
export function fieldChild(node: SyntaxNode, field: string): SyntaxNode | undefined {
  return node.children.find((c) => c.field === field);
}

/** The first code child after the anonymous token `token` (e.g. the value after `=`). */
export function codeChildAfter(node: SyntaxNode, token: string): SyntaxNode | undefined {
  let seen = false;
  for (const c of node.children) {
    if (seen && c.isNamed && !isComment(c)) return c;
    if (!c.isNamed && c.type === token) seen = true;
  }
  return undefined;
}
