import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { toLineColumn } from '../../src/core/span.js';
import { allowedValueFindings } from '../../src/engine/allowed-values.js';
import { templateReachedBy } from '../../src/engine/reached-resources.js';
import type { VirtualFile } from '../../src/engine/files.js';
import { lint } from '../../src/index.js';
import { parseArmJson } from '../../src/parse/arm/template.js';
import { literalUnion } from '../../src/parse/literal-union.js';
import { CORPUS, HAS_CORPUS, SKIP_MESSAGE } from '../support/corpus.js';

async function allowedValues(files: VirtualFile[]) {
  const result = await lint({ files: files.slice(0, 1), context: files.slice(1) });
  return result.files.flatMap((f) =>
    f.diagnostics
      .filter((d) => d.ruleId === 'allowed-values')
      .map((d) => ({ line: toLineColumn(d.span).line, text: f.source.text.slice(d.span.start, d.span.end), message: d.message, related: d.related.map((r) => `${toLineColumn(r.span).line}: ${r.message}`) })),
  );
}

const gateway = (props: string) => `resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  location: location
  properties: {
${props}
  }
}
`;

describe('allowed-values: a value is reported only when it can never deploy', () => {
  it('reports the value on its own line, naming the rule that fails and the values it fails with', async () => {
    const text = `param location string = 'westeurope'
@allowed([
  'RouteBased'
  'PolicyBased'
])
param vpnType string = 'RouteBased'
param sku 'VpnGw1AZ' | 'VpnGw2AZ' = 'VpnGw1AZ'
${gateway(`    gatewayType: 'Vpn'
    vpnType: vpnType
    sku: { name: sku, tier: sku }`)}`;
    const found = await allowedValues([{ path: 'main.bicep', text }]);
    expect(found).toHaveLength(1);
    expect(found[0].line).toBe(4);
    expect(found[0].text).toBe("'PolicyBased'");
    expect(found[0].message).toBe(
      "Allowed vpnType 'PolicyBased' never deploys: gateway-vpn-type fails with any allowed sku. Remove it from the allowed values.",
    );
    expect(found[0].message.length).toBeLessThanOrEqual(240);
    // The related location is where the failing combination fails: the gateway's vpnType.
    expect(found[0].related).toEqual(["13: With vpnType 'PolicyBased', gateway-vpn-type fails here."]);
  });

  it('is silent on a generic template whose every value works with some other (AVM shape), in JSON and with Bicep literal unions', async () => {
    const bicep = `param location string
param gatewayType 'Vpn' | 'ExpressRoute'
param skuName 'VpnGw1AZ' | 'VpnGw2AZ' | 'ErGw1AZ' | 'ErGw2AZ' = gatewayType == 'Vpn' ? 'VpnGw1AZ' : 'ErGw1AZ'
@allowed([ 'Enabled', 'Disabled' ])
param adminState string = 'Enabled'
${gateway(`    gatewayType: gatewayType
    adminState: adminState
    sku: { name: skuName, tier: skuName }`)}`;
    expect(await allowedValues([{ path: 'main.bicep', text: bicep }])).toEqual([]);
    const fixture = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/allowed-values/valid.json'), 'utf8');
    expect(await allowedValues([{ path: 'valid.json', text: fixture }])).toEqual([]);
  });

  it('leaves parameters without allowed values unknown: a value that fails only with a default is not reported', async () => {
    const text = `param location string = 'westeurope'
param activeActive bool = true
@allowed([ 'VpnGw1AZ', 'Basic' ])
param sku string = 'VpnGw1AZ'
${gateway(`    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    activeActive: activeActive
    sku: { name: sku, tier: sku }`)}`;
    // Basic with active-active fails, but activeActive is an input: false makes Basic deploy.
    expect(await allowedValues([{ path: 'main.bicep', text }])).toEqual([]);
    // A parameters file that fixes activeActive makes the failure certain.
    const params = { path: 'main.bicepparam', text: "using 'main.bicep'\nparam activeActive = true\n" };
    const found = await allowedValues([{ path: 'main.bicep', text }, params]);
    expect(found.map((f) => f.text)).toEqual(["'Basic'"]);
    // The claim holds with that file's values, and the message says so.
    expect(found[0].message).toBe("Allowed sku 'Basic' never deploys with main.bicepparam: gateway-active-active fails. Remove it, or change that file.");
  });

  it('names the parameters file only when the failure needs its values', async () => {
    const text = `param location string = 'westeurope'
@allowed([ 'RouteBased', 'PolicyBased' ])
param vpnType string = 'RouteBased'
${gateway(`    gatewayType: 'Vpn'
    vpnType: vpnType
    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }`)}`;
    const params = { path: 'main.bicepparam', text: "using 'main.bicep'\nparam location = 'northeurope'\n" };
    const [found] = await allowedValues([{ path: 'main.bicep', text }, params]);
    expect(found.message).toBe("Allowed vpnType 'PolicyBased' never deploys: gateway-vpn-type fails whatever the other inputs are. Remove it from the allowed values.");
  });

  it('says nothing when no value of a parameter works: the fault is elsewhere', async () => {
    const text = `param location string = 'westeurope'
@allowed([ 'VpnGw1AZ', 'VpnGw2AZ' ])
param sku string = 'VpnGw1AZ'
${gateway(`    gatewayType: 'ExpressRoute'
    sku: { name: sku, tier: sku }`)}`;
    expect(await allowedValues([{ path: 'main.bicep', text }])).toEqual([]);
  });

  it('lints once per value plus once with every choice unknown when each value works near the defaults', () => {
    const json = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "gatewayType": { "type": "string", "defaultValue": "Vpn", "allowedValues": [ "Vpn", "ExpressRoute" ] },
    "sku": { "type": "string", "defaultValue": "VpnGw1AZ", "allowedValues": [ "VpnGw1AZ", "VpnGw2AZ", "ErGw1AZ" ] }
  },
  "resources": [
    { "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw",
      "properties": { "gatewayType": "[parameters('gatewayType')]", "sku": { "name": "[parameters('sku')]" } } }
  ]
}`;
    const template = parseArmJson(new SourceFile('t.json', json)).template!;
    const tried: string[] = [];
    const findings = allowedValueFindings(template, undefined, (_t, overrides) => {
      tried.push([...overrides.entries()].map(([k, v]) => `${k}=${v ? json.slice(v.span.start, v.span.end) : '?'}`).join(' '));
      return [];
    });
    expect(findings).toEqual([]);
    // Each combination once: all unknown, then each value with the others' defaults (the first one works).
    expect(tried).toEqual([
      'gatewaytype=? sku=?',
      'sku="VpnGw1AZ" gatewaytype="Vpn"',
      'sku="VpnGw1AZ" gatewaytype="ExpressRoute"',
      'gatewaytype="Vpn" sku="VpnGw2AZ"',
      'gatewaytype="Vpn" sku="ErGw1AZ"',
    ]);
  });
});

describe('allowed-values: parameters with more combinations than a search tries', () => {
  // Four parameters of nine values each on one gateway: 9^3 = 729 combinations of the others for each value.
  const nine = (name: string) => `"${name}": { "type": "string", "defaultValue": "${name}0", "allowedValues": [ ${Array.from({ length: 9 }, (_, i) => `"${name}${i}"`).join(', ')} ] }`;
  const template = (names: string[]) =>
    parseArmJson(
      new SourceFile(
        't.json',
        `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { ${names.map(nine).join(', ')} },
  "resources": [
    { "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw",
      "properties": { ${names.map((n) => `"${n}": "[parameters('${n}')]"`).join(', ')} } }
  ]
}`,
      ),
    ).template!;

  it('are not linted at all: no value can be shown to fail with every combination', () => {
    let lints = 0;
    const fails = () => {
      lints++;
      return [];
    };
    expect(allowedValueFindings(template(['a', 'b', 'c', 'd']), undefined, fails)).toEqual([]);
    expect(lints).toBe(0);
    // With three, each value has 81 combinations of the others, which a search goes through.
    expect(allowedValueFindings(template(['a', 'b', 'c']), undefined, fails)).toEqual([]);
    expect(lints).toBeGreaterThan(0);
  });
});

describe('the resources a set of parameters reaches', () => {
  it('keeps the resources using the parameters, the resources they name and their parents; drops the others', () => {
    const json = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "sku": { "type": "string" }, "vnetName": { "type": "string", "defaultValue": "hub" } },
  "variables": { "subnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'GatewaySubnet')]" },
  "resources": [
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "[parameters('vnetName')]", "properties": {} },
    { "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2024-05-01", "name": "nic", "properties": {} },
    { "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw",
      "properties": { "sku": { "name": "[parameters('sku')]" }, "ipConfigurations": [ { "properties": { "subnet": { "id": "[variables('subnetId')]" } } } ] } },
    { "type": "Microsoft.Network/connections", "apiVersion": "2024-05-01", "name": "conn",
      "properties": { "virtualNetworkGateway1": { "id": "[resourceId('Microsoft.Network/virtualNetworkGateways', 'gw')]" } } }
  ]
}`;
    const template = parseArmJson(new SourceFile('t.json', json)).template!;
    const kept = templateReachedBy(template, new Set(['sku'])).resources.map((r) => json.slice(r.name!.span.start, r.name!.span.end));
    expect(kept).toEqual([`"[parameters('vnetName')]"`, '"gw"', '"conn"']);
  });
});

describe('Bicep literal-union types are allowed values', () => {
  it('reads each member with its span, in parentheses and optional, and nothing else', () => {
    const text = `param a ('Vpn' | 'Express\\'Route')?\nparam b string`;
    const file = new SourceFile('m.bicep', text);
    const start = text.indexOf('(');
    const union = literalUnion(file, start, text.indexOf('?') + 1)!;
    expect(union.items.map((i) => (i.kind === 'literal' ? i.value : undefined))).toEqual(['Vpn', "Express'Route"]);
    expect(union.items.map((i) => text.slice(i.span.start, i.span.end))).toEqual(["'Vpn'", "'Express\\'Route'"]);
    expect(literalUnion(file, text.indexOf('string'), text.length)).toBeUndefined();
    const ints = new SourceFile('n.bicep', '1 | 2 | 3');
    expect(literalUnion(ints, 0, 9)!.items.map((i) => (i.kind === 'literal' ? i.value : undefined))).toEqual([1, 2, 3]);
  });
});

describe.skipIf(!HAS_CORPUS)('allowed-values on the gateway modules of the shared corpus', () => {
  if (!HAS_CORPUS) console.warn(SKIP_MESSAGE);
  const read = (p: string): VirtualFile => ({ path: path.join(CORPUS, p), text: readFileSync(path.join(CORPUS, p), 'utf8') });
  const AVM = 'Azure__bicep-registry-modules/avm/res/network/virtual-network-gateway';
  const RM = 'Azure__ResourceModules/modules/network/virtual-network-gateway';

  for (const file of [`${AVM}/main.bicep`, `${AVM}/main.json`, `${RM}/main.bicep`])
    it(`${file}: every allowed value works with some combination, so nothing is reported`, async () => {
      expect(existsSync(path.join(CORPUS, file))).toBe(true);
      expect(await allowedValues([read(file)])).toEqual([]);
    });

  it(`${RM}/main.json: UltraPerformance can never deploy (an ExpressRoute-only SKU that the template gives a Basic public IP)`, async () => {
    const found = await allowedValues([read(`${RM}/main.json`)]);
    expect(found.map((f) => f.text)).toEqual(['"UltraPerformance"']);
    expect(found[0].message).toContain('gateway-type-sku or gateway-public-ip');
  });
});
