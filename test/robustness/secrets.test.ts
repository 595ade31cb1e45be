import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { FORMAT_NAMES, reporters } from '../../src/report/index.js';
import { Budget } from '../../src/expr/budget.js';
import { templateFunctions } from '../../src/expr/functions/index.js';
import { PLACEHOLDER_DEPLOYMENT } from '../../src/expr/functions/types.js';
import { CLI_BUILT, CLI_SKIP_MESSAGE, DEPLOYMENT_SCHEMA, PARAMETERS_SCHEMA, expectLocationsInside, runCli, tempDir } from './support.js';

/**
 * No output shows a secret: values of secure parameters (defaults, parameters files, values passed to
 * modules), shared keys and other secret properties, and Key Vault references. Distinctive secrets are
 * planted where rules quote values, and every format's output is searched for them.
 */

const S = {
  gwName: 'Zq7GatewayNameSecret',
  subnetName: 'Gateway-Subnet-Zq7Secret',
  connType: 'IPsecZq7Secret',
  sku: 'VpnGw1Zq7ParamFileSecret',
  vnetName: 'Zq7VnetParamFileSecret',
  kvSecretName: 'Zq7KeyVaultSecretName',
  kvVersion: 'Zq7KeyVaultSecretVersion',
  objInner: 'Zq7SecureObjectInner',
  sharedKey: 'Zq7SharedKeyLiteral',
  sharedKeyVar: 'Zq7SharedKeyInVariable',
  authKey: 'Zq7AuthorizationKey',
  radius: 'Zq7RadiusServerSecret',
  oneLineSubnet: 'GatewaySubnetZq7OneLine',
  oneLineKey: 'Zq7OneLineSharedKey',
  bicepSubnet: 'Gateway_Subnet_Zq7Bicep',
  bicepKey: 'Zq7BicepSharedKey',
  moduleValue: 'GatewaySubnetZq7PassedToModule',
  bicepParam: 'GatewaySubnet-Zq7BicepParam',
  getSecretName: 'Zq7GetSecretName',
};
const SECRETS = Object.values(S);

const vnet = (name: string, subnet: string) => ({
  type: 'Microsoft.Network/virtualNetworks',
  apiVersion: '2024-05-01',
  name,
  location: 'westeurope',
  properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: subnet, properties: { addressPrefix: '10.0.0.0/29' } }] },
});

const MAIN = {
  $schema: DEPLOYMENT_SCHEMA,
  contentVersion: '1.0.0.0',
  parameters: {
    gwName: { type: 'securestring', defaultValue: S.gwName },
    subnetName: { type: 'securestring', defaultValue: S.subnetName },
    connType: { type: 'securestring', defaultValue: S.connType },
    sku: { type: 'securestring' },
    vnetName: { type: 'securestring' },
    kv: { type: 'securestring' },
    obj: { type: 'secureObject', defaultValue: { inner: S.objInner } },
  },
  variables: { key: S.sharedKeyVar },
  resources: [
    vnet("[parameters('vnetName')]", "[parameters('subnetName')]"),
    {
      type: 'Microsoft.Network/virtualNetworkGateways',
      apiVersion: '2024-05-01',
      name: "[parameters('gwName')]",
      location: 'westeurope',
      properties: {
        gatewayType: 'Vpn',
        vpnType: 'RouteBased',
        sku: { name: "[parameters('sku')]", tier: "[parameters('obj').inner]" },
        ipConfigurations: [{ name: 'c', properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), parameters('subnetName'))]" } } }],
        vpnClientConfiguration: { radiusServerAddress: '10.1.1.1', radiusServerSecret: S.radius },
      },
    },
    {
      type: 'Microsoft.Network/connections',
      apiVersion: '2024-05-01',
      name: 'conn',
      location: 'westeurope',
      properties: { connectionType: "[parameters('connType')]", sharedKey: S.sharedKey, virtualNetworkGateway1: { id: "[resourceId('Microsoft.Network/virtualNetworkGateways', parameters('gwName'))]" } },
    },
    {
      type: 'Microsoft.Network/connections',
      apiVersion: '2024-05-01',
      name: 'conn2',
      location: 'westeurope',
      properties: { connectionType: 'ExpressRoute', sharedKey: "[variables('key')]", authorizationKey: S.authKey, virtualNetworkGateway1: { id: "[resourceId('Microsoft.Network/virtualNetworkGateways', parameters('kv'))]" } },
    },
  ],
};

const PARAMETERS = {
  $schema: PARAMETERS_SCHEMA,
  contentVersion: '1.0.0.0',
  parameters: {
    sku: { value: S.sku },
    vnetName: { value: S.vnetName },
    kv: { reference: { keyVault: { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/vault' }, secretName: S.kvSecretName, secretVersion: S.kvVersion } },
  },
};

/** Everything on one line: reporters that show the source line of a finding see the secrets next to it. */
const ONE_LINE = JSON.stringify({
  $schema: DEPLOYMENT_SCHEMA,
  contentVersion: '1.0.0.0',
  parameters: { subnet: { type: 'securestring', defaultValue: S.oneLineSubnet } },
  resources: [
    vnet('oneline', "[parameters('subnet')]"),
    { type: 'Microsoft.Network/connections', apiVersion: '2024-05-01', name: 'c1', location: 'westeurope', properties: { connectionType: 'IPsec', sharedKey: S.oneLineKey } },
  ],
});

const BICEP = `@secure()
param subnetName string = '${S.bicepSubnet}'

@secure()
param kv string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'bicep-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: subnetName, properties: { addressPrefix: '10.0.0.0/29' } } ]
  }
}

resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'bicep-gw'
  location: 'westeurope'
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    sku: { name: 'VpnGw1', tier: 'VpnGw1' }
    ipConfigurations: [ { name: 'c', properties: { subnet: { id: vnet.properties.subnets[0].id } } } ]
  }
}

resource conn 'Microsoft.Network/connections@2024-05-01' = {
  name: 'bicep-conn'
  location: 'westeurope'
  properties: { connectionType: 'IPsec', sharedKey: '${S.bicepKey}', virtualNetworkGateway1: { id: gw.id } }
}

module spoke 'spoke.bicep' = {
  name: 'spoke'
  params: { subnetName: '${S.moduleValue}', key: kv }
}
`;

const SPOKE = `@secure()
param subnetName string
@secure()
param key string

resource spoke 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'spoke-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.1.0.0/16'] }
    subnets: [ { name: subnetName, properties: { addressPrefix: '10.1.0.0/29' } } ]
  }
}
`;

const BICEPPARAM = `using 'main.bicep'
param subnetName = '${S.bicepParam}'
param kv = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg', 'vault', '${S.getSecretName}')
`;

const FILES: Record<string, string> = {
  'main.json': JSON.stringify(MAIN, null, 2),
  'main.parameters.json': JSON.stringify(PARAMETERS, null, 2),
  'oneline.json': ONE_LINE,
  'main.bicep': BICEP,
  'spoke.bicep': SPOKE,
  'main.bicepparam': BICEPPARAM,
};

/** The planted secrets found in a text, case-insensitively. */
function leaked(text: string): string[] {
  const lower = text.toLowerCase();
  return SECRETS.filter((s) => lower.includes(s.toLowerCase()));
}

describe('secrets never appear in any output', () => {
  let t: ReturnType<typeof tempDir>;
  let result: LintResult;

  beforeAll(async () => {
    t = tempDir();
    for (const [name, text] of Object.entries(FILES)) writeFileSync(path.join(t.dir, name), text);
    const files = Object.entries(FILES).map(([name, text]) => ({ path: path.join(t.dir, name), text }));
    result = await lint({ files, networkSummaries: true });
  });
  afterAll(() => t?.remove());

  it('the planted secrets reach findings that quote values, which show them masked', () => {
    expectLocationsInside(result);
    const messages = result.files.flatMap((f) => f.diagnostics.map((d) => d.message));
    expect(messages.length).toBeGreaterThan(5);
    // Rules quote names, SKUs and connection types; these come from secure parameters here.
    expect(messages.filter((m) => m.includes("'***'")).length).toBeGreaterThanOrEqual(3);
    expect(result.files.flatMap((f) => f.diagnostics.map((d) => d.ruleId))).toEqual(expect.arrayContaining(['gateway-subnet-name', 'connection-shared-key']));
  });

  it('in messages, related locations, fixes and the text reporters may show of the source', () => {
    for (const f of result.files)
      for (const d of f.diagnostics) {
        const shown = [d.message, ...d.related.map((r) => r.message), d.fix?.description ?? '', ...(d.fix?.edits.map((e) => e.text) ?? []), d.suppression?.justification ?? ''].join('\n');
        expect(leaked(shown), `${d.ruleId}: ${d.message}`).toEqual([]);
        // Reporters that print the line a finding is on read it from the span's file.
        expect(leaked(d.span.file.text), `${d.ruleId} in ${f.path}`).toEqual([]);
        for (const r of d.related) expect(leaked(r.span.file.text)).toEqual([]);
      }
    const plans = (result.networks ?? []).map((n) => ({ name: n.name, prefixes: n.addressPrefixes, subnets: n.subnets.map((x) => [x.name, x.prefixes, x.gateways]) }));
    expect(plans.length).toBeGreaterThan(0);
    expect(leaked(JSON.stringify(plans))).toEqual([]);
  });

  it('in every report format', () => {
    expect(FORMAT_NAMES.length).toBeGreaterThanOrEqual(7);
    for (const format of FORMAT_NAMES) {
      const text = reporters[format](result, { cwd: t.dir, color: false, version: '0.0.0' });
      expect(text.length, format).toBeGreaterThan(0);
      expect(leaked(text), format).toEqual([]);
    }
  });

  it.skipIf(!CLI_BUILT)('in the command line output, reports written with --output, and standard error, for every format', () => {
    if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);
    expectNothingLeakedByCli(t.dir, leaked);
  });
});

/**
 * Runs the command line on a folder in every format, with --output, --fix-dry-run and the cache, and
 * expects `leaked` to find nothing in any of it.
 */
function expectNothingLeakedByCli(dir: string, leaks: (text: string) => string[]): void {
  const out = path.join(dir, 'reports');
  mkdirSync(out, { recursive: true });
  for (const format of FORMAT_NAMES) {
    const run = runCli(['-f', format, '.'], { cwd: dir });
    expect(run.status, `${format}: ${run.stderr}`).toBe(1);
    expect(leaks(run.stdout), format).toEqual([]);
    expect(leaks(run.stderr), format).toEqual([]);
    const written = runCli(['-f', format, '-o', path.join(out, `report.${format}`), '.'], { cwd: dir });
    expect(written.status).toBe(1);
    expect(leaks(readFileSync(path.join(out, `report.${format}`), 'utf8')), format).toEqual([]);
  }
  expect(readdirSync(out).sort()).toEqual(FORMAT_NAMES.map((f) => `report.${f}`).sort());
  // Fix previews are output too, and so is the result cache gwlint keeps on disk.
  const dry = runCli(['--fix-dry-run', '-f', 'json', '.'], { cwd: dir });
  expect(leaks(dry.stdout + dry.stderr)).toEqual([]);
  const cache = path.join(out, 'cache');
  const cached = runCli(['--cache', '--cache-location', cache, '--jobs', '2', '-f', 'sarif', '.'], { cwd: dir });
  expect(cached.status).toBe(1);
  expect(leaks(cached.stdout)).toEqual([]);
  expect(leaks(readFileSync(cache, 'utf8'))).toEqual([]);
}

/** A secret that rules quote only after a template computed something from it. */
const DERIVED_SECRET = 'Zq7Derived-Alpha-Bravo-Charlie';
const DERIVED_BICEP_SECRET = 'Zq7BicepDerivedKeyValue';
/** An address space with host bits set: subnet-cidr suggests the prefix written without them. */
const SECRET_PREFIX = '10.77.123.0/16';

const connection = (name: string, connectionType: string) => ({ type: 'Microsoft.Network/connections', apiVersion: '2024-05-01', name, location: 'westeurope', properties: { connectionType } });

const DERIVED_FILES: Record<string, string> = {
  'derived.json': JSON.stringify(
    {
      $schema: DEPLOYMENT_SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { secret: { type: 'securestring', defaultValue: DERIVED_SECRET }, prefix: { type: 'securestring', defaultValue: SECRET_PREFIX } },
      resources: [
        { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2024-05-01', name: 'vnet', location: 'westeurope', properties: { addressSpace: { addressPrefixes: ["[parameters('prefix')]"] } } },
        connection('c1', "[substring(parameters('secret'), 0, 16)]"),
        connection('c2', "[toUpper(skip(parameters('secret'), 4))]"),
        connection('c3', "[split(parameters('secret'), '-')[2]]"),
        connection('c4', "[base64(parameters('secret'))]"),
        connection('c5', "[replace(take(parameters('secret'), 20), 'Alpha', 'Omega')]"),
        connection('c6', "[toLower(first(split(concat('x-', parameters('secret')), 'Bravo')))]"),
      ],
    },
    null,
    2,
  ),
  'derived.bicep': `@secure()
param key string = '${DERIVED_BICEP_SECRET}'

func shorten(s string) string => substring(s, 3, 12)

resource b1 'Microsoft.Network/connections@2024-05-01' = {
  name: 'b1'
  location: 'westeurope'
  properties: { connectionType: substring('x-\${key}', 0, 12) }
}

resource b2 'Microsoft.Network/connections@2024-05-01' = {
  name: 'b2'
  location: 'westeurope'
  properties: { connectionType: map(split(key, 'D'), s => toUpper(s))[1] }
}

resource b3 'Microsoft.Network/connections@2024-05-01' = {
  name: 'b3'
  location: 'westeurope'
  properties: { connectionType: shorten(key) }
}

module spoke 'derived-spoke.bicep' = {
  name: 'spoke'
  params: { kind: toLower(substring(key, 0, 14)), hash: uniqueString(key) }
}
`,
  'derived-spoke.bicep': `param kind string
param hash string

resource s1 'Microsoft.Network/connections@2024-05-01' = {
  name: 'spoke-1'
  location: 'westeurope'
  properties: { connectionType: kind }
}

resource s2 'Microsoft.Network/connections@2024-05-01' = {
  name: 'spoke-2'
  location: 'westeurope'
  properties: { connectionType: hash }
}
`,
};

/** What those computations give: each reaches a message that quotes it. */
const DERIVED = [
  DERIVED_SECRET.slice(0, 16),
  DERIVED_SECRET.slice(4).toUpperCase(),
  'Bravo',
  Buffer.from(DERIVED_SECRET).toString('base64'),
  'Zq7Derived-Omega-Bra',
  'x-zq7derived-alpha-',
  '10.77.0.0/16',
  `x-${DERIVED_BICEP_SECRET}`.slice(0, 12),
  'ERIVEDKEYVALUE',
  DERIVED_BICEP_SECRET.slice(3, 15),
  DERIVED_BICEP_SECRET.slice(0, 14).toLowerCase(),
  templateFunctions.get('uniquestring')!([DERIVED_BICEP_SECRET], { budget: new Budget(), deployment: PLACEHOLDER_DEPLOYMENT, callLambda: () => null }) as string,
];

function derivedLeaked(text: string): string[] {
  const lower = text.toLowerCase();
  return [...DERIVED, DERIVED_SECRET, DERIVED_BICEP_SECRET, SECRET_PREFIX].filter((s) => lower.includes(s.toLowerCase()));
}

describe('values computed from secrets never appear in any output', () => {
  let t: ReturnType<typeof tempDir>;
  let result: LintResult;

  beforeAll(async () => {
    t = tempDir();
    for (const [name, text] of Object.entries(DERIVED_FILES)) writeFileSync(path.join(t.dir, name), text);
    result = await lint({ files: Object.entries(DERIVED_FILES).map(([name, text]) => ({ path: path.join(t.dir, name), text })), networkSummaries: true });
  });
  afterAll(() => t?.remove());

  it('each computation reaches a message, which shows it masked', () => {
    const messages = result.files.flatMap((f) => f.diagnostics.map((d) => d.message));
    const quoting = messages.filter((m) => /connectionType '\*\*\*'/.test(m));
    expect(quoting).toHaveLength(11);
    expect(messages.some((m) => /host bits set .*Write \*\*\*, or change the length/.test(m))).toBe(true);
    expect(derivedLeaked(messages.join('\n'))).toEqual([]);
    // Words next to a short computed piece stay readable: only the quoted piece is masked.
    expect(messages.some((m) => m.includes("From module 'spoke', as parameter 'kind'"))).toBe(true);
  });

  it('in every report format', () => {
    for (const format of FORMAT_NAMES) expect(derivedLeaked(reporters[format](result, { cwd: t.dir, color: false, version: '0.0.0' })), format).toEqual([]);
  });

  it.skipIf(!CLI_BUILT)('in the command line output, --output, standard error, fix previews and the cache', () => {
    if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);
    expectNothingLeakedByCli(t.dir, derivedLeaked);
  });
});

describe('a secret property whose name is written with escapes', () => {
  const KEY = 'Zq7EscapedNameKeyValue';
  // The key is used as the connection type too, which connection-gateway-type quotes. No text of the file
  // spells a secret property's name (the key itself must not either).
  const template = (key: string) =>
    JSON.stringify({ $schema: DEPLOYMENT_SCHEMA, contentVersion: '1.0.0.0', variables: { k: KEY }, resources: [{ ...connection('c', "[variables('k')]"), properties: { connectionType: "[variables('k')]", [key]: "[variables('k')]" } }] }, null, 2).replace('"KEY_NAME"', '"sh\\u0061redKey"');

  it.each([
    ['ARM, \\u0061', template('KEY_NAME'), 'escaped.json'],
    ['Bicep, \\u{61}', `var k = '${KEY}'\nresource c 'Microsoft.Network/connections@2024-05-01' = {\n  name: 'c'\n  location: 'westeurope'\n  properties: {\n    connectionType: k\n    'sh\\u{61}redKey': k\n  }\n}\n`, 'escaped.bicep'],
  ])('is still a secret (%s)', async (_, text, name) => {
    const result = await lint({ files: [{ path: path.join('/repo', name), text }] });
    const messages = result.files.flatMap((f) => f.diagnostics.map((d) => d.message));
    expect(messages.some((m) => m.includes("connectionType '***'"))).toBe(true);
    expect(messages.join('\n')).not.toContain(KEY);
  });
});

describe('secrets of any size and kind', () => {
  const gatewayWith = (parameters: Record<string, unknown>, sku: string, asn: string) =>
    JSON.stringify({
      $schema: DEPLOYMENT_SCHEMA,
      contentVersion: '1.0.0.0',
      parameters,
      resources: [
        {
          type: 'Microsoft.Network/virtualNetworkGateways',
          apiVersion: '2024-05-01',
          name: 'gw',
          location: 'westeurope',
          properties: { gatewayType: 'Vpn', vpnType: 'RouteBased', enableBgp: true, sku: { name: sku, tier: sku }, bgpSettings: { asn } },
        },
      ],
    });

  it('masks a secret longer than a regular expression can hold, and the run goes on', async () => {
    const long = `Zq7${'x'.repeat(40_000)}Long`;
    const text = gatewayWith({ sku: { type: 'securestring', defaultValue: long } }, "[parameters('sku')]", '65010');
    const result = await lint({ files: [{ path: '/repo/long.json', text }] });
    const [finding] = result.files[0].diagnostics.filter((d) => d.ruleId === 'gateway-type-sku');
    expect(finding.message).toContain("'***'");
    expect(JSON.stringify(result.files[0].diagnostics)).not.toContain('x'.repeat(100));
    // The source text reporters may show is masked as well, to the same length.
    const shown = reporters.stylish(result, { cwd: '/repo', color: false, version: '0.0.0' });
    expect(shown).not.toContain('x'.repeat(100));
  });

  it('masks a number of four digits or more inside a secure object', async () => {
    const text = gatewayWith({ settings: { type: 'secureObject', defaultValue: { asn: 4294967295 } } }, 'VpnGw1AZ', "[parameters('settings').asn]");
    const result = await lint({ files: [{ path: '/repo/asn.json', text }] });
    const messages = result.files[0].diagnostics.map((d) => d.message);
    expect(messages.some((m) => m.includes('ASN ***'))).toBe(true);
    expect(messages.join('\n')).not.toContain('4294967295');
  });
});
