import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { EMPTY_CONFIG } from '../../src/engine/config.js';
import { mayBeJudged } from '../../src/engine/judged-types.js';
import { defineRule } from '../../src/engine/rule.js';
import type { RuleMeta } from '../../src/engine/rule-meta.js';
import { parseArmJson } from '../../src/parse/arm/template.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const rule = (needs: Pick<RuleMeta, 'types' | 'named'>) =>
  defineRule({ meta: { id: 'r', summary: 'R.', description: 'R.', level: 'error', category: 'network', ...needs }, check: () => undefined });
const judged = (resources: unknown[], needs: Pick<RuleMeta, 'types' | 'named'>) => {
  const text = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources });
  return mayBeJudged(parseArmJson(new SourceFile('t.json', text)).template!, [rule(needs)], EMPTY_CONFIG, text);
};
const VNET = ['Microsoft.Network/virtualNetworks'];

describe('mayBeJudged', () => {
  it('finds the types of resources, child resources (under their full type) and inline nested templates', () => {
    const nsg = { type: 'Microsoft.Network/networkSecurityGroups', name: 'n' };
    expect(judged([nsg], { types: VNET })).toBe(false);
    expect(judged([nsg, { type: 'microsoft.network/VIRTUALNETWORKS@2024-05-01', name: 'v' }], { types: VNET })).toBe(true);
    const vnet = { type: 'Microsoft.Network/virtualNetworks', name: 'v', resources: [{ type: 'subnets', name: 's' }] };
    expect(judged([vnet], { types: ['Microsoft.Network/virtualNetworks/subnets'] })).toBe(true);
    const nested = { type: 'Microsoft.Resources/deployments', name: 'd', properties: { template: { resources: [vnet] } } };
    expect(judged([nested], { types: VNET })).toBe(true);
    expect(judged([{ ...nested, properties: { template: { resources: [nsg] } } }], { types: VNET })).toBe(false);
  });

  it('cannot rule out a type written as an expression or a deployment of another file', () => {
    expect(judged([{ type: "[variables('type')]", name: 'x' }], { types: VNET })).toBe(true);
    expect(judged([{ type: 'Microsoft.Resources/deployments', name: 'd', properties: { templateLink: { relativePath: 'vnet.json' } } }], { types: VNET })).toBe(true);
    expect(judged([{ type: 'Microsoft.Resources/deployments', name: 'd', properties: { templateLink: { uri: 'https://example.com/vnet.json' } } }], { types: VNET })).toBe(true);
  });

  it('takes rules without types, the text rules need and suppressions into account', () => {
    const nic = { type: 'Microsoft.Network/networkInterfaces', name: 'nic' };
    expect(judged([nic], {})).toBe(true);
    expect(judged([nic], { named: /gatewaysubnet/i })).toBe(false);
    expect(judged([{ ...nic, properties: { subnet: 'GatewaySubnet' } }], { named: /gatewaysubnet/i })).toBe(true);
    expect(judged([{ ...nic, metadata: { 'gwlint-disable': 'subnet-cidr' } }], { types: VNET })).toBe(true);
  });

  it('answers for the configuration asked about when the same rules are asked under several', () => {
    const rules = [rule({ types: VNET }), rule({ named: /gatewaysubnet/i })];
    const text = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [{ type: VNET[0], name: 'v' }] });
    const template = parseArmJson(new SourceFile('t.json', text)).template!;
    const off = { ...EMPTY_CONFIG, rules: { r: 'off' as const } };
    expect(mayBeJudged(template, rules, EMPTY_CONFIG, text)).toBe(true);
    expect(mayBeJudged(template, rules, off, text)).toBe(false);
    expect(mayBeJudged(template, rules, EMPTY_CONFIG, text)).toBe(true);
  });
});
