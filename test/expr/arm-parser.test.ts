import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import type { Span } from '../../src/core/span.js';
import type { Expr } from '../../src/expr/ast.js';
import { looksLikeExpression, parseArmString } from '../../src/expr/arm-parser.js';

/** Parses the JSON string token `token` (quotes included) found inside `text`. */
function parseToken(text: string, token: string): { expr: Expr; file: SourceFile; span: Span } {
  const file = new SourceFile('template.json', text);
  const start = text.indexOf(token);
  if (start < 0) throw new Error(`token not in text: ${token}`);
  const span: Span = { file, start, end: start + token.length };
  return { expr: parseArmString(JSON.parse(token.replace(/\n/g, '\\n')) as string, span), file, span };
}

/** Parses a value written as a JSON string token in a small template. */
function parse(token: string): Expr {
  return parseToken(`{ "value": ${token} }`, token).expr;
}

/** The node without spans, for structural comparison. */
function shape(e: Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v: unknown) => (k === 'span' ? undefined : v)));
}

const textOf = (s: Span): string => s.file.text.slice(s.start, s.end);

describe('parseArmString: literals and escapes', () => {
  it('keeps plain strings and strings that are not wholly bracketed as literals', () => {
    expect(shape(parse('"GatewaySubnet"'))).toEqual({ kind: 'literal', value: 'GatewaySubnet' });
    expect(shape(parse('"[test] value"'))).toEqual({ kind: 'literal', value: '[test] value' });
    expect(shape(parse('"value [x]"'))).toEqual({ kind: 'literal', value: 'value [x]' });
    expect(shape(parse('""'))).toEqual({ kind: 'literal', value: '' });
  });

  it('turns the [[ escape into a literal without the first bracket', () => {
    expect(shape(parse('"[[test value]"'))).toEqual({ kind: 'literal', value: '[test value]' });
    expect(shape(parse("\"[[concat('a')]\""))).toEqual({ kind: 'literal', value: "[concat('a')]" });
  });

  it('gives a literal the span of the whole token', () => {
    const { expr, span } = parseToken('{"a": "[[x]"}', '"[[x]"');
    expect(expr.span).toBe(span);
  });

  it('recognises expressions', () => {
    expect(looksLikeExpression("[parameters('a')]")).toBe(true);
    expect(looksLikeExpression('[[escaped]')).toBe(false);
    expect(looksLikeExpression('[test] value')).toBe(false);
    expect(looksLikeExpression('plain')).toBe(false);
    expect(looksLikeExpression('[')).toBe(false);
  });
});

describe('parseArmString: expressions', () => {
  it('parses nested calls, lower-casing function names', () => {
    expect(shape(parse("\"[Concat(parameters('vnetId'), '/subnets/', toLower('GatewaySubnet'))]\""))).toEqual({
      kind: 'call',
      name: 'concat',
      args: [
        { kind: 'call', name: 'parameters', args: [{ kind: 'literal', value: 'vnetId' }] },
        { kind: 'literal', value: '/subnets/' },
        { kind: 'call', name: 'tolower', args: [{ kind: 'literal', value: 'GatewaySubnet' }] },
      ],
    });
  });

  it("unescapes '' inside string literals", () => {
    expect(shape(parse("\"[concat('it''s', '''', '')]\""))).toEqual({
      kind: 'call',
      name: 'concat',
      args: [
        { kind: 'literal', value: "it's" },
        { kind: 'literal', value: "'" },
        { kind: 'literal', value: '' },
      ],
    });
  });

  it('keeps brackets, commas and parentheses inside string literals', () => {
    expect(shape(parse("\"[concat('a], b)', '[x]')]\""))).toEqual({
      kind: 'call',
      name: 'concat',
      args: [
        { kind: 'literal', value: 'a], b)' },
        { kind: 'literal', value: '[x]' },
      ],
    });
  });

  it('parses integers, negative integers and calls without arguments', () => {
    expect(shape(parse('"[add(-3, 42)]"'))).toEqual({
      kind: 'call',
      name: 'add',
      args: [
        { kind: 'literal', value: -3 },
        { kind: 'literal', value: 42 },
      ],
    });
    expect(shape(parse('"[true()]"'))).toEqual({ kind: 'call', name: 'true', args: [] });
  });

  it('tolerates bare true, false and null', () => {
    expect(shape(parse('"[if(true, null, False)]"'))).toEqual({
      kind: 'call',
      name: 'if',
      args: [
        { kind: 'literal', value: true },
        { kind: 'literal', value: null },
        { kind: 'literal', value: false },
      ],
    });
  });

  it('parses namespaced user functions', () => {
    expect(shape(parse('"[__Bicep.MakeName(1)]"'))).toEqual({
      kind: 'call',
      name: 'makename',
      namespace: '__bicep',
      args: [{ kind: 'literal', value: 1 }],
    });
  });

  it('parses .prop, [\'key\'] and [0] chains', () => {
    expect(shape(parse("\"[reference('vnet').subnets[0]['id'].Value]\""))).toEqual({
      kind: 'member',
      name: 'Value',
      object: {
        kind: 'index',
        index: { kind: 'literal', value: 'id' },
        object: {
          kind: 'index',
          index: { kind: 'literal', value: 0 },
          object: {
            kind: 'member',
            name: 'subnets',
            object: { kind: 'call', name: 'reference', args: [{ kind: 'literal', value: 'vnet' }] },
          },
        },
      },
    });
  });

  it('accepts whitespace and newlines between tokens', () => {
    const multiLine = "\"[\n  concat(\n    parameters( 'a' ) ,\n    variables('b') [ 0 ] . id\n  )\n]\"";
    expect(shape(parse(multiLine))).toEqual({
      kind: 'call',
      name: 'concat',
      args: [
        { kind: 'call', name: 'parameters', args: [{ kind: 'literal', value: 'a' }] },
        {
          kind: 'member',
          name: 'id',
          object: {
            kind: 'index',
            index: { kind: 'literal', value: 0 },
            object: { kind: 'call', name: 'variables', args: [{ kind: 'literal', value: 'b' }] },
          },
        },
      ],
    });
  });
});

describe('parseArmString: spans', () => {
  it('gives sub-expressions their exact file offsets and the root the whole token', () => {
    const token = "\"[concat(parameters('vnetId'), '/subnets/GatewaySubnet')]\"";
    const { expr, span } = parseToken(`{\n  "id": ${token}\n}`, token);
    expect(expr.span).toBe(span);
    if (expr.kind !== 'call') throw new Error('expected a call');
    const [param, suffix] = expr.args;
    expect(textOf(param.span)).toBe("parameters('vnetId')");
    expect(textOf(suffix.span)).toBe("'/subnets/GatewaySubnet'");
    if (param.kind !== 'call') throw new Error('expected a call');
    expect(textOf(param.args[0].span)).toBe("'vnetId'");
  });

  it('spans member and index chains from their start', () => {
    const token = "\"[createArray(reference('x').subnets[0])]\"";
    const { expr } = parseToken(`[${token}]`, token);
    if (expr.kind !== 'call') throw new Error('expected a call');
    const chain = expr.args[0];
    expect(textOf(chain.span)).toBe("reference('x').subnets[0]");
    if (chain.kind !== 'index') throw new Error('expected an index');
    expect(textOf(chain.object.span)).toBe("reference('x').subnets");
    expect(textOf(chain.index.span)).toBe('0');
  });

  it('is exact across raw newlines in a multi-line string', () => {
    const token = "\"[\n  parameters('location')\n]\"";
    const file = new SourceFile('t.json', `{"l": ${token}}`);
    const start = file.text.indexOf(token);
    const span: Span = { file, start, end: start + token.length };
    const expr = parseArmString("[\n  parameters('location')\n]", span);
    if (expr.kind !== 'call') throw new Error('expected a call');
    expect(textOf(expr.args[0].span)).toBe("'location'");
  });

  it('falls back to the whole token span when the token has JSON escapes', () => {
    const token = '"[concat(\'say \\"hi\\"\', \'x\')]"';
    const { expr, span } = parseToken(`{"a": ${token}}`, token);
    if (expr.kind !== 'call') throw new Error('expected a call');
    expect(expr.args[0]).toMatchObject({ kind: 'literal', value: 'say "hi"' });
    expect([expr.args[0].span.start, expr.args[0].span.end]).toEqual([span.start, span.end]);
    expect([expr.args[1].span.start, expr.args[1].span.end]).toEqual([span.start, span.end]);
  });
});

describe('parseArmString: syntax errors', () => {
  const error = (token: string): string => {
    const e = parse(token);
    if (e.kind !== 'error') throw new Error(`expected an error node, got ${e.kind}`);
    return e.message;
  };

  it('names the column of a missing separator', () => {
    expect(error("\"[concat('a' 'b')]\"")).toBe("expected ',' or ')' at column 13 of the expression");
  });

  it('names the column of a missing closing parenthesis', () => {
    expect(error("\"[concat('a', 'b']\"")).toBe("expected ',' or ')' at column 17 of the expression");
  });

  it('reports an unterminated string where it starts', () => {
    expect(error("\"[concat('abc)]\"")).toBe('unterminated string literal at column 9 of the expression');
  });

  it('reports a bare identifier, an empty expression and trailing text', () => {
    expect(error('"[foo]"')).toBe("expected '(' after function name 'foo' at column 5 of the expression");
    expect(error('"[]"')).toBe('expected an expression at column 2 of the expression');
    expect(error('"[  ]"')).toBe('expected an expression at column 4 of the expression');
    expect(error("\"[concat('a') x]\"")).toBe("unexpected 'x' at column 14 of the expression");
    expect(error("\"[parameters('a').]\"")).toBe("expected a property name after '.' at column 18 of the expression");
    expect(error("\"[parameters('a')[0]\"")).toMatch(/^expected '\]' at column/);
    expect(error('"[1.5]"')).toBe("expected a property name after '.' at column 4 of the expression");
  });

  it('a check-only parse builds no nodes and finds the same errors as a full parse', () => {
    const tokens = [
      "\"[concat('a' 'b')]\"",
      "\"[concat('a', 'b']\"",
      "\"[concat('abc)]\"",
      '"[foo]"',
      '"[]"',
      "\"[parameters('a').]\"",
      "\"[parameters('a')[0]\"",
      '"[1.5]"',
      "\"[ns.fn(1, 'it''s', -2, true, null)]\"",
      "\"[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('v'))).subnets[0].id]\"",
      "\"[variables('x')[copyIndex()]['name']]\"",
      '"[true]"',
      '"[ns.1]"',
    ];
    for (const token of tokens) {
      const full = parse(token);
      const { span } = parseToken(`{ "value": ${token} }`, token);
      const checked = parseArmString(JSON.parse(token) as string, span, true);
      expect(checked.kind === 'error' ? checked.message : 'valid').toBe(full.kind === 'error' ? full.message : 'valid');
      if (checked.kind !== 'error') expect(shape(checked)).toEqual({ kind: 'literal', value: null });
    }
  });

  it('gives the error node the whole token span and never throws on deep nesting', () => {
    const token = `"[${'a('.repeat(400)}${')'.repeat(400)}]"`;
    const { expr, span } = parseToken(`{"a": ${token}}`, token);
    expect(expr.kind).toBe('error');
    expect(expr.span).toBe(span);
  });
});

describe('parseArmString: speed', () => {
  it('parses 20,000 typical expressions quickly', () => {
    const token = "\"[concat(resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName')), '/subnets/', variables('names')[copyIndex()].name)]\"";
    const text = Array.from({ length: 20_000 }, () => token).join(',\n');
    const file = new SourceFile('big.json', `[${text}]`);
    const raw = JSON.parse(token) as string;
    const started = performance.now();
    let offset = 1;
    for (let i = 0; i < 20_000; i++) {
      const e = parseArmString(raw, { file, start: offset, end: offset + token.length });
      if (e.kind !== 'call') throw new Error('parse failed');
      offset += token.length + 2;
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
