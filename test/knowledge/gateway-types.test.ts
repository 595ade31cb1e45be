import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ObjectTypePropertyFlags, readTypesJson, TypeBaseKind } from '@azure/bicep-types';
import type { BicepType, ObjectType } from '@azure/bicep-types';
import { describe, expect, it } from 'vitest';
import { gatewayTypeModel, gatewayTypesJson } from '../support/gateway-type-model.js';
import { GATEWAY_TYPES_API_VERSION, RESOURCE_TYPES, SKU_FAMILY_OBJECT } from '../../src/knowledge/gateway-types.js';
import * as knowledge from '../../src/knowledge/gateway.js';
import {
  findObjectType,
  findResourceType,
  isOpenEnum,
  objectEnum,
  resourceEnum,
  stringLiterals,
  typeAt,
} from '../support/type-model.js';

const JSON_PATH = fileURLToPath(new URL('../../src/knowledge/gateway-types.json', import.meta.url));

/** `GWLINT_UPDATE_GENERATED=1 npx vitest run test/knowledge` rewrites the committed file. */
if (process.env.GWLINT_UPDATE_GENERATED === '1') writeFileSync(JSON_PATH, gatewayTypesJson());

const committed = readFileSync(JSON_PATH, 'utf8');

function object(types: readonly BicepType[], name: string): ObjectType {
  const found = findObjectType(types, name);
  if (found === undefined) throw new Error(`no object type ${name}`);
  return found;
}

describe('gateway-types.json', () => {
  it('is identical to a fresh generation (regenerate with GWLINT_UPDATE_GENERATED=1)', () => {
    expect(committed).toBe(gatewayTypesJson());
  });

  it('reads back with readTypesJson and gives the same enums as the built model', () => {
    const parsed = readTypesJson(committed);
    expect(parsed).toHaveLength(gatewayTypeModel.length);
    const path = ['properties', 'sku', 'name'];
    expect(resourceEnum(parsed, RESOURCE_TYPES.virtualNetworkGateways, path)).toEqual(knowledge.gatewaySkus());
    expect(resourceEnum(parsed, RESOURCE_TYPES.virtualNetworkGateways, ['properties', 'gatewayType'])).toEqual(
      knowledge.gatewayTypes(),
    );
  });

  it('serialises references in the types.json form', () => {
    const raw = JSON.parse(committed) as Array<Record<string, unknown>>;
    const resource = raw.find((t) => t.$type === 'ResourceType');
    expect(resource?.body).toMatchObject({ $ref: expect.stringMatching(/^#\/\d+$/) });
    expect(committed.endsWith('}\n]\n')).toBe(true);
  });
});

describe('gateway type model', () => {
  const GATEWAY = RESOURCE_TYPES.virtualNetworkGateways;
  const PUBLIC_IP = RESOURCE_TYPES.publicIPAddresses;
  it.each([
    ['gatewayTypes', GATEWAY, ['properties', 'gatewayType']],
    ['vpnTypes', GATEWAY, ['properties', 'vpnType']],
    ['generations', GATEWAY, ['properties', 'vpnGatewayGeneration']],
    ['gatewaySkus', GATEWAY, ['properties', 'sku', 'name']],
    ['p2sProtocols', GATEWAY, ['properties', 'vpnClientConfiguration', 'vpnClientProtocols', '*']],
    ['p2sAuthTypes', GATEWAY, ['properties', 'vpnClientConfiguration', 'vpnAuthenticationTypes', '*']],
    ['connectionTypes', RESOURCE_TYPES.connections, ['properties', 'connectionType']],
    ['connectionProtocols', RESOURCE_TYPES.connections, ['properties', 'connectionProtocol']],
    ['publicIpSkuNames', PUBLIC_IP, ['sku', 'name']],
    ['publicIpSkuTiers', PUBLIC_IP, ['sku', 'tier']],
    ['ipAllocationMethods', PUBLIC_IP, ['properties', 'publicIPAllocationMethod']],
  ] as const)('gives back the values of %s, in order', (name, resourceType, path) => {
    expect(resourceEnum(gatewayTypeModel, resourceType, path)).toEqual(knowledge[name]());
  });

  it('gives back each SKU family, in order', () => {
    expect(objectEnum(gatewayTypeModel, SKU_FAMILY_OBJECT.Vpn, 'name')).toEqual(knowledge.vpnSkus());
    expect(objectEnum(gatewayTypeModel, SKU_FAMILY_OBJECT.ExpressRoute, 'name')).toEqual(knowledge.expressRouteSkus());
  });

  it('declares the six resource types at the pinned API version', () => {
    const names = gatewayTypeModel
      .filter((t) => t.type === TypeBaseKind.ResourceType)
      .map((t) => (t.type === TypeBaseKind.ResourceType ? t.name : ''));
    expect(names.sort()).toEqual(
      Object.values(RESOURCE_TYPES)
        .map((type) => `${type}@${GATEWAY_TYPES_API_VERSION}`)
        .sort(),
    );
  });

  it('keeps the SKU families as closed unions sharing the literal types of the open sku.name union', () => {
    const vpn = object(gatewayTypeModel, SKU_FAMILY_OBJECT.Vpn).properties.name.type;
    const er = object(gatewayTypeModel, SKU_FAMILY_OBJECT.ExpressRoute).properties.name.type;
    const all = object(gatewayTypeModel, 'VirtualNetworkGatewaySku').properties.name.type;
    expect(isOpenEnum(gatewayTypeModel, vpn)).toBe(false);
    expect(isOpenEnum(gatewayTypeModel, er)).toBe(false);
    expect(isOpenEnum(gatewayTypeModel, all)).toBe(true);
    const elements = (ref: typeof vpn) => {
      const t = gatewayTypeModel[ref.index];
      return t.type === TypeBaseKind.UnionType ? t.elements.map((e) => e.index) : [];
    };
    const shared = elements(vpn).filter((i) => elements(er).includes(i));
    expect(shared.map((i) => stringLiterals(gatewayTypeModel, { index: i }))).toEqual([['Standard'], ['HighPerformance']]);
    expect(elements(all)).toEqual(expect.arrayContaining([...elements(vpn), ...elements(er)]));
  });

  it('marks every Azure enum open', () => {
    const gateway = findResourceType(gatewayTypeModel, RESOURCE_TYPES.virtualNetworkGateways);
    for (const path of [['gatewayType'], ['vpnType'], ['vpnGatewayGeneration'], ['vpnClientConfiguration', 'vpnClientProtocols', '*']]) {
      const ref = gateway && typeAt(gatewayTypeModel, gateway.body, ['properties', ...path]);
      expect(ref && isOpenEnum(gatewayTypeModel, ref), path.join('.')).toBe(true);
    }
  });

  it('carries the flags and bounds the rules rely on', () => {
    const connection = object(gatewayTypeModel, 'VirtualNetworkGatewayConnectionPropertiesFormat').properties;
    expect(connection.connectionType.flags & ObjectTypePropertyFlags.Required).toBeTruthy();
    expect(connection.virtualNetworkGateway1.flags & ObjectTypePropertyFlags.Required).toBeTruthy();
    expect(connection.sharedKey.flags).toBe(ObjectTypePropertyFlags.None);
    expect(gatewayTypeModel[connection.sharedKey.type.index]).toMatchObject({ type: 'StringType', sensitive: true });
    expect(gatewayTypeModel[connection.ipsecPolicies.type.index]).toMatchObject({ type: 'ArrayType', maxLength: 1 });
    expect(gatewayTypeModel[connection.dpdTimeoutSeconds.type.index]).toMatchObject({ minValue: 9, maxValue: 3600 });
    const bgp = object(gatewayTypeModel, 'BgpSettings').properties;
    expect(gatewayTypeModel[bgp.asn.type.index]).toMatchObject({ minValue: 0, maxValue: 4294967295 });
    const gateway = object(gatewayTypeModel, 'VirtualNetworkGatewayPropertiesFormat').properties;
    expect(gatewayTypeModel[gateway.natRules.type.index]).toMatchObject({ type: 'ArrayType', maxLength: 500 });
    const body = object(gatewayTypeModel, RESOURCE_TYPES.virtualNetworkGateways).properties;
    expect(body.properties.flags).toBe(ObjectTypePropertyFlags.Required);
    expect(body.zones).toBeUndefined();
    expect(object(gatewayTypeModel, RESOURCE_TYPES.publicIPAddresses).properties.zones).toBeDefined();
  });

  it('shares the subnet properties between inline subnets and the child resource', () => {
    const vnet = findResourceType(gatewayTypeModel, RESOURCE_TYPES.virtualNetworks);
    const subnet = findResourceType(gatewayTypeModel, RESOURCE_TYPES.subnets);
    const inline = vnet && typeAt(gatewayTypeModel, vnet.body, ['properties', 'subnets', '*', 'properties']);
    const child = subnet && typeAt(gatewayTypeModel, subnet.body, ['properties']);
    expect(inline?.index).toBeDefined();
    expect(inline?.index).toBe(child?.index);
    expect(Object.keys(object(gatewayTypeModel, 'SubnetPropertiesFormat').properties)).toEqual(
      expect.arrayContaining(['addressPrefix', 'addressPrefixes', 'networkSecurityGroup', 'routeTable', 'natGateway', 'delegations']),
    );
  });
});

describe('type-model readers', () => {
  it('find resource types by type name in any casing and ignore the API version', () => {
    expect(findResourceType(gatewayTypeModel, 'microsoft.network/CONNECTIONS')?.name).toBe(
      `Microsoft.Network/connections@${GATEWAY_TYPES_API_VERSION}`,
    );
    expect(findResourceType(gatewayTypeModel, 'Microsoft.Network/routeTables')).toBeUndefined();
  });

  it('return undefined for a missing path and throw for a missing enum', () => {
    const gateway = findResourceType(gatewayTypeModel, RESOURCE_TYPES.virtualNetworkGateways);
    expect(gateway && typeAt(gatewayTypeModel, gateway.body, ['properties', 'nope'])).toBeUndefined();
    expect(gateway && typeAt(gatewayTypeModel, gateway.body, ['properties', 'sku', '*'])).toBeUndefined();
    expect(() => resourceEnum(gatewayTypeModel, RESOURCE_TYPES.virtualNetworkGateways, ['properties', 'nope'])).toThrow();
    expect(() => objectEnum(gatewayTypeModel, 'NoSuchObject', 'name')).toThrow();
  });

  it('are what the query API returns', () => {
    expect(resourceEnum(gatewayTypeModel, RESOURCE_TYPES.virtualNetworkGateways, ['properties', 'vpnType'])).toEqual(
      knowledge.vpnTypes(),
    );
    expect(
      resourceEnum(gatewayTypeModel, RESOURCE_TYPES.virtualNetworkGateways, [
        'properties',
        'vpnClientConfiguration',
        'vpnClientProtocols',
        '*',
      ]),
    ).toEqual(knowledge.p2sProtocols());
  });
});
