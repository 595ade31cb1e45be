import fc from 'fast-check';
import type { Span } from '../../src/core/span.js';
import type { BinaryOp, Expr } from '../../src/expr/ast.js';
import { templateFunctions } from '../../src/expr/functions/index.js';

/** Functions the evaluator handles itself (they see its scope), next to the library's. */
const SPECIAL_FORMS = [
  'parameters',
  'variables',
  'copyIndex',
  'if',
  'and',
  'or',
  'reference',
  'references',
  'resourceGroup',
  'subscription',
  'tenant',
  'managementGroup',
  'deployment',
  'deployer',
  'environment',
  'lambda',
  'lambdaVariables',
  'listKeys',
  'listSecrets',
];

/** Every function name gwlint knows (lower case), so random expressions reach real code. */
export const FUNCTION_NAMES = [...new Set([...templateFunctions.keys(), ...SPECIAL_FORMS.map((s) => s.toLowerCase())])].sort();

/** Names declared by the templates the generated expressions are evaluated in. */
export const DECLARED = ['p1', 'n', 'arr', 'obj', 'secret', 'v1', 'v2', 'loop', 'self', 'a', 'b'];

const ident = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,7}$/);

/** Strings that mean something to the evaluator and rules, and arbitrary ones. */
export const interestingString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    '',
    'GatewaySubnet',
    'gatewaysubnet',
    '10.0.0.0/16',
    '10.0.255.0/27',
    '10.0.0.0/29',
    '300.1.2.3/99',
    'fe80::/64',
    'Microsoft.Network/virtualNetworks',
    'Microsoft.Network/virtualNetworks/subnets',
    'Microsoft.Network/virtualNetworkGateways',
    '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/GatewaySubnet',
    'VpnGw2AZ',
    'Vpn',
    'ExpressRoute',
    'full',
    '{0}-{1}',
    '{0:N2}',
    "it's",
    '[',
    ']',
    '[[x]',
    '${x}',
    'yyyy-MM-dd',
    ...DECLARED,
  ) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

export const interestingInt = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -3, max: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 8, 16, 24, 27, 29, 32, 64, 128, 255, 256, 800, 801, 65535, 2_000_000_000, -2_000_000_000, 2 ** 31, 2 ** 53 - 1, -(2 ** 53 - 1)) },
  { weight: 1, arbitrary: fc.integer() },
);

// ---------------------------------------------------------------------------------------------------
// ARM expression strings

export type ArmAst =
  | { t: 'call'; name: string; ns?: string; args: ArmAst[] }
  | { t: 'member'; obj: ArmAst; name: string }
  | { t: 'index'; obj: ArmAst; index: ArmAst }
  | { t: 'str'; v: string }
  | { t: 'int'; v: number }
  | { t: 'kw'; v: 'true' | 'false' | 'null' };

const functionName = fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...FUNCTION_NAMES) }, { weight: 1, arbitrary: ident });

/** Random ARM expression trees, mostly calls of real functions with arguments of every kind. */
export const armAst: fc.Arbitrary<ArmAst> = fc.letrec<{ node: ArmAst; leaf: ArmAst; call: ArmAst; member: ArmAst; index: ArmAst }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('call'), tie('call'), tie('call'), tie('member'), tie('index')),
  leaf: fc.oneof(
    interestingString.map((v): ArmAst => ({ t: 'str', v })),
    interestingInt.map((v): ArmAst => ({ t: 'int', v })),
    fc.constantFrom('true', 'false', 'null').map((v): ArmAst => ({ t: 'kw', v: v as 'true' })),
    // parameters('p1'), variables('v1')…: the names the templates declare, so values flow between expressions.
    fc.tuple(fc.constantFrom('parameters', 'variables', 'copyIndex', 'ns.fn', 'ns.self'), fc.constantFrom(...DECLARED, 'vnets', 'list')).map(
      ([fn, name]): ArmAst => (fn.startsWith('ns.') ? { t: 'call', ns: 'ns', name: fn.slice(3), args: [{ t: 'str', v: name }] } : { t: 'call', name: fn, args: [{ t: 'str', v: name }] }),
    ),
  ),
  call: fc.record({
    t: fc.constant('call' as const),
    name: functionName,
    ns: fc.oneof({ weight: 12, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('sys', 'az', 'ns', 'contoso') }),
    args: fc.array(tie('node'), { maxLength: 4 }),
  }),
  member: fc.record({
    t: fc.constant('member' as const),
    obj: tie('call'),
    name: fc.oneof(fc.constantFrom('id', 'name', 'properties', 'subnets', 'addressPrefix', 'outputs', 'value', 'location', 'length'), ident),
  }),
  index: fc.record({
    t: fc.constant('index' as const),
    obj: fc.oneof(tie('call'), interestingString.map((v): ArmAst => ({ t: 'str', v }))),
    index: tie('node'),
  }),
})).node;

const WHITESPACE = ['', '', '', ' ', '  ', '\n', '\t', '\r\n '];

/** Prints an ARM expression (without the brackets); `spaces` picks the whitespace between tokens. */
export function printArm(ast: ArmAst, spaces: number[] = []): string {
  let k = 0;
  const ws = () => WHITESPACE[(spaces[k++ % Math.max(1, spaces.length)] ?? 0) % WHITESPACE.length];
  const p = (a: ArmAst): string => {
    switch (a.t) {
      case 'str':
        return `'${a.v.replace(/'/g, "''")}'`;
      case 'int':
        return String(a.v);
      case 'kw':
        return a.v;
      case 'call':
        return `${a.ns ? `${a.ns}.` : ''}${a.name}(${ws()}${a.args.map((x) => p(x)).join(`${ws()},${ws()}`)}${ws()})`;
      case 'member':
        return `${p(a.obj)}${ws()}.${ws()}${a.name}`;
      case 'index':
        return `${p(a.obj)}[${ws()}${p(a.index)}${ws()}]`;
    }
  };
  return p(ast);
}

/** The tree parseArmString should give back for a printed tree (names lower-cased, as the parser stores them). */
export function normalizeArm(a: ArmAst): unknown {
  switch (a.t) {
    case 'str':
    case 'int':
      return a.v;
    case 'kw':
      return a.v === 'null' ? null : a.v === 'true';
    case 'call':
      return { call: a.name.toLowerCase(), ns: a.ns?.toLowerCase(), args: a.args.map(normalizeArm) };
    case 'member':
      return { member: a.name, of: normalizeArm(a.obj) };
    case 'index':
      return { index: normalizeArm(a.index), of: normalizeArm(a.obj) };
  }
}

/** The same shape from a parsed expression, for comparison with normalizeArm. */
export function shapeOf(e: Expr): unknown {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'call':
      return { call: e.name, ns: e.namespace, args: e.args.map(shapeOf) };
    case 'member':
      return { member: e.name, of: shapeOf(e.object) };
    case 'index':
      return { index: shapeOf(e.index), of: shapeOf(e.object) };
    default:
      return { other: e.kind };
  }
}

/** Every node of an expression tree (sub-expressions of calls, members, indexes, objects, arrays…). */
export function* nodesOf(e: Expr): Generator<Expr> {
  yield e;
  switch (e.kind) {
    case 'call':
      for (const a of e.args) yield* nodesOf(a);
      break;
    case 'member':
      yield* nodesOf(e.object);
      break;
    case 'index':
      yield* nodesOf(e.object);
      yield* nodesOf(e.index);
      break;
    case 'object':
      for (const p of e.props) yield* nodesOf(p.value);
      break;
    case 'array':
      for (const i of e.items) yield* nodesOf(i);
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------------------
// Bicep expressions

export type BicepAst =
  | { t: 'num'; v: number }
  | { t: 'str'; parts: (string | BicepAst)[] }
  | { t: 'kw'; v: 'true' | 'false' | 'null' }
  | { t: 'sym'; v: string }
  | { t: 'call'; name: string; args: BicepAst[] }
  | { t: 'member'; obj: BicepAst; name: string; safe: boolean }
  | { t: 'index'; obj: BicepAst; index: BicepAst }
  | { t: 'unary'; op: '!' | '-'; x: BicepAst }
  | { t: 'bin'; op: string; l: BicepAst; r: BicepAst }
  | { t: 'cond'; c: BicepAst; a: BicepAst; b: BicepAst }
  | { t: 'arr'; items: BicepAst[] }
  | { t: 'obj'; props: [string, BicepAst][] }
  | { t: 'lambda'; params: string[]; body: BicepAst }
  | { t: 'for'; item: string; iter: BicepAst; body: BicepAst; filter?: BicepAst };

const BICEP_OPS = ['+', '-', '*', '/', '%', '==', '!=', '=~', '!~', '<', '<=', '>', '>=', '&&', '||', '??'];
const bicepText = fc.oneof(interestingString, fc.string({ maxLength: 6 })).map((s) => s.replace(/[\\'$\n\r]/g, ''));

export const bicepAst: fc.Arbitrary<BicepAst> = fc.letrec<{ node: BicepAst; leaf: BicepAst }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ t: fc.constant('call' as const), name: functionName, args: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ t: fc.constant('member' as const), obj: tie('node'), name: fc.constantFrom('id', 'name', 'properties', 'subnets', 'outputs', 'length'), safe: fc.boolean() }),
    fc.record({ t: fc.constant('index' as const), obj: tie('node'), index: tie('node') }),
    fc.record({ t: fc.constant('unary' as const), op: fc.constantFrom('!' as const, '-' as const), x: tie('node') }),
    fc.record({ t: fc.constant('bin' as const), op: fc.constantFrom(...BICEP_OPS), l: tie('node'), r: tie('node') }),
    fc.record({ t: fc.constant('cond' as const), c: tie('node'), a: tie('node'), b: tie('node') }),
    fc.record({ t: fc.constant('arr' as const), items: fc.array(tie('node'), { maxLength: 3 }) }),
    fc.record({ t: fc.constant('obj' as const), props: fc.array(fc.tuple(fc.constantFrom('name', 'id', 'properties', 'addressPrefix', 'x'), tie('node')), { maxLength: 3 }) }),
    fc.record({ t: fc.constant('lambda' as const), params: fc.array(fc.constantFrom('x', 'y', 'acc'), { minLength: 1, maxLength: 2 }), body: tie('node') }),
    fc.record({ t: fc.constant('for' as const), item: fc.constantFrom('i', 'item'), iter: tie('node'), body: tie('node'), filter: fc.option(tie('node'), { nil: undefined }) }),
    fc.record({ t: fc.constant('str' as const), parts: fc.array(fc.oneof(bicepText, tie('node')), { maxLength: 3 }) }),
  ),
  leaf: fc.oneof(
    fc.integer({ min: 0, max: 2 ** 31 }).map((v): BicepAst => ({ t: 'num', v })),
    bicepText.map((s): BicepAst => ({ t: 'str', parts: [s] })),
    fc.constantFrom('true', 'false', 'null').map((v): BicepAst => ({ t: 'kw', v: v as 'true' })),
    fc.constantFrom('p1', 'n', 'arr', 'obj', 'secret', 'v1', 'vnet', 'loopVnets', 'x', 'i', 'item', 'undeclared').map((v): BicepAst => ({ t: 'sym', v })),
  ),
})).node;

/** Prints a Bicep expression, parenthesising every operator so precedence never matters. */
export function printBicep(a: BicepAst): string {
  switch (a.t) {
    case 'num':
      return String(a.v);
    case 'kw':
    case 'sym':
      return a.v;
    case 'str':
      return `'${a.parts.map((p) => (typeof p === 'string' ? p : `\${${printBicep(p)}}`)).join('')}'`;
    case 'call':
      return `${a.name}(${a.args.map(printBicep).join(', ')})`;
    case 'member':
      return `(${printBicep(a.obj)})${a.safe ? '.?' : '.'}${a.name}`;
    case 'index':
      return `(${printBicep(a.obj)})[${printBicep(a.index)}]`;
    case 'unary':
      return `${a.op}(${printBicep(a.x)})`;
    case 'bin':
      return `(${printBicep(a.l)} ${a.op} ${printBicep(a.r)})`;
    case 'cond':
      return `(${printBicep(a.c)} ? ${printBicep(a.a)} : ${printBicep(a.b)})`;
    case 'arr':
      return `[${a.items.map(printBicep).join(', ')}]`;
    case 'obj':
      return `{ ${a.props.map(([k, v]) => `${k}: ${printBicep(v)}`).join(', ')} }`;
    case 'lambda':
      return `(${a.params.length === 1 ? a.params[0] : `(${a.params.join(', ')})`} => ${printBicep(a.body)})`;
    case 'for':
      return `[for ${a.item} in ${printBicep(a.iter)}: ${a.filter ? `if (${printBicep(a.filter)}) ` : ''}${printBicep(a.body)}]`;
  }
}

// ---------------------------------------------------------------------------------------------------
// Expression IR nodes of every kind, for evaluating without a front end

const BINARY_OPS: BinaryOp[] = ['==', '!=', '=~', '!~', '<', '<=', '>', '>=', '&&', '||', '??', '+', '-', '*', '/', '%'];

/** Random expression IR trees of every node kind; all spans are `at`. */
export function exprAst(at: Span): fc.Arbitrary<Expr> {
  const { node } = fc.letrec<{ node: Expr; leaf: Expr }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      fc.record({ name: functionName, args: fc.array(tie('node'), { maxLength: 3 }) }).map(({ name, args }): Expr => ({ kind: 'call', name, args, span: at })),
      fc.record({ object: tie('node'), name: fc.constantFrom('id', 'name', 'properties', 'length', 'x'), optional: fc.boolean() }).map((m): Expr => ({ kind: 'member', ...m, span: at })),
      fc.record({ object: tie('node'), index: tie('node'), optional: fc.boolean() }).map((m): Expr => ({ kind: 'index', ...m, span: at })),
      fc.record({ op: fc.constantFrom('!' as const, '-' as const, 'nonNull' as const), operand: tie('node') }).map((u): Expr => ({ kind: 'unary', ...u, span: at })),
      fc.record({ op: fc.constantFrom(...BINARY_OPS), left: tie('node'), right: tie('node') }).map((b): Expr => ({ kind: 'binary', ...b, span: at })),
      fc.record({ condition: tie('node'), whenTrue: tie('node'), whenFalse: tie('node') }).map((t): Expr => ({ kind: 'ternary', ...t, span: at })),
      fc.array(fc.oneof(fc.string({ maxLength: 4 }), tie('node')), { maxLength: 3 }).map((parts): Expr => ({ kind: 'interpolation', parts, span: at })),
      fc.record({ params: fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }), body: tie('node') }).map((l): Expr => ({ kind: 'lambda', ...l, span: at })),
      fc
        .record({ itemVar: fc.option(fc.constantFrom('x', 'i'), { nil: undefined }), indexVar: fc.option(fc.constant('k'), { nil: undefined }), iterable: tie('node'), body: tie('node'), filter: fc.option(tie('node'), { nil: undefined }) })
        .map((f): Expr => ({ kind: 'for', ...f, span: at })),
      fc.record({ name: fc.constantFrom('', 'c'), count: tie('node'), input: tie('node') }).map((c): Expr => ({ kind: 'copy', ...c, span: at })),
      fc.array(tie('node'), { maxLength: 3 }).map((items): Expr => ({ kind: 'array', items, span: at })),
      fc.array(fc.tuple(fc.constantFrom('name', 'id', 'x', 'properties'), tie('node')), { maxLength: 3 }).map((ps): Expr => ({ kind: 'object', props: ps.map(([key, value]) => ({ key, keySpan: at, value })), span: at })),
    ),
    leaf: fc.oneof(
      interestingString.map((value): Expr => ({ kind: 'literal', value, span: at })),
      interestingInt.map((value): Expr => ({ kind: 'literal', value, span: at })),
      fc.constantFrom(true, false, null).map((value): Expr => ({ kind: 'literal', value, span: at })),
      fc.constantFrom(...DECLARED, 'x', 'i', 'k', 'undeclared').map((name): Expr => ({ kind: 'symbol', name, span: at })),
      fc.constant<Expr>({ kind: 'error', message: 'generated error node', span: at }),
    ),
  }));
  return node;
}
