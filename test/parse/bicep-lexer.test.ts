import { describe, expect, it } from 'vitest';
import { lexBicep, TOKEN_KINDS } from '../../src/parse/bicep/lexer.js';

/** Every token but the end of the file, as `kind text` (or the kind alone where it is the text). */
function tokens(text: string): string[] {
  const { tokens: list } = lexBicep(text);
  const out: string[] = [];
  for (let i = 0; i < list.length - 1; i++) {
    const kind = TOKEN_KINDS[list.kinds[i]];
    const written = text.slice(list.starts[i], list.ends[i]);
    out.push(kind === written ? kind : `${kind} ${written}`);
  }
  return out;
}

describe('Bicep lexer', () => {
  it('reads every operator as the longest one its characters make', () => {
    const operators = ['...', '.?', '::', '??', '=>', '==', '!=', '=~', '!~', '<=', '>=', '&&', '||', '{', '}', '[', ']', '(', ')', ',', ':', '.', '?', '@', '=', '<', '>', '!', '+', '-', '*', '/', '%', '|', '^'];
    expect(tokens(operators.join(' '))).toEqual(operators);
    expect(tokens('a::b.?c...d??e')).toEqual(['ident a', '::', 'ident b', '.?', 'ident c', '...', 'ident d', '??', 'ident e']);
  });

  it('splits characters that make no longer operator, with exact spans', () => {
    expect(tokens('a..b')).toEqual(['ident a', '.', '.', 'ident b']);
    expect(tokens('x=>=~!==<=>')).toEqual(['ident x', '=>', '=~', '!=', '=', '<=', '>']);
    const { tokens: list } = lexBicep('a ::: b');
    expect([list.starts[1], list.ends[1], list.starts[2], list.ends[2]]).toEqual([2, 4, 4, 5]);
  });

  it('reports a character that starts no token, and one outside ASCII, and goes on', () => {
    const lexed = lexBicep('a & b ; c €');
    expect(tokens('a & b ; c €')).toEqual(['ident a', 'bad &', 'ident b', 'bad ;', 'ident c', 'bad €']);
    expect(lexed.errors.map((e) => [e.start, e.end])).toEqual([
      [2, 3],
      [6, 7],
      [10, 11],
    ]);
  });

  it('continues an interpolated string at the `}` that closes its hole, not at a nested one', () => {
    expect(tokens("'a${ {b: [1]}.b }c'")).toEqual(["stringLeft 'a${", '{', 'ident b', ':', '[', 'number 1', ']', '}', '.', 'ident b', "stringRight }c'"]);
    expect(tokens("'${x}${y}' }")).toEqual(["stringLeft '${", 'ident x', 'stringMiddle }${', 'ident y', "stringRight }'", '}']);
  });

  it('reads single-line strings to their quote, hole or line end, with escapes, dollars and any characters', () => {
    expect(tokens("'a$b\\'c€😀' 'd${e}' ''")).toEqual(["string 'a$b\\'c€😀'", "stringLeft 'd${", 'ident e', "stringRight }'", "string ''"]);
    expect(tokens("'''x''' '''")).toEqual(["string '''x'''", "string '''"]);
    const broken = lexBicep("x = 'open\ny = 'end$");
    expect(tokens("x = 'open\ny = 'end$")).toEqual(['ident x', '=', "string 'open", 'nl \n', 'ident y', '=', "string 'end$"]);
    expect(broken.errors.map((e) => [e.start, e.end, e.message])).toEqual([
      [4, 9, "String is not terminated by `'` on its line."],
      [14, 19, "String is not terminated by `'` on its line."],
    ]);
  });

  it('keeps offsets in UTF-16 code units after characters outside the basic plane, in strings and comments', () => {
    const text = "'😀' a // c😀\n/* 😀 */ b #disable-next-line x😀\nc";
    const lexed = lexBicep(text);
    expect(tokens(text)).toEqual(["string '😀'", 'ident a', 'nl \n', 'ident b', 'nl \n', 'ident c']);
    expect([lexed.tokens.starts[1], lexed.tokens.starts[3], lexed.tokens.starts[5]]).toEqual([5, 23, 48]);
    expect(lexed.comments.map((c) => [c.marker, text.slice(c.textStart, c.textEnd)])).toEqual([
      ['//', ' c😀'],
      ['/*', ' 😀 '],
      ['#', 'disable-next-line x😀'],
    ]);
  });
});
