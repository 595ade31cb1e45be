import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintInput } from '../../src/engine/lint.js';
import { EMPTY_CONFIG } from '../../src/engine/config.js';
import { defineRule } from '../../src/engine/rule.js';
import type { RuleMeta } from '../../src/engine/rule-meta.js';
import { smallGatewaySubnetVnet } from '../robustness/support.js';
import { nicTemplate } from '../support/templates.js';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A deployment resource of a root template: `properties` as given. */
const deploymentOf = (properties: Record<string, unknown>) =>
  JSON.stringify({
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', properties: { mode: 'Incremental', ...properties } }],
  });

/** An inline template with one resource, whose name is an expression that does not parse. */
const brokenStorage = {
  $schema: SCHEMA,
  contentVersion: '1.0.0.0',
  resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[concat('st',]", location: 'westeurope' }],
};

/** A VNet whose GatewaySubnet is a /29, too small for any gateway. */
const smallGatewaySubnet = { $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [smallGatewaySubnetVnet('hub')] };

const ruleIds = async (files: { path: string; text: string }[], context: { path: string; text: string }[] = []) =>
  (await lint({ files, context })).files.flatMap((f) => f.diagnostics.map((d) => d.ruleId));

describe('which templates are modelled', () => {
  it('a template whose deployments are all inline and name no network resource is parsed, not modelled, as a template about nothing of gwlint’s', async () => {
    const inline = deploymentOf({ template: brokenStorage });
    // Its expressions are checked only when it is modelled: the broken name would be a parse error then.
    expect(await ruleIds([{ path: 'main.json', text: inline }])).toEqual([]);
    // The same template with a VNet beside it is modelled, and the broken expression is reported.
    const withVnet = inline.replace('"resources":[', `"resources":[${JSON.stringify(smallGatewaySubnet.resources[0])},`);
    expect(await ruleIds([{ path: 'main.json', text: withVnet }])).toEqual(expect.arrayContaining(['parse-error', 'gateway-subnet-size']));
  });

  it('an inline nested template that declares the network is modelled through its caller', async () => {
    expect(await ruleIds([{ path: 'main.json', text: deploymentOf({ template: smallGatewaySubnet }) }])).toContain('gateway-subnet-size');
  });

  it('a caller that names no network resource but links a template that does is modelled', async () => {
    const context = [{ path: 'nested/vnet.json', text: JSON.stringify(smallGatewaySubnet) }];
    const main = deploymentOf({ templateLink: { relativePath: 'nested/vnet.json' } });
    expect(await ruleIds([{ path: 'main.json', text: main }], context)).toContain('gateway-subnet-size');
  });

  it('a template that names no network resource is modelled when its parameters file gives a subnet id', async () => {
    // A NIC whose subnet id is a parameter: only the parameters file names the VNet and GatewaySubnet.
    const nic = JSON.stringify(nicTemplate("[parameters('subnetId')]", { parameter: 'subnetId' }));
    const subnetId = (subnet: string) => `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/${subnet}`;
    const parameters = (subnet: string) =>
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        contentVersion: '1.0.0.0',
        parameters: { subnetId: { value: subnetId(subnet) } },
      });
    const template = [{ path: '/t/nic.json', text: nic }];
    expect(await ruleIds(template, [{ path: '/t/nic.parameters.json', text: parameters('GatewaySubnet') }])).toEqual(['no-resources-in-gateway-subnet']);
    expect(await ruleIds(template, [{ path: '/t/nic.parameters.json', text: parameters('workload') }])).toEqual([]);
  });
});

/** A NIC in subnet `subnet` of VNet 'hub', declared elsewhere: the text names the VNet type, yet declares no VNet. */
const nicIn = (subnet: string, name = 'nic1') => JSON.stringify(nicTemplate(`[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', '${subnet}')]`, { name }));

/** A rule that reports every model it is run on, with the given needs. */
const probe = (id: string, needs: Pick<RuleMeta, 'types' | 'named'>) =>
  defineRule({
    meta: { id, summary: 'Probe.', description: 'Reports each model it runs on.', level: 'warning', category: 'network', ...needs },
    check: (context) => context.report({ at: context.model.root.template.resources[0]?.span ?? { file: context.model.root.template.file, start: 0, end: 0 }, message: 'Ran.' }),
  });

describe('type-selective evaluation: templates that declare nothing a rule judges', () => {
  const ran = async (input: Omit<LintInput, 'files'>, text: string) => (await lint({ files: [{ path: 'nic.json', text }], ...input })).files.flatMap((f) => f.diagnostics.map((d) => d.ruleId));

  it('runs a rule only on templates that declare one of the types it judges, or that it names', async () => {
    const vnetRule = probe('vnets', { types: ['Microsoft.Network/virtualNetworks'] });
    const nicRule = probe('nics', { types: ['microsoft.network/NETWORKINTERFACES'] });
    const anyRule = probe('any', {});
    const namedRule = probe('named', { named: /gatewaysubnet/i });
    expect(await ran({ rules: [vnetRule] }, nicIn('workload'))).toEqual([]);
    expect(await ran({ rules: [vnetRule, nicRule] }, nicIn('workload'))).toEqual(['nics']);
    expect(await ran({ rules: [vnetRule, anyRule] }, nicIn('workload'))).toEqual(['any']);
    expect(await ran({ rules: [namedRule] }, nicIn('workload'))).toEqual([]);
    expect(await ran({ rules: [namedRule] }, nicIn('GatewaySubnet'))).toEqual(['named']);
    // A rule turned off does not count.
    const off = { configFor: () => ({ ...EMPTY_CONFIG, rules: { nics: 'off' as const } }) };
    expect(await ran({ rules: [vnetRule, nicRule], ...off }, nicIn('workload'))).toEqual([]);
  });

  it('a VNet in an inline nested template, or a child subnet resource, counts as declared', async () => {
    const vnetRule = probe('vnets', { types: ['Microsoft.Network/virtualNetworks'] });
    const subnetRule = probe('subnets', { types: ['Microsoft.Network/virtualNetworks/subnets'] });
    expect(await ran({ rules: [vnetRule] }, deploymentOf({ template: smallGatewaySubnet }))).toEqual(['vnets']);
    const child = { ...smallGatewaySubnetVnet('hub'), resources: [{ type: 'subnets', apiVersion: '2024-05-01', name: 'app', properties: { addressPrefix: '10.0.1.0/24' } }] };
    const withChild = JSON.stringify({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources: [child] });
    expect(await ran({ rules: [subnetRule] }, withChild)).toEqual(['subnets']);
  });

  it('the built-in rules still judge a NIC placed in GatewaySubnet, and a template not modelled still has its expressions checked', async () => {
    expect(await ruleIds([{ path: 'nic.json', text: nicIn('GatewaySubnet') }])).toEqual(['no-resources-in-gateway-subnet']);
    expect(await ruleIds([{ path: 'nic.json', text: nicIn('workload') }])).toEqual([]);
    const broken = nicIn('workload', "[concat('nic',]");
    expect(await ruleIds([{ path: 'nic.json', text: broken }])).toEqual(['parse-error']);
  });
});
