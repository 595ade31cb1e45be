import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { tempTrees } from '../cli/helpers.js';
import { GATEWAY_BICEP, GATEWAY_JSON, arm, chain, lineOf, sarifChain, vnetBicep, vnetJson } from '../support/provenance.js';

/*
 * Element-level provenance across files: module parameters and outputs, nested deployments, parameters
 * files and .bicepparam. The finding sits where the value was written, in whichever file; the property
 * that uses it and the module call it went through are related locations.
 */

const tree = tempTrees();

/** A module that declares the VNet (its GatewaySubnet prefix a parameter) and the gateway. */
const NET_BICEP = `param gatewayPrefix string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: gatewayPrefix } } ]
  }
}

${GATEWAY_BICEP}`;

describe('provenance through modules', () => {
  it("a value passed to a module: the finding is on the caller's argument, with the property in the module as related", async () => {
    const main = `module net 'net.bicep' = {
  name: 'net'
  params: {
    gatewayPrefix: '10.0.0.0/29'
  }
}
`;
    const found = await chain([{ path: 'main.bicep', text: main }, { path: 'net.bicep', text: NET_BICEP }], 'gateway-subnet-size');
    expect(found).toHaveLength(1);
    expect(found[0].at).toBe('main.bicep:4');
    expect(found[0].related).toEqual([`net.bicep:${lineOf(NET_BICEP, 'addressPrefix: gatewayPrefix')} Used here.`]);
    expect(found[0].message).toContain("From module 'net', as parameter 'gatewayPrefix'.");
  });

  it('a value passed to a module from a parameter default: on the default, through the module call', async () => {
    const main = `param prefix string = '10.0.0.0/29'

module net 'net.bicep' = {
  name: 'net'
  params: { gatewayPrefix: prefix }
}
`;
    const found = await chain([{ path: 'main.bicep', text: main }, { path: 'net.bicep', text: NET_BICEP }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual(['main.bicep:1']);
    expect(found[0].related).toEqual([`net.bicep:${lineOf(NET_BICEP, 'addressPrefix: gatewayPrefix')} Used here.`, "main.bicep:5 Passed to module 'net' here."]);
    expect(found[0].message).toContain("From the default of parameter 'prefix'.");
  });

  it("a module's output used by its caller: on the output's value inside the module", async () => {
    const plan = `output gatewayPrefix string = '10.0.0.0/29'
`;
    const main = vnetBicep(
      `module plan 'plan.bicep' = {
  name: 'plan'
}`,
      "[ { name: 'GatewaySubnet', properties: { addressPrefix: plan.outputs.gatewayPrefix } } ]",
    );
    const found = await chain([{ path: 'main.bicep', text: main }, { path: 'plan.bicep', text: plan }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual(['plan.bicep:1']);
    expect(found[0].related).toEqual([`main.bicep:${lineOf(main, 'subnets:')} Used here.`]);
    expect(found[0].message).toContain("From output 'gatewayPrefix' of module 'plan'.");
  });

  it('SARIF through the CLI: the module argument is the result, the module property a relatedLocation', async () => {
    const main = `module net 'net.bicep' = {
  name: 'net'
  params: {
    gatewayPrefix: '10.0.0.0/29'
  }
}
`;
    const t = tree({ 'main.bicep': main, 'net.bicep': NET_BICEP });
    const found = await sarifChain(t.dir, ['main.bicep'], 'gateway-subnet-size');
    expect(found).toEqual([{ at: 'main.bicep:4', related: [`net.bicep:${lineOf(NET_BICEP, 'addressPrefix: gatewayPrefix')} Used here.`] }]);
  });
});

/** An ARM template deploying an inner-scoped nested template with the VNet, whose prefix is its parameter. */
const nestedJson = (passed: string, outer = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",${outer}
  "resources": [
    {
      "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "net",
      "properties": {
        "mode": "Incremental",
        "expressionEvaluationOptions": { "scope": "inner" },
        "parameters": {
          "gatewayPrefix": { "value": ${passed} }
        },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "parameters": { "gatewayPrefix": { "type": "string" } },
          "resources": [
${vnetJson(`[ { "name": "GatewaySubnet", "properties": { "addressPrefix": "[parameters('gatewayPrefix')]" } } ]`)},
${GATEWAY_JSON}
          ],
          "outputs": { "prefix": { "type": "string", "value": "[parameters('gatewayPrefix')]" } }
        }
      }
    }
  ]
}`;

describe('provenance through nested deployments', () => {
  it('a value passed to an inner-scoped nested template: on the value passed', async () => {
    const text = nestedJson('"10.0.0.0/29"');
    const found = await chain([{ path: 'main.json', text }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual([`main.json:${lineOf(text, '"10.0.0.0/29"')}`]);
    expect(found[0].related).toEqual([`main.json:${lineOf(text, '"addressPrefix": "[parameters')} Used here.`]);
    expect(found[0].message).toContain("From deployment 'net', as parameter 'gatewayPrefix'.");
  });

  it("a value passed from the outer template's parameter: on the outer default", async () => {
    const text = nestedJson(`"[parameters('prefix')]"`, `
  "parameters": { "prefix": { "type": "string",
    "defaultValue": "10.0.0.0/29" } },`);
    const found = await chain([{ path: 'main.json', text }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual([`main.json:${lineOf(text, '"10.0.0.0/29"')}`]);
    expect(found[0].related[0]).toBe(`main.json:${lineOf(text, '"addressPrefix": "[parameters')} Used here.`);
    expect(found[0].message).toContain("From the default of parameter 'prefix'.");
  });

  it("reference(…).outputs.x.value of a nested deployment: on where the output's value was written", async () => {
    const inner = nestedJson('"10.0.0.0/29"');
    // A second VNet in the outer template takes its GatewaySubnet prefix from the nested deployment's output.
    const text = inner.replace(
      '  "resources": [\n',
      `  "resources": [
${vnetJson(`[ { "name": "GatewaySubnet", "properties": { "addressPrefix": "[reference('net').outputs.prefix.value]" } } ]`).replace('"name": "vnet"', '"name": "vnet2"')},
`,
    );
    const found = await chain([{ path: 'main.json', text }], 'gateway-subnet-size');
    const outputUse = `main.json:${lineOf(text, 'outputs.prefix.value')} Used here.`;
    expect(found.find((f) => f.related.includes(outputUse))?.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });
});

describe('provenance from parameters files', () => {
  it('an element of an array parameter set in a .bicepparam file: on that element', async () => {
    const main = vnetBicep(
      'param subnets array',
      `[for s in subnets: {
      name: s.name
      properties: { addressPrefix: s.prefix }
    }]`,
    );
    const params = `using 'main.bicep'

param subnets = [
  { name: 'workload', prefix: '10.0.1.0/24' }
  { name: 'GatewaySubnet', prefix: '10.0.0.0/29' }
]
`;
    const found = await chain([{ path: 'main.bicep', text: main }, { path: 'main.bicepparam', text: params }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual(['main.bicepparam:5']);
    expect(found[0].related).toEqual([`main.bicep:${lineOf(main, 'addressPrefix: s.prefix')} Used here.`, `main.bicep:${lineOf(main, '[for s in')} Iterated here, element 2.`]);
    expect(found[0].message).toContain("From parameter 'subnets'.");
  });

  it('a .bicepparam value without a loop: on the .bicepparam line, the property as related', async () => {
    const main = vnetBicep('param gatewayPrefix string', "[ { name: 'GatewaySubnet', properties: { addressPrefix: gatewayPrefix } } ]");
    const params = "using 'main.bicep'\nparam gatewayPrefix = '10.0.0.0/29'\n";
    const found = await chain([{ path: 'main.bicep', text: main }, { path: 'main.bicepparam', text: params }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual(['main.bicepparam:2']);
    expect(found[0].related).toEqual([`main.bicep:${lineOf(main, 'subnets:')} Used here.`]);
  });

  it('an element of an object parameter in a JSON parameters file: on that element', async () => {
    const text = arm('', vnetJson(`[ { "name": "GatewaySubnet", "properties": { "addressPrefix": "[parameters('plan').gateway.prefix]" } } ]`), ` "plan": { "type": "object" } `);
    const params = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "plan": { "value": {
      "workload": { "prefix": "10.0.1.0/24" },
      "gateway": { "prefix": "10.0.0.0/29" }
    } }
  }
}`;
    const found = await chain([{ path: 'main.json', text }, { path: 'main.parameters.json', text: params }], 'gateway-subnet-size');
    expect(found.map((f) => f.at)).toEqual(['main.parameters.json:7']);
    expect(found[0].related).toEqual([`main.json:${lineOf(text, '"subnets"')} Used here.`]);
    expect(found[0].message).toContain("From parameter 'plan'.");
  });

  it('a parameter default without a loop: on the default, with "Used here." on the property (SARIF)', async () => {
    const main = vnetBicep("param gatewayPrefix string = '10.0.0.0/29'", "[ { name: 'GatewaySubnet', properties: { addressPrefix: gatewayPrefix } } ]");
    const t = tree({ 'main.bicep': main });
    const found = await sarifChain(t.dir, ['main.bicep'], 'gateway-subnet-size');
    expect(found).toEqual([{ at: 'main.bicep:1', related: [`main.bicep:${lineOf(main, 'subnets:')} Used here.`] }]);
  });

  it('a suppression on the line that uses the value still silences a finding on the default', async () => {
    const main = vnetBicep(
      "param gatewayPrefix string = '10.0.0.0/29'",
      `[
      // gwlint-disable-next-line gateway-subnet-size -- a lab network
      { name: 'GatewaySubnet', properties: { addressPrefix: gatewayPrefix } }
    ]`,
    );
    const result = await lint({ files: [{ path: 'main.bicep', text: main }] });
    const all = result.files.flatMap((f) => f.diagnostics);
    expect(all.filter((d) => d.ruleId === 'gateway-subnet-size').map((d) => d.suppression?.justification)).toEqual(['a lab network']);
    expect(all.filter((d) => d.ruleId === 'unused-suppression')).toEqual([]);
  });

  it('SARIF through the CLI: an element of a .bicepparam array is the result', async () => {
    const main = vnetBicep('param subnets array', '[for s in subnets: { name: s.name, properties: { addressPrefix: s.prefix } }]');
    const params = "using 'main.bicep'\nparam subnets = [\n  { name: 'workload', prefix: '10.0.1.0/24' }\n  { name: 'GatewaySubnet', prefix: '10.0.0.0/29' }\n]\n";
    const t = tree({ 'main.bicep': main, 'main.bicepparam': params });
    const found = await sarifChain(t.dir, ['main.bicep'], 'gateway-subnet-size');
    expect(found).toEqual([{ at: 'main.bicepparam:4', related: [`main.bicep:${lineOf(main, '[for s in')} Used here.`, `main.bicep:${lineOf(main, '[for s in')} Iterated here, element 2.`] }]);
  });

  it("a subnet name set in a parameters file is cited as such, on the parameters file's line (gateway-subnet-name)", async () => {
    const text = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "vnetName": { "type": "string" }, "subnetName": { "type": "string" } },
  "variables": { "subnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), parameters('subnetName'))]" },
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw", "location": "westeurope",
      "properties": { "gatewayType": "Vpn", "vpnType": "RouteBased", "sku": { "name": "VpnGw1AZ", "tier": "VpnGw1AZ" },
        "ipConfigurations": [ { "name": "c", "properties": { "subnet": { "id": "[variables('subnetId')]" } } } ] }
    }
  ]
}`;
    const params = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vnetName": { "value": "hub" },
    "subnetName": { "value": "AppSubnet" }
  }
}`;
    const found = await chain([{ path: 'main.json', text }, { path: 'main.parameters.json', text: params }], 'gateway-subnet-name');
    expect(found.map((f) => f.at)).toEqual(['main.parameters.json:6']);
    expect(found[0].message).toContain("From parameter 'subnetName'.");
    expect(found[0].message).not.toContain("variable 'subnetId'");
    expect(found[0].related).toEqual(['main.json:10 Used here.', "main.json:5 Value set by variable 'subnetId'."]);
  });
});
