import { findNodeAtLocation, getLocation, parseTree } from 'jsonc-parser';
import type { Node as JsonNode } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { OffsetTree } from '../../src/parse/arm/offset-tree.js';
import { HAS_CORPUS, SKIP_MESSAGE, corpusFiles } from '../support/corpus.js';

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

type Path = (string | number)[];

/** Every path of jsonc-parser's tree, and for each object and array a path that is not there. */
function paths(node: JsonNode | undefined, at: Path = [], out: Path[] = []): Path[] {
  if (!node) return out;
  out.push(at);
  if (node.type === 'object') {
    out.push([...at, 'not-a-key'], [...at, 0]);
    for (const p of node.children ?? []) if (p.type === 'property' && p.children?.length === 2) paths(p.children[1], [...at, p.children[0].value as string], out);
  } else if (node.type === 'array') {
    out.push([...at, node.children?.length ?? 0], [...at, -1], [...at, 'x']);
    (node.children ?? []).forEach((c, i) => paths(c, [...at, i], out));
  }
  return out;
}

/** What the engine located before: jsonc-parser's node at the path, or its property key. */
function expected(root: JsonNode | undefined, path: Path, key: boolean): readonly [number, number] | undefined {
  const found = root ? findNodeAtLocation(root, path) : undefined;
  const node = key ? (found?.parent?.type === 'property' ? found.parent.children?.[0] : undefined) : found;
  return node ? [node.offset, node.offset + node.length] : undefined;
}

/** Compares with jsonc-parser the tree built by its visitor and, for strict JSON, the one scanned without it. */
function compare(text: string, pathEvery = 1): void {
  const root = parseTree(text, [], OPTIONS);
  const trees = [new OffsetTree(text, OPTIONS)];
  if (isStrict(text)) trees.push(new OffsetTree(text, OPTIONS, true));
  for (const tree of trees) {
    for (const path of paths(root))
      for (const key of [false, true]) expect(tree.locate(path, key), `${JSON.stringify(path)}${key ? ' (key)' : ''}`).toEqual(expected(root, path, key));
    // Inside each value (a string's first character, a number's…), the path getLocation gives (which reads
    // the text from its start each time: in large files, every so many values).
    for (const offset of valueOffsets(root).filter((_, i) => i % pathEvery === 0)) expect(tree.pathAt(offset + 1), `at ${offset}`).toEqual(getLocation(text, offset + 1).path);
  }
}

/** Where each literal value that is not a property key starts. */
function valueOffsets(node: JsonNode | undefined, out: number[] = []): number[] {
  if (!node) return out;
  if (node.type === 'property') valueOffsets(node.children?.[1], out);
  else if (node.type === 'object' || node.type === 'array') for (const c of node.children ?? []) valueOffsets(c, out);
  else if (node.length > 1) out.push(node.offset);
  return out;
}

function isStrict(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('OffsetTree', () => {
  it('locates values and keys exactly where jsonc-parser does, in valid, commented and broken JSON', () => {
    const texts = [
      '{"a": 1, "b": [true, null, {"c": "x"}], "d": {"e": [[1], []]}}',
      '// comment\n{\n  "a": [1, 2,], /* block */ "b": {"c": 1,},\n}',
      '{"a": 1, "a": 2}',
      '{"a\\u0041": {"b\\"q": 3}}',
      '{"a": ',
      '{"a": [1, 2',
      '{"a": 1 2, "b": 3}',
      '{"a": ], "b": 1}',
      '[1, {"a": }, [}, 3]',
      '',
      '   ',
      '"text"',
      ' {"a" : [ 1 , -2.5e+3 , "x\\\\" , false , null ] , "b":{ } , "c":[ ] }\r\n',
      // Arrays long enough that their elements are listed, not walked, when looked up by index.
      JSON.stringify({ list: Array.from({ length: 200 }, (_, i) => (i % 3 ? { i, name: `n${i}` } : [i, `s${i}`])) }, null, 2),
    ];
    for (const text of texts) compare(text);
  });

  it.skipIf(!HAS_CORPUS)('agrees with jsonc-parser on a tenth of the JSON files of the corpus', () => {
    const files = corpusFiles().filter((f) => /\.jsonc?$/i.test(f.path));
    expect(files.length, SKIP_MESSAGE).toBeGreaterThan(0);
    // Every tenth file: each comparison walks every path of the file.
    for (const f of files.filter((_, i) => i % 10 === 0)) compare(f.text, 20);
  });
});
