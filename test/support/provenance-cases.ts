import { GATEWAY_BICEP, GATEWAY_JSON, arm, placeOf, vnetBicep, vnetJson } from './provenance.js';

/*
 * One case per construct a value can pass through (issue: element-level provenance), in JSON and in
 * Bicep where the construct exists there. Each names the text of the finding's span and, in order, the
 * related locations (the text on their line and their message), so that every surface (lint(), SARIF,
 * stylish, the language server) is held to the same exact chain.
 */

/** A place in a case's files: the first occurrence of `text` (after `after`, when given) in `file` (default: the linted file). */
export interface Place {
  file?: string;
  text: string;
  after?: string;
}

export interface Hop extends Place {
  message: string;
}

export interface ProvenanceCase {
  construct: string;
  language: 'json' | 'bicep';
  /** Path → text; the first is the linted file, the others are read as context (modules, parameters files). */
  files: Record<string, string>;
  /** Default: gateway-subnet-size. */
  rule?: string;
  /** The exact text the finding's span covers. */
  at: Place;
  related: Hop[];
  /** The sentence of the message that says where the value came from, when it came from elsewhere. */
  origin?: string;
}

const SIZE29 = { text: "'10.0.0.0/29'" };
const SIZE29_JSON = { text: '"10.0.0.0/29"' };
const used = (text: string, file?: string): Hop => ({ file, text, message: 'Used here.' });
const iterated = (text: string, element: number | string, file?: string): Hop => ({
  file,
  text,
  message: typeof element === 'number' ? `Iterated here, element ${element}.` : `Iterated here, key '${element}'.`,
});
const setBy = (text: string, variable: string): Hop => ({ text, message: `Value set by variable '${variable}'.` });

/** Three subnets as a variable: the GatewaySubnet, the third, is a /29. */
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

/** Two variables of subnets, the second holding the /29 GatewaySubnet. */
const PARTS_BICEP = `var workload = [
  { name: 'workload', properties: { addressPrefix: '10.0.1.0/24' } }
]
var edge = [
  { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.0.0/29' } }
]`;

const PARTS_JSON = `    "workload": [ { "name": "workload", "properties": { "addressPrefix": "10.0.1.0/24" } } ],
    "edge": [
      { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.0.0.0/29" } }
    ]`;

/** A VNet and its GatewaySubnet as a child resource whose prefix is `prefix`. */
export const childSubnetBicep = (preamble: string, prefix: string) =>
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

export const childSubnetJson = (prefix: string) => `${vnetJson('[]')},
    {
      "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01", "name": "vnet/GatewaySubnet",
      "dependsOn": [ "vnet" ],
      "properties": {
        "addressPrefix": ${prefix}
      }
    }`;

/** A VNet whose subnets are child resources in a resource copy; `name` and `prefix` are the copy's expressions. */
const subnetCopyJson = (copy: string, name: string, prefix: string) => `    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet", "location": "westeurope",
      "properties": { "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] } } },
    {
      "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01",
      "name": "${name}",
      "copy": ${copy},
      "dependsOn": [ "vnet" ],
      "properties": {
        "addressPrefix": "${prefix}"
      }
    }`;

const loops: ProvenanceCase[] = [
  {
    construct: 'copy: property loop, copyIndex(name)',
    language: 'json',
    files: {
      'main.json': arm(
        SUBNETS_JSON,
        vnetJson('[]').replace(
          '"subnets": []',
          `"copy": [ {
          "name": "subnets",
          "count": "[length(variables('all'))]",
          "input": {
            "name": "[variables('all')[copyIndex('subnets')].name]",
            "properties": { "addressPrefix": "[variables('all')[copyIndex('subnets')].properties.addressPrefix]" }
          }
        } ]`,
        ),
      ),
    },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[variables'), iterated('"count"', 3), iterated('"addressPrefix": "[variables', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'for in properties (item)',
    language: 'bicep',
    files: {
      'main.bicep': vnetBicep(
        SUBNETS_BICEP,
        `[for s in all: {
      name: s.name
      properties: { addressPrefix: s.properties.addressPrefix }
    }]`,
      ),
    },
    at: SIZE29,
    related: [used('addressPrefix: s.properties'), iterated('[for s in', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'copy: resource loop, copyIndex(offset)',
    language: 'json',
    files: { 'main.json': arm(SUBNETS_JSON, subnetCopyJson('{ "name": "subnetLoop", "count": 2 }', "[concat('vnet/', variables('all')[copyIndex(1)].name)]", "[variables('all')[copyIndex(1)].properties.addressPrefix]")) },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[variables'), iterated('"copy": {', 2), iterated('"addressPrefix": "[variables', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'copy: resource loop, copyIndex()',
    language: 'json',
    files: { 'main.json': arm(SUBNETS_JSON, subnetCopyJson(`{ "name": "subnetLoop", "count": "[length(variables('all'))]" }`, "[concat('vnet/', variables('all')[copyIndex()].name)]", "[variables('all')[copyIndex()].properties.addressPrefix]")) },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[variables'), iterated('"copy": {', 3), iterated('"addressPrefix": "[variables', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'resource for (item, index)',
    language: 'bicep',
    files: {
      'main.bicep': `var names = [ 'workload', 'GatewaySubnet' ]
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

${GATEWAY_BICEP}`,
    },
    at: SIZE29,
    related: [used('addressPrefix: prefixes[i]'), iterated('[for (name, i)', 2)],
    origin: "From variable 'prefixes'.",
  },
  {
    construct: 'copy: variable loop, copyIndex(name, offset)',
    language: 'json',
    files: {
      'main.json': arm(
        `${SUBNETS_JSON},
    "copy": [ {
      "name": "shaped",
      "count": 2,
      "input": {
        "name": "[variables('all')[copyIndex('shaped', 1)].name]",
        "properties": { "addressPrefix": "[variables('all')[copyIndex('shaped', 1)].properties.addressPrefix]" }
      }
    } ]`,
        vnetJson(`"[variables('shaped')]"`),
      ),
    },
    at: SIZE29_JSON,
    related: [used('"subnets": "[variables'), setBy('"copy": [ {', 'shaped'), iterated('"count": 2', 2), iterated('"addressPrefix": "[variables', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'for in a variable (item)',
    language: 'bicep',
    files: {
      'main.bicep': vnetBicep(`${SUBNETS_BICEP}\nvar shaped = [for s in all: { name: s.name, properties: { addressPrefix: s.properties.addressPrefix } }]`, 'shaped'),
    },
    at: SIZE29,
    related: [used('subnets: shaped'), setBy('var shaped', 'shaped'), iterated('var shaped', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'range()',
    language: 'bicep',
    files: {
      'main.bicep': vnetBicep(
        `param prefixes array = [
  '10.0.1.0/24'
  '10.0.0.0/29'
]
param names array = [ 'workload', 'GatewaySubnet' ]`,
        `[for i in range(0, 2): {
      name: names[i]
      properties: { addressPrefix: prefixes[i] }
    }]`,
      ),
    },
    at: SIZE29,
    related: [used('addressPrefix: prefixes[i]'), iterated('[for i in range', 2)],
    origin: "From the default of parameter 'prefixes'.",
  },
  {
    construct: 'range()',
    language: 'json',
    files: {
      'main.json': arm(
        `    "names": [ "workload", "GatewaySubnet" ],
    "prefixes": [ "10.0.1.0/24",
      "10.0.0.0/29" ]`,
        vnetJson(`"[map(range(0, 2), lambda('i', createObject('name', variables('names')[lambdaVariables('i')], 'properties', createObject('addressPrefix', variables('prefixes')[lambdaVariables('i')]))))]"`),
      ),
    },
    at: SIZE29_JSON,
    related: [used('"subnets": "[map'), iterated('"subnets": "[map', 2)],
    origin: "From variable 'prefixes'.",
  },
];

/** A lambda function over the three subnets as the VNet's subnets: the element it yields is the third, iterated where the call is. */
function overSubnets(construct: string, language: 'json' | 'bicep', call: string): ProvenanceCase {
  const bicep = language === 'bicep';
  const fn = call.slice(0, call.indexOf('('));
  const property = bicep ? `subnets: ${fn}` : `"subnets": "[${fn}`;
  return {
    construct,
    language,
    files: bicep ? { 'main.bicep': vnetBicep(SUBNETS_BICEP, call) } : { 'main.json': arm(SUBNETS_JSON, vnetJson(`"[${call}]"`)) },
    at: bicep ? SIZE29 : SIZE29_JSON,
    related: [used(property), iterated(property, 3)],
    origin: "From variable 'all'.",
  };
}

const lambdaCases: ProvenanceCase[] = [
  {
    construct: 'map()',
    language: 'bicep',
    files: { 'main.bicep': vnetBicep(`${SUBNETS_BICEP}\nvar shaped = map(all, s => { name: s.name, properties: { addressPrefix: s.properties.addressPrefix } })`, 'shaped') },
    at: SIZE29,
    related: [used('subnets: shaped'), setBy('var shaped', 'shaped'), iterated('var shaped', 3)],
    origin: "From variable 'all'.",
  },
  overSubnets('map()', 'json', "map(variables('all'), lambda('s', createObject('name', lambdaVariables('s').name, 'properties', createObject('addressPrefix', lambdaVariables('s').properties.addressPrefix))))"),
  overSubnets('filter()', 'bicep', "filter(all, s => s.name != 'unused')"),
  overSubnets('filter()', 'json', "filter(variables('all'), lambda('s', not(equals(lambdaVariables('s').name, 'unused'))))"),
  overSubnets('sort()', 'bicep', 'sort(all, (a, b) => a.name < b.name)'),
  overSubnets('sort()', 'json', "sort(variables('all'), lambda('a', 'b', less(lambdaVariables('a').name, lambdaVariables('b').name)))"),
  overSubnets('reduce()', 'bicep', 'reduce(all, [], (acc, s) => concat(acc, [ s ]))'),
  overSubnets('reduce()', 'json', "reduce(variables('all'), createArray(), lambda('acc', 's', concat(lambdaVariables('acc'), createArray(lambdaVariables('s')))))"),
  {
    construct: 'toObject()',
    language: 'bicep',
    files: { 'main.bicep': childSubnetBicep(`${SUBNETS_BICEP}\nvar byName = toObject(all, s => s.name, s => s.properties.addressPrefix)`, 'byName.GatewaySubnet') },
    at: SIZE29,
    related: [used('addressPrefix: byName'), setBy('var byName', 'byName'), iterated('var byName', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'toObject()',
    language: 'json',
    files: { 'main.json': arm(SUBNETS_JSON, childSubnetJson(`"[toObject(variables('all'), lambda('s', lambdaVariables('s').name)).GatewaySubnet.properties.addressPrefix]"`)) },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[toObject'), iterated('"addressPrefix": "[toObject', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'mapValues()',
    language: 'bicep',
    files: {
      'main.bicep': childSubnetBicep(
        `var plan = {
  workload: { prefix: '10.0.1.0/24' }
  GatewaySubnet: { prefix: '10.0.0.0/29' }
}
var prefixes = mapValues(plan, p => p.prefix)`,
        'prefixes.GatewaySubnet',
      ),
    },
    at: SIZE29,
    related: [used('addressPrefix: prefixes'), setBy('var prefixes', 'prefixes'), iterated('var prefixes', 'GatewaySubnet')],
    origin: "From variable 'plan'.",
  },
  {
    construct: 'mapValues()',
    language: 'json',
    files: {
      'main.json': arm(
        `    "plan": { "workload": { "prefix": "10.0.1.0/24" }, "GatewaySubnet": {
      "prefix": "10.0.0.0/29" } }`,
        childSubnetJson(`"[mapValues(variables('plan'), lambda('p', lambdaVariables('p').prefix)).GatewaySubnet]"`),
      ),
    },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[mapValues'), iterated('"addressPrefix": "[mapValues', 'GatewaySubnet')],
    origin: "From variable 'plan'.",
  },
  {
    construct: 'groupBy()',
    language: 'bicep',
    files: { 'main.bicep': childSubnetBicep(`${SUBNETS_BICEP}\nvar byTier = groupBy(all, s => s.tier)`, 'byTier.edge[0].properties.addressPrefix') },
    at: SIZE29,
    related: [used('addressPrefix: byTier'), setBy('var byTier', 'byTier'), iterated('var byTier', 3)],
    origin: "From variable 'all'.",
  },
  {
    construct: 'groupBy()',
    language: 'json',
    files: { 'main.json': arm(SUBNETS_JSON, childSubnetJson(`"[groupBy(variables('all'), lambda('s', lambdaVariables('s').tier)).edge[0].properties.addressPrefix]"`)) },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[groupBy'), iterated('"addressPrefix": "[groupBy', 3)],
    origin: "From variable 'all'.",
  },
];

/** Two objects merged by `merge` (written over `defaults` and `overrides`): the GatewaySubnet member is the /29 of `overrides`. */
function mergedObjects(construct: string, language: 'json' | 'bicep', merge: string): ProvenanceCase {
  if (language === 'bicep')
    return {
      construct,
      language,
      files: {
        'main.bicep': childSubnetBicep(
          `var defaults = { GatewaySubnet: '10.0.0.0/27' }
var overrides = {
  GatewaySubnet: '10.0.0.0/29'
}
var prefixes = ${merge}`,
          'prefixes.GatewaySubnet',
        ),
      },
      at: SIZE29,
      related: [used('addressPrefix: prefixes'), setBy('var prefixes', 'prefixes')],
      origin: "From variable 'overrides'.",
    };
  const objects = `    "defaults": { "GatewaySubnet": "10.0.0.0/27" },
    "overrides": {
      "GatewaySubnet": "10.0.0.0/29" }`;
  return {
    construct,
    language,
    files: { 'main.json': arm(objects, childSubnetJson(`"[${merge}.GatewaySubnet]"`)) },
    at: SIZE29_JSON,
    related: [used(`"addressPrefix": "[${merge.slice(0, merge.indexOf('('))}`)],
    origin: "From variable 'overrides'.",
  };
}

/** The child GatewaySubnet's prefix is `prefix`, after `declarations` (Bicep) or with these variables (JSON); the /29 is in them. */
function childPrefix(construct: string, language: 'json' | 'bicep', declarations: string, prefix: string, origin: string): ProvenanceCase {
  const bicep = language === 'bicep';
  return {
    construct,
    language,
    files: bicep ? { 'main.bicep': childSubnetBicep(declarations, prefix) } : { 'main.json': arm(declarations, childSubnetJson(`"[${prefix}]"`)) },
    at: bicep ? SIZE29 : SIZE29_JSON,
    related: [used(bicep ? `addressPrefix: ${prefix}` : `"addressPrefix": "[${prefix}`)],
    origin,
  };
}

const BICEP_TWO = "var all = [\n  '10.0.1.0/24'\n  '10.0.0.0/29'\n]";
const JSON_TWO = '    "all": [ "10.0.1.0/24",\n      "10.0.0.0/29" ]';

const functionCases: ProvenanceCase[] = [
  childPrefix('?? (coalesce)', 'bicep', "param plan object = {\n  gateway: '10.0.0.0/29'\n}", "plan.?gateway ?? '10.0.0.0/27'", "From the default of parameter 'plan'."),
  childPrefix('coalesce()', 'json', '    "plan": { "small": null,\n      "fallback": "10.0.0.0/29" }', "coalesce(variables('plan').small, variables('plan').fallback, '10.0.0.0/27')", "From variable 'plan'."),
  childPrefix('first()', 'bicep', "var all = [\n  '10.0.0.0/29'\n  '10.0.1.0/24'\n]", 'first(all)', "From variable 'all'."),
  childPrefix('last()', 'json', JSON_TWO, "last(variables('all'))", "From variable 'all'."),
  childPrefix('skip()', 'bicep', BICEP_TWO, 'skip(all, 1)[0]', "From variable 'all'."),
  childPrefix('take()', 'json', JSON_TWO, "take(variables('all'), 2)[1]", "From variable 'all'."),
  mergedObjects('union() of objects', 'bicep', 'union(defaults, overrides)'),
  mergedObjects('union() of objects', 'json', "union(variables('defaults'), variables('overrides'))"),
  mergedObjects('object spread', 'bicep', '{ ...defaults, ...overrides }'),
  mergedObjects('object spread, as compiled (shallowMerge())', 'json', "shallowMerge(createArray(variables('defaults'), variables('overrides')))"),
  ...(['union', 'concat'] as const).flatMap((fn): ProvenanceCase[] => [
    {
      construct: `${fn}() of arrays`,
      language: 'bicep',
      files: { 'main.bicep': vnetBicep(`${PARTS_BICEP}\nvar allSubnets = ${fn}(workload, edge)`, 'allSubnets') },
      at: SIZE29,
      related: [used('subnets: allSubnets'), setBy('var allSubnets', 'allSubnets')],
      origin: "From variable 'edge'.",
    },
    {
      construct: `${fn}() of arrays`,
      language: 'json',
      files: { 'main.json': arm(PARTS_JSON, vnetJson(`"[${fn}(variables('workload'), variables('edge'))]"`)) },
      at: SIZE29_JSON,
      related: [used('"subnets": "[')],
      origin: "From variable 'edge'.",
    },
  ]),
  {
    construct: 'spread',
    language: 'bicep',
    files: { 'main.bicep': vnetBicep(PARTS_BICEP, '[...workload, ...edge]') },
    at: SIZE29,
    related: [used('subnets: [...')],
    origin: "From variable 'edge'.",
  },
  {
    construct: 'spread, as compiled (flatten())',
    language: 'json',
    files: { 'main.json': arm(PARTS_JSON, vnetJson(`"[flatten(createArray(variables('workload'), variables('edge')))]"`)) },
    at: SIZE29_JSON,
    related: [used('"subnets": "[flatten')],
    origin: "From variable 'edge'.",
  },
  {
    construct: 'items()',
    language: 'bicep',
    files: {
      'main.bicep': vnetBicep(
        `var plan = {
  workload: '10.0.1.0/24'
  GatewaySubnet: '10.0.0.0/29'
}`,
        `[for e in items(plan): {
      name: e.key
      properties: { addressPrefix: e.value }
    }]`,
      ),
    },
    at: SIZE29,
    related: [used('addressPrefix: e.value'), iterated('[for e in', 1)],
    origin: "From variable 'plan'.",
  },
  {
    construct: 'items()',
    language: 'json',
    files: {
      'main.json': arm(
        `    "plan": { "workload": "10.0.1.0/24",
      "GatewaySubnet": "10.0.0.0/29" }`,
        vnetJson('[]').replace(
          '"subnets": []',
          `"copy": [ { "name": "subnets", "count": "[length(items(variables('plan')))]", "input": {
          "name": "[items(variables('plan'))[copyIndex('subnets')].key]",
          "properties": { "addressPrefix": "[items(variables('plan'))[copyIndex('subnets')].value]" } } } ]`,
        ),
      ),
    },
    at: SIZE29_JSON,
    related: [used('"properties": { "addressPrefix": "[items'), iterated('"count"', 1), iterated('"properties": { "addressPrefix": "[items', 1)],
    origin: "From variable 'plan'.",
  },
  {
    construct: 'array and property access',
    language: 'bicep',
    files: {
      'main.bicep': childSubnetBicep(
        `var plan = {
  gateway: {
    prefixes: [ '10.0.0.0/27', '10.0.0.0/29' ]
  }
}`,
        'plan.gateway.prefixes[1]',
      ),
    },
    at: SIZE29,
    related: [used('addressPrefix: plan')],
    origin: "From variable 'plan'.",
  },
  {
    construct: 'array and property access',
    language: 'json',
    files: {
      'main.json': arm(
        `    "plan": { "gateway": {
      "prefixes": [ "10.0.0.0/27", "10.0.0.0/29" ] } }`,
        childSubnetJson(`"[variables('plan').gateway.prefixes[1]]"`),
      ),
    },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[variables')],
    origin: "From variable 'plan'.",
  },
];

/** A gateway whose vpnType a condition on the parameter `policyBased` chooses (gateway-vpn-type: PolicyBased). */
const vpnTypeBicep = `param policyBased bool = true

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

const conditionCases: ProvenanceCase[] = [
  {
    construct: 'ternary ?: on a parameter',
    language: 'bicep',
    files: { 'main.bicep': childSubnetBicep('param isProd bool = false', "isProd ? '10.0.0.0/27' : '10.0.0.0/29'") },
    at: SIZE29,
    related: [{ text: 'isProd ?', message: "Chosen here, where the condition on parameter 'isProd' is false." }],
  },
  {
    construct: 'if() on a parameter, choosing a parameter',
    language: 'json',
    files: {
      'main.json': arm(
        '',
        childSubnetJson(`"[if(equals(parameters('env'), 'prod'), '10.0.0.0/27', parameters('smallPrefix'))]"`),
        `
    "env": { "type": "string", "defaultValue": "dev" },
    "smallPrefix": { "type": "string", "defaultValue": "10.0.0.0/29" }
  `,
      ),
    },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[if'), { text: '"addressPrefix": "[if', message: "Chosen here, where the condition on parameter 'env' is false." }],
    origin: "From the default of parameter 'smallPrefix'.",
  },
  {
    construct: 'ternary ?: choosing vpnType (gateway-vpn-type)',
    language: 'bicep',
    rule: 'gateway-vpn-type',
    files: { 'main.bicep': vpnTypeBicep },
    at: { text: "'PolicyBased'" },
    related: [{ text: 'sku:', message: 'The SKU.' }, { text: 'vpnType:', message: "Chosen here, where the condition on parameter 'policyBased' is true." }],
  },
  {
    construct: 'if() choosing vpnType (gateway-vpn-type)',
    language: 'json',
    rule: 'gateway-vpn-type',
    files: {
      'main.json': `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "policyBased": { "type": "bool", "defaultValue": true } },
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw", "location": "westeurope",
      "properties": { "gatewayType": "Vpn", "sku": { "name": "VpnGw1", "tier": "VpnGw1" },
        "vpnType": "[if(parameters('policyBased'), 'PolicyBased', 'RouteBased')]" }
    }
  ]
}`,
    },
    at: { text: "'PolicyBased'" },
    related: [{ text: '"sku"', message: 'The SKU.' }, { text: '"vpnType"', message: "Chosen here, where the condition on parameter 'policyBased' is true." }],
  },
];

/** The VNet with its GatewaySubnet's prefix the parameter `gatewayPrefix`, declared by `declaration`, and the gateway. */
const prefixParameterBicep = (declaration: string) => vnetBicep(declaration, "[ { name: 'GatewaySubnet', properties: { addressPrefix: gatewayPrefix } } ]");

/** A module that declares the VNet (its GatewaySubnet prefix a parameter) and the gateway. */
const NET_BICEP = prefixParameterBicep('param gatewayPrefix string');

/** A deployment resource named `name` with these `properties` (after `"mode"`). */
const deploymentJson = (name: string, properties: string) => `    {
      "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "${name}",
      "properties": {
        "mode": "Incremental",
${properties}
      }
    }`;

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

/** A nested deployment whose name is a parameter without a value: messages say where it is declared. */
const UNNAMED_DEPLOYMENT_JSON = nestedJson('"10.0.0.0/29"', `
  "parameters": { "deploymentName": { "type": "string" } },`).replace('"name": "net",', `"name": "[parameters('deploymentName')]",`);

const DEPLOYMENT_PARAMETERS = '"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0"';

const deploymentCases: ProvenanceCase[] = [
  {
    construct: 'module parameter',
    language: 'bicep',
    files: {
      'main.bicep': `module net 'net.bicep' = {
  name: 'net'
  params: {
    gatewayPrefix: '10.0.0.0/29'
  }
}
`,
      'net.bicep': NET_BICEP,
    },
    at: SIZE29,
    related: [used('addressPrefix: gatewayPrefix', 'net.bicep')],
    origin: "From module 'net', as parameter 'gatewayPrefix'.",
  },
  {
    construct: 'module parameter from a parameter default',
    language: 'bicep',
    files: {
      'main.bicep': `param prefix string = '10.0.0.0/29'

module net 'net.bicep' = {
  name: 'net'
  params: { gatewayPrefix: prefix }
}
`,
      'net.bicep': NET_BICEP,
    },
    at: SIZE29,
    related: [used('addressPrefix: gatewayPrefix', 'net.bicep'), { text: 'params:', message: "Passed to module 'net' here." }],
    origin: "From the default of parameter 'prefix'.",
  },
  {
    construct: 'module output',
    language: 'bicep',
    files: {
      'main.bicep': vnetBicep(
        `module plan 'plan.bicep' = {
  name: 'plan'
}`,
        "[ { name: 'GatewaySubnet', properties: { addressPrefix: plan.outputs.gatewayPrefix } } ]",
      ),
      'plan.bicep': "output gatewayPrefix string = '10.0.0.0/29'\n",
    },
    at: { ...SIZE29, file: 'plan.bicep' },
    related: [used('subnets:')],
    origin: "From output 'gatewayPrefix' of module 'plan'.",
  },
  {
    construct: 'module parameter in a module loop',
    language: 'bicep',
    files: {
      'main.bicep': `var prefixes = [
  '10.0.1.0/27'
  '10.0.0.0/29'
]

module nets 'net.bicep' = [for p in prefixes: {
  name: 'net-\${p}'
  params: { gatewayPrefix: p }
}]
`,
      'net.bicep': NET_BICEP,
    },
    at: SIZE29,
    related: [used('addressPrefix: gatewayPrefix', 'net.bicep'), { text: 'params:', message: "Passed to module 'nets' here." }, iterated('[for p in', 2)],
    origin: "From variable 'prefixes'.",
  },
  {
    construct: 'linked template parameter (templateLink.relativePath)',
    language: 'json',
    files: {
      'main.json': arm(
        '',
        deploymentJson(
          'net',
          `        "templateLink": { "relativePath": "net.json" },
        "parameters": {
          "gatewayPrefix": { "value": "10.0.0.0/29" }
        }`,
        ),
      ).replace(`,\n${GATEWAY_JSON}`, ''),
      'net.json': arm('', vnetJson(`[ { "name": "GatewaySubnet", "properties": { "addressPrefix": "[parameters('gatewayPrefix')]" } } ]`), ' "gatewayPrefix": { "type": "string" } '),
    },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[parameters', 'net.json')],
    origin: "From deployment 'net', as parameter 'gatewayPrefix'.",
  },
  {
    construct: 'nested deployment parameter in a copy loop',
    language: 'json',
    files: {
      'main.json': nestedJson(`"[variables('prefixes')[copyIndex()]]"`, `
  "variables": { "prefixes": [ "10.0.1.0/27",
    "10.0.0.0/29" ] },`).replace('"name": "net",', `"name": "[concat('net', copyIndex())]", "copy": { "name": "nets", "count": 2 },`),
    },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[parameters'), { text: '"gatewayPrefix": { "value"', message: "Passed to deployment 'net1' here." }, iterated('"copy": {', 2), iterated('"gatewayPrefix": { "value"', 2)],
    origin: "From variable 'prefixes'.",
  },
  {
    construct: 'nested deployment parameter, the deployment name unknown',
    language: 'json',
    files: { 'main.json': UNNAMED_DEPLOYMENT_JSON },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[parameters')],
    origin: `From deployment on line ${placeOf(UNNAMED_DEPLOYMENT_JSON, '"name": "[parameters').line}, as parameter 'gatewayPrefix'.`,
  },
  {
    construct: 'nested deployment parameter',
    language: 'json',
    files: { 'main.json': nestedJson('"10.0.0.0/29"') },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[parameters')],
    origin: "From deployment 'net', as parameter 'gatewayPrefix'.",
  },
  {
    construct: "nested deployment parameter from the outer template's default",
    language: 'json',
    files: {
      'main.json': nestedJson(
        `"[parameters('prefix')]"`,
        `
  "parameters": { "prefix": { "type": "string",
    "defaultValue": "10.0.0.0/29" } },`,
      ),
    },
    at: SIZE29_JSON,
    related: [used('"addressPrefix": "[parameters'), { text: '"gatewayPrefix": { "value"', message: "Passed to deployment 'net' here." }],
    origin: "From the default of parameter 'prefix'.",
  },
  {
    construct: 'nested deployment output (reference().outputs)',
    language: 'json',
    files: {
      'main.json': arm(
        '',
        `${deploymentJson(
          'plan',
          `        "expressionEvaluationOptions": { "scope": "inner" },
        "template": {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [],
          "outputs": { "prefix": { "type": "string",
            "value": "10.0.0.0/29" } }
        }`,
        )},
${vnetJson(`[ { "name": "GatewaySubnet", "properties": { "addressPrefix": "[reference('plan').outputs.prefix.value]" } } ]`)}`,
      ),
    },
    at: SIZE29_JSON,
    related: [used('outputs.prefix.value')],
    origin: "From output 'prefix' of deployment 'plan'.",
  },
  {
    construct: 'parameter default',
    language: 'bicep',
    files: { 'main.bicep': prefixParameterBicep("param gatewayPrefix string = '10.0.0.0/29'") },
    at: SIZE29,
    related: [used('subnets:')],
    origin: "From the default of parameter 'gatewayPrefix'.",
  },
  {
    construct: 'parameter default',
    language: 'json',
    files: { 'main.json': arm('', vnetJson(`[ { "name": "GatewaySubnet", "properties": { "addressPrefix": "[parameters('gatewayPrefix')]" } } ]`), ' "gatewayPrefix": { "type": "string", "defaultValue": "10.0.0.0/29" } ') },
    at: SIZE29_JSON,
    related: [used('"subnets"')],
    origin: "From the default of parameter 'gatewayPrefix'.",
  },
  {
    construct: 'parameters file, element of an object',
    language: 'json',
    files: {
      'main.json': arm('', vnetJson(`[ { "name": "GatewaySubnet", "properties": { "addressPrefix": "[parameters('plan').gateway.prefix]" } } ]`), ' "plan": { "type": "object" } '),
      'main.parameters.json': `{
  ${DEPLOYMENT_PARAMETERS},
  "parameters": {
    "plan": { "value": {
      "workload": { "prefix": "10.0.1.0/24" },
      "gateway": { "prefix": "10.0.0.0/29" }
    } }
  }
}`,
    },
    at: { ...SIZE29_JSON, file: 'main.parameters.json' },
    related: [used('"subnets"')],
    origin: "From parameter 'plan'.",
  },
  {
    construct: 'parameters file, through a variable (gateway-subnet-name)',
    language: 'json',
    rule: 'gateway-subnet-name',
    files: {
      'main.json': `{
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
}`,
      'main.parameters.json': `{
  ${DEPLOYMENT_PARAMETERS},
  "parameters": {
    "vnetName": { "value": "hub" },
    "subnetName": { "value": "AppSubnet" }
  }
}`,
    },
    at: { file: 'main.parameters.json', text: '"AppSubnet"' },
    related: [used('"subnet": { "id"'), { text: '"subnetId": "[', message: "Value set by variable 'subnetId'." }],
    origin: "From parameter 'subnetName'.",
  },
  {
    construct: '.bicepparam, element of an array in a for',
    language: 'bicep',
    files: {
      'main.bicep': vnetBicep(
        'param subnets array',
        `[for s in subnets: {
      name: s.name
      properties: { addressPrefix: s.prefix }
    }]`,
      ),
      'main.bicepparam': `using 'main.bicep'

param subnets = [
  { name: 'workload', prefix: '10.0.1.0/24' }
  { name: 'GatewaySubnet', prefix: '10.0.0.0/29' }
]
`,
    },
    at: { ...SIZE29, file: 'main.bicepparam' },
    related: [used('addressPrefix: s.prefix', 'main.bicep'), iterated('[for s in', 2, 'main.bicep')],
    origin: "From parameter 'subnets'.",
  },
  {
    construct: '.bicepparam value',
    language: 'bicep',
    files: {
      'main.bicep': NET_BICEP,
      'main.bicepparam': "using 'main.bicep'\nparam gatewayPrefix = '10.0.0.0/29'\n",
    },
    at: { ...SIZE29, file: 'main.bicepparam' },
    related: [used('subnets:', 'main.bicep')],
    origin: "From parameter 'gatewayPrefix'.",
  },
  {
    construct: '.bicepparam variable, a template variable of the same name another value',
    language: 'bicep',
    files: {
      'main.bicep': prefixParameterBicep("param gatewayPrefix string\nvar prefixes = [ '10.0.0.0/27', '10.0.0.0/27' ]\noutput planned array = prefixes"),
      'main.bicepparam': `using 'main.bicep'
var prefixes = [
  '10.0.1.0/24'
  '10.0.0.0/29'
]
param gatewayPrefix = prefixes[1]
`,
    },
    at: { ...SIZE29, file: 'main.bicepparam' },
    related: [used('subnets:', 'main.bicep'), { file: 'main.bicepparam', text: 'param gatewayPrefix', message: "Value set by parameter 'gatewayPrefix' in main.bicepparam." }],
    origin: "From variable 'prefixes'.",
  },
  {
    construct: 'parameters file (JSON) for a Bicep template',
    language: 'bicep',
    files: {
      'main.bicep': NET_BICEP,
      'main.parameters.json': `{
  ${DEPLOYMENT_PARAMETERS},
  "parameters": {
    "gatewayPrefix": { "value": "10.0.0.0/29" }
  }
}`,
    },
    at: { ...SIZE29_JSON, file: 'main.parameters.json' },
    related: [used('subnets:', 'main.bicep')],
    origin: "From parameter 'gatewayPrefix'.",
  },
  {
    construct: 'union() of arrays, host bits (subnet-cidr)',
    language: 'bicep',
    rule: 'subnet-cidr',
    files: { 'main.bicep': vnetBicep(PARTS_BICEP.replace("'10.0.0.0/29'", "'10.0.0.4/29'"), 'union(workload, edge)') },
    at: { text: "'10.0.0.4/29'" },
    related: [used('subnets: union')],
    origin: "From variable 'edge'.",
  },
];

export const PROVENANCE_CASES: ProvenanceCase[] = [...loops, ...lambdaCases, ...functionCases, ...conditionCases, ...deploymentCases];
