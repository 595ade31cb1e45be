import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyGuid } from '../../src/core/diagnostic.js';
import { builtInRules } from '../../rules/index.js';
import { cli, tempTrees } from '../cli/helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tree = tempTrees();

/** GatewaySubnet with an NSG (denied by a built-in policy) and a non-AZ VpnGw1 gateway (audited by another). */
const TEMPLATE = JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2024-05-01',
        name: 'hub',
        location: 'westeurope',
        properties: {
          addressSpace: { addressPrefixes: ['10.0.0.0/16'] },
          subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27', networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]" } } }],
        },
      },
      {
        type: 'Microsoft.Network/virtualNetworkGateways',
        apiVersion: '2024-05-01',
        name: 'gw',
        location: 'westeurope',
        properties: {
          gatewayType: 'Vpn',
          vpnType: 'RouteBased',
          sku: { name: 'VpnGw1', tier: 'VpnGw1' },
          ipConfigurations: [{ name: 'default', properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', 'GatewaySubnet')]" } } }],
        },
      },
    ],
  },
  null,
  2,
);

const NSG_POLICY = '/providers/Microsoft.Authorization/policyDefinitions/35f9c03a-cc27-418e-9c0c-539ff999d010';
const ZONE_POLICY = '/providers/Microsoft.Authorization/policyDefinitions/da8a2248-6b4a-44a7-96bf-bf1c0dd208c3';

interface JsonMessage {
  ruleId: string;
  policy?: { id: string; displayName: string };
}

describe('Azure Policy alignment', () => {
  for (const jobs of ['1', '2'])
    it(`json findings name the built-in policy that denies or audits the same thing (--jobs ${jobs})`, async () => {
      const { dir } = tree({ 'main.json': TEMPLATE, 'other.json': TEMPLATE });
      const run = await cli(dir, ['--format', 'json', '--jobs', jobs, 'main.json', 'other.json']);
      const messages = (JSON.parse(run.stdout) as { messages: JsonMessage[] }[]).flatMap((f) => f.messages);
      const nsg = messages.filter((m) => m.ruleId === 'gateway-subnet-nsg');
      expect(nsg).toHaveLength(2);
      for (const m of nsg) expect(m.policy).toEqual({ id: NSG_POLICY, displayName: 'Gateway subnets should not be configured with a network security group' });
      const legacy = messages.filter((m) => m.ruleId === 'gateway-legacy-sku');
      expect(legacy.map((m) => m.policy?.id)).toEqual([ZONE_POLICY, ZONE_POLICY]);
      // Findings no policy covers carry no policy field.
      expect(messages.filter((m) => m.ruleId !== 'gateway-subnet-nsg' && m.ruleId !== 'gateway-legacy-sku').every((m) => m.policy === undefined)).toBe(true);
    });

  it('SARIF tags the rule with each policy and puts the policy on the result', async () => {
    const { dir } = tree({ 'main.json': TEMPLATE });
    const run = await cli(dir, ['--format', 'sarif', 'main.json']);
    const log = JSON.parse(run.stdout) as {
      runs: { tool: { driver: { rules: { id: string; properties: { tags: string[] } }[] } }; results: { ruleId: string; properties?: { policy?: { id: string } } }[] }[];
    };
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'gateway-subnet-nsg')!;
    expect(rule.properties.tags).toContain('azure-policy:35f9c03a-cc27-418e-9c0c-539ff999d010');
    const result = log.runs[0].results.find((r) => r.ruleId === 'gateway-subnet-nsg')!;
    expect(result.properties?.policy?.id).toBe(NSG_POLICY);
  });

  it("every policy a rule declares is linked from the rule's docs page, with its display name", () => {
    const declaring = builtInRules.filter((r) => r.meta.policies?.length);
    expect(declaring.length).toBeGreaterThan(0);
    for (const rule of declaring) {
      const page = readFileSync(path.join(ROOT, 'docs/rules', `${rule.meta.id}.md`), 'utf8');
      for (const policy of rule.meta.policies!) {
        expect(page, rule.meta.id).toContain(policyGuid(policy));
        expect(page, rule.meta.id).toContain(policy.displayName);
      }
    }
  });
});
