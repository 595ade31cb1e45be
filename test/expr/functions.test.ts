import { afterAll, describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { Budget } from '../../src/expr/budget.js';
import { templateFunctions } from '../../src/expr/functions/index.js';
import { PLACEHOLDER_DEPLOYMENT, type DeploymentContext, type FunctionContext } from '../../src/expr/functions/types.js';
import { LambdaValue, Unknown, type Value } from '../../src/expr/value.js';

const SUB = PLACEHOLDER_DEPLOYMENT.subscriptionId;
const RG_ID = `/subscriptions/${SUB}/resourceGroups/${PLACEHOLDER_DEPLOYMENT.resourceGroupName}`;

/** A context whose lambdas are JavaScript functions kept in the LambdaValue's closure. */
function context(deployment: DeploymentContext = PLACEHOLDER_DEPLOYMENT, budget = new Budget()): FunctionContext {
  return {
    budget,
    deployment,
    callLambda: (fn, args) => (fn.closure as (...a: Value[]) => Value)(...args),
  };
}

const called = new Set<string>();

function callIn(ctx: FunctionContext, name: string, ...args: Value[]): Value {
  const fn = templateFunctions.get(name.toLowerCase());
  if (!fn) throw new Error(`no function ${name}`);
  called.add(name.toLowerCase());
  return fn(args, ctx);
}

const call = (name: string, ...args: Value[]): Value => callIn(context(), name, ...args);

const file = new SourceFile('lambda.json', '');
const lambda = (f: (...a: Value[]) => Value, params = ['x', 'i']): LambdaValue =>
  new LambdaValue(params, { kind: 'literal', value: null, span: { file, start: 0, end: 0 } }, f);

const P = new Unknown('parameter without a value');

function expectError(v: Value, message?: RegExp): void {
  expect(v).toBeInstanceOf(Unknown);
  expect((v as Unknown).error).toBe(true);
  if (message) expect((v as Unknown).reason).toMatch(message);
}

function expectUnknown(v: Value): Unknown {
  expect(v).toBeInstanceOf(Unknown);
  expect((v as Unknown).error).toBe(false);
  return v as Unknown;
}

const partsOf = (v: Value): readonly (string | Unknown)[] | undefined => expectUnknown(v).parts;

describe('argument checking', () => {
  it('returns an error, never throws, for a wrong argument count or type', () => {
    expectError(call('substring'), /substring\(\) expects 2 to 3 arguments, got 0/);
    expectError(call('toLower', 'a', 'b'), /expects 1 argument, got 2/);
    expectError(call('toLower', 5), /toLower\(\) argument 1 must be string, got number/);
    expectError(call('length', true), /must be string or array or object or null/);
    expectError(call('concat'), /at least 1 argument/);
  });

  it('propagates an evaluation error ahead of other unknowns', () => {
    const err = call('int', 'x');
    expect(call('add', P, err)).toBe(err);
  });

  it('propagates Unknown arguments as a whole Unknown', () => {
    expect(call('length', P)).toBe(P);
    const partial = call('concat', P, '/x');
    const len = expectUnknown(call('length', partial));
    expect(len.parts).toBeUndefined();
  });
});

describe('string functions', () => {
  it('concat joins strings, converting ints and booleans, and arrays', () => {
    expect(call('concat', 'prefix', '-', 5, true)).toBe('prefix-5True');
    expect(call('concat', ['1-1', '1-2'], ['2-1'])).toEqual(['1-1', '1-2', '2-1']);
    expectError(call('concat', 'a', ['b']), /argument 1 must be an array like the other arguments, got string/);
    expectError(call('concat', 'a', { b: 1 }), /argument 2 must be string or array/);
  });

  it('concat keeps the known pieces of a partly known string', () => {
    const id = call('concat', P, '/subnets/', 'GatewaySubnet');
    expect(partsOf(id)).toEqual([P, '/subnets/GatewaySubnet']);
    expect((id as Unknown).knownSuffix).toBe('/subnets/GatewaySubnet');
    const nested = call('concat', 'a', id, P, 'b');
    expect(partsOf(nested)).toEqual(['a', P, '/subnets/GatewaySubnet', P, 'b']);
    expect(call('concat', P, P)).toBe(P);
    expectUnknown(call('concat', P, ['x']));
  });

  it('format applies .NET composite formatting', () => {
    expect(call('format', '{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)).toBe(
      'Hello, User. Formatted number: 8,175,133',
    );
    expect(call('format', '{0:N2}|{0:D5}|{0:X}|{0:x4}|{0:F1}', 1234)).toBe('1,234.00|01234|4D2|04d2|1234.0');
    expect(call('format', '{0:000}-{1:#,##0.0}-{2:P1}-{3:E2}', 7, 12345.67, 0.125, 1234.5)).toBe('007-12,345.7-12.5 %-1.23E+003');
    expect(call('format', '{{literal}} {0,5}|{0,-5}|{1}|{2}', 'ab', true, null)).toBe('{literal}    ab|ab   |True|');
    expect(call('format', '{0:Q}|{1:N2}|{2}', 42, 'text', ['a', 1])).toBe('42|text|["a",1]');
    expect(call('format', "{0:'#'00' items, total'}|{1:#.##}|{2:0.0}", 5, 0.5, -0.01)).toBe('#05 items, total|.5|0.0');
  });

  it('format keeps known text around unknown arguments', () => {
    expect(partsOf(call('format', '{0}/subnets/{1}', P, 'GatewaySubnet'))).toEqual([P, '/subnets/GatewaySubnet']);
    expectError(call('format', '{0} {2}', 'a', 'b'), /refers to a missing argument/);
    expectError(call('format', 'oops }', 'a'), /unescaped '}'/);
    expectUnknown(call('format', P, 'a'));
  });

  it('string converts values as ARM does', () => {
    expect(call('string', 5)).toBe('5');
    expect(call('string', false)).toBe('False');
    expect(call('string', { valueA: 10, valueB: 'Example Text' })).toBe('{"valueA":10,"valueB":"Example Text"}');
    expect(call('string', ['a', 'b', 'c'])).toBe('["a","b","c"]');
    expectUnknown(call('string', { a: P }));
  });

  it('substring, trim, toLower, toUpper', () => {
    expect(call('substring', 'test value', 1, 3)).toBe('est');
    expect(call('substring', 'test value', 5)).toBe('value');
    expectError(call('substring', 'abc', 2, 5), /runs past the end/);
    expectError(call('substring', 'abc', -1), /outside the string/);
    expect(call('trim', '    one two three   ')).toBe('one two three');
    expect(call('toLower', 'One Two')).toBe('one two');
    expect(call('toUpper', 'One Two')).toBe('ONE TWO');
    expect(partsOf(call('toLower', call('concat', P, '/Subnets/GW')))).toEqual([P, '/subnets/gw']);
  });

  it('replace replaces every case-sensitive occurrence', () => {
    expect(call('replace', '123-123-1234', '-', '')).toBe('1231231234');
    expect(call('replace', 'aAa', 'a', 'b')).toBe('bAb');
    expectError(call('replace', 'abc', '', 'x'), /empty string/);
    expect(partsOf(call('replace', call('concat', P, 'a-b'), '-', '/'))).toEqual([P, 'a/b']);
    expectUnknown(call('replace', call('concat', P, 'ab'), 'ab', 'x'));
  });

  it('split by one delimiter or several, and join', () => {
    expect(call('split', 'one,two,three', ',')).toEqual(['one', 'two', 'three']);
    expect(call('split', 'one;two,three', [',', ';'])).toEqual(['one', 'two', 'three']);
    expect(call('split', 'abc', ',')).toEqual(['abc']);
    expect(call('join', ['a', 'b', 'c'], ',')).toBe('a,b,c');
    expect(partsOf(call('join', [P, 'subnets', 'gw'], '/'))).toEqual([P, '/subnets/gw']);
    expectError(call('join', ['a', { b: 1 }], ','), /element 1 is an object/);
  });

  it('startsWith and endsWith ignore case and decide on a long enough known end', () => {
    expect(call('startsWith', 'abcdef', 'AB')).toBe(true);
    expect(call('endsWith', 'abcdef', 'e')).toBe(false);
    const id = call('concat', P, '/subnets/GatewaySubnet');
    expect(call('endsWith', id, '/gatewaysubnet')).toBe(true);
    expect(call('endsWith', id, '/other')).toBe(false);
    expectUnknown(call('endsWith', id, 'x/subnets/GatewaySubnet'));
    expectUnknown(call('startsWith', id, '/'));
  });

  it('padLeft', () => {
    expect(call('padLeft', '123', 10, '0')).toBe('0000000123');
    expect(call('padLeft', 7, 3, '0')).toBe('007');
    expect(call('padLeft', 'abcdef', 3)).toBe('abcdef');
    expectError(call('padLeft', '1', 3, 'ab'), /single character/);
  });

  it('base64, base64ToString, base64ToJson', () => {
    expect(call('base64', 'one, two, three')).toBe('b25lLCB0d28sIHRocmVl');
    expect(call('base64ToString', 'b25lLCB0d28sIHRocmVl')).toBe('one, two, three');
    expect(call('base64ToJson', 'eyJvbmUiOiAiYSIsICJ0d28iOiAiYiJ9')).toEqual({ one: 'a', two: 'b' });
    expectError(call('base64ToString', 'not base64!'), /not valid base64/);
    expectError(call('base64ToJson', 'bm90IGpzb24='), /not valid JSON/);
  });

  it('dataUri and dataUriToString', () => {
    expect(call('dataUri', 'Hello')).toBe('data:text/plain;charset=utf8;base64,SGVsbG8=');
    expect(call('dataUriToString', 'data:;base64,SGVsbG8sIFdvcmxkIQ==')).toBe('Hello, World!');
    expect(call('dataUriToString', 'data:text/plain,a%20b')).toBe('a b');
    expectError(call('dataUriToString', 'http://x'), /not a data URI/);
  });

  it('uri, uriComponent, uriComponentToString', () => {
    expect(call('uri', 'http://contoso.org/firstpath', 'myscript.sh')).toBe('http://contoso.org/myscript.sh');
    expect(call('uriComponent', 'http://contoso.com/resources/nested/azuredeploy.json')).toBe(
      'http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json',
    );
    expect(call('uriComponent', "it's (x)!")).toBe('it%27s%20%28x%29%21');
    expect(call('uriComponentToString', 'http%3A%2F%2Fcontoso.com')).toBe('http://contoso.com');
    expectError(call('uri', 'not a uri', 'x'), /cannot combine/);
    expectError(call('uriComponentToString', '%E0%A4%A'), /not a valid URI-encoded/);
  });

  it('json parses JSON text', () => {
    expect(call('json', '{"a": [1, 2]}')).toEqual({ a: [1, 2] });
    expect(call('json', 'null')).toBeNull();
    expect(call('json', '1.5')).toBe(1.5);
    expect(call('json', '.25')).toBe(0.25);
    expectError(call('json', '{a'), /not valid JSON/);
  });

  it("guid and uniqueString are ARM's deterministic hashes", () => {
    expect(call('guid', 'test')).toBe('d6a5baf1-8b9b-542a-8525-2982f1f98a0c');
    expect(call('guid', 'a', 'b')).toBe(call('guid', 'a-b'));
    expect(call('uniqueString', 'test')).toBe('rbgf3xv4ufgzg');
    expect(call('uniqueString', 'hello', 'world')).toBe('a7wkljktk6wne');
    expect(call('uniqueString', '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg')).toBe('bmg7c6xu4tw46');
    expectUnknown(call('uniqueString', P));
    expectError(call('guid', 1), /must be string/);
  });

  it('newGuid and utcNow are unknown', () => {
    expectUnknown(call('newGuid'));
    expectUnknown(call('utcNow', 'u'));
  });
});

describe('array and collection functions', () => {
  const abc = ['one', 'two', 'three'];

  it('array and createArray', () => {
    expect(call('array', 1)).toEqual([1]);
    expect(call('array', { a: 'b' })).toEqual([{ a: 'b' }]);
    expect(call('array', abc)).toBe(abc);
    expect(call('createArray', 'a', 1, P)).toEqual(['a', 1, P]);
    expect(call('createArray')).toEqual([]);
    expectError(call('createArray', 'a', call('int', 'x')), /int\(\) cannot convert/);
  });

  it('contains: strings case-sensitive, object keys case-insensitive, arrays deep', () => {
    expect(call('contains', 'OneTwoThree', 'e')).toBe(true);
    expect(call('contains', 'OneTwoThree', 'z')).toBe(false);
    expect(call('contains', 'OneTwoThree', 'one')).toBe(false);
    expect(call('contains', { one: 'a', two: 'b' }, 'ONE')).toBe(true);
    expect(call('contains', { one: 'a' }, 'a')).toBe(false);
    expectError(call('contains', { one: 'a' }, { one: 'a' }), /^contains\(\) cannot look for an object in an object$/);
    expectError(call('contains', 'OneTwoThree', true), /^contains\(\) cannot look for a boolean in a string$/);
    expect(call('contains', abc, 'three')).toBe(true);
    expect(call('contains', [{ a: [1] }], { a: [1] })).toBe(true);
    expect(call('contains', ['x', P], 'x')).toBe(true);
    expectUnknown(call('contains', [P, 'x'], 'y'));
  });

  it('empty and length', () => {
    expect(call('empty', [])).toBe(true);
    expect(call('empty', {})).toBe(true);
    expect(call('empty', '')).toBe(true);
    expect(call('empty', null)).toBe(true);
    expect(call('empty', 'x')).toBe(false);
    expect(call('empty', call('concat', P, '/x'))).toBe(false);
    expectUnknown(call('empty', P));
    expect(call('length', abc)).toBe(3);
    expect(call('length', 'One Two Three')).toBe(13);
    expect(call('length', { propA: 1, propB: 2, propC: 3, propD: { x: 1 } })).toBe(4);
  });

  it('first, last, take and skip on arrays and strings', () => {
    expect(call('first', abc)).toBe('one');
    expect(call('first', 'One Two Three')).toBe('O');
    expect(call('last', abc)).toBe('three');
    expect(call('last', 'One Two three')).toBe('e');
    expect(call('first', [])).toBeNull();
    expect(call('take', abc, 2)).toEqual(['one', 'two']);
    expect(call('take', 'one two three', 2)).toBe('on');
    expect(call('take', abc, -1)).toEqual([]);
    expect(call('take', abc, 10)).toEqual(abc);
    expect(call('skip', abc, 2)).toEqual(['three']);
    expect(call('skip', 'one two three', 4)).toBe('two three');
    expect(call('skip', abc, 0)).toEqual(abc);
    expect(call('skip', abc, 9)).toEqual([]);
  });

  it('indexOf and lastIndexOf: strings ignore case, arrays compare deeply', () => {
    expect(call('indexOf', 'abcdef', 'CD')).toBe(2);
    expect(call('lastIndexOf', 'abcdefabc', 'abc')).toBe(6);
    expect(call('indexOf', 'abcdef', 'z')).toBe(-1);
    expect(call('indexOf', ['a', 'b', 'a'], 'a')).toBe(0);
    expect(call('lastIndexOf', ['a', 'b', 'a'], 'a')).toBe(2);
    expect(call('indexOf', [[1, 2], [3]], [3])).toBe(1);
    expectUnknown(call('indexOf', [P, 'a'], 'a'));
  });

  it('range', () => {
    expect(call('range', 5, 3)).toEqual([5, 6, 7]);
    expect(call('range', 0, 0)).toEqual([]);
    expectError(call('range', 0, -1), /must not be negative/);
    expectError(call('range', 0, 10001), /at most 10000/);
    expectError(call('range', 2147483647, 2), /must not exceed/);
  });

  it('union of arrays de-duplicates in order; of objects merges nested objects and replaces arrays', () => {
    expect(call('union', abc, ['three', 'four'])).toEqual(['one', 'two', 'three', 'four']);
    expect(call('union', { one: 'a', two: 'b', three: 'c1' }, { three: 'c2', four: 'd', five: 'e' })).toEqual({
      one: 'a',
      two: 'b',
      three: 'c2',
      four: 'd',
      five: 'e',
    });
    const first = { property: { one: 'a', two: 'b', three: 'c1' }, nestedArray: [1, 2] };
    const second = { property: { three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] };
    expect(call('union', first, second)).toEqual({
      property: { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' },
      nestedArray: [3, 4],
    });
    expect(first.property).toEqual({ one: 'a', two: 'b', three: 'c1' });
    expect(call('union', [{ a: 1 }], [{ a: 1 }, { a: 2 }])).toEqual([{ a: 1 }, { a: 2 }]);
    expectError(call('union', [1], { a: 1 }), /all arrays or all objects/);
  });

  it('intersection', () => {
    expect(call('intersection', { one: 'a', two: 'b', three: 'c' }, { one: 'a', two: 'z', three: 'c' })).toEqual({
      one: 'a',
      three: 'c',
    });
    expect(call('intersection', abc, ['two', 'three'])).toEqual(['two', 'three']);
    expect(call('intersection', [1, 1, 2], [1], [1, 3])).toEqual([1]);
  });

  it('flatten, distinct, indexFromEnd, tryIndexFromEnd', () => {
    expect(call('flatten', [['one', 'two'], ['three'], ['four', 'five']])).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(call('flatten', [[[1]], [2]])).toEqual([[1], 2]);
    expectError(call('flatten', [[1], 2]), /element 1 is not an array/);
    expect(call('distinct', [1, '1', 1, { a: 1 }, { a: 1 }])).toEqual([1, '1', { a: 1 }]);
    expect(call('indexFromEnd', abc, 1)).toBe('three');
    expect(call('indexFromEnd', abc, 3)).toBe('one');
    expectError(call('indexFromEnd', abc, 4), /outside an array of 3/);
    expect(call('tryIndexFromEnd', abc, 0)).toBeNull();
    expect(call('tryIndexFromEnd', abc, 2)).toBe('two');
  });
});

describe('object functions', () => {
  it('createObject needs key/value pairs with string keys', () => {
    expect(call('createObject', 'intProp', 1, 'arrayProp', ['a'], 'unknown', P)).toEqual({ intProp: 1, arrayProp: ['a'], unknown: P });
    expect(call('createObject')).toEqual({});
    expectError(call('createObject', 'a'), /key\/value pairs/);
    expectError(call('createObject', 1, 'a'), /must be a string/);
    expectError(call('createObject', 'a', 1, 'a', 2), /twice/);
    expectUnknown(call('createObject', P, 1));
  });

  it('items sorts by key', () => {
    const unsorted = {
      item002: { enabled: false, displayName: 'Sample item 2', number: 200 },
      item001: { enabled: true, displayName: 'Example item 1', number: 300 },
    };
    expect(call('items', unsorted)).toEqual([
      { key: 'item001', value: { enabled: true, displayName: 'Example item 1', number: 300 } },
      { key: 'item002', value: { enabled: false, displayName: 'Sample item 2', number: 200 } },
    ]);
    expect((call('items', { b: 1, A: 2, a: 3 }) as { key: string }[]).map((i) => i.key)).toEqual(['A', 'a', 'b']);
  });

  it('objectKeys, shallowMerge, tryGet, null', () => {
    expect(call('objectKeys', { a: 1, b: 2 })).toEqual(['a', 'b']);
    expect(call('shallowMerge', [{ one: 'a', nested: { x: 1 } }, { two: 'b', nested: { y: 2 } }])).toEqual({
      one: 'a',
      two: 'b',
      nested: { y: 2 },
    });
    expectError(call('shallowMerge', [{ a: 1 }, 2]), /element 1 is not an object/);
    const obj = { key: { nestedKey: 'value' }, list: ['element'] };
    expect(call('tryGet', obj, 'KEY', 'nestedKey')).toBe('value');
    expect(call('tryGet', obj, 'missing', 'nestedKey')).toBeNull();
    expect(call('tryGet', obj, 'list', 0)).toBe('element');
    expect(call('tryGet', obj, 'list', 5)).toBeNull();
    expect(call('tryGet', 'string', 'property')).toBeNull();
    expectUnknown(call('tryGet', { a: P }, 'a', 'b'));
    expect(call('null')).toBeNull();
  });

  it('never mutates its arguments', () => {
    const a = { x: { y: 1 } };
    const b = { x: { z: 2 } };
    const arr = [3, 1, 2];
    call('union', a, b);
    call('sort', arr, lambda((p, q) => (p as number) < (q as number)));
    expect(a).toEqual({ x: { y: 1 } });
    expect(arr).toEqual([3, 1, 2]);
  });
});

describe('logical functions', () => {
  it('and, or, not', () => {
    expect(call('and', true, true, true)).toBe(true);
    expect(call('and', true, false)).toBe(false);
    expect(call('and', P, false)).toBe(false);
    expectUnknown(call('and', P, true));
    expect(call('or', false, true)).toBe(true);
    expect(call('or', P, true)).toBe(true);
    expectUnknown(call('or', P, false));
    expect(call('not', true)).toBe(false);
    expectError(call('and', true, 'yes'), /must be bool/);
  });

  it('bool, true, false', () => {
    expect(call('bool', 'TRUE')).toBe(true);
    expect(call('bool', 'false')).toBe(false);
    expect(call('bool', 0)).toBe(false);
    expect(call('bool', 1)).toBe(true);
    expectError(call('bool', 'yes'), /cannot convert/);
    expect(call('true')).toBe(true);
    expect(call('false')).toBe(false);
  });
});

describe('comparison functions', () => {
  it('coalesce returns the first non-null, or Unknown when an Unknown comes first', () => {
    expect(call('coalesce', null, null, 'a', 'b')).toBe('a');
    expect(call('coalesce', null, null)).toBeNull();
    expect(call('coalesce', null, 'a', P)).toBe('a');
    expect(call('coalesce', null, P, 'a')).toBe(P);
  });

  it('equals compares deeply and case-sensitively', () => {
    expect(call('equals', 1, 1)).toBe(true);
    expect(call('equals', 'a', 'A')).toBe(false);
    expect(call('equals', { a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(call('equals', { a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(call('equals', [1], [1, 2])).toBe(false);
    expect(call('equals', [P], [1, 2])).toBe(false);
    expectUnknown(call('equals', [P], [1]));
  });

  it('greater, greaterOrEquals, less, lessOrEquals', () => {
    expect(call('greater', 10, 5)).toBe(true);
    expect(call('greater', 'A', 'a')).toBe(false);
    expect(call('greaterOrEquals', 5, 5)).toBe(true);
    expect(call('less', 'A', 'a')).toBe(true);
    expect(call('lessOrEquals', 10, 5)).toBe(false);
    expect(call('less', 1, 1.5)).toBe(true);
    expectError(call('less', 1, 'a'), /cannot compare/);
  });
});

describe('numeric functions', () => {
  it('add, sub, mul, div, mod on integers', () => {
    expect(call('add', 5, 3)).toBe(8);
    expect(call('sub', 7, 3)).toBe(4);
    expect(call('mul', 5, 3)).toBe(15);
    expect(call('div', 8, 3)).toBe(2);
    expect(call('div', -8, 3)).toBe(-2);
    expect(call('mod', 7, 3)).toBe(1);
    expect(call('mod', -7, 3)).toBe(-1);
    expectError(call('div', 1, 0), /divide by zero/);
    expectError(call('mod', 1, 0), /divide by zero/);
    expectError(call('add', 1.5, 1), /must be int/);
    expectUnknown(call('mul', 2 ** 40, 2 ** 40));
  });

  it('int, float, min, max', () => {
    expect(call('int', '4')).toBe(4);
    expect(call('int', ' -12 ')).toBe(-12);
    expectError(call('int', '4.5'), /cannot convert/);
    expect(call('float', '1.5')).toBe(1.5);
    expect(call('float', 3)).toBe(3);
    expectError(call('float', 'abc'), /cannot convert/);
    expect(call('min', [0, 3, 2, 5, 4])).toBe(0);
    expect(call('max', 0, 3, 2, 5, 4)).toBe(5);
    expectError(call('max', []), /at least one number/);
    expectError(call('min', [1, 'a']), /numbers only/);
    expectUnknown(call('max', [1, P]));
  });
});

describe('CIDR functions', () => {
  it('parseCidr: the documented IPv4 and IPv6 examples', () => {
    expect(call('parseCidr', '10.144.0.0/20')).toEqual({
      network: '10.144.0.0',
      netmask: '255.255.240.0',
      broadcast: '10.144.15.255',
      firstUsable: '10.144.0.1',
      lastUsable: '10.144.15.254',
      cidr: 20,
    });
    expect(call('parseCidr', 'fdad:3236:5555::/48')).toEqual({
      network: 'fdad:3236:5555::',
      netmask: 'ffff:ffff:ffff::',
      firstUsable: 'fdad:3236:5555::',
      lastUsable: 'fdad:3236:5555:ffff:ffff:ffff:ffff:ffff',
      cidr: 48,
    });
  });

  it('parseCidr masks host bits, handles /32, and rejects bad input', () => {
    expect((call('parseCidr', '10.0.0.17/24') as Record<string, Value>).network).toBe('10.0.0.0');
    expect(call('parseCidr', '10.1.2.3/32')).toMatchObject({ firstUsable: '10.1.2.3', lastUsable: '10.1.2.3' });
    expectError(call('parseCidr', '10.0.0.0/33'), /not an IP range in CIDR notation/);
    expectError(call('parseCidr', 'GatewaySubnet'), /not an IP range/);
  });

  it('cidrSubnet: the documented examples', () => {
    expect([0, 1, 2, 3, 4].map((i) => call('cidrSubnet', '10.144.0.0/20', 24, i))).toEqual([
      '10.144.0.0/24',
      '10.144.1.0/24',
      '10.144.2.0/24',
      '10.144.3.0/24',
      '10.144.4.0/24',
    ]);
    expect([0, 1, 2, 3, 4].map((i) => call('cidrSubnet', 'fdad:3236:5555::/48', 52, i))).toEqual([
      'fdad:3236:5555::/52',
      'fdad:3236:5555:1000::/52',
      'fdad:3236:5555:2000::/52',
      'fdad:3236:5555:3000::/52',
      'fdad:3236:5555:4000::/52',
    ]);
    expectError(call('cidrSubnet', '10.144.0.0/20', 16, 0), /between 20 and 32/);
    expectError(call('cidrSubnet', '10.144.0.0/20', 24, 16), /outside the 16 subnets/);
  });

  it('cidrHost: index 0 is the first usable host, IPv4 and IPv6', () => {
    expect([0, 1, 2, 3, 4].map((i) => call('cidrHost', '10.144.3.0/24', i))).toEqual([
      '10.144.3.1',
      '10.144.3.2',
      '10.144.3.3',
      '10.144.3.4',
      '10.144.3.5',
    ]);
    expect([0, 1, 2, 3, 4].map((i) => call('cidrHost', 'fdad:3236:5555:3000::/52', i))).toEqual([
      'fdad:3236:5555:3000::1',
      'fdad:3236:5555:3000::2',
      'fdad:3236:5555:3000::3',
      'fdad:3236:5555:3000::4',
      'fdad:3236:5555:3000::5',
    ]);
    expect(call('cidrHost', '192.168.1.0/24', 253)).toBe('192.168.1.254');
    expectError(call('cidrHost', '192.168.1.0/24', 254), /outside the usable hosts/);
    expectError(call('cidrHost', '192.168.1.0/24', -1), /outside the usable hosts/);
  });
});

describe('resource id functions', () => {
  it('resourceId at resource group scope, one name per type segment', () => {
    expect(call('resourceId', 'Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'GatewaySubnet')).toBe(
      `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/GatewaySubnet`,
    );
    expect(call('resourceId', 'Microsoft.Network/virtualNetworks/subnets', 'vnet1/GatewaySubnet')).toBe(
      `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/GatewaySubnet`,
    );
    expectError(call('resourceId', 'Microsoft.Network/virtualNetworks/subnets', 'vnet1'), /needs 2 names/);
    expect(call('resourceId', 'Microsoft.Network/virtualNetworks/', 'vnet1')).toBe(`${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet1`);
    expectUnknown(call('resourceId', 'Microsoft.Network/virtualNetworks', 'a', 'b'));
    expectError(call('resourceId', 'vnet1', 'GatewaySubnet'), /needs a resource type/);
  });

  it('resourceId with explicit resource group and subscription', () => {
    expect(call('resourceId', 'otherRg', 'Microsoft.Network/virtualNetworks', 'v')).toBe(
      `/subscriptions/${SUB}/resourceGroups/otherRg/providers/Microsoft.Network/virtualNetworks/v`,
    );
    expect(call('resourceId', 'sub1', 'rg.with.dots', 'Microsoft.Network/virtualNetworks', 'v')).toBe(
      '/subscriptions/sub1/resourceGroups/rg.with.dots/providers/Microsoft.Network/virtualNetworks/v',
    );
  });

  it('resourceId follows the deployment scope when no scope is given', () => {
    const at = (targetScope: DeploymentContext['targetScope']) =>
      callIn(context({ ...PLACEHOLDER_DEPLOYMENT, targetScope }), 'resourceId', 'Microsoft.Network/virtualNetworks', 'v');
    expect(at('subscription')).toBe(`/subscriptions/${SUB}/providers/Microsoft.Network/virtualNetworks/v`);
    expect(at('tenant')).toBe('/providers/Microsoft.Network/virtualNetworks/v');
  });

  it('resourceId keeps the known text around unknown names', () => {
    const id = call('resourceId', 'Microsoft.Network/virtualNetworks/subnets', P, 'GatewaySubnet');
    expect(partsOf(id)).toEqual([`${RG_ID}/providers/Microsoft.Network/virtualNetworks/`, P, '/subnets/GatewaySubnet']);
    const joined = call('resourceId', 'Microsoft.Network/virtualNetworks/subnets', call('concat', P, '/GatewaySubnet'));
    expect((joined as Unknown).knownSuffix).toBe('/subnets/GatewaySubnet');
    expect(partsOf(call('resourceId', P, 'Microsoft.Network/virtualNetworks', 'v'))).toEqual([
      `/subscriptions/${SUB}/resourceGroups/`,
      P,
      '/providers/Microsoft.Network/virtualNetworks/v',
    ]);
    expectUnknown(call('resourceId', P, 'v'));
  });

  it('subscriptionResourceId, tenantResourceId, managementGroupResourceId, extensionResourceId', () => {
    expect(call('subscriptionResourceId', 'Microsoft.Authorization/roleDefinitions', 'r1')).toBe(
      `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/r1`,
    );
    expect(call('subscriptionResourceId', 's2', 'Microsoft.Resources/resourceGroups', 'rg')).toBe(
      '/subscriptions/s2/providers/Microsoft.Resources/resourceGroups/rg',
    );
    expect(call('tenantResourceId', 'Microsoft.Management/managementGroups', 'mg1')).toBe(
      '/providers/Microsoft.Management/managementGroups/mg1',
    );
    expect(call('managementGroupResourceId', 'mg1', 'Microsoft.Authorization/policyDefinitions', 'p')).toBe(
      '/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p',
    );
    expect(partsOf(call('managementGroupResourceId', 'Microsoft.Authorization/policyDefinitions', 'p'))).toHaveLength(3);
    const vnet = `${RG_ID}/providers/Microsoft.Network/virtualNetworks/v`;
    expect(call('extensionResourceId', vnet, 'Microsoft.Authorization/locks', 'lock1')).toBe(
      `${vnet}/providers/Microsoft.Authorization/locks/lock1`,
    );
    expectError(call('extensionResourceId', vnet, 'locks', 'x'), /must be a resource type/);
  });

  it('pickZones is unknown', () => {
    expectUnknown(call('pickZones', 'Microsoft.Network', 'publicIPAddresses', 'westus2'));
  });
});

describe('lambda functions', () => {
  const dogs = [
    { name: 'Evie', age: 5 },
    { name: 'Casper', age: 3 },
    { name: 'Indy', age: 2 },
  ];
  const name = (d: Value) => (d as { name: string }).name;

  it('map and filter, with the index as second argument', () => {
    expect(call('map', dogs, lambda(name))).toEqual(['Evie', 'Casper', 'Indy']);
    expect(call('map', ['a', 'b'], lambda((x, i) => `${x as string}${i as number}`))).toEqual(['a0', 'b1']);
    expect((call('filter', dogs, lambda((d) => (d as { age: number }).age >= 3)) as Value[]).map(name)).toEqual(['Evie', 'Casper']);
    expectUnknown(call('filter', [1, 2], lambda(() => P)));
    expectError(call('filter', [1], lambda(() => 'yes')), /must return a bool/);
    expectError(call('map', [1], 'not a lambda'), /argument 2 must be lambda/);
  });

  it('reduce, sort, toObject, groupBy, mapValues', () => {
    expect(call('reduce', [1, 2, 3], 10, lambda((acc, x) => (acc as number) + (x as number)))).toBe(16);
    const byAge = lambda((a, b) => (a as { age: number }).age < (b as { age: number }).age);
    expect((call('sort', dogs, byAge) as Value[]).map(name)).toEqual([
      'Indy',
      'Casper',
      'Evie',
    ]);
    expect(call('sort', ['b', 'a', 'b2', 'a2'], lambda((a, b) => (a as string)[0] < (b as string)[0]))).toEqual(['a', 'a2', 'b', 'b2']);
    expect(call('toObject', dogs, lambda(name))).toEqual({ Evie: dogs[0], Casper: dogs[1], Indy: dogs[2] });
    expect(call('toObject', dogs, lambda(name), lambda((d) => (d as { age: number }).age))).toEqual({ Evie: 5, Casper: 3, Indy: 2 });
    expect(call('groupBy', ['foo', 'bar', 'baz'], lambda((x) => (x as string)[0]))).toEqual({ f: ['foo'], b: ['bar', 'baz'] });
    expect(call('mapValues', { foo: 'foo', bar: 'bar' }, lambda((v) => (v as string).toUpperCase()))).toEqual({ foo: 'FOO', bar: 'BAR' });
    expectUnknown(call('toObject', dogs, lambda(() => P)));
  });
});

describe('date functions', () => {
  it('dateTimeAdd counts a year as 365 days and a month as 30 days', () => {
    expect(call('dateTimeAdd', '2023-01-01 00:00:00Z', 'P1Y')).toBe('2024-01-01T00:00:00Z');
    expect(call('dateTimeAdd', '2024-01-01 00:00:00Z', 'P1Y')).toBe('2024-12-31T00:00:00Z');
    expect(call('dateTimeAdd', '2023-02-01 00:00:00Z', 'P1M')).toBe('2023-03-03T00:00:00Z');
    expect(call('dateTimeAdd', '2024-02-01 00:00:00Z', 'P1M')).toBe('2024-03-02T00:00:00Z');
    expect(call('dateTimeAdd', '2020-04-07T14:53:14Z', '-P9D')).toBe('2020-03-29T14:53:14Z');
    expect(call('dateTimeAdd', '20200407T145314Z', 'PT1H')).toBe('20200407T155314Z');
    expect(call('dateTimeAdd', '2020-04-07T14:53:14Z', 'PT1H30M', 'yyyy-MM-dd HH:mm')).toBe('2020-04-07 16:23');
    expect(call('dateTimeAdd', '2020-04-07T14:53:14Z', 'P0D', 'u')).toBe('2020-04-07 14:53:14Z');
    expectError(call('dateTimeAdd', 'yesterday', 'P1D'), /not an ISO 8601 date/);
    expectError(call('dateTimeAdd', '2020-01-01', '1 day'), /not an ISO 8601 duration/);
  });

  it('dateTimeFromEpoch and dateTimeToEpoch', () => {
    expect(call('dateTimeFromEpoch', 1683040573)).toBe('2023-05-02T15:16:13Z');
    expect(call('dateTimeToEpoch', '2023-05-02T15:16:13Z')).toBe(1683040573);
    expect(call('dateTimeToEpoch', '2023-05-02T17:16:13+02:00')).toBe(1683040573);
    expectError(call('dateTimeToEpoch', '2023-02-30T00:00:00Z'), /not an ISO 8601/);
    expectError(call('dateTimeToEpoch', '2023-13-01T00:00:00Z'), /not an ISO 8601/);
  });
});

describe('budget', () => {
  it('stops doubling a string with repeated concat at the length limit', () => {
    const ctx = context();
    let s: Value = 'a';
    for (let i = 0; i < 40; i++) s = callIn(ctx, 'concat', s, s);
    expect(expectUnknown(s).reason).toBe('limit');
    expect(ctx.budget.hits.some((h) => h.kind === 'length')).toBe(true);
  });

  it('bounds doubling of a partly known string too', () => {
    const ctx = context();
    let s: Value = callIn(ctx, 'concat', P, 'ab');
    for (let i = 0; i < 40; i++) s = callIn(ctx, 'concat', s, s);
    expect(expectUnknown(s).reason).toBe('limit');
    expect(ctx.budget.hits.some((h) => h.kind === 'length')).toBe(true);
  });

  it('does not build a huge range', () => {
    const ctx = context();
    expect(expectUnknown(callIn(ctx, 'range', 0, 2000000000)).reason).toBe('limit');
    expect(ctx.budget.hits).toHaveLength(1);
  });

  it('bounds string() of a value whose members are shared', () => {
    const ctx = context();
    let v: Value = ['x'];
    for (let i = 0; i < 60; i++) v = callIn(ctx, 'createArray', v, v);
    expect(expectUnknown(callIn(ctx, 'string', v)).reason).toBe('limit');
  });

  it('bounds padLeft, replace and join', () => {
    const ctx = context(PLACEHOLDER_DEPLOYMENT, new Budget({ steps: 1000, maxLength: 100, copyCount: 10, depth: 8 }));
    expectUnknown(callIn(ctx, 'padLeft', 'a', 1000));
    expectUnknown(callIn(ctx, 'replace', 'a'.repeat(50), 'a', 'bbb'));
    expectUnknown(callIn(ctx, 'join', Array.from({ length: 60 }, () => 'ab'), ','));
    expect(ctx.budget.hits.every((h) => h.kind === 'length')).toBe(true);
  });

  it('bounds resource ids, known or known in part', () => {
    const ctx = context(PLACEHOLDER_DEPLOYMENT, new Budget({ steps: 1000, maxLength: 200, copyCount: 10, depth: 8 }));
    expect(callIn(ctx, 'resourceId', 'Microsoft.Network/virtualNetworks', 'v')).toBe(`${RG_ID}/providers/Microsoft.Network/virtualNetworks/v`);
    expect(expectUnknown(callIn(ctx, 'resourceId', 'Microsoft.Network/virtualNetworks', 'v'.repeat(100))).reason).toBe('limit');
    expect(expectUnknown(callIn(ctx, 'resourceId', 'Microsoft.Network/virtualNetworks/subnets', P, 's'.repeat(100))).reason).toBe('limit');
    expect(ctx.budget.hits.map((h) => h.kind)).toEqual(['length', 'length']);
  });
});

afterAll(() => {
  // Every function in the library is exercised above.
  const missing = [...templateFunctions.keys()].filter((n) => !called.has(n));
  expect(missing).toEqual([]);
});
