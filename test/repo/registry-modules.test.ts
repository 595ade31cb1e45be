import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { cachedModulePath, encodeTag, parseRegistryReference } from '../../src/repo/registry.js';
import { SHARED } from '../support/fixtures.js';
import { cli, tempTrees } from '../cli/helpers.js';

const tree = tempTrees();
const AVM_GATEWAY = path.join(SHARED, 'corpus/Azure__bicep-registry-modules/avm/res/network/virtual-network-gateway/main.json');
const HAS_AVM = existsSync(AVM_GATEWAY);
if (!HAS_AVM) console.warn(`${AVM_GATEWAY} is absent: the registry module cache tests are skipped`);

/** A VNet with a /28 GatewaySubnet, and a gateway from the registry module in it. */
const main = (ref: string) => `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/28' } } ]
  }
}

module gateway '${ref}' = {
  name: 'gateway'
  params: {
    name: 'hub-gw'
    gatewayType: 'Vpn'
    skuName: 'VpnGw2AZ'
    clusterSettings: { clusterMode: 'activePassiveNoBgp' }
    virtualNetworkResourceId: vnet.id
  }
}
`;

describe('registry module references and the cache layout', () => {
  it('br/public: is mcr.microsoft.com/bicep/, with the tag encoded as Bicep does', () => {
    const ref = parseRegistryReference('br/public:avm/res/network/virtual-network-gateway:0.5.0')!;
    expect(cachedModulePath(ref, '/home/u/.bicep')).toBe('/home/u/.bicep/br/mcr.microsoft.com/bicep$avm$res$network$virtual-network-gateway/0.5.0$/main.json');
  });

  it('br: with a port, and aliases with a module path prefix', () => {
    expect(cachedModulePath(parseRegistryReference('br:contoso.azurecr.io:443/infra/gw:v1')!, '/c')).toBe('/c/br/contoso.azurecr.io$443/infra$gw/v1$/main.json');
    const aliased = parseRegistryReference('br/core:gw:1.0', { core: { registry: 'contoso.azurecr.io', modulePath: 'bicep/modules' } })!;
    expect(cachedModulePath(aliased, '/c')).toBe('/c/br/contoso.azurecr.io/bicep$modules$gw/1.0$/main.json');
    expect(parseRegistryReference('br/unknown:gw:1.0')).toBeUndefined();
    expect(parseRegistryReference('br:contoso.azurecr.io/gw@sha256:0123')).toBeUndefined();
  });

  it("encodes the positions of a tag's capital letters as Bicep's TagEncoder does", () => {
    expect(encodeTag('v1')).toBe('v1$');
    expect(encodeTag('V1')).toBe('V1$1');
    expect(encodeTag('aBc')).toBe('aBc$2');
    // A capital past the 64th character sets the second mask word; the first is then written in full.
    expect(encodeTag(`${'a'.repeat(64)}B`)).toBe(`${'a'.repeat(64)}B$1${'0'.repeat(16)}`);
  });
});

describe.skipIf(!HAS_AVM)('registry modules from the local module cache', () => {
  const ref = 'br/public:avm/res/network/virtual-network-gateway:0.5.0';
  const cached = () => readFileSync(AVM_GATEWAY, 'utf8');
  const cacheFile = (root: string) => cachedModulePath(parseRegistryReference(ref)!, root);

  it('lint(): the gateway the module deploys meets the caller’s /28 GatewaySubnet', async () => {
    const cachePath = cacheFile('/cache');
    const without = await lint({ files: [{ path: 'main.bicep', text: main(ref) }] });
    const withCache = await lint({ files: [{ path: 'main.bicep', text: main(ref) }], context: [{ path: cachePath, text: cached() }], registryModules: [['main.bicep', ref, cachePath]] });
    const rules = (r: typeof without) => r.files.flatMap((f) => f.diagnostics.map((d) => `${path.basename(f.path)} ${d.ruleId} ${d.level}`));
    expect(rules(without)).toEqual(['main.bicep gateway-subnet-size warning', 'main.bicep registry-module-unresolved info']);
    expect(rules(withCache)).toEqual(['main.bicep gateway-subnet-size error']);
  });

  it('a finding inside the module caused by a value the caller passes is reported where the caller writes it', async () => {
    const cachePath = cacheFile('/cache');
    const text = main(ref).replace("skuName: 'VpnGw2AZ'", "skuName: 'VpnGw1'");
    const result = await lint({ files: [{ path: 'main.bicep', text }], context: [{ path: cachePath, text: cached() }], registryModules: [['main.bicep', ref, cachePath]] });
    const legacy = result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'gateway-legacy-sku'));
    expect(legacy).toHaveLength(1);
    expect(legacy[0].span.file.path).toBe('main.bicep');
    expect(text.slice(legacy[0].span.start, legacy[0].span.end)).toBe("'VpnGw1'");
    expect(legacy[0].related.map((r) => r.span.file.path)).toContain(cachePath);
    // Nothing is reported on the cached module itself.
    expect(result.files.map((f) => f.path)).toEqual(['main.bicep']);
  });

  it('the command line, naming only main.bicep, reads the module from --module-cache and from bicepconfig.json', async () => {
    const t = tree({ 'infra/main.bicep': main(ref) });
    const cacheRoot = path.join(t.dir, 'bicep-cache');
    mkdirSync(path.dirname(cacheFile(cacheRoot)), { recursive: true });
    writeFileSync(cacheFile(cacheRoot), cached());
    const findings = (stdout: string) => (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; level: string }[] }[]).flatMap((f) => f.messages.map((m) => `${path.basename(f.filePath)} ${m.ruleId} ${m.level}`));

    const unresolved = await cli(t.dir, ['--format', 'json', '--module-cache', path.join(t.dir, 'empty'), 'infra/main.bicep']);
    expect(findings(unresolved.stdout)).toEqual(['main.bicep gateway-subnet-size warning', 'main.bicep registry-module-unresolved info']);

    const flag = await cli(t.dir, ['--format', 'json', '--module-cache', 'bicep-cache', 'infra/main.bicep']);
    expect(findings(flag.stdout)).toEqual(['main.bicep gateway-subnet-size error']);
    expect(flag.code).toBe(1);

    t.write('bicepconfig.json', JSON.stringify({ cacheRootDirectory: './bicep-cache' }));
    const config = await cli(t.dir, ['--format', 'json', 'infra/main.bicep']);
    expect(findings(config.stdout)).toEqual(['main.bicep gateway-subnet-size error']);
  });

  it('an alias from bicepconfig.json moduleAliases', async () => {
    const t = tree({ 'main.bicep': main('br/avm:res/network/virtual-network-gateway:0.5.0'), 'bicepconfig.json': JSON.stringify({ moduleAliases: { br: { avm: { registry: 'mcr.microsoft.com', modulePath: 'bicep/avm' } } } }) });
    const cacheRoot = path.join(t.dir, 'c');
    mkdirSync(path.dirname(cacheFile(cacheRoot)), { recursive: true });
    writeFileSync(cacheFile(cacheRoot), cached());
    const run = await cli(t.dir, ['--format', 'json', '--module-cache', 'c', 'main.bicep']);
    expect(run.stdout).toContain('gateway-subnet-size');
    expect(run.stdout).not.toContain('registry-module-unresolved');
    expect(run.code).toBe(1);
  });
});
