import { visit } from 'jsonc-parser';
import type { ParseOptions } from 'jsonc-parser';

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
  private readonly kind: number[] = [];
  private readonly start: number[] = [];
  private readonly length: number[] = [];
  /** The number of the first node after each node's subtree. */
  private readonly end: number[] = [];
  /** Properties only: the length of the key. */
  private readonly keyLength: number[] = [];

  constructor(
    private readonly text: string,
    options: ParseOptions,
  ) {
    const open: number[] = [];
    const add = (kind: number, offset: number, length: number): number => {
      const i = this.kind.length;
      this.kind.push(kind);
      this.start.push(offset);
      this.length.push(length);
      this.end.push(i + 1);
      this.keyLength.push(0);
      return i;
    };
    const close = (i: number, endOffset: number) => {
      this.length[i] = endOffset - this.start[i];
      this.end[i] = this.kind.length;
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
    visit(
      text,
      {
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
      },
      options,
    );
    // A text cut short leaves containers open: their subtrees end with the text (their length stays unknown).
    for (const i of open) this.end[i] = this.kind.length;
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
    if (!this.kind.length) return undefined;
    let node = 0;
    for (const segment of path) {
      let found: number | undefined;
      if (typeof segment === 'string') {
        if (this.kind[node] !== OBJECT) return undefined;
        // The first property of that name with exactly one value, as findNodeAtLocation.
        for (let c = node + 1; c < this.end[node]; c = this.end[c])
          if (this.kind[c] === PROPERTY && this.end[c] > c + 1 && this.end[c + 1] === this.end[c] && this.keyAt(c) === segment) {
            found = c + 1;
            break;
          }
      } else {
        if (this.kind[node] !== ARRAY || segment < 0) return undefined;
        let c = node + 1;
        for (let k = 0; k < segment && c < this.end[node]; k++) c = this.end[c];
        if (c < this.end[node]) found = c;
      }
      if (found === undefined) return undefined;
      node = found;
    }
    return node;
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
