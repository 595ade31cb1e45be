import { gatewayTypeModel, RESOURCE_TYPES, SKU_FAMILY_OBJECT } from './gateway-types.js';
import type {
  ConnectionProtocol,
  ConnectionType,
  ExpressRouteSku,
  GatewayFamily,
  GatewaySku,
  GatewayType,
  IpAllocationMethod,
  P2sAuthType,
  P2sProtocol,
  PublicIpSkuName,
  PublicIpSkuTier,
  VpnGatewayGeneration,
  VpnSku,
  VpnType,
} from './gateway-types.js';
import { objectEnum, resourceEnum } from './type-model.js';

/*
 * Enum values, read from the type model once at load. The casts are checked by the knowledge tests,
 * which compare every list with the literal types the model was built from.
 */

function fromResource<T extends string>(resourceType: string, ...path: string[]): readonly T[] {
  return Object.freeze(resourceEnum(gatewayTypeModel, resourceType, path) as T[]);
}

function fromObject<T extends string>(objectName: string, property: string): readonly T[] {
  return Object.freeze(objectEnum(gatewayTypeModel, objectName, property) as T[]);
}

const GATEWAY = RESOURCE_TYPES.virtualNetworkGateways;
const CONNECTION = RESOURCE_TYPES.connections;
const PUBLIC_IP = RESOURCE_TYPES.publicIPAddresses;

const values = {
  gatewayType: fromResource<GatewayType>(GATEWAY, 'properties', 'gatewayType'),
  vpnType: fromResource<VpnType>(GATEWAY, 'properties', 'vpnType'),
  generation: fromResource<VpnGatewayGeneration>(GATEWAY, 'properties', 'vpnGatewayGeneration'),
  sku: fromResource<GatewaySku>(GATEWAY, 'properties', 'sku', 'name'),
  vpnSku: fromObject<VpnSku>(SKU_FAMILY_OBJECT.Vpn, 'name'),
  expressRouteSku: fromObject<ExpressRouteSku>(SKU_FAMILY_OBJECT.ExpressRoute, 'name'),
  p2sProtocol: fromResource<P2sProtocol>(GATEWAY, 'properties', 'vpnClientConfiguration', 'vpnClientProtocols', '*'),
  p2sAuthType: fromResource<P2sAuthType>(GATEWAY, 'properties', 'vpnClientConfiguration', 'vpnAuthenticationTypes', '*'),
  connectionType: fromResource<ConnectionType>(CONNECTION, 'properties', 'connectionType'),
  connectionProtocol: fromResource<ConnectionProtocol>(CONNECTION, 'properties', 'connectionProtocol'),
  publicIpSkuName: fromResource<PublicIpSkuName>(PUBLIC_IP, 'sku', 'name'),
  publicIpSkuTier: fromResource<PublicIpSkuTier>(PUBLIC_IP, 'sku', 'tier'),
  allocationMethod: fromResource<IpAllocationMethod>(PUBLIC_IP, 'properties', 'publicIPAllocationMethod'),
};

/**
 * The member of `allowed` equal to `value` ignoring case (Azure compares these names case-insensitively):
 * the first one written exactly so, else the first one equal in lower case.
 */
export function canonicalValue<T extends string>(allowed: readonly T[], value: string): T | undefined {
  // Rules ask for every gateway, and templates mostly write the names exactly: lower-casing allocates.
  // Each list is indexed once, two look-ups then answer (a loop over the list ran uncompiled at first).
  let index = indexes.get(allowed);
  if (!index) indexes.set(allowed, (index = indexOf(allowed)));
  return (index.exact.get(value) ?? index.lower.get(value.toLowerCase())) as T | undefined;
}

interface ListIndex {
  exact: Map<string, string>;
  lower: Map<string, string>;
}

/** Each list canonicalValue was asked about (the knowledge's lists, made once), indexed. */
const indexes = new WeakMap<readonly string[], ListIndex>();

function indexOf(allowed: readonly string[]): ListIndex {
  const index: ListIndex = { exact: new Map(), lower: new Map() };
  for (const name of allowed) {
    if (!index.exact.has(name)) index.exact.set(name, name);
    const lower = name.toLowerCase();
    if (!index.lower.has(lower)) index.lower.set(lower, name);
  }
  return index;
}

/** `Vpn`, `ExpressRoute`, `LocalGateway`. [VPNSET-2024] [BTA] */
export const gatewayTypes = (): readonly GatewayType[] => values.gatewayType;
/** Case-insensitive. */
export const isKnownGatewayType = (value: string): boolean => canonicalValue(values.gatewayType, value) !== undefined;
/** `PolicyBased`, `RouteBased`. */
export const vpnTypes = (): readonly VpnType[] => values.vpnType;
/** `None`, `Generation1`, `Generation2`. */
export const generations = (): readonly VpnGatewayGeneration[] => values.generation;
/** Every `sku.name` literal of virtualNetworkGateways, both families, each once. */
export const gatewaySkus = (): readonly GatewaySku[] => values.sku;
/** The `VpnGatewaySku` family: Basic, legacy Standard/HighPerformance, VpnGw1-5, VpnGw1AZ-5AZ. */
export const vpnSkus = (): readonly VpnSku[] => values.vpnSku;
/** The `ExpressRouteGatewaySku` family: Standard, HighPerformance, UltraPerformance, ErGw1AZ-3AZ, ErGwScale. */
export const expressRouteSkus = (): readonly ExpressRouteSku[] => values.expressRouteSku;
/** The SKU literals of one family. */
export const familySkus = (family: GatewayFamily): readonly GatewaySku[] =>
  family === 'Vpn' ? values.vpnSku : values.expressRouteSku;
/** `IPsec`, `Vnet2Vnet`, `ExpressRoute`, `VPNClient`. */
export const connectionTypes = (): readonly ConnectionType[] => values.connectionType;
/** `IKEv2`, `IKEv1`. */
export const connectionProtocols = (): readonly ConnectionProtocol[] => values.connectionProtocol;
/** `vpnClientProtocols` items: `IkeV2`, `SSTP`, `OpenVPN`. */
export const p2sProtocols = (): readonly P2sProtocol[] => values.p2sProtocol;
/** `vpnAuthenticationTypes` items: `Certificate`, `Radius`, `AAD`. */
export const p2sAuthTypes = (): readonly P2sAuthType[] => values.p2sAuthType;
/** Public IP `sku.name`: `Basic`, `Standard`, `StandardV2`. */
export const publicIpSkuNames = (): readonly PublicIpSkuName[] => values.publicIpSkuName;
/** Public IP `sku.tier`: `Regional`, `Global`. */
export const publicIpSkuTiers = (): readonly PublicIpSkuTier[] => values.publicIpSkuTier;
/** `publicIPAllocationMethod` / `privateIPAllocationMethod`: `Static`, `Dynamic`. */
export const ipAllocationMethods = (): readonly IpAllocationMethod[] => values.allocationMethod;
