import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import type { Span } from '../../src/core/span.js';
import type { Expr, ObjectExpr } from '../../src/expr/ast.js';
import { objectGet } from '../../src/expr/ast.js';
import { lint } from '../../src/index.js';
import { parseBicep, parseBicepParam } from '../../src/parse/bicep/index.js';
import type { ResourceDecl, TemplateIR } from '../../src/parse/ir.js';
import { gatewayBicep } from '../cli/helpers.js';

const CASES = fileURLToPath(new URL('./bicep-cases/', import.meta.url));
const CORPUS = '/work/shared/corpus';

function parse(text: string): TemplateIR {
  return parseBicep(new SourceFile('main.bicep', text));
}

function slice(s: Span): string {
  return s.file.text.slice(s.start, s.end);
}

/** The value of `var <name>` in a one-statement template. */
function varValue(source: string, name = 'x'): Expr {
  const ir = parse(source);
  const v = ir.variables.find((d) => d.name === name);
  if (!v) throw new Error(`no var ${name} in ${JSON.stringify(source)}`);
  return v.value;
}

/** Compact rendering of an expression, for precedence and shape assertions. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'symbol':
      return [e.name, ...(e.path ?? [])].join('::');
    case 'member':
      return `${show(e.object)}${e.optional ? '.?' : '.'}${e.name}`;
    case 'index':
      return `${show(e.object)}[${e.optional ? '?' : ''}${show(e.index)}]`;
    case 'call':
      return `${e.namespace ? e.namespace + '.' : ''}${e.name}(${e.args.map(show).join(', ')})`;
    case 'unary':
      return e.op === 'nonNull' ? `${show(e.operand)}!` : `(${e.op}${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'ternary':
      return `(${show(e.condition)} ? ${show(e.whenTrue)} : ${show(e.whenFalse)})`;
    case 'lambda':
      return `(${e.params.join(', ')}) => ${show(e.body)}`;
    case 'array':
      return `[${e.items.map(show).join(', ')}]`;
    case 'object':
      return `{${e.props.map((p) => `${p.key}: ${show(p.value)}`).join(', ')}}`;
    case 'interpolation':
      return `\`${e.parts.map((p) => (typeof p === 'string' ? p : `\${${show(p)}}`)).join('')}\``;
    case 'for':
      return `[for ${e.itemVar ?? ''}${e.indexVar ? ', ' + e.indexVar : ''} in ${show(e.iterable)}${e.filter ? ` if ${show(e.filter)}` : ''}: ${show(e.body)}]`;
    case 'copy':
      return `copy(${e.name})`;
    case 'error':
      return '<error>';
  }
}

function resource(ir: TemplateIR, symbol: string): ResourceDecl {
  const r = ir.resources.find((d) => d.symbolicName === symbol);
  if (!r) throw new Error(`no resource ${symbol}`);
  return r;
}

/** Every span in an expression tree lies inside its parent's span and inside the file. */
function checkSpans(e: Expr, outer: Span): void {
  expect(e.span.start).toBeGreaterThanOrEqual(outer.start);
  expect(e.span.end).toBeLessThanOrEqual(outer.end);
  const children: Expr[] = [];
  switch (e.kind) {
    case 'object':
      children.push(...e.props.map((p) => p.value));
      break;
    case 'array':
      children.push(...e.items);
      break;
    case 'call':
      children.push(...e.args);
      break;
    case 'member':
      children.push(e.object);
      break;
    case 'index':
      children.push(e.object, e.index);
      break;
    case 'unary':
      children.push(e.operand);
      break;
    case 'binary':
      children.push(e.left, e.right);
      break;
    case 'ternary':
      children.push(e.condition, e.whenTrue, e.whenFalse);
      break;
    case 'lambda':
      children.push(e.body);
      break;
    case 'interpolation':
      children.push(...e.parts.filter((p): p is Expr => typeof p !== 'string'));
      break;
    case 'for':
      children.push(e.iterable, e.body, ...(e.filter ? [e.filter] : []));
      break;
    default:
      break;
  }
  for (const c of children) checkSpans(c, e.span);
}

describe('Bicep front end', () => {
  describe('declarations', () => {
    it('lowers targetScope, params with decorators, vars, outputs and functions', () => {
      const ir = parse(
        [
          "targetScope = 'subscription'",
          "metadata info = 'ignored'",
          "import { subnetType } from 'types.bicep'",
          "@description('the sku')",
          '@allowed([',
          "  'VpnGw1'",
          "  'VpnGw2'",
          '])',
          "param sku string = 'VpnGw1'",
          '@sys.secure()',
          'param key string',
          'param count int',
          "var prefix = 'unused' == null ? 1 : 2",
          'output skuOut string = sku',
          "func subnetId(vnet string, name string) string => '${vnet}/subnets/${name}'",
        ].join('\n'),
      );
      expect(ir.language).toBe('bicep');
      expect(ir.targetScope).toBe('subscription');
      expect(ir.parameters.map((p) => [p.name, p.type, p.secure])).toEqual([
        ['sku', 'string', false],
        ['key', 'string', true],
        ['count', 'int', false],
      ]);
      const sku = ir.parameters[0];
      expect(slice(sku.nameSpan)).toBe('sku');
      expect(slice(sku.span)).toBe("param sku string = 'VpnGw1'");
      expect(sku.defaultValue).toMatchObject({ kind: 'literal', value: 'VpnGw1' });
      expect(sku.allowedValues?.kind).toBe('array');
      expect(show(sku.allowedValues!)).toBe('["VpnGw1", "VpnGw2"]');
      expect(ir.parameters[1].defaultValue).toBeUndefined();
      expect(ir.variables.map((v) => v.name)).toEqual(['prefix']);
      expect(ir.outputs).toHaveLength(1);
      expect(ir.outputs[0]).toMatchObject({ name: 'skuOut', value: { kind: 'symbol', name: 'sku' } });
      expect(slice(ir.outputs[0].span)).toBe('output skuOut string = sku');
      expect(ir.functions).toHaveLength(1);
      const fn = ir.functions[0];
      expect(fn.namespace).toBeUndefined();
      expect(fn).toMatchObject({ name: 'subnetId', params: ['vnet', 'name'] });
      expect(show(fn.body)).toBe('`${vnet}/subnets/${name}`');
      expect(ir.problems).toEqual([]);
    });

    it('defaults targetScope to resourceGroup', () => {
      expect(parse('var x = 1').targetScope).toBe('resourceGroup');
    });

    it('keeps parameter types the grammar does not know, normalised, and still reads the declaration', () => {
      const ir = parse(
        [
          'param lock lockType?',
          "param tags resourceInput<'Microsoft.Network/virtualNetworks@2024-05-01'>.tags = {}",
          'param subnets subnetType[]?',
          "param mode ('Active' | 'Passive')?",
          'param settings {',
          '  name: string',
          '}',
          "param vnet resource 'Microsoft.Network/virtualNetworks@2024-05-01'",
          'output maybe string? = null',
          "var typed string = 'v'",
        ].join('\n'),
      );
      expect(ir.problems).toEqual([]);
      expect(ir.parameters.map((p) => [p.name, p.type])).toEqual([
        ['lock', 'lockType'],
        ['tags', "resourceInput<'Microsoft.Network/virtualNetworks@2024-05-01'>.tags"],
        ['subnets', 'array'],
        ['mode', 'string'],
        ['settings', 'object'],
        ['vnet', "resource 'Microsoft.Network/virtualNetworks@2024-05-01'"],
      ]);
      expect(show(ir.parameters[1].defaultValue!)).toBe('{}');
      expect(ir.outputs[0]).toMatchObject({ name: 'maybe', value: { kind: 'literal', value: null } });
      expect(ir.variables[0]).toMatchObject({ name: 'typed', value: { kind: 'literal', value: 'v' } });
    });
  });

  describe('expressions', () => {
    it('decodes string escapes and keeps exact spans', () => {
      const src = "var x = 'it\\'s \\\\ a\\n\\tb \\$c \\u{1F600}'";
      const e = varValue(src);
      expect(e).toMatchObject({ kind: 'literal', value: "it's \\ a\n\tb $c 😀" });
      expect(slice(e.span)).toBe("'it\\'s \\\\ a\\n\\tb \\$c \\u{1F600}'");
    });

    it('tells a short or empty string from a multi-line one by its quotes', () => {
      expect(varValue("var x = ''")).toMatchObject({ kind: 'literal', value: '' });
      expect(varValue("var x = '\\''")).toMatchObject({ kind: 'literal', value: "'" });
      const o = varValue("var x = {\n  a: ''\n  'b\\'c': 'd\\\\e'\n}");
      expect(o.kind === 'object' && o.props.map((p) => [p.key, p.value.kind === 'literal' && p.value.value, slice(p.value.span)])).toEqual([
        ['a', '', "''"],
        ["b'c", 'd\\e', "'d\\\\e'"],
      ]);
    });

    it('lowers interpolation into parts', () => {
      const e = varValue("var x = '${vnet.name}/subnets/${'GatewaySubnet'}'");
      expect(e.kind).toBe('interpolation');
      if (e.kind !== 'interpolation') return;
      expect(e.parts.map((p) => (typeof p === 'string' ? p : slice(p.span)))).toEqual(['vnet.name', '/subnets/', "'GatewaySubnet'"]);
    });

    it('reads multi-line strings literally, without the first line break', () => {
      expect(varValue("var x = '''\nline ${not} \\n\n'''")).toMatchObject({ kind: 'literal', value: 'line ${not} \\n\n' });
      expect(varValue("var x = '''one'''")).toMatchObject({ kind: 'literal', value: 'one' });
    });

    it('lowers literals, arrays and objects with quoted keys', () => {
      expect(show(varValue('var x = [1, -5, true, false, null]'))).toBe('[1, -5, true, false, null]');
      const obj = varValue("var x = {\n  'quoted-key': 1\n  bare: 'b'\n  param: [\n    'a'\n    'b'\n  ]\n}");
      expect(obj.kind).toBe('object');
      if (obj.kind !== 'object') return;
      expect(obj.props.map((p) => [p.key, slice(p.keySpan)])).toEqual([
        ['quoted-key', "'quoted-key'"],
        ['bare', 'bare'],
        ['param', 'param'],
      ]);
      expect(show(obj)).toBe('{quoted-key: 1, bare: "b", param: ["a", "b"]}');
    });

    it('lowers symbols, :: paths, member access, optional access and indexing', () => {
      const e = varValue('var x = vnet::subnet::deep.properties.?addressPrefix[0][?1]');
      expect(show(e)).toBe('vnet::subnet::deep.properties.?addressPrefix[0][?1]');
      const path = varValue('var x = vnet::gatewaySubnet');
      expect(path).toMatchObject({ kind: 'symbol', name: 'vnet', path: ['gatewaySubnet'] });
      expect(slice(path.span)).toBe('vnet::gatewaySubnet');
      expect(show(varValue("var x = outputs['my-out']"))).toBe('outputs["my-out"]');
    });

    it('lowers calls with lower-cased names and az / sys namespaces', () => {
      expect(show(varValue("var x = resourceId('Microsoft.Network/virtualNetworks', 'v')"))).toBe(
        'resourceid("Microsoft.Network/virtualNetworks", "v")',
      );
      const e = varValue('var x = az.resourceGroup().location');
      expect(show(e)).toBe('az.resourcegroup().location');
      expect(show(varValue("var x = sys.concat('a', 'b')"))).toBe('sys.concat("a", "b")');
      expect(show(varValue('var x = stg.listKeys().keys[0].value'))).toBe('stg.listkeys().keys[0].value');
    });

    it('lowers unary, binary and postfix non-null operators with Bicep precedence', () => {
      const cases: [string, string][] = [
        ['!a && -b || c ?? d', '((((!a) && (-b)) || c) ?? d)'],
        ['a == b.c', '(a == b.c)'],
        ['a + b[0] * c.d', '(a + (b[0] * c.d))'],
        ['!x.enabled', '(!x.enabled)'],
        ['-x.count % 2', '((-x.count) % 2)'],
        ['a != b && c =~ d || e !~ f', '(((a != b) && (c =~ d)) || (e !~ f))'],
        ['a < b && c <= d && e > f && g >= h', '((((a < b) && (c <= d)) && (e > f)) && (g >= h))'],
        ['a - b - c / d', '((a - b) - (c / d))'],
        ['a && b::c.id == d', '(a && (b::c.id == d))'],
        ['f(x).y == 1', '(f(x).y == 1)'],
        ['x!.y', 'x!.y'],
        ['f(x)!', 'f(x)!'],
        ['items[0]!.name', 'items[0]!.name'],
        ['(a + b) * c', '((a + b) * c)'],
        ['(a ? b : c).d', '(a ? b : c).d'],
      ];
      for (const [src, expected] of cases) expect(show(varValue(`var x = ${src}`)), src).toBe(expected);
    });

    it('lowers ternaries (right-associative) and parenthesized expressions with their spans', () => {
      expect(show(varValue('var x = a ? b : c ? d : e.f'))).toBe('(a ? b : (c ? d : e.f))');
      const e = varValue('var x = (1 + 2) * 3');
      expect(e.kind).toBe('binary');
      if (e.kind !== 'binary') return;
      expect(slice(e.left.span)).toBe('(1 + 2)');
      expect(slice(e.span)).toBe('(1 + 2) * 3');
    });

    it('lowers lambdas with their whole body', () => {
      expect(show(varValue("var x = filter(subnets, s => s.name == 'GatewaySubnet')"))).toBe(
        'filter(subnets, (s) => (s.name == "GatewaySubnet"))',
      );
      expect(show(varValue('var x = map(xs, x => x.id)'))).toBe('map(xs, (x) => x.id)');
      expect(show(varValue('var x = reduce(xs, 0, (cur, next) => cur + next.size)'))).toBe(
        'reduce(xs, 0, (cur, next) => (cur + next.size))',
      );
      const lambda = varValue('var x = x => x.a ? 1 : 2');
      expect(show(lambda)).toBe('(x) => (x.a ? 1 : 2)');
      expect(slice(lambda.span)).toBe('x => x.a ? 1 : 2');
    });

    it('lowers [for …] comprehensions, with index and filter', () => {
      expect(show(varValue('var x = [for s in subnets: s.name]'))).toBe('[for s in subnets: s.name]');
      expect(show(varValue('var x = [for (s, i) in range(0, 3): { n: i }]'))).toBe('[for s, i in range(0, 3): {n: i}]');
      const filtered = varValue("var x = [for s in subnets: if (s.name != 'x') { id: s.id }]");
      expect(show(filtered)).toBe('[for s in subnets if (s.name != "x"): {id: s.id}]');
      expect(filtered.kind === 'for' && slice(filtered.body.span)).toBe('{ id: s.id }');
    });

    it('keeps spans exact after non-ASCII text (UTF-16 offsets)', () => {
      const src = "// é😀 before\nvar x = 'é😀${name}é😀'\nvar y = { 'clé😀': 'val😀' }";
      const ir = parse(src);
      const x = ir.variables[0];
      expect(slice(x.nameSpan)).toBe('x');
      expect(slice(x.value.span)).toBe("'é😀${name}é😀'");
      expect(x.value.kind === 'interpolation' && x.value.parts).toEqual(['é😀', expect.objectContaining({ name: 'name' }), 'é😀']);
      if (x.value.kind === 'interpolation') expect(slice((x.value.parts[1] as Expr).span)).toBe('name');
      const y = ir.variables[1].value as ObjectExpr;
      expect(slice(y.props[0].keySpan)).toBe("'clé😀'");
      expect(y.props[0].key).toBe('clé😀');
      expect(slice(y.props[0].value.span)).toBe("'val😀'");
      expect(slice(ir.comments[0].span)).toBe('// é😀 before');
    });
  });

  describe('resources and modules (fixture network.bicep)', () => {
    let ir: TemplateIR;
    beforeAll(() => {
      ir = parseBicep(new SourceFile(join(CASES, 'network.bicep'), readFileSync(join(CASES, 'network.bicep'), 'utf8')));
    });

    it('parses the fixture without problems', () => {
      expect(ir.problems).toEqual([]);
      expect(ir.resources.map((r) => r.symbolicName)).toEqual([
        'vnet',
        'appSubnet',
        'existingVnet',
        'gateway',
        'spokeVnets',
        'peering',
        'avmVnet',
      ]);
      for (const r of ir.resources) checkSpans(r.body, r.span);
    });

    it('splits type and api version, with spans inside the quotes', () => {
      const vnet = resource(ir, 'vnet');
      expect(vnet.type).toMatchObject({ kind: 'literal', value: 'Microsoft.Network/virtualNetworks' });
      expect(slice(vnet.type.span)).toBe('Microsoft.Network/virtualNetworks');
      expect(vnet.apiVersion).toMatchObject({ kind: 'literal', value: '2024-05-01' });
      expect(slice(vnet.apiVersion!.span)).toBe('2024-05-01');
      expect(slice(vnet.span)).toMatch(/^resource vnet 'Microsoft\.Network\/virtualNetworks@2024-05-01' = \{[^]*\}$/);
      expect(vnet.name && slice(vnet.name.span)).toBe("'hub-vnet'");
      expect(vnet.body.props.map((p) => p.key)).toEqual(['name', 'location', 'properties']);
      expect(vnet.existing).toBe(false);
    });

    it('turns nested resource declarations into children with relative types', () => {
      const vnet = resource(ir, 'vnet');
      expect(vnet.children).toHaveLength(1);
      const child = vnet.children[0];
      expect(child.symbolicName).toBe('gatewaySubnet');
      expect(child.type).toMatchObject({ kind: 'literal', value: 'subnets' });
      expect(child.apiVersion).toBeUndefined();
      expect(child.name).toMatchObject({ kind: 'literal', value: 'GatewaySubnet' });
      expect(show(objectGet(objectGet(child.body, 'properties'), 'addressPrefix')!)).toBe('gatewaySubnetPrefix');
    });

    it('reads parent:, existing and conditions', () => {
      const app = resource(ir, 'appSubnet');
      expect(app.parent).toMatchObject({ kind: 'symbol', name: 'vnet' });
      expect(app.name).toMatchObject({ kind: 'literal', value: 'app' });
      const existing = resource(ir, 'existingVnet');
      expect(existing.existing).toBe(true);
      expect(show(objectGet(existing.body, 'scope')!)).toBe('resourcegroup("shared-rg")');
      const gateway = resource(ir, 'gateway');
      expect(gateway.condition).toMatchObject({ kind: 'symbol', name: 'deployGateway' });
      expect(slice(gateway.condition!.span)).toBe('deployGateway');
      expect(slice(gateway.body.span).startsWith("{\n  name: 'hub-gw'")).toBe(true);
      const subnetId = objectGet(
        objectGet(
          objectGet((objectGet(objectGet(gateway.body, 'properties'), 'ipConfigurations') as { items: Expr[] }).items[0], 'properties'),
          'subnet',
        ),
        'id',
      )!;
      expect(show(subnetId)).toBe('vnet::gatewaySubnet.id');
    });

    it('reads resource loops with index, filter and @batchSize', () => {
      const spokes = resource(ir, 'spokeVnets');
      expect(spokes.loop).toMatchObject({ kind: 'for', itemVar: 'spoke', indexVar: 'i' });
      expect(spokes.loop?.kind === 'for' && show(spokes.loop.iterable)).toBe('spokes');
      expect(spokes.loop?.kind === 'for' && show(spokes.loop.filter!)).toBe('(spoke.name != "skip")');
      expect(slice(spokes.loop!.span)).toMatch(/^\[for \(spoke, i\) in spokes: if[^]*\}\]$/);
      expect(show(spokes.name!)).toBe('`${spoke.name}-vnet`');
      expect(spokes.condition).toBeUndefined();
    });

    it('lowers a local module into a deployment with bicep-shaped parameters', () => {
      const peering = resource(ir, 'peering');
      expect(peering.type).toMatchObject({ kind: 'literal', value: 'Microsoft.Resources/deployments' });
      expect(slice(peering.type.span)).toBe("'./modules/peering.bicep'");
      expect(show(peering.name!)).toBe('`peer-${spoke.name}`');
      expect(peering.loop).toMatchObject({ kind: 'for', itemVar: 'spoke' });
      expect(peering.deployment).toMatchObject({
        modulePath: './modules/peering.bicep',
        scope: 'inner',
        parametersShape: 'bicep',
      });
      expect(peering.deployment?.unresolved).toBeUndefined();
      expect(show(peering.deployment!.parameters!)).toBe('{hubId: vnet.id, spokeName: spoke.name}');
    });

    it('marks registry modules unresolved and names a module after its symbol when it has no name', () => {
      const avm = resource(ir, 'avmVnet');
      expect(avm.deployment?.modulePath).toBeUndefined();
      expect(avm.deployment?.unresolved).toBe('registry module br/public:avm/res/network/virtual-network:0.5.2 is not fetched');
      expect(avm.name).toMatchObject({ kind: 'literal', value: 'avmVnet' });
      expect(slice(avm.name!.span)).toBe('avmVnet');
      expect(show(avm.deployment!.parameters!)).toBe('{name: "avm-vnet", addressPrefixes: ["10.9.0.0/16"]}');
    });

    it('collects comments and #disable-next-line directives', () => {
      expect(ir.comments.map((c) => [c.marker, c.text])).toEqual([
        ['//', ' Hub network with a VPN gateway, written in every shape the front end must lower.'],
        ['#', 'disable-next-line gateway-subnet-size no-hardcoded-location'],
        ['/*', ' outputs '],
      ]);
      const directive = ir.comments[1];
      expect(slice(directive.span)).toBe('#disable-next-line gateway-subnet-size no-hardcoded-location');
      expect(ir.file.position(directive.span.start).line + 1).toBe(ir.file.position(resource(ir, 'gateway').span.start).line);
    });

    it('reads the outputs', () => {
      expect(ir.outputs.map((o) => [o.name, show(o.value)])).toEqual([
        ['gatewaySubnetId', 'vnet::gatewaySubnet.id'],
        ['connectionKey', 'sharedKey'],
      ]);
    });
  });

  describe('more module shapes', () => {
    it('handles conditional modules, template specs, br: references and scope', () => {
      const ir = parse(
        [
          "module a './a.bicep' = if (deploy) {",
          "  name: 'a'",
          "  scope: resourceGroup('other')",
          '  params: {',
          '    x: 1',
          '  }',
          '}',
          "module b 'br:contoso.azurecr.io/bicep/modules/vnet:v1' = {",
          "  name: 'b'",
          '}',
          "module c 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = {",
          "  name: 'c'",
          '}',
          "module d './d.json' = [for i in range(0, 2): if (i > 0) {",
          "  name: 'd${i}'",
          '  params: {}',
          '}]',
        ].join('\n'),
      );
      expect(ir.problems).toEqual([]);
      const [a, b, c, d] = ir.resources;
      expect(show(a.condition!)).toBe('deploy');
      expect(show(objectGet(a.body, 'scope')!)).toBe('resourcegroup("other")');
      expect(a.deployment).toMatchObject({ modulePath: './a.bicep', scope: 'inner', parametersShape: 'bicep' });
      expect(show(a.deployment!.parameters!)).toBe('{x: 1}');
      expect(b.deployment?.unresolved).toBe('registry module br:contoso.azurecr.io/bicep/modules/vnet:v1 is not fetched');
      expect(b.deployment?.parameters).toBeUndefined();
      expect(c.deployment?.unresolved).toMatch(/^registry module ts:.* is not fetched$/);
      expect(d.deployment?.modulePath).toBe('./d.json');
      expect(d.loop?.kind === 'for' && [d.loop.itemVar, show(d.loop.iterable), show(d.loop.filter!)]).toEqual([
        'i',
        'range(0, 2)',
        '(i > 0)',
      ]);
    });

    it('lowers three levels of nested child resources', () => {
      const ir = parse(
        [
          "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {",
          "  name: 'sa'",
          "  resource blob 'blobServices' = {",
          "    name: 'default'",
          "    resource c 'containers' = {",
          "      name: 'c'",
          '    }',
          '  }',
          '}',
          'output id string = sa::blob::c.id',
        ].join('\n'),
      );
      const sa = ir.resources[0];
      expect(sa.children[0].symbolicName).toBe('blob');
      expect(sa.children[0].children[0]).toMatchObject({ symbolicName: 'c', type: { value: 'containers' } });
      expect(ir.outputs[0].value).toMatchObject({ kind: 'member', object: { kind: 'symbol', name: 'sa', path: ['blob', 'c'] } });
    });
  });

  describe('layout', () => {
    it('handles a byte order mark, CRLF line ends and comments between any tokens', () => {
      const src = [
        '\uFEFF// header',
        'var x = [ // first',
        "  'a' /* inline */",
        '  f(/* arg */ 1, // after arg',
        '    2)',
        ']',
        'var y = {',
        '  // before key',
        '  k: /* value */ true',
        '}',
        "var s = '''",
        'two',
        "lines'''",
      ].join('\r\n');
      const ir = parse(src);
      expect(ir.problems).toEqual([]);
      expect(show(ir.variables[0].value)).toBe('["a", f(1, 2)]');
      expect(show(ir.variables[1].value)).toBe('{k: true}');
      expect(ir.variables[2].value).toMatchObject({ value: 'two\r\nlines' });
      expect(ir.comments.map((c) => c.text)).toEqual([' header', ' first', ' inline ', ' arg ', ' after arg', ' before key', ' value ']);
      expect(slice(ir.comments[1].span)).toBe('// first');
    });

    it('parses the whole file when the statement split does not fit its layout', () => {
      // A nested resource at column 0 looks like a new statement; the whole-file parse is clean.
      const ir = parse(
        [
          "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
          "  name: 'v'",
          "resource sub 'subnets' = {",
          "  name: 'GatewaySubnet'",
          '}',
          '}',
        ].join('\n'),
      );
      expect(ir.problems).toEqual([]);
      expect(ir.resources).toHaveLength(1);
      expect(ir.resources[0].children.map((c) => c.symbolicName)).toEqual(['sub']);
    });
  });

  describe('.bicepparam', () => {
    it('lowers using and param assignments, Key Vault references and comments', () => {
      const text = readFileSync(join(CASES, 'main.bicepparam'), 'utf8');
      const ir = parseBicepParam(new SourceFile(join(CASES, 'main.bicepparam'), text));
      expect(ir.problems).toEqual([]);
      expect(ir.using).toBe('./network.bicep');
      expect(ir.values.map((v) => v.name)).toEqual(['gatewaySku', 'spokes', 'sharedKey', 'deployGateway']);
      const [sku, spokes, key, deploy] = ir.values;
      expect(sku.value).toMatchObject({ kind: 'literal', value: 'VpnGw2AZ' });
      expect(slice(sku.nameSpan)).toBe('gatewaySku');
      expect(slice(sku.span)).toBe("param gatewaySku = 'VpnGw2AZ'");
      expect(show(spokes.value!)).toBe('[{name: "spoke1", prefix: "10.1.0.0/16"}]');
      expect(key).toMatchObject({ name: 'sharedKey', keyVaultReference: true });
      expect(key.value).toBeUndefined();
      expect(show(deploy.value!)).toBe('(!empty(readenvironmentvariable("DEPLOY_GW", "")))');
      expect(ir.comments.map((c) => c.text)).toEqual([' the key comes from Key Vault']);
    });

    it('accepts using none and ignores vars and extends', () => {
      const ir = parseBicepParam(
        new SourceFile('x.bicepparam', "using none\nextends './base.bicepparam'\nvar prefix = 'p'\nparam name = '${prefix}-x'\n"),
      );
      expect(ir.problems).toEqual([]);
      expect(ir.using).toBeUndefined();
      expect(ir.values.map((v) => [v.name, show(v.value!)])).toEqual([['name', '`${prefix}-x`']]);
    });
  });

  describe('syntax the grammar does not know', () => {
    it('ignores extension and provider statements without swallowing what follows', () => {
      const ir = parse(
        [
          "metadata info = 'x'",
          'extension microsoftGraphV1',
          "extension kubernetes with {",
          "  namespace: 'default'",
          '} as k8s',
          "provider 'br:mcr.microsoft.com/bicep/providers/kubernetes@1.0.0' as k",
          "resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
          "  name: 'v'",
          '}',
        ].join('\n'),
      );
      expect(ir.problems).toEqual([]);
      expect(ir.resources.map((r) => r.symbolicName)).toEqual(['vnet']);
    });

    it('lowers object and array spread as the compiler does (shallowMerge, flatten)', () => {
      const src = [
        "var base = { a: 'b' }",
        "resource first 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
        "  name: 'first'",
        '  properties: {',
        '    ...base',
        "    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }",
        '  }',
        '}',
        'var arr = [...xs, 1]',
        'var obj = { x: 1, ...base }',
      ].join('\n');
      const ir = parse(src);
      expect(ir.problems).toEqual([]);
      const properties = objectGet(resource(ir, 'first').body, 'properties')!;
      expect(show(properties)).toBe('shallowmerge([base, {addressSpace: {addressPrefixes: ["10.0.0.0/16"]}}])');
      expect(slice(properties.span)).toMatch(/^\{\n {4}\.\.\.base[^]*\}$/);
      expect(show(ir.variables[1].value)).toBe('flatten([xs, [1]])');
      expect(show(ir.variables[2].value)).toBe('shallowmerge([{x: 1}, base])');
      checkSpans(ir.variables[2].value, ir.variables[2].span);
    });

    it('lets the rules see through spread: a GatewaySubnet too small for its gateway is reported', async () => {
      const text = gatewayBicep()
        .replace("addressSpace: { addressPrefixes: ['10.0.0.0/16'] }", "...common\n    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }")
        .replace('subnets: [', 'subnets: [\n      ...extraSubnets')
        .replace("properties: { addressPrefix: gatewaySubnetPrefix }", 'properties: { ...subnetDefaults, addressPrefix: gatewaySubnetPrefix }');
      const src = `var common = { dhcpOptions: { dnsServers: [] } }\nvar extraSubnets = []\nvar subnetDefaults = { privateEndpointNetworkPolicies: 'Disabled' }\n${text}`;
      expect(src).toContain('...subnetDefaults');
      const result = await lint({ files: [{ path: 'main.bicep', text: src }] });
      const lineOf = (needle: string) => src.split('\n').findIndex((l) => l.includes(needle)) + 1;
      const findings = result.files[0].diagnostics.map((d) => [d.ruleId, d.span.file.position(d.span.start).line + 1, d.related.map((r) => `${r.span.file.position(r.span.start).line + 1} ${r.message}`)]);
      // On the parameter default, used on the subnet, as without spread: the spread values are known not to supply the properties read.
      expect(findings).toContainEqual(['gateway-subnet-size', lineOf('param gatewaySubnetPrefix'), [`${lineOf("{ name: 'GatewaySubnet'")} Used here.`]]);
      expect(findings.filter(([rule]) => rule === 'parse-error' || rule === 'bicep-syntax')).toEqual([]);
    });

    it('lowers interpolated multi-line strings, typed lambda parameters, `!`, `?.`, `[?…]`, `[^…]` and `??`', () => {
      const ir = parse(
        [
          "var script = $'''",
          "echo ${name} costs $${x}'''",
          "var dollars = $$'''a ${b} $${c}'''",
          'var f = map(xs, (i int) => i)',
          'var n = a!.b.?c[?0] ?? d[^1]',
        ].join('\n'),
      );
      expect(ir.problems).toEqual([]);
      expect(ir.variables.map((v) => show(v.value))).toEqual([
        '`echo ${name} costs $${x}`',
        '`a ${b} ${c}`',
        'map(xs, (i) => i)',
        '(a!.b.?c[?0] ?? d[(length(d) - 1)])',
      ]);
    });

    it('reads typed variables, imports, exports, functions, asserts, types and diagnostics directives', () => {
      const ir = parse(
        [
          "import { subnetType, 'quoted' as q } from 'types.bicep'",
          "import * as ns from 'ns.bicep'",
          "import 'az@1.0.0'",
          '@export()',
          'type pair = { @description(\'x\') name: string, value: int? }',
          'type names = string[]',
          'type choice =',
          "  | 'a'",
          "  | 'b'",
          "@export()",
          'func double(x int) int => x * 2',
          "var typed string = 'v'",
          'assert positive = 1 > 0',
          '#disable-diagnostics no-unused-vars',
          "var y = 'w'",
          '#restore-diagnostics no-unused-vars',
          "metadata owner = 'me'",
        ].join('\n'),
      );
      expect(ir.problems).toEqual([]);
      expect(ir.variables.map((v) => v.name)).toEqual(['typed', 'y']);
      expect(ir.functions.map((f) => [f.name, f.params, show(f.body)])).toEqual([['double', ['x'], '(x * 2)']]);
      expect(ir.comments.filter((c) => c.marker === '#').map((c) => c.text)).toEqual(['disable-diagnostics no-unused-vars', 'restore-diagnostics no-unused-vars']);
    });

    it('reports a syntax error as parse-error (error level) on its line and keeps the following statements', () => {
      const ir = parse("var broken = 1 +\nvar next = 'ok'\n");
      expect(ir.problems).toHaveLength(1);
      expect(ir.problems[0]).toMatchObject({ code: 'parse-error', level: 'error' });
      expect(ir.problems[0].message).toMatch(/^Bicep syntax error: Expected a value .* here, not the end of the line\./);
      expect(ir.file.position(ir.problems[0].span.start)).toEqual({ line: 0, character: 16 });
      expect(ir.variables.find((v) => v.name === 'next')?.value).toMatchObject({ kind: 'literal', value: 'ok' });
    });

    it('reports a property written without its colon, whatever value follows', () => {
      for (const written of ["name = 'vnet'", "name 'vnet'", 'name = other', 'name 12']) {
        const ir = parse(`resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  ${written}\n  location: 'westeurope'\n}\n`);
        expect(ir.problems.map((p) => [p.code, ir.file.position(p.span.start).line + 1])).toEqual([['parse-error', 2]]);
        expect(ir.problems[0].message).toMatch(/^Bicep syntax error: Expected `:` here/);
      }
    });

    it('reports bad separators between items where they stand and keeps the items around them', () => {
      const ir = parse(['var x = {', '  a: 1,', '  b: 2 c: 3', '  d: [1,', '    2 3]', '}', "var y = 'next'"].join('\n'));
      expect(ir.problems.map((p) => [p.message.replace(/ The rest .*/, ''), ir.file.position(p.span.start)])).toEqual([
        ['Bicep syntax error: Expected the next item after `,` on the same line here, not the end of the line.', { line: 1, character: 7 }],
        ['Bicep syntax error: Expected a new line or `,` here, not `c`.', { line: 2, character: 7 }],
        ['Bicep syntax error: Expected the next item after `,` on the same line here, not the end of the line.', { line: 3, character: 8 }],
        ['Bicep syntax error: Expected a new line or `,` here, not `3`.', { line: 4, character: 6 }],
      ]);
      expect(show(ir.variables[0].value)).toBe('{a: 1, b: 2, c: 3, d: [1, 2, 3]}');
      expect(ir.variables[1].value).toMatchObject({ kind: 'literal', value: 'next' });
    });

    it('survives an unterminated object and a stray line', () => {
      const ir = parse(
        [
          "resource broken 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
          "  name: 'b'",
          '  properties: {',
          "resource ok 'Microsoft.Network/virtualNetworks@2024-05-01' = {",
          "  name: 'ok'",
          '}',
          '%%% not bicep',
          "output o string = 'done'",
        ].join('\n'),
      );
      expect(ir.problems.map((p) => [p.code, ir.file.position(p.span.start).line + 1])).toEqual([
        ['parse-error', 4],
        ['parse-error', 7],
      ]);
      expect(resource(ir, 'ok').name).toMatchObject({ value: 'ok' });
      expect(ir.outputs.map((o) => o.name)).toEqual(['o']);
    });

    it('keeps a resource whose condition could not be parsed, with an unknown condition', () => {
      const ir = parse("resource r 'Microsoft.Network/virtualNetworks@2024-05-01' = if (a b) {\n  name: 'r'\n}");
      expect(ir.problems).toHaveLength(1);
      expect(ir.resources[0].condition?.kind).toBe('error');
      expect(ir.resources[0].name).toMatchObject({ value: 'r' });
    });

    it('does not evaluate a module whose parameters are spread from elsewhere', () => {
      const ir = parse("module m './m.bicep' = {\n  name: 'm'\n  params: {\n    ...common\n    x: 1\n  }\n}");
      expect(ir.problems).toEqual([]);
      expect(ir.resources[0].deployment).toMatchObject({ unresolved: 'parameters of module ./m.bicep could not be read' });
      expect(ir.resources[0].deployment?.modulePath).toBeUndefined();
    });

    it('reports at most one problem per line', () => {
      const ir = parse(['var v = {', '  a: 1 2 3', '  b: ,', '}'].join('\n'));
      expect(ir.problems.map((p) => ir.file.position(p.span.start).line + 1)).toEqual([2, 3]);
    });

    it('reports a declaration of an unknown kind as newer syntax (bicep-syntax) and skips it with its body', () => {
      const ir = parse(["workflow w 'x' = {", '  a: 1', '}', 'var after = 1'].join('\n'));
      expect(ir.problems).toEqual([expect.objectContaining({ code: 'bicep-syntax', level: 'info' })]);
      expect(slice(ir.problems[0].span)).toBe('workflow');
      expect(ir.variables.map((v) => v.name)).toEqual(['after']);
    });
  });

  describe('adversarial input (linear time, bounded depth)', () => {
    const timed = (text: string) => {
      const start = performance.now();
      const ir = parse(text);
      return { ir, ms: performance.now() - start };
    };

    it('reads comments between broken arguments in linear time', () => {
      const { ir, ms } = timed(`var x = foo(@@, ${'/**/'.repeat(40)} 1, @@)\nvar y = 1`);
      expect(ms).toBeLessThan(200);
      expect(ir.problems[0]).toMatchObject({ code: 'parse-error' });
      expect(ir.variables.map((v) => v.name)).toContain('y');
      const long = timed(`var x = foo(@@, ${'/**/'.repeat(20_000)} 1, @@)\nvar y = 1`);
      expect(long.ms).toBeLessThan(500);
    });

    it.each([
      ['{', '{'.repeat(50_000)],
      ['[', '['.repeat(50_000)],
      ['(', '('.repeat(50_000)],
      ['@', '@'.repeat(50_000)],
      ['${', "'" + '${'.repeat(25_000)],
      ["'${' nested", "var s = '" + "${'".repeat(12_000)],
      ['-', 'var n = ' + '-'.repeat(50_000) + '1'],
      ['!', 'var n = ' + '!('.repeat(25_000) + 'true'],
      ['x.', 'var n = a' + '.b'.repeat(25_000)],
      ['+', 'var n = 1' + ' + 1'.repeat(20_000)],
      ['?:', 'var n = ' + 'a ? b : '.repeat(10_000) + 'c'],
    ])('a flood of %s (25-50 KB) finishes fast with a parse-error or a clean parse', (_, flood) => {
      const { ir, ms } = timed(`var before = 1\nvar x = ${flood}\nvar after = 2`);
      expect(ms).toBeLessThan(1000);
      expect(ir.variables.map((v) => v.name)).toContain('before');
      for (const p of ir.problems) expect(p.code).toBe('parse-error');
    });

    it('stops at the nesting limit with a parse-error and reads the next declaration', () => {
      const { ir } = timed(`var deep = ${'['.repeat(5_000)}1${']'.repeat(5_000)}\nvar after = 2`);
      expect(ir.problems).toEqual([expect.objectContaining({ code: 'parse-error', level: 'error' })]);
      expect(ir.problems[0].message).toContain('nests too deeply for gwlint');
      expect(ir.variables.map((v) => v.name)).toEqual(['after']);
      const ok = parse(`var fine = ${'['.repeat(50)}1${']'.repeat(50)}`);
      expect(ok.problems).toEqual([]);
    });
  });
});

function* bicepFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* bicepFiles(path);
    else if (entry.name.endsWith('.bicep') || entry.name.endsWith('.bicepparam')) yield path;
  }
}

describe.skipIf(!existsSync(CORPUS))(`Bicep corpus (${CORPUS}; skipped when absent)`, () => {
  it('lowers every .bicep and .bicepparam file without a syntax problem, with spans inside the file', () => {
    let files = 0;
    const problems: string[] = [];
    for (const path of bicepFiles(CORPUS)) {
      const file = new SourceFile(path, readFileSync(path, 'utf8'));
      const ir = path.endsWith('.bicepparam') ? parseBicepParam(file) : parseBicep(file);
      files++;
      problems.push(...ir.problems.map((p) => `${path}:${file.position(p.span.start).line + 1}: ${p.message}`));
      if ('resources' in ir) {
        for (const r of ir.resources) {
          expect(r.span.end).toBeLessThanOrEqual(file.text.length);
          checkSpans(r.body, r.span);
        }
      }
    }
    expect(files).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
