import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { ReachIndex } from '../../src/engine/reached-resources.js';
import { literalString } from '../../src/expr/ast.js';
import { parseArmJson } from '../../src/parse/arm/template.js';

const resource = (name: string, sku: string) => ({ type: 'Microsoft.Network/virtualNetworkGateways', apiVersion: '2024-05-01', name, properties: { sku: { name: sku } } });

/** The names of the declarations that the parameters reach. */
function reachedNames(template: object, parameters: string[]): string[] {
  const ir = parseArmJson(new SourceFile('t.json', JSON.stringify(template))).template!;
  const reach = new ReachIndex(ir);
  return ir.resources.filter((d) => reach.reachedDecls(new Set(parameters)).has(d)).map((d) => literalString(d.name!)!);
}

describe('resources reached by parameters', () => {
  const template = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    parameters: { sku: { type: 'string' }, other: { type: 'string' } },
    variables: {
      // A chain (a → b → the parameter) and a cycle (c ↔ d): each variable is followed once.
      a: "[variables('b')]",
      b: "[parameters('sku')]",
      c: "[concat(variables('d'), parameters('other'))]",
      d: "[variables('c')]",
    },
    resources: [resource('gw1', "[variables('a')]"), resource('gw2', "[variables('a')]"), resource('gw3', "[variables('c')]"), resource('gw4', 'VpnGw1')],
  };

  it('follows variables through chains, for every declaration that names them', () => {
    expect(reachedNames(template, ['sku'])).toEqual(['gw1', 'gw2']);
  });

  it('follows variables that name each other without looping', () => {
    expect(reachedNames(template, ['other'])).toEqual(['gw3']);
  });
});
