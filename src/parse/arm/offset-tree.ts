import { visit } from 'jsonc-parser';
import type { JSONVisitor, ParseOptions } from 'jsonc-parser';
import { stringEnd } from './nesting.js';

const OBJECT = 0;
const ARRAY = 1;
const PROPERTY = 2;
const VALUE = 3;

/**
 * The offsets of every value of a JSON(C) text, for locating findings: jsonc-parser's `parseTree` and
 * `findNodeAtLocation`, built from the same parser events and answering the same, but flat. Nodes are
 * numbered in document order in a few arrays of numbers, so a 20 MB template costs tens of megabytes
 * rather than the couple of hundred its tree of objects took. Properties are nodes too: their key starts
 * where they start, and their value is the node after them.
 */
export class OffsetTree {
  // Columns of typed numbers, grown by doubling and cut to size once built: four bytes a number (one for
  // the kind) outside the garbage-collected heap, where arrays of numbers took eight and were traced.
  private kind = new Uint8Array(INITIAL_NODES);
  private start = new Int32Array(INITIAL_NODES);
  private length = new Int32Array(INITIAL_NODES);
  /** The number of the first node after each node's subtree. */
  private end = new Int32Array(INITIAL_NODES);
  /** Properties only: the length of the key. */
  private keyLength = new Int32Array(INITIAL_NODES);
  private count = 0;
  /** The nodes of large arrays' elements, listed when an element is first looked for by index. */
  private readonly elements = new Map<number, number[]>();

  /** `strict`: the text is strict JSON (JSON.parse read it), and is scanned without jsonc-parser. */
  constructor(
    private readonly text: string,
    options: ParseOptions,
    strict = false,
  ) {
    const open: number[] = [];
    const add = (kind: number, offset: number, length: number): number => {
      const i = this.count++;
      if (i === this.kind.length) this.resize(2 * i);
      this.kind[i] = kind;
      this.start[i] = offset;
      this.length[i] = length;
      this.end[i] = i + 1;
      this.keyLength[i] = 0;
      return i;
    };
    const close = (i: number, endOffset: number) => {
      this.length[i] = endOffset - this.start[i];
      this.end[i] = this.count;
    };
    // A property ends with its value, at a comma, or at the end of its object when the value is missing.
    const completeProperty = (endOffset: number) => {
      if (open.length && this.kind[open[open.length - 1]] === PROPERTY) close(open.pop()!, endOffset);
    };
    const closeContainer = (offset: number, length: number) => {
      const i = open.pop();
      if (i !== undefined) close(i, offset + length);
      completeProperty(offset + length);
    };
    const events: JSONVisitor = {
        onObjectBegin: (offset) => void open.push(add(OBJECT, offset, -1)),
        onObjectProperty: (_name, offset, length) => {
          const i = add(PROPERTY, offset, -1);
          this.keyLength[i] = length;
          open.push(i);
        },
        onObjectEnd: (offset, length) => {
          completeProperty(offset + length);
          closeContainer(offset, length);
        },
        onArrayBegin: (offset) => void open.push(add(ARRAY, offset, -1)),
        onArrayEnd: closeContainer,
        onLiteralValue: (_value, offset, length) => {
          add(VALUE, offset, length);
          completeProperty(offset + length);
        },
        onSeparator: (separator, offset) => {
          if (separator === ',') completeProperty(offset);
        },
    };
    if (strict) scanStrictJson(text, events);
    else visit(text, events, options);
    // A text cut short leaves containers open: their subtrees end with the text (their length stays unknown).
    for (const i of open) this.end[i] = this.count;
    this.resize(this.count);
  }

  /** Copies the columns into ones of `size` nodes. */
  private resize(size: number): void {
    const grown = <T extends Uint8Array | Int32Array>(column: T, make: new (n: number) => T): T => {
      const out = new make(size);
      out.set(column.subarray(0, Math.min(size, this.count)));
      return out;
    };
    this.kind = grown(this.kind, Uint8Array);
    this.start = grown(this.start, Int32Array);
    this.length = grown(this.length, Int32Array);
    this.end = grown(this.end, Int32Array);
    this.keyLength = grown(this.keyLength, Int32Array);
  }

  /** The [start, end) of the value at a path (or of its property key), as findNodeAtLocation finds it. */
  locate(path: readonly (string | number)[], key: boolean): readonly [number, number] | undefined {
    const node = this.find(path);
    if (node === undefined) return undefined;
    if (!key) return [this.start[node], this.start[node] + this.length[node]];
    // A key is the property's whose value this node is (a property without a value is followed by others).
    const property = node - 1;
    return property >= 0 && this.kind[property] === PROPERTY && this.end[property] === this.end[node] ? [this.start[property], this.start[property] + this.keyLength[property]] : undefined;
  }

  private find(path: readonly (string | number)[]): number | undefined {
    if (!this.count) return undefined;
    let node = 0;
    for (const segment of path) {
      let found: number | undefined;
      if (typeof segment === 'string') {
        if (this.kind[node] !== OBJECT) return undefined;
        // The first property of that name with exactly one value, as findNodeAtLocation.
        for (let c = node + 1; c < this.end[node]; c = this.end[c])
          if (this.kind[c] === PROPERTY && this.end[c] > c + 1 && this.end[c + 1] === this.end[c] && this.keyIs(c, segment)) {
            found = c + 1;
            break;
          }
      } else {
        if (this.kind[node] !== ARRAY || segment < 0) return undefined;
        found = this.element(node, segment);
      }
      if (found === undefined) return undefined;
      node = found;
    }
    return node;
  }

  /**
   * The path of the innermost value holding an offset (inside a string, a number…), as jsonc-parser's
   * getLocation gives it for a value; where no value holds it, the path of the container that does.
   */
  pathAt(offset: number): (string | number)[] {
    const path: (string | number)[] = [];
    if (!this.count || !this.holds(0, offset)) return path;
    for (let node = 0; this.kind[node] === OBJECT || this.kind[node] === ARRAY; ) {
      let next: number | undefined;
      let index = 0;
      for (let c = node + 1; c < this.end[node]; c = this.end[c], index++)
        if (this.holds(c, offset)) {
          next = c;
          break;
        }
      if (next === undefined) break;
      if (this.kind[node] === ARRAY) path.push(index);
      else if (this.end[next] > next + 1) {
        // A property: its key, then the value after it.
        path.push(this.keyAt(next));
        next++;
        if (!this.holds(next, offset)) break;
      } else break;
      node = next;
    }
    return path;
  }

  private holds(node: number, offset: number): boolean {
    return this.start[node] <= offset && offset < this.start[node] + this.length[node];
  }

  /** The node of an array's element; a large array's elements are listed once, so that looking up the last costs no walk past the others. */
  private element(array: number, index: number): number | undefined {
    if (index < LARGE_ARRAY) {
      let c = array + 1;
      for (let k = 0; k < index && c < this.end[array]; k++) c = this.end[c];
      return c < this.end[array] ? c : undefined;
    }
    let list = this.elements.get(array);
    if (!list) {
      list = [];
      for (let c = array + 1; c < this.end[array]; c = this.end[c]) list.push(c);
      this.elements.set(array, list);
    }
    return list[index];
  }

  /** Whether a property's key is `name`: compared in the text where the key has no escapes (a key with escapes is longer than its name). */
  private keyIs(property: number, name: string): boolean {
    const length = this.keyLength[property];
    if (length < name.length + 2) return false;
    if (length === name.length + 2) return this.text.startsWith(name, this.start[property] + 1) && this.text.charCodeAt(this.start[property]) === QUOTE;
    return this.keyAt(property) === name;
  }

  private keyAt(property: number): string {
    const raw = this.text.slice(this.start[property], this.start[property] + this.keyLength[property]);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw;
    }
  }
}

/** Arrays looked up by an index this large get their elements listed (see OffsetTree.element). */
const LARGE_ARRAY = 64;

const QUOTE = 34;
/** Room for this many nodes at first: a small template needs no more. */
const INITIAL_NODES = 256;
/** The path a visitor may ask for: OffsetTree never does. */
const NO_PATH = () => [];

/**
 * The visitor events jsonc-parser gives for strict JSON (a text JSON.parse read), found by one loop over
 * the characters: the offset tree of a 20 MB template is built in a fraction of the visitor's time. Only
 * what OffsetTree listens to is sent; names and values are not decoded.
 */
function scanStrictJson(text: string, events: JSONVisitor): void {
  const objectBegin = events.onObjectBegin!;
  const objectEnd = events.onObjectEnd!;
  const arrayBegin = events.onArrayBegin!;
  const arrayEnd = events.onArrayEnd!;
  const property = events.onObjectProperty!;
  const literal = events.onLiteralValue!;
  const separator = events.onSeparator!;
  // Whether a string is a property's key: after `{` or after a comma inside an object.
  const inObject: boolean[] = [];
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      i++;
    } else if (c === QUOTE) {
      const end = stringEnd(text, i) + 1;
      if (expectKey) property('', i, end - i, 0, 0, NO_PATH);
      else literal(undefined, i, end - i, 0, 0, NO_PATH);
      expectKey = false;
      i = end;
    } else if (c === 123 /* { */) {
      objectBegin(i, 1, 0, 0, NO_PATH);
      inObject.push(true);
      expectKey = true;
      i++;
    } else if (c === 91 /* [ */) {
      arrayBegin(i, 1, 0, 0, NO_PATH);
      inObject.push(false);
      expectKey = false;
      i++;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      (c === 125 ? objectEnd : arrayEnd)(i, 1, 0, 0);
      inObject.pop();
      expectKey = false;
      i++;
    } else if (c === 44 /* , */) {
      separator(',', i, 1, 0, 0);
      expectKey = inObject[inObject.length - 1] === true;
      i++;
    } else if (c === 58 /* : */) {
      i++;
    } else {
      // A number, true, false or null: up to the next delimiter.
      let j = i + 1;
      for (let d = text.charCodeAt(j); j < n && !(d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9 || d === 58); d = text.charCodeAt(++j));
      literal(undefined, i, j - i, 0, 0, NO_PATH);
      i = j;
    }
  }
}
