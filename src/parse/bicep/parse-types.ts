import { parseDecorator, parseExpression } from './parse-expressions.js';
import { parseInterpolatedString } from './parse-strings.js';
import type { TokenCursor } from './token-cursor.js';

/*
 * Type expressions (`string`, `string?`, `subnet[]`, `'a' | 'b'`, `{ name: string }`, `[int, string]`,
 * `resourceInput<'…'>.properties`, `(…)`). The linter needs only a type's name: `array`, `object`,
 * `string` for a union of string literals, and the rest as written.
 */

/** Parses a type expression and returns its name. */
export function parseType(c: TokenCursor): string {
  return c.nested(() => {
    if (c.at('nl') && nextAfterNewlines(c) === '|') c.skipNewlines();
    if (c.at('|')) c.skip();
    const names = [parseSingularType(c)];
    while (c.at('|') || (c.at('nl') && nextAfterNewlines(c) === '|')) {
      c.skipNewlines();
      c.skip();
      c.skipNewlines();
      names.push(parseSingularType(c));
    }
    if (names.length === 1) return names[0];
    const literal = names[0].startsWith('literal:') && names.every((n) => n === names[0]);
    return literal ? names[0].slice('literal:'.length) : names.map(plainName).join(' | ');
  });
}

function nextAfterNewlines(c: TokenCursor): string {
  let k = 0;
  while (c.kindAt(k) === 'nl') k++;
  return c.kindAt(k);
}

/** Literal types are named `literal:string`, `literal:int`, `literal:bool` until a union settles them. */
function plainName(name: string): string {
  return name.startsWith('literal:') ? name.slice('literal:'.length) : name;
}

/** The name of a standalone type (a literal type alone is its kind: `'a'` → `string`). */
export function parseTypeName(c: TokenCursor): string {
  return plainName(parseType(c));
}

function parseSingularType(c: TokenCursor): string {
  let name = parsePrimaryType(c);
  for (;;) {
    if (c.at('?') || c.at('!')) {
      c.skip();
    } else if (c.at('[') && c.kindAt(1) === ']') {
      c.skip();
      c.skip();
      name = 'array';
    } else if (c.at('[') && (c.kindAt(1) === 'number' || c.kindAt(1) === '*') && c.kindAt(2) === ']') {
      const start = c.peek().start;
      c.skip();
      c.skip();
      c.skip();
      name = `${plainName(name)}${c.text.slice(start, c.lastEnd)}`;
    } else if (c.at('.') && (c.kindAt(1) === 'ident' || c.kindAt(1) === '*')) {
      c.skip();
      name = `${plainName(name)}.${c.tokenText(c.next())}`;
    } else {
      return name;
    }
  }
}

function parsePrimaryType(c: TokenCursor): string {
  const t = c.peek();
  switch (t.kind) {
    case 'ident': {
      c.skip();
      let word = c.tokenText(t);
      if (word === 'true' || word === 'false') return 'literal:bool';
      if (word === 'null') return 'null';
      if (word === 'sys' && c.at('.') && c.kindAt(1) === 'ident') {
        c.skip();
        word = c.tokenText(c.next());
      }
      return c.at('<') ? `${word}${parseTypeArguments(c)}` : word;
    }
    case 'string':
      c.skip();
      return 'literal:string';
    case 'stringLeft':
      // Not a valid type (the compiler wants a constant), but its extent is clear: read it whole.
      parseInterpolatedString(c, parseExpression);
      return 'literal:string';
    case 'number':
      c.skip();
      return 'literal:int';
    case '-':
    case '+':
    case '!':
      c.skip();
      return parsePrimaryType(c);
    case '{':
      skipObjectType(c);
      return 'object';
    case '[':
      skipTupleType(c);
      return 'array';
    case '(': {
      c.skip();
      c.skipNewlines();
      const inner = parseType(c);
      c.skipNewlines();
      c.expect(')');
      return inner;
    }
    default:
      throw c.fail('Expected a type');
  }
}

/** `<'Microsoft.Network/virtualNetworks@2024-05-01'>` after `resourceInput` / `resourceOutput`: as written. */
function parseTypeArguments(c: TokenCursor): string {
  const open = c.take('<');
  c.skipNewlines();
  while (!c.at('>')) {
    parseType(c);
    c.skipNewlines();
    if (!c.at(',')) break;
    c.skip();
    c.skipNewlines();
  }
  c.expect('>');
  return c.text.slice(open.start, c.lastEnd).replace(/\s+/g, ' ');
}

/** Decorators before an object type property or a tuple item: read and dropped. */
function skipTypeDecorators(c: TokenCursor): void {
  while (c.at('@')) {
    c.skip();
    parseDecorator(c);
    c.skipNewlines();
  }
}

function skipTypeItems(c: TokenCursor, closer: '}' | ']', item: () => void): void {
  c.expect(closer === '}' ? '{' : '[');
  c.skipNewlines();
  while (!c.at(closer)) {
    if (c.at('eof')) throw c.fail(`Expected \`${closer}\``);
    skipTypeDecorators(c);
    item();
    if (c.at(',')) c.skip();
    else if (!c.at('nl') && !c.at(closer)) throw c.fail(`Expected a new line or \`${closer}\``);
    c.skipNewlines();
  }
  c.skip();
}

/** `{ name: type, 'quoted': type, *: type }`. */
function skipObjectType(c: TokenCursor): void {
  skipTypeItems(c, '}', () => {
    const key = c.peek();
    if (key.kind !== 'ident' && key.kind !== 'string' && key.kind !== '*') throw c.fail('Expected a property name or `*`');
    c.skip();
    if (c.at('?')) c.skip();
    c.expect(':');
    parseType(c);
  });
}

/** `[type, type]` (a tuple). */
function skipTupleType(c: TokenCursor): void {
  skipTypeItems(c, ']', () => {
    parseType(c);
  });
}
