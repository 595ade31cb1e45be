/**
 * The resource types, SKU families and enum values gwlint knows: the lists the gateway type model
 * (`test/support/gateway-type-model.ts`, committed as `gateway-types.json`) is built from, frozen. Callers read
 * the enum values through `./gateway.js`; the knowledge tests check that the model holds exactly these lists.
 * The model is built by the tests only, so that a lint run does not load @azure/bicep-types and build it
 * at every start (about 11 M instructions).
 */

/** The API version whose enums the model mirrors (identical in 2023-09-01 and 2024-05-01). [BTA] */
export const GATEWAY_TYPES_API_VERSION = '2025-09-01';

export const RESOURCE_TYPES = {
  virtualNetworkGateways: 'Microsoft.Network/virtualNetworkGateways',
  connections: 'Microsoft.Network/connections',
  localNetworkGateways: 'Microsoft.Network/localNetworkGateways',
  publicIPAddresses: 'Microsoft.Network/publicIPAddresses',
  virtualNetworks: 'Microsoft.Network/virtualNetworks',
  subnets: 'Microsoft.Network/virtualNetworks/subnets',
} as const;

export const GATEWAY_TYPES = Object.freeze(['Vpn', 'ExpressRoute', 'LocalGateway'] as const);
export const VPN_TYPES = Object.freeze(['PolicyBased', 'RouteBased'] as const);
export const VPN_GATEWAY_GENERATIONS = Object.freeze(['None', 'Generation1', 'Generation2'] as const);
/** §2.2: Basic, the legacy Standard/HighPerformance, VpnGw1-5 and VpnGw1AZ-5AZ. [BTA] [VPNABOUT-2026] */
export const VPN_SKUS = Object.freeze([
  'Basic', 'Standard', 'HighPerformance',
  'VpnGw1', 'VpnGw2', 'VpnGw3', 'VpnGw4', 'VpnGw5',
  'VpnGw1AZ', 'VpnGw2AZ', 'VpnGw3AZ', 'VpnGw4AZ', 'VpnGw5AZ',
] as const);
/** §2.2: ErGwScale, the non-AZ Standard/HighPerformance/UltraPerformance and ErGw1AZ-3AZ. [ERGWSKU] [BTA] */
export const EXPRESS_ROUTE_SKUS = Object.freeze([
  'Standard', 'HighPerformance', 'UltraPerformance', 'ErGw1AZ', 'ErGw2AZ', 'ErGw3AZ', 'ErGwScale',
] as const);
export const CONNECTION_TYPES = Object.freeze(['IPsec', 'Vnet2Vnet', 'ExpressRoute', 'VPNClient'] as const);
export const CONNECTION_PROTOCOLS = Object.freeze(['IKEv2', 'IKEv1'] as const);
export const CONNECTION_MODES = Object.freeze(['Default', 'InitiatorOnly', 'ResponderOnly'] as const);
export const CONNECTION_AUTHENTICATION_TYPES = Object.freeze(['Certificate', 'PSK'] as const);
export const ADMIN_STATES = Object.freeze(['Enabled', 'Disabled'] as const);
export const RESILIENCY_MODELS = Object.freeze(['SingleHomed', 'MultiHomed'] as const);
export const P2S_PROTOCOLS = Object.freeze(['IkeV2', 'SSTP', 'OpenVPN'] as const);
export const P2S_AUTH_TYPES = Object.freeze(['Certificate', 'Radius', 'AAD'] as const);
export const IP_ALLOCATION_METHODS = Object.freeze(['Static', 'Dynamic'] as const);
export const NAT_RULE_TYPES = Object.freeze(['Static', 'Dynamic'] as const);
export const NAT_RULE_MODES = Object.freeze(['EgressSnat', 'IngressSnat'] as const);
export const PUBLIC_IP_SKU_NAMES = Object.freeze(['Basic', 'Standard', 'StandardV2'] as const);
export const PUBLIC_IP_SKU_TIERS = Object.freeze(['Regional', 'Global'] as const);

export type GatewayType = (typeof GATEWAY_TYPES)[number];
/** The gateway types that have SKUs; each names a SKU family. */
export type GatewayFamily = Extract<GatewayType, 'Vpn' | 'ExpressRoute'>;
export type VpnSku = (typeof VPN_SKUS)[number];
export type ExpressRouteSku = (typeof EXPRESS_ROUTE_SKUS)[number];
export type GatewaySku = VpnSku | ExpressRouteSku;
/** Every `sku.name` of virtualNetworkGateways, both families, each once. */
export const GATEWAY_SKUS: readonly GatewaySku[] = Object.freeze([...new Set<GatewaySku>([...VPN_SKUS, ...EXPRESS_ROUTE_SKUS])]);
export type VpnType = (typeof VPN_TYPES)[number];
export type VpnGatewayGeneration = (typeof VPN_GATEWAY_GENERATIONS)[number];
export type ConnectionType = (typeof CONNECTION_TYPES)[number];
export type ConnectionProtocol = (typeof CONNECTION_PROTOCOLS)[number];
export type P2sProtocol = (typeof P2S_PROTOCOLS)[number];
export type P2sAuthType = (typeof P2S_AUTH_TYPES)[number];
export type IpAllocationMethod = (typeof IP_ALLOCATION_METHODS)[number];
export type PublicIpSkuName = (typeof PUBLIC_IP_SKU_NAMES)[number];
export type PublicIpSkuTier = (typeof PUBLIC_IP_SKU_TIERS)[number];

/**
 * Names of the object types that hold each SKU family as a closed union of literals. The combined
 * `VirtualNetworkGatewaySku.name` union reuses the same literal types, so `Standard` and
 * `HighPerformance` are visibly members of both families.
 */
export const SKU_FAMILY_OBJECT: Readonly<Record<GatewayFamily, string>> = {
  Vpn: 'VpnGatewaySku',
  ExpressRoute: 'ExpressRouteGatewaySku',
};
