import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { declaredTypes } from '../../src/engine/judged-types.js';
import { parseArmJson } from '../../src/parse/arm/template.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const typesOf = (resources: unknown[]) => {
  const template = parseArmJson(new SourceFile('t.json', JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources }))).template!;
  const types = declaredTypes(template);
  return types && [...types].sort();
};

describe('declaredTypes', () => {
  it('lists resources, child resources under their full type and the resources of inline nested templates, in lower case', () => {
    const vnet = { type: 'Microsoft.Network/virtualNetworks', name: 'v', resources: [{ type: 'subnets', name: 's' }] };
    const nested = { type: 'Microsoft.Resources/deployments', name: 'd', properties: { template: { resources: [{ type: 'Microsoft.Network/connections', name: 'c' }] } } };
    expect(typesOf([vnet, nested])).toEqual(['microsoft.network/connections', 'microsoft.network/virtualnetworks', 'microsoft.network/virtualnetworks/subnets', 'microsoft.resources/deployments']);
  });

  it('is unknown when a type is an expression or a deployment runs another file', () => {
    expect(typesOf([{ type: "[variables('type')]", name: 'x' }])).toBeUndefined();
    expect(typesOf([{ type: 'Microsoft.Resources/deployments', name: 'd', properties: { templateLink: { relativePath: 'vnet.json' } } }])).toBeUndefined();
    expect(typesOf([{ type: 'Microsoft.Resources/deployments', name: 'd', properties: { templateLink: { uri: 'https://example.com/vnet.json' } } }])).toBeUndefined();
  });
});
