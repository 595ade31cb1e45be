import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { parseJsonDocument } from '../../src/parse/arm/jsonc.js';

/** The invalid expressions of a JSON text, as the text each problem sits on. */
function invalid(text: string): string[] {
  const doc = parseJsonDocument(new SourceFile('t.json', text), true);
  return (doc.invalidExpressions?.() ?? []).map((p) => text.slice(p.span.start, p.span.end));
}

describe('invalid expressions of a JSON template', () => {
  it('are the string values that open with [ and do not parse, wherever they are nested', () => {
    expect(invalid('{"a": "[concat(]", "b": ["[ok()]", {"c": "[x(]"}], "d": 1}')).toEqual(['"[concat(]"', '"[x(]"']);
  });

  it('leave out property names, escaped literals and brackets inside other strings', () => {
    expect(invalid('{"[k(]": "[[lit(]", "e": "x\\"[y(]\\"", "f" : "[ok()]"}')).toEqual([]);
  });

  it('include a value that opens with an escaped bracket, decoded as ARM reads it', () => {
    expect(invalid('{"a": "\\u005bbad(]"}')).toEqual(['"\\u005bbad(]"']);
  });

  it('count the value JSON keeps for a repeated property, the last one', () => {
    expect(invalid('{"a": "[bad(]", "a": "[good()]"}')).toEqual([]);
    expect(invalid('{"a": "[good()]", "a": "[bad(]"}')).toHaveLength(1);
  });

  it('are found the same way in JSON with comments, which is walked', () => {
    expect(invalid('{\n  // "[not(]"\n  "a": "[bad(]"\n}')).toEqual(['"[bad(]"']);
  });
});
