/**
 * CIDR rules Azure enforces on virtual network address spaces and subnets (gateway-facts.md §6, §9).
 * A prefix is a prefix length: `/29` is 29.
 */

/** The smallest IPv4 subnet Azure creates: /29 (three usable addresses after the five Azure reserves). [VNETFAQ] */
export const IPV4_SUBNET_SMALLEST_PREFIX = 29;

/** The largest IPv4 subnet Azure creates: /2 ("/8" in older versions of the FAQ). [VNETFAQ] */
export const IPV4_SUBNET_LARGEST_PREFIX = 2;

/**
 * IPv6 subnets must be exactly /64. [VNETFAQ] CONFLICT (§1.2, §10.4): the ExpressRoute gateway page asks
 * for "an IPv6 range of /64 or larger" on GatewaySubnet [ERGW-2025]; the stricter reading, exactly /64, is
 * the one kept here.
 */
export const IPV6_SUBNET_PREFIX = 64;

/** The error codes Azure Resource Manager returns for address problems, for messages (§9). */
export const ADDRESS_ERROR_CODES = {
  /** A subnet outside the VNet's address space. [DOCS123869] */
  outsideVnet: 'NetcfgSubnetRangeOutsideVnet',
  /** Two subnets of one VNet overlap. [DOCS123869] [VNETFAQ] */
  overlap: 'NetcfgSubnetRangesOverlap',
  /** Host bits set ("For the given prefix length, the address prefix should be …"); third-party provenance. */
  hostBits: 'InvalidCIDRNotation',
  /** Not CIDR notation at all. [ASO997] */
  format: 'InvalidAddressPrefixFormat',
} as const;

/** IPv4 link-local addresses, APIPA: Azure's BGP addresses on a gateway come from it, and no address space may hold it. */
export const LINK_LOCAL_PREFIX = '169.254.0.0/16';

/**
 * Ranges a VNet's address space can't include: "224.0.0.0/4 (multicast), 255.255.255.255/32 (broadcast),
 * 127.0.0.0/8 (loopback), 169.254.0.0/16 (link-local), 168.63.129.16/32 (internal DNS)" (§6 [VNETFAQ]).
 */
export const VNET_EXCLUDED_RANGES: readonly { prefix: string; what: string }[] = [
  { prefix: '224.0.0.0/4', what: 'the multicast range' },
  { prefix: '255.255.255.255/32', what: 'the broadcast address' },
  { prefix: '127.0.0.0/8', what: 'the loopback range' },
  { prefix: LINK_LOCAL_PREFIX, what: 'the link-local range' },
  { prefix: '168.63.129.16/32', what: "Azure's platform address" },
];
