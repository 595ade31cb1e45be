import {
  CONNECTION_PROTOCOLS,
  CONNECTION_TYPES,
  EXPRESS_ROUTE_SKUS,
  GATEWAY_SKUS,
  GATEWAY_TYPES,
  IP_ALLOCATION_METHODS,
  P2S_AUTH_TYPES,
  P2S_PROTOCOLS,
  PUBLIC_IP_SKU_NAMES,
  PUBLIC_IP_SKU_TIERS,
  VPN_GATEWAY_GENERATIONS,
  VPN_SKUS,
  VPN_TYPES,
} from './gateway-types.js';
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

/*
 * Enum values: the lists the type model is built from, frozen. The knowledge tests check that the model
 * gives each of them back, in the same order.
 */
const values = {
  gatewayType: Object.freeze(GATEWAY_TYPES),
  vpnType: Object.freeze(VPN_TYPES),
  generation: Object.freeze(VPN_GATEWAY_GENERATIONS),
  sku: Object.freeze(GATEWAY_SKUS),
  vpnSku: Object.freeze(VPN_SKUS),
  expressRouteSku: Object.freeze(EXPRESS_ROUTE_SKUS),
  p2sProtocol: Object.freeze(P2S_PROTOCOLS),
  p2sAuthType: Object.freeze(P2S_AUTH_TYPES),
  connectionType: Object.freeze(CONNECTION_TYPES),
  connectionProtocol: Object.freeze(CONNECTION_PROTOCOLS),
  publicIpSkuName: Object.freeze(PUBLIC_IP_SKU_NAMES),
  publicIpSkuTier: Object.freeze(PUBLIC_IP_SKU_TIERS),
  allocationMethod: Object.freeze(IP_ALLOCATION_METHODS),
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
