import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { Unknown } from '../../src/expr/value.js';
import type { Located, Segment } from '../../src/model/locate.js';
import { Walk } from '../../src/model/locate.js';
import { Model } from '../../src/model/model.js';
import { nameKey } from '../../src/model/network.js';
import type { ModelResource } from '../../src/model/resource.js';
import { parseBicep } from '../../src/parse/bicep/index.js';

/**
 * Located values of the shapes most ids are written in (`resourceId(…)`, `pip.id`), which `locate` answers
 * without walking, against what the walk itself answers, and next to the shapes the walk must follow.
 */
const TEMPLATE = `
param pipName string = 'pip-default'
param useFirst bool = true
param settings object = { id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/other' }
var subnetName = 'GatewaySubnet'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  properties: {
    subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: '10.0.0.0/27' } }]
  }
}

resource pip 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: pipName
}

resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  properties: {
    ipConfigurations: [
      {
        name: 'a'
        properties: {
          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'GatewaySubnet') }
          publicIPAddress: { id: pip.id }
        }
      }
      {
        name: 'b'
        properties: {
          subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, subnetName) }
          publicIPAddress: { id: settings.id }
        }
      }
      {
        name: 'c'
        properties: {
          subnet: { id: if(useFirst, resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'GatewaySubnet'), 'x') }
          publicIPAddress: { id: pip.name }
        }
      }
    ]
  }
}
`;

function model(): Model {
  return new Model(parseBicep(new SourceFile('/t/main.bicep', TEMPLATE)));
}

function resource(m: Model, symbol: string): ModelResource {
  return m.resources.find((r) => r.symbolicName === symbol)!;
}

const text = (span: { file: { text: string }; start: number; end: number }) => span.file.text.slice(span.start, span.end);

/** What the walk answers for a path of a resource, through function calls. */
function walked(r: ModelResource, path: Segment[]): Located {
  const walk = new Walk(r.decl.body, r.frame, path, r.resolver, r.loopVariables);
  const stop = walk.run(true);
  return walk.located(stop === 'absent' ? undefined : walk.value());
}

/** A located value as plain data: its value, where it is reported, where it is used, and its origins. */
function plain(l: Located) {
  return {
    value: l.value instanceof Unknown ? nameKey(l.value) : l.value,
    node: text(l.node.span),
    property: text(l.property.span),
    origins: l.origins.map((o) => ({ description: o.description, passage: !!o.passage, at: text(o.span) })),
  };
}

const SUBNET_ID = (i: number): Segment[] => ['properties', 'ipConfigurations', i, 'properties', 'subnet', 'id'];
const PIP_ID = (i: number): Segment[] => ['properties', 'ipConfigurations', i, 'properties', 'publicIPAddress', 'id'];

describe('located ids', () => {
  it('a resourceId() call written in place is its own node and property, with no origins', () => {
    const gw = resource(model(), 'gw');
    const located = gw.get(SUBNET_ID(0));
    expect(nameKey(located.value!)).toMatch(/\/providers\/microsoft\.network\/virtualnetworks\/hub\/subnets\/gatewaysubnet$/);
    expect(text(located.node.span)).toBe("resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, 'GatewaySubnet')");
    expect(located.property).toBe(located.node);
    expect(located.origins).toEqual([]);
  });

  it("a resource symbol's id is the resource's own id, reported at the symbol and used at the member", () => {
    const m = model();
    const located = resource(m, 'gw').get(PIP_ID(0));
    expect(located.value).toBe(resource(m, 'pip').id);
    expect(nameKey(located.value!)).toMatch(/\/providers\/microsoft\.network\/publicipaddresses\/pip-default$/);
    expect(text(located.node.span)).toBe('pip');
    expect(text(located.property.span)).toBe('pip.id');
    expect(located.origins).toEqual([]);
  });

  it('a member of a parameter is followed to the default that wrote it', () => {
    const located = resource(model(), 'gw').get(PIP_ID(1));
    expect(located.value).toBe('/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/other');
    expect(text(located.node.span)).toContain("'/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/other'");
    expect(located.origins.map((o) => o.description)).toEqual([expect.stringContaining('used here'), expect.stringContaining("parameter 'settings'")]);
  });

  it('a call the walk sees through is followed to the branch chosen, with the condition passed through', () => {
    const located = resource(model(), 'gw').get(SUBNET_ID(2));
    expect(nameKey(located.value!)).toMatch(/\/virtualnetworks\/hub\/subnets\/gatewaysubnet$/);
    expect(located.origins.some((o) => o.passage && text(o.span) === 'useFirst')).toBe(true);
  });

  it('answers as the walk does for every id of every ip configuration', () => {
    const m = model();
    const gw = resource(m, 'gw');
    for (let i = 0; i < 3; i++)
      for (const path of [SUBNET_ID(i), PIP_ID(i), [...SUBNET_ID(i).slice(0, -1)], ['properties', 'ipConfigurations', i, 'name']])
        expect(plain(gw.get(path)), JSON.stringify(path)).toEqual(plain(walked(gw, path)));
  });
});
