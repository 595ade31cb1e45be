import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { lint } from '../../src/index.js';
import type { LintResult } from '../../src/engine/result.js';
import { resourceById } from '../../src/model/lookup.js';
import { Model } from '../../src/model/model.js';
import { parseArmJson } from '../../src/parse/arm/template.js';
import { FORMAT_NAMES, reporters } from '../../src/report/index.js';
import { FIXTURES, readTree } from '../support/fixtures.js';

const KEY = 'Planted-Key-5c1d9e';

function template(resources: unknown[], parameters: Record<string, unknown> = {}, variables: Record<string, unknown> = {}): string {
  return JSON.stringify(
    { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', parameters, variables, resources },
    null,
    2,
  );
}

function connection(name: string, sharedKey: string): unknown {
  return {
    type: 'Microsoft.Network/connections',
    apiVersion: '2024-05-01',
    name,
    properties: {
      connectionType: 'IPsec',
      sharedKey,
      virtualNetworkGateway1: { id: "[parameters('gatewayId')]" },
      localNetworkGateway2: { id: "[parameters('siteId')]" },
    },
  };
}

function ruleFindings(result: LintResult, ruleId: string) {
  return result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === ruleId && !d.suppression));
}

describe('connection-shared-key never prints the key', () => {
  const json = template(
    [
      connection('literal', KEY),
      connection('from-variable', "[variables('key')]"),
      connection('plain-default', "[parameters('plainKey')]"),
      connection('secure-default', "[parameters('secureKey')]"),
      connection('from-file', "[parameters('fileKey')]"),
      connection('built', `[concat('${KEY}', '-suffix')]`),
    ],
    {
      gatewayId: { type: 'string' },
      siteId: { type: 'string' },
      plainKey: { type: 'string', defaultValue: KEY },
      secureKey: { type: 'securestring', defaultValue: KEY },
      fileKey: { type: 'securestring' },
    },
    { key: KEY },
  );
  const parameters = JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    contentVersion: '1.0.0.0',
    parameters: { fileKey: { value: KEY } },
  });
  const bicep = [
    'param gatewayId string',
    'param siteId string',
    `param plainKey string = '${KEY}'`,
    '@secure()',
    `param secureKey string = '${KEY}'`,
    `var key = '${KEY}'`,
    `var sites = [ { name: 'a', key: '${KEY}' } ]`,
    ...[
      ['literal', `'${KEY}'`],
      ['fromVariable', 'key'],
      ['plainDefault', 'plainKey'],
      ['secureDefault', 'secureKey'],
      ['interpolated', `'\${key}-suffix'`],
    ].map(
      ([name, value]) =>
        `resource ${name} 'Microsoft.Network/connections@2024-05-01' = {\n  name: '${name}'\n  properties: {\n    connectionType: 'IPsec'\n    sharedKey: ${value}\n    virtualNetworkGateway1: { id: gatewayId }\n    localNetworkGateway2: { id: siteId }\n  }\n}`,
    ),
    "resource perSite 'Microsoft.Network/connections@2024-05-01' = [for site in sites: {\n  name: site.name\n  properties: {\n    connectionType: 'IPsec'\n    sharedKey: site.key\n    virtualNetworkGateway1: { id: gatewayId }\n    localNetworkGateway2: { id: siteId }\n  }\n}]",
  ].join('\n');

  it('reports every planted key, and no reporter output, message or related message contains it', async () => {
    const result = await lint({
      files: [
        { path: '/repo/main.json', text: json },
        { path: '/repo/other.bicep', text: bicep },
      ],
      context: [{ path: '/repo/main.parameters.json', text: parameters }],
    });
    const findings = ruleFindings(result, 'connection-shared-key');
    expect(findings.length).toBe(12);
    for (const d of result.files.flatMap((f) => f.diagnostics)) {
      expect(d.message).not.toContain(KEY);
      for (const r of d.related) expect(r.message).not.toContain(KEY);
      expect(JSON.stringify(d.fix ?? null)).not.toContain(KEY);
    }
    for (const name of FORMAT_NAMES) {
      const output = reporters[name](result, { cwd: '/repo', color: false, version: '0.0.0' });
      expect(output.length, name).toBeGreaterThan(0);
      expect(output, name).not.toContain(KEY);
    }
  });

  it('tells where to move the key by where it is written: a secure default, a parameters file, anything else', async () => {
    const result = await lint({ files: [{ path: '/repo/main.json', text: json }], context: [{ path: '/repo/main.parameters.json', text: parameters }] });
    const hintOf = (connectionName: string) => ruleFindings(result, 'connection-shared-key').find((d) => d.message.includes(`'${connectionName}'`))?.message;
    expect(hintOf('literal')).toMatch(/Pass it as a @secure\(\) parameter\.$/);
    expect(hintOf('from-variable')).toMatch(/Pass it as a @secure\(\) parameter\.$/);
    expect(hintOf('secure-default')).toMatch(/Remove the default of 'secureKey'\.$/);
    expect(hintOf('from-file')).toMatch(/Use a Key Vault reference in the parameters file\.$/);
  });
});

describe('connection-shared-key follows the key to where it comes from', () => {
  it('accepts a Key Vault reference in the parameters file, and reports the same parameter without it', async () => {
    const folder = path.join(FIXTURES, 'connection-shared-key');
    const all = readTree(folder);
    const target = all.filter((f) => f.path === path.join(folder, 'valid.json'));
    const withVault = await lint({ files: target, context: all.filter((f) => !target.includes(f)) });
    expect(ruleFindings(withVault, 'connection-shared-key')).toEqual([]);
    const withoutVault = await lint({ files: target, context: all.filter((f) => !target.includes(f) && !f.path.endsWith('valid.parameters.json')) });
    const findings = ruleFindings(withoutVault, 'connection-shared-key');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toContain("parameter 'vaultKey'");
  });

  it('accepts getSecret() passed to a secure module parameter, and reports a literal passed to it', async () => {
    const module = {
      path: '/repo/modules/conn.bicep',
      text: "@secure()\nparam key string\n\nresource c 'Microsoft.Network/connections@2024-05-01' = {\n  name: 'c'\n  properties: {\n    connectionType: 'IPsec'\n    sharedKey: key\n    virtualNetworkGateway1: { id: 'x' }\n  }\n}\n",
    };
    const caller = (value: string) => ({
      path: '/repo/main.bicep',
      text: `resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv'\n}\n\nmodule conn 'modules/conn.bicep' = {\n  name: 'conn'\n  params: {\n    key: ${value}\n  }\n}\n`,
    });
    const secret = await lint({ files: [caller("kv.getSecret('psk')")], context: [module] });
    expect(ruleFindings(secret, 'connection-shared-key')).toEqual([]);
    const literal = await lint({ files: [caller("'Literal-Key-2'")], context: [module] });
    const findings = ruleFindings(literal, 'connection-shared-key');
    expect(findings).toHaveLength(1);
    // The finding sits on the literal the caller passes; the module's property that uses it is related.
    expect(findings[0].span.file.path).toBe('/repo/main.bicep');
    // The caller's literal becomes a secure parameter of the caller; the module's parameter is secure already.
    expect(findings[0].message).toMatch(/Pass it as a @secure\(\) parameter\.$/);
    expect(findings[0].related.some((r) => r.span.file.path === '/repo/modules/conn.bicep' && r.message === 'Used here.')).toBe(true);
  });

  it('does not judge a key computed at deployment time', async () => {
    const result = await lint({
      files: [{ path: '/repo/main.json', text: template([connection('derived', "[uniqueString(resourceGroup().id, 'psk')]")], { gatewayId: { type: 'string' }, siteId: { type: 'string' } }) }],
    });
    expect(ruleFindings(result, 'connection-shared-key')).toEqual([]);
  });
});

describe('resourceById', () => {
  const gateway = (name: string, extra: Record<string, unknown> = {}) => ({ type: 'Microsoft.Network/virtualNetworkGateways', apiVersion: '2024-05-01', name, properties: { gatewayType: 'Vpn' }, ...extra });
  /** A model of the resources plus a probe resource whose `properties.ref` holds each id expression. */
  const resolve = (resources: unknown[], ids: string[], parameters: Record<string, unknown> = {}) => {
    const probe = { type: 'Microsoft.Resources/tags', apiVersion: '2024-03-01', name: 'default', properties: { ref: ids } };
    const parsed = parseArmJson(new SourceFile('/repo/t.json', template([...resources, probe], parameters)));
    const m = new Model(parsed.template!);
    const holder = m.ofType('Microsoft.Resources/tags')[0];
    return ids.map((_, i) => resourceById(m, holder.value(['properties', 'ref', i])));
  };

  it('resolves resourceId(), literal ids and ids known only in part to the declared resource, case-insensitively', () => {
    const [byFunction, byLiteral, byParameter] = resolve(
      [gateway('hub-gw'), gateway("[parameters('name')]")],
      [
        "[resourceId('Microsoft.Network/virtualNetworkGateways', 'HUB-GW')]",
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resourceGroup/providers/Microsoft.Network/virtualNetworkGateways/hub-gw',
        "[resourceId('Microsoft.Network/virtualNetworkGateways', parameters('name'))]",
      ],
      { name: { type: 'string' } },
    );
    expect(byFunction?.name).toBe('hub-gw');
    expect(byLiteral?.name).toBe('hub-gw');
    expect(byParameter).toBeDefined();
    expect(byParameter?.name).not.toBe('hub-gw');
  });

  it('leaves unknown: another resource group, another type, an existing declaration, two matches, an unknown name', () => {
    const found = resolve(
      [gateway('hub-gw'), gateway('twin'), gateway('twin', { location: 'elsewhere' }), { ...gateway('old-gw'), existing: true }],
      [
        "[resourceId('other-rg', 'Microsoft.Network/virtualNetworkGateways', 'hub-gw')]",
        "[resourceId('Microsoft.Network/localNetworkGateways', 'hub-gw')]",
        "[resourceId('Microsoft.Network/virtualNetworkGateways', 'twin')]",
        "[resourceId('Microsoft.Network/virtualNetworkGateways', 'old-gw')]",
        "[resourceId('Microsoft.Network/virtualNetworkGateways', parameters('name'))]",
        "[resourceId('Microsoft.Network/virtualNetworkGateways', 'hub-gw')]",
      ],
      { name: { type: 'string' } },
    );
    expect(found.map((r) => r?.name)).toEqual([undefined, undefined, undefined, undefined, undefined, 'hub-gw']);
  });
});

describe('p2s-address-pool', () => {
  it('gives one finding per pool prefix, naming every problem it has', async () => {
    const bicep = `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } }]
  }
}

resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }
    ipConfigurations: [{ name: 'default', properties: { subnet: { id: vnet.properties.subnets[0].id } } }]
    vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ['10.0.100.0/30', '10.0.101.0/24'] } }
  }
}
`;
    const result = await lint({ files: [{ path: '/repo/p2s.bicep', text: bicep }] });
    const findings = ruleFindings(result, 'p2s-address-pool');
    expect(findings.map((d) => d.level)).toEqual(['error', 'error']);
    expect(findings[0].message).toMatch(/is a \/30, smaller than the \/29 .* and overlaps 10\.0\.0\.0\/16/);
    expect(findings[1].message).not.toContain('smaller');
    expect(findings[1].related[0].message).toContain("virtual network 'hub'");
  });
});

describe('connection-gateway-type on generic modules', () => {
  const module = (localEnd: string) => `param connectionType string = 'IPsec'
param localNetworkGatewayId string = ''
param gatewayId string

resource connection 'Microsoft.Network/connections@2024-05-01' = {
  name: 'c'
  properties: {
    connectionType: connectionType
    virtualNetworkGateway1: { id: gatewayId }
${localEnd}
  }
}
`;

  it('does not report an end written as a condition that the defaults turn off, and reports an end that is not written', async () => {
    const conditional = await lint({ files: [{ path: '/repo/m.bicep', text: module("    localNetworkGateway2: !empty(localNetworkGatewayId) ? { id: localNetworkGatewayId } : null") }] });
    expect(ruleFindings(conditional, 'connection-gateway-type')).toEqual([]);
    const absent = await lint({ files: [{ path: '/repo/m.bicep', text: module('') }] });
    expect(ruleFindings(absent, 'connection-gateway-type').map((d) => d.message)).toEqual([expect.stringContaining("needs localNetworkGateway2, but it is not set")]);
  });
});

/** A route-based VPN gateway, and a Vnet2Vnet connection between two of them (with a key, or a condition). */
const vpnGateway = (name: string) => ({
  type: 'Microsoft.Network/virtualNetworkGateways',
  apiVersion: '2024-05-01',
  name,
  properties: { gatewayType: 'Vpn', vpnType: 'RouteBased', sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' } },
});
const vnetToVnet = (name: string, from: string, to: string, extra: { condition?: string; sharedKey?: string } = {}) => ({
  type: 'Microsoft.Network/connections',
  apiVersion: '2024-05-01',
  name,
  ...(extra.condition ? { condition: extra.condition } : {}),
  properties: {
    connectionType: 'Vnet2Vnet',
    ...(extra.sharedKey ? { sharedKey: extra.sharedKey } : {}),
    virtualNetworkGateway1: { id: `[resourceId('Microsoft.Network/virtualNetworkGateways', '${from}')]` },
    virtualNetworkGateway2: { id: `[resourceId('Microsoft.Network/virtualNetworkGateways', '${to}')]` },
  },
});
const findingsOf = async (ruleId: string, resources: unknown[]) =>
  ruleFindings(await lint({ files: [{ path: '/t/azuredeploy.json', text: template(resources, { both: { type: 'bool' }, key: { type: 'securestring' } }) }] }), ruleId).map((d) => `${d.level}: ${d.message}`);

describe('connection-gateway-type: a VNet-to-VNet connection needs one back', () => {
  const back = (resources: unknown[]) => findingsOf('connection-gateway-type', resources);

  it('warns when the other gateway has none to this one', async () => {
    expect(await back([vpnGateway('a'), vpnGateway('b'), vnetToVnet('a-to-b', 'a', 'b')])).toEqual([
      "warning: Connection 'a-to-b' has no connection back from its far gateway; a VNet-to-VNet tunnel needs one each way. Add one from that gateway, with the same shared key.",
    ]);
  });

  it('is satisfied by a connection back, even a conditional one, and says nothing of a far gateway not declared here', async () => {
    expect(await back([vpnGateway('a'), vpnGateway('b'), vnetToVnet('a-to-b', 'a', 'b'), vnetToVnet('b-to-a', 'b', 'a', { condition: "[parameters('both')]" })])).toEqual([]);
    expect(await back([vpnGateway('a'), vnetToVnet('a-to-b', 'a', 'b')])).toEqual([]);
  });
});

describe('connection-shared-key: the two connections of a VNet-to-VNet pair', () => {
  const keys = (a: string, b: string) => findingsOf('connection-shared-key', [vpnGateway('a'), vpnGateway('b'), vnetToVnet('a-to-b', 'a', 'b', { sharedKey: a }), vnetToVnet('b-to-a', 'b', 'a', { sharedKey: b })]);

  it('need the same key: two known keys that differ are an error, naming neither', async () => {
    expect(await keys("[uniqueString(resourceGroup().id, 'a')]", "[uniqueString(resourceGroup().id, 'b')]")).toEqual([
      "error: Connections 'a-to-b' and 'b-to-a' join the same two gateways with different shared keys. Give both the same key.",
    ]);
  });

  it('are paired only when both are deployed: old and new pairs behind opposite conditions keep their own keys', async () => {
    const pair = (suffix: string, key: string, condition: string) => [
      vnetToVnet(`a-to-b-${suffix}`, 'a', 'b', { sharedKey: key, condition }),
      vnetToVnet(`b-to-a-${suffix}`, 'b', 'a', { sharedKey: key, condition }),
    ];
    const resources = [vpnGateway('a'), vpnGateway('b'), ...pair('old', "[uniqueString('old')]", "[not(parameters('both'))]"), ...pair('new', "[uniqueString('new')]", "[parameters('both')]")];
    expect(await findingsOf('connection-shared-key', resources)).toEqual([]);
  });

  it('say nothing when the keys are equal or not known', async () => {
    expect(await keys("[uniqueString(resourceGroup().id, 'a')]", "[uniqueString(resourceGroup().id, 'a')]")).toEqual([]);
    expect(await keys("[parameters('key')]", "[uniqueString(resourceGroup().id, 'b')]")).toEqual([]);
  });
});
