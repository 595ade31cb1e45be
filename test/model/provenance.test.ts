import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { toLspDiagnostic } from '../../src/lsp/convert.js';
import { cli, tempTrees } from '../cli/helpers.js';
import { GATEWAY_BICEP, arm, chain } from '../support/provenance.js';

const tree = tempTrees();

/** A VNet whose subnets come from a Bicep for over a variable; the GatewaySubnet element (line 3) is a /29. */
const FOR_ITEM_BICEP = `var subnets = [
  { name: 'workload', prefix: '10.0.1.0/24' }
  { name: 'GatewaySubnet', prefix: '10.0.0.0/29' }
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [for s in subnets: {
      name: s.name
      properties: { addressPrefix: s.prefix }
    }]
  }
}

${GATEWAY_BICEP}`;

describe('element-level provenance: a value picked out of a collection by a loop is reported where it is written', () => {
  it('ARM property copy with copyIndex(name): on the element of the variable, with the loop and the property as related locations', async () => {
    const text = arm(
      `    "subnets": [
      { "name": "workload", "prefix": "10.0.1.0/24" },
      { "name": "GatewaySubnet", "prefix": "10.0.0.0/29" }
    ]`,
      `    {
      "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet", "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },
        "copy": [ {
          "name": "subnets",
          "count": "[length(variables('subnets'))]",
          "input": {
            "name": "[variables('subnets')[copyIndex('subnets')].name]",
            "properties": { "addressPrefix": "[variables('subnets')[copyIndex('subnets')].prefix]" }
          }
        } ]
      }
    }`,
    );
    const found = await chain([{ path: 'main.json', text }], 'gateway-subnet-size');
    expect(found).toHaveLength(1);
    expect(found[0].at).toBe('main.json:7');
    expect(found[0].related).toEqual([
      'main.json:20 Used here.',
      'main.json:17 Iterated here, element 2.',
      'main.json:20 Iterated here, element 2.',
    ]);
    expect(found[0].message).toContain("From variable 'subnets'.");
  });

  it('Bicep for (item) in properties: on the element of the variable, with the loop and the property as related locations', async () => {
    const text = FOR_ITEM_BICEP;
    const found = await chain([{ path: 'main.bicep', text }], 'gateway-subnet-size');
    expect(found).toHaveLength(1);
    expect(found[0].at).toBe('main.bicep:3');
    expect(found[0].related).toEqual(['main.bicep:13 Used here.', 'main.bicep:11 Iterated here, element 2.']);
    expect(found[0].message).toContain("From variable 'subnets'.");
  });

  it('ARM resource copy with copyIndex(offset): on the element the offset picks', async () => {
    const text = arm(
      `    "subnets": [
      { "name": "a", "prefix": "10.0.2.0/24" },
      { "name": "workload", "prefix": "10.0.1.0/24" },
      { "name": "GatewaySubnet", "prefix": "10.0.0.0/29" }
    ]`,
      `    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet", "location": "westeurope",
      "properties": { "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] } } },
    {
      "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01",
      "name": "[concat('vnet/', variables('subnets')[copyIndex(1)].name)]",
      "copy": { "name": "subnetLoop", "count": 2 },
      "dependsOn": [ "vnet" ],
      "properties": {
        "addressPrefix": "[variables('subnets')[copyIndex(1)].prefix]"
      }
    }`,
    );
    const found = await chain([{ path: 'main.json', text }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual(['main.json:8']);
    expect(found[0].related).toEqual(['main.json:20 Used here.', 'main.json:20 Iterated here, element 3.']);
  });

  it('Bicep resource for (item, index): on the element the index picks from another array', async () => {
    const text = `var names = [ 'workload', 'GatewaySubnet' ]
var prefixes = [
  '10.0.1.0/24'
  '10.0.0.0/29'
]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: { addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] } }
}

resource subnets 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = [for (name, i) in names: {
  parent: vnet
  name: name
  properties: {
    addressPrefix: prefixes[i]
  }
}]

${GATEWAY_BICEP}`;
    const found = await chain([{ path: 'main.bicep', text }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual(['main.bicep:4']);
    expect(found[0].related).toEqual(['main.bicep:17 Used here.', 'main.bicep:13 Iterated here, element 2.']);
    expect(found[0].message).toContain("From variable 'prefixes'.");
  });

  it('Bicep for over range(): on the element of the parameter default', async () => {
    const text = `param prefixes array = [
  '10.0.1.0/24'
  '10.0.0.0/29'
]
param names array = [ 'workload', 'GatewaySubnet' ]

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [for i in range(0, 2): {
      name: names[i]
      properties: { addressPrefix: prefixes[i] }
    }]
  }
}

${GATEWAY_BICEP}`;
    const found = await chain([{ path: 'main.bicep', text }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual(['main.bicep:3']);
    expect(found[0].related).toEqual(['main.bicep:14 Used here.', 'main.bicep:12 Iterated here, element 2.']);
    expect(found[0].message).toContain("From the default of parameter 'prefixes'.");
  });
});

describe('element-level provenance through the command line and the language server', () => {
  const bicep = FOR_ITEM_BICEP;

  it('SARIF: the result sits on the element, with the property and the loop as relatedLocations', async () => {
    const t = tree({ 'main.bicep': bicep });
    const run = await cli(t.dir, ['-f', 'sarif', 'main.bicep']);
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[]; relatedLocations?: { physicalLocation: { region: { startLine: number } }; message: { text: string } }[] }[] }[] };
    const result = sarif.runs[0].results.find((r) => r.ruleId === 'gateway-subnet-size')!;
    expect(result.locations[0].physicalLocation.region.startLine).toBe(3);
    expect(result.relatedLocations!.map((r) => `${r.physicalLocation.region.startLine} ${r.message.text}`)).toEqual(['13 Used here.', '11 Iterated here, element 2.']);
  });

  it('stylish: the finding is on line 3, the related locations follow', async () => {
    const t = tree({ 'main.bicep': bicep });
    const run = await cli(t.dir, ['main.bicep']);
    expect(run.stdout).toMatch(/\b3:\d+\s+error\s+GatewaySubnet is \/29/);
    expect(run.stdout).toContain('Used here.');
    expect(run.stdout).toContain('Iterated here, element 2.');
  });

  it('language server: relatedInformation carries the chain', async () => {
    const result = await lint({ files: [{ path: '/w/main.bicep', text: bicep }] });
    const d = result.files[0].diagnostics.find((x) => x.ruleId === 'gateway-subnet-size')!;
    const lsp = toLspDiagnostic(d, (p) => `file://${p}`);
    expect(lsp.range.start.line).toBe(2);
    expect(lsp.relatedInformation!.map((r) => `${r.location.range.start.line + 1} ${r.message}`)).toEqual(['13 Used here.', '11 Iterated here, element 2.']);
  });
});
