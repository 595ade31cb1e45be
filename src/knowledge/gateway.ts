/**
 * The gateway knowledge rules use. Enum values and SKU families are the lists of `gateway-types.ts`, which
 * the type model (`test/support/gateway-type-model.ts`) is built from; facts the model cannot express are
 * data tables in the modules re-exported here, each with its gateway-facts.md section and source keys.
 */

export {
  canonicalValue,
  connectionProtocols,
  connectionTypes,
  expressRouteSkus,
  familySkus,
  gatewaySkus,
  gatewayTypes,
  generations,
  ipAllocationMethods,
  isKnownGatewayType,
  p2sAuthTypes,
  p2sProtocols,
  publicIpSkuNames,
  publicIpSkuTiers,
  vpnSkus,
  vpnTypes,
} from './enums.js';
export { canonicalSku, ER_SCALE_UNITS, isAzSku, skuFamilies, skuFitsGatewayType } from './sku.js';
export { connectionRequirement, hasRejectedKeyCharacter } from './connection.js';
export { skuChangeCost } from './sku-change.js';
export type { SkuChangeCost } from './sku-change.js';
export type { ConnectionPeerProperty, ConnectionRequirement } from './connection.js';
export {
  connectionProtocolsFor,
  P2S_PRIVATE_IPV4_RANGES,
  p2sPoolMinimumPrefix,
  p2sProtocolsForAuthType,
  ROUTE_BASED_ONLY,
  vpnSkuFacts,
  vpnSkuGenerations,
} from './vpn-sku-facts.js';
export type { GatewayGeneration, VpnSkuFacts } from './vpn-sku-facts.js';
export { BASIC_PUBLIC_IP_RETIREMENT, formatMilestoneDate, milestoneTiming, SKU_RETIREMENTS, skuRetirement } from './sku-retirement.js';
export type { DatedFact, Milestone, MilestoneTiming, RetirementStatus, SkuRetirement } from './sku-retirement.js';
export { gatewaySubnetMinimumPrefix } from './gateway-subnet.js';
export type { GatewayDescription, SubnetRequirement } from './gateway-subnet.js';
export { GATEWAY_SUBNET, ROUTE_SERVER_SUBNET, hasSpecialSubnetPlacement, matchSpecialSubnet, SPECIAL_SUBNET_PLACEMENTS, SPECIAL_SUBNETS, specialSubnetPlacement } from './special-subnets.js';
export type { SpecialSubnet, SpecialSubnetPlacement } from './special-subnets.js';
export { GATEWAY_SUBNET_ATTACHMENTS, GATEWAY_SUBNET_FORBIDDEN_ROUTE_PREFIXES } from './gateway-subnet-attachments.js';
export type { AttachmentFact } from './gateway-subnet-attachments.js';
export { ADDRESS_ERROR_CODES, IPV4_SUBNET_LARGEST_PREFIX, IPV4_SUBNET_SMALLEST_PREFIX, IPV6_SUBNET_PREFIX, LINK_LOCAL_PREFIX, VNET_EXCLUDED_RANGES } from './address-space.js';
export { damerauLevenshtein, nearMissOf } from './near-miss.js';
export type { NameMatch } from './near-miss.js';
export {
  APIPA_BGP_RANGE,
  asnProblem,
  AZURE_DEFAULT_ASN,
  AZURE_RESERVED_PRIVATE_ASNS,
  AZURE_RESERVED_PUBLIC_ASNS,
  IANA_RESERVED_ASN_RANGES,
  isFourByteAsn,
  MAX_ASN,
  USABLE_PRIVATE_ASN_RANGES,
  VIRTUAL_WAN_HUB_ASN,
} from './asn.js';
export type { AsnOwner, AsnRange } from './asn.js';
export { GATEWAY_TYPES_API_VERSION, RESOURCE_TYPES } from './gateway-types.js';
export type {
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
export { apiVersionDate, PROPERTIES_SINCE } from './api-versions.js';
export type { PropertySince } from './api-versions.js';
