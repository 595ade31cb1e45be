import { describe, expect, it } from 'vitest';
import type { ObjectExpr } from '../../src/expr/ast.js';
import { objectGet, objectProp } from '../../src/expr/ast.js';
import type { Span } from '../../src/core/span.js';

const span = {} as Span;
const objectOf = (...keys: string[]): ObjectExpr => ({
  kind: 'object',
  span,
  props: keys.map((key, i) => ({ key, keySpan: span, value: { kind: 'literal', value: i, span } })),
});

describe('objectProp', () => {
  it('prefers the exact key, then any key that differs only in case, as ARM reads property names', () => {
    const o = objectOf('Properties', 'properties');
    expect(objectGet(o, 'properties')).toMatchObject({ value: 1 });
    expect(objectGet(o, 'PROPERTIES')).toMatchObject({ value: 0 });
  });

  it('compares letters only: brackets and other signs one case bit apart are different keys', () => {
    // '[' and '{', '@' and '`' differ by the bit that separates upper from lower case letters.
    expect(objectProp(objectOf('a[b'), 'a{b')).toBeUndefined();
    expect(objectProp(objectOf('@x'), '`x')).toBeUndefined();
    expect(objectProp(objectOf('name1'), 'name2')).toBeUndefined();
  });

  it('folds the case of non-ASCII letters as toLowerCase does', () => {
    expect(objectGet(objectOf('Größe'), 'GRÖßE')).toMatchObject({ value: 0 });
    expect(objectProp(objectOf('Größe'), 'Grüße')).toBeUndefined();
  });
});
