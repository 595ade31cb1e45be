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

// The enum values are the frozen lists of gateway-types.ts; the knowledge tests check that the type model
// gives each of them back, in the same order.

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
export const gatewayTypes = (): readonly GatewayType[] => GATEWAY_TYPES;
/** Case-insensitive. */
export const isKnownGatewayType = (value: string): boolean => canonicalValue(GATEWAY_TYPES, value) !== undefined;
/** `PolicyBased`, `RouteBased`. */
export const vpnTypes = (): readonly VpnType[] => VPN_TYPES;
/** `None`, `Generation1`, `Generation2`. */
export const generations = (): readonly VpnGatewayGeneration[] => VPN_GATEWAY_GENERATIONS;
/** Every `sku.name` literal of virtualNetworkGateways, both families, each once. */
export const gatewaySkus = (): readonly GatewaySku[] => GATEWAY_SKUS;
/** The `VpnGatewaySku` family: Basic, legacy Standard/HighPerformance, VpnGw1-5, VpnGw1AZ-5AZ. */
export const vpnSkus = (): readonly VpnSku[] => VPN_SKUS;
/** The `ExpressRouteGatewaySku` family: Standard, HighPerformance, UltraPerformance, ErGw1AZ-3AZ, ErGwScale. */
export const expressRouteSkus = (): readonly ExpressRouteSku[] => EXPRESS_ROUTE_SKUS;
/** The SKU literals of one family. */
export const familySkus = (family: GatewayFamily): readonly GatewaySku[] =>
  family === 'Vpn' ? VPN_SKUS : EXPRESS_ROUTE_SKUS;
/** `IPsec`, `Vnet2Vnet`, `ExpressRoute`, `VPNClient`. */
export const connectionTypes = (): readonly ConnectionType[] => CONNECTION_TYPES;
/** `IKEv2`, `IKEv1`. */
export const connectionProtocols = (): readonly ConnectionProtocol[] => CONNECTION_PROTOCOLS;
/** `vpnClientProtocols` items: `IkeV2`, `SSTP`, `OpenVPN`. */
export const p2sProtocols = (): readonly P2sProtocol[] => P2S_PROTOCOLS;
/** `vpnAuthenticationTypes` items: `Certificate`, `Radius`, `AAD`. */
export const p2sAuthTypes = (): readonly P2sAuthType[] => P2S_AUTH_TYPES;
/** Public IP `sku.name`: `Basic`, `Standard`, `StandardV2`. */
export const publicIpSkuNames = (): readonly PublicIpSkuName[] => PUBLIC_IP_SKU_NAMES;
/** Public IP `sku.tier`: `Regional`, `Global`. */
export const publicIpSkuTiers = (): readonly PublicIpSkuTier[] => PUBLIC_IP_SKU_TIERS;
/** `publicIPAllocationMethod` / `privateIPAllocationMethod`: `Static`, `Dynamic`. */
export const ipAllocationMethods = (): readonly IpAllocationMethod[] => IP_ALLOCATION_METHODS;
