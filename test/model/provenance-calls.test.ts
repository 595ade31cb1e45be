import { describe, expect, it } from 'vitest';
import { tempTrees } from '../cli/helpers.js';
import { arm, chain, lineOf, sarifChain, vnetBicep, vnetJson } from '../support/provenance.js';

const tree = tempTrees();

/*
 * Element-level provenance through function calls and conditionals: the finding sits where the value was
 * written, and the property, the lambdas and conditions it went through are related locations, in order.
 */

const SUBNETS_BICEP = `var all = [
  { name: 'unused', tier: 'app', properties: { addressPrefix: '10.0.2.0/24' } }
  { name: 'workload', tier: 'app', properties: { addressPrefix: '10.0.1.0/24' } }
  { name: 'GatewaySubnet', tier: 'edge', properties: { addressPrefix: '10.0.0.0/29' } }
]`;

const SUBNETS_JSON = `    "all": [
      { "name": "unused", "tier": "app", "properties": { "addressPrefix": "10.0.2.0/24" } },
      { "name": "workload", "tier": "app", "properties": { "addressPrefix": "10.0.1.0/24" } },
      { "name": "GatewaySubnet", "tier": "edge", "properties": { "addressPrefix": "10.0.0.0/29" } }
    ]`;

/** The one gateway-subnet-size finding of a file. */
async function sizeFinding(path: string, text: string) {
  const found = await chain([{ path, text }], 'gateway-subnet-size');
  expect(found).toHaveLength(1);
  return found[0];
}

describe('provenance through lambdas', () => {
  it('Bicep map(): on the element the lambda read, through the lambda and the variable', async () => {
    const text = vnetBicep(`${SUBNETS_BICEP}\nvar shaped = map(all, s => { name: s.name, properties: { addressPrefix: s.properties.addressPrefix } })`, 'shaped');
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toEqual([`main.bicep:${lineOf(text, 'subnets: shaped')} Used here.`, `main.bicep:${lineOf(text, 'var shaped')} Value set by variable 'shaped'.`, `main.bicep:${lineOf(text, 'var shaped')} Iterated here, element 3.`]);
    expect(f.message).toContain("From variable 'all'.");
  });

  it('ARM map() with lambda() and lambdaVariables(): on the element of the variable', async () => {
    const text = arm(SUBNETS_JSON, vnetJson(`"[map(variables('all'), lambda('s', createObject('name', lambdaVariables('s').name, 'properties', createObject('addressPrefix', lambdaVariables('s').properties.addressPrefix))))]"`));
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
    expect(f.related).toEqual([`main.json:${lineOf(text, '"subnets": "[map')} Used here.`, `main.json:${lineOf(text, '"subnets": "[map')} Iterated here, element 3.`]);
  });

  it('Bicep filter(): the element kept, counted in the original array', async () => {
    const text = vnetBicep(SUBNETS_BICEP, "filter(all, s => s.name != 'unused')");
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toEqual([`main.bicep:${lineOf(text, 'subnets: filter')} Used here.`, `main.bicep:${lineOf(text, 'subnets: filter')} Iterated here, element 3.`]);
  });

  it('ARM filter(): the element kept', async () => {
    const text = arm(SUBNETS_JSON, vnetJson(`"[filter(variables('all'), lambda('s', not(equals(lambdaVariables('s').name, 'unused'))))]"`));
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });

  it('Bicep sort(): the element that sorts to the position used', async () => {
    const text = vnetBicep(SUBNETS_BICEP, 'sort(all, (a, b) => a.name < b.name)');
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toContain(`main.bicep:${lineOf(text, 'subnets: sort')} Iterated here, element 3.`);
  });

  it('ARM sort(): the element that sorts to the position used', async () => {
    const text = arm(SUBNETS_JSON, vnetJson(`"[sort(variables('all'), lambda('a', 'b', less(lambdaVariables('a').name, lambdaVariables('b').name)))]"`));
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });

  it('Bicep reduce(): back through the accumulator to the element added', async () => {
    const text = vnetBicep(SUBNETS_BICEP, 'reduce(all, [], (acc, s) => concat(acc, [ s ]))');
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toEqual([`main.bicep:${lineOf(text, 'subnets: reduce')} Used here.`, `main.bicep:${lineOf(text, 'subnets: reduce')} Iterated here, element 3.`]);
  });

  it('ARM reduce(): back through the accumulator to the element added', async () => {
    const text = arm(SUBNETS_JSON, vnetJson(`"[reduce(variables('all'), createArray(), lambda('acc', 's', concat(lambdaVariables('acc'), createArray(lambdaVariables('s')))))]"`));
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });
});

/** A VNet and its GatewaySubnet as a child resource whose prefix is `prefix`. */
const childSubnetBicep = (preamble: string, prefix: string) =>
  vnetBicep(
    `${preamble}

resource gatewaySubnet 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'GatewaySubnet'
  properties: {
    addressPrefix: ${prefix}
  }
}`,
    '[]',
  );

const childSubnetJson = (prefix: string) => `${vnetJson('[]')},
    {
      "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01", "name": "vnet/GatewaySubnet",
      "dependsOn": [ "vnet" ],
      "properties": {
        "addressPrefix": ${prefix}
      }
    }`;

describe('provenance through lambdas that build objects', () => {
  it('Bicep toObject(): the value lambda, on the element it read', async () => {
    const text = childSubnetBicep(`${SUBNETS_BICEP}\nvar byName = toObject(all, s => s.name, s => s.properties.addressPrefix)`, 'byName.GatewaySubnet');
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toEqual([
      `main.bicep:${lineOf(text, 'addressPrefix: byName')} Used here.`,
      `main.bicep:${lineOf(text, 'var byName')} Value set by variable 'byName'.`,
      `main.bicep:${lineOf(text, 'var byName')} Iterated here, element 3.`,
    ]);
  });

  it('ARM toObject() without a value lambda: the element itself', async () => {
    const text = arm(SUBNETS_JSON, childSubnetJson(`"[toObject(variables('all'), lambda('s', lambdaVariables('s').name)).GatewaySubnet.properties.addressPrefix]"`));
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });

  it('Bicep mapValues(): the member the lambda read', async () => {
    const text = childSubnetBicep(
      `var plan = {
  workload: { prefix: '10.0.1.0/24' }
  GatewaySubnet: { prefix: '10.0.0.0/29' }
}
var prefixes = mapValues(plan, p => p.prefix)`,
      'prefixes.GatewaySubnet',
    );
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toContain(`main.bicep:${lineOf(text, 'var prefixes')} Iterated here, key 'GatewaySubnet'.`);
  });

  it('ARM mapValues(): the member the lambda read', async () => {
    const text = arm(
      `    "plan": { "workload": { "prefix": "10.0.1.0/24" }, "GatewaySubnet": {
      "prefix": "10.0.0.0/29" } }`,
      childSubnetJson(`"[mapValues(variables('plan'), lambda('p', lambdaVariables('p').prefix)).GatewaySubnet]"`),
    );
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });

  it('Bicep groupBy(): the element of the group', async () => {
    const text = childSubnetBicep(`${SUBNETS_BICEP}\nvar byTier = groupBy(all, s => s.tier)`, 'byTier.edge[0].properties.addressPrefix');
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toContain(`main.bicep:${lineOf(text, 'var byTier')} Iterated here, element 3.`);
  });

  it('ARM groupBy(): the element of the group', async () => {
    const text = arm(SUBNETS_JSON, childSubnetJson(`"[groupBy(variables('all'), lambda('s', lambdaVariables('s').tier)).edge[0].properties.addressPrefix]"`));
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });
});

describe('provenance through union(), concat() and items()', () => {
  const parts = `var workload = [
  { name: 'workload', properties: { addressPrefix: '10.0.1.0/24' } }
]
var edge = [
  { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.0.0/29' } }
]`;
  const partsJson = `    "workload": [ { "name": "workload", "properties": { "addressPrefix": "10.0.1.0/24" } } ],
    "edge": [
      { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.0.0.0/29" } }
    ]`;

  for (const fn of ['union', 'concat']) {
    it(`Bicep ${fn}() of arrays: the element of the array that supplied it`, async () => {
      const text = vnetBicep(`${parts}\nvar allSubnets = ${fn}(workload, edge)`, 'allSubnets');
      const f = await sizeFinding('main.bicep', text);
      expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
      expect(f.related).toEqual([`main.bicep:${lineOf(text, 'subnets: allSubnets')} Used here.`, `main.bicep:${lineOf(text, 'var allSubnets')} Value set by variable 'allSubnets'.`]);
      expect(f.message).toContain("From variable 'edge'.");
    });

    it(`ARM ${fn}() of arrays: the element of the array that supplied it`, async () => {
      const text = arm(partsJson, vnetJson(`"[${fn}(variables('workload'), variables('edge'))]"`));
      const f = await sizeFinding('main.json', text);
      expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
      expect(f.related).toEqual([`main.json:${lineOf(text, '"subnets": "[')} Used here.`]);
    });
  }

  it('SARIF through the CLI: a host-bits prefix that went through union() is reported on its literal (subnet-cidr)', async () => {
    const text = vnetBicep(parts.replace("'10.0.0.0/29'", "'10.0.0.4/29'"), 'union(workload, edge)');
    const t = tree({ 'main.bicep': text });
    const found = await sarifChain(t.dir, ['main.bicep'], 'subnet-cidr');
    expect(found).toEqual([{ at: `main.bicep:${lineOf(text, "'10.0.0.4/29'")}`, related: [`main.bicep:${lineOf(text, 'subnets: union')} Used here.`] }]);
  });

  it('Bicep union() of objects: the last object that has the member', async () => {
    const text = childSubnetBicep(
      `var defaults = { GatewaySubnet: '10.0.0.0/27' }
var overrides = {
  GatewaySubnet: '10.0.0.0/29'
}
var prefixes = union(defaults, overrides)`,
      'prefixes.GatewaySubnet',
    );
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.message).toContain("From variable 'overrides'.");
  });

  it('ARM union() of objects: the last object that has the member', async () => {
    const text = arm(
      `    "defaults": { "GatewaySubnet": "10.0.0.0/27" },
    "overrides": {
      "GatewaySubnet": "10.0.0.0/29" }`,
      childSubnetJson(`"[union(variables('defaults'), variables('overrides')).GatewaySubnet]"`),
    );
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });

  it('Bicep spread of a variable: the element of the spread variable', async () => {
    const text = vnetBicep(parts, '[...workload, ...edge]');
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.message).toContain("From variable 'edge'.");
  });

  it('Bicep items(): the member of the object the loop read', async () => {
    const text = vnetBicep(
      `var plan = {
  workload: '10.0.1.0/24'
  GatewaySubnet: '10.0.0.0/29'
}`,
      `[for e in items(plan): {
      name: e.key
      properties: { addressPrefix: e.value }
    }]`,
    );
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toEqual([`main.bicep:${lineOf(text, 'addressPrefix: e.value')} Used here.`, `main.bicep:${lineOf(text, '[for e in')} Iterated here, element 1.`]);
    expect(f.message).toContain("From variable 'plan'.");
  });

  it('ARM items() in a property copy: the member of the object', async () => {
    const text = arm(
      `    "plan": { "workload": "10.0.1.0/24",
      "GatewaySubnet": "10.0.0.0/29" }`,
      vnetJson(`[]`).replace(
        '"subnets": []',
        `"copy": [ { "name": "subnets", "count": "[length(items(variables('plan')))]", "input": {
          "name": "[items(variables('plan'))[copyIndex('subnets')].key]",
          "properties": { "addressPrefix": "[items(variables('plan'))[copyIndex('subnets')].value]" } } } ]`,
      ),
    );
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
  });
});

describe('provenance through if() and ?:', () => {
  it('Bicep ternary on a parameter: on the chosen literal, citing the parameter', async () => {
    const text = childSubnetBicep("param isProd bool = false", "isProd ? '10.0.0.0/27' : '10.0.0.0/29'");
    const f = await sizeFinding('main.bicep', text);
    expect(f.at).toBe(`main.bicep:${lineOf(text, "'10.0.0.0/29'")}`);
    expect(f.related).toEqual([`main.bicep:${lineOf(text, 'isProd ?')} Chosen here by parameter 'isProd' (false).`]);
  });

  it('ARM if() choosing a parameter: on the parameter default, citing the condition', async () => {
    const text = arm(
      '',
      childSubnetJson(`"[if(equals(parameters('env'), 'prod'), '10.0.0.0/27', parameters('smallPrefix'))]"`),
      `
    "env": { "type": "string", "defaultValue": "dev" },
    "smallPrefix": { "type": "string", "defaultValue": "10.0.0.0/29" }
  `,
    );
    const f = await sizeFinding('main.json', text);
    expect(f.at).toBe(`main.json:${lineOf(text, '"10.0.0.0/29"')}`);
    expect(f.related).toEqual([`main.json:${lineOf(text, '"addressPrefix": "[if')} Used here.`, `main.json:${lineOf(text, '"addressPrefix": "[if')} Chosen here by parameter 'env' (false).`]);
    expect(f.message).toContain("From the default of parameter 'smallPrefix'.");
  });

  it("a vpnType chosen by if() on a parameter cites that parameter (gateway-vpn-type)", async () => {
    const text = `param policyBased bool = true

resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  location: 'westeurope'
  properties: {
    gatewayType: 'Vpn'
    vpnType: policyBased ? 'PolicyBased' : 'RouteBased'
    sku: { name: 'VpnGw1', tier: 'VpnGw1' }
  }
}
`;
    const found = await chain([{ path: 'main.bicep', text }], 'gateway-vpn-type');
    expect(found).toHaveLength(1);
    expect(found[0].at).toBe('main.bicep:8');
    expect(found[0].related).toContain("main.bicep:8 Chosen here by parameter 'policyBased' (true).");
  });
});
