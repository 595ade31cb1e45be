/**
 * BGP autonomous system numbers (gateway-facts.md §2.7, §4). `bgpSettings.asn` is a 32-bit integer
 * (0-4294967295) [BTA]; Azure VPN Gateway accepts 4-byte ASNs [VPNFAQ-2026], although older FAQs and
 * Route Server accept 16-bit ones only [BGPFAQ-2019] [RSFAQ-2022] (§10.5): see `isFourByteAsn`.
 */

export type AsnRange = readonly [first: number, last: number];

export const MAX_ASN = 4294967295;

/** The ASN every Azure VPN gateway (and Route Server) uses by default. [VPNFAQ-2026] */
export const AZURE_DEFAULT_ASN = 65515;

/**
 * The ASN of a Virtual WAN hub's VPN gateway, fixed at 65515. A local network gateway that stands for a
 * vWAN hub gateway carries it: Azure lifts the reserved-ASN check when the local network gateway's address
 * is a vWAN gateway's public IP, and rejects 65515 for any other address; the VNet gateway on the other
 * end must then not use 65515 (§2.7, §4; azure-docs `articles/virtual-wan/connect-virtual-network-gateway-vwan.md`).
 */
export const VIRTUAL_WAN_HUB_ASN = 65515;

/** Reserved by Azure for internal and external peerings. [VPNFAQ-2026] [RSFAQ-2022] */
export const AZURE_RESERVED_PUBLIC_ASNS: readonly number[] = [8074, 8075, 12076];
export const AZURE_RESERVED_PRIVATE_ASNS: readonly number[] = [65515, 65517, 65518, 65519, 65520];

/**
 * Reserved by IANA [VPNFAQ-2026]. The FAQ lists "429496729", read as a typo for 4294967295, the last
 * 32-bit ASN (§10.6).
 */
export const IANA_RESERVED_ASN_RANGES: readonly AsnRange[] = [
  [23456, 23456],
  [64496, 64511],
  [65535, 65551],
  [MAX_ASN, MAX_ASN],
];

/** Private ASNs free for use with Azure. [VPNFAQ-2026] */
export const USABLE_PRIVATE_ASN_RANGES: readonly AsnRange[] = [
  [64512, 65514],
  [65521, 65534],
];

/** Whose ASN is checked: the Azure gateway may keep the default 65515, an on-premises device may not. */
export type AsnOwner = 'gateway' | 'on-premises';

const inRange = (asn: number, [first, last]: AsnRange): boolean => asn >= first && asn <= last;

/** Why `asn` cannot be used, or undefined when it can. */
export function asnProblem(asn: number, owner: AsnOwner = 'on-premises'): string | undefined {
  if (!Number.isInteger(asn) || asn < 0 || asn > MAX_ASN) {
    return `ASN ${asn} is not a 32-bit AS number (an integer from 1 to ${MAX_ASN - 1})`;
  }
  if (asn === 0) return 'ASN 0 is invalid'; // [XPLAT3413] "cannot have an ASN of zero"
  if (AZURE_RESERVED_PUBLIC_ASNS.includes(asn)) return `ASN ${asn} is a public ASN reserved by Azure`;
  if (AZURE_RESERVED_PRIVATE_ASNS.includes(asn) && !(owner === 'gateway' && asn === AZURE_DEFAULT_ASN)) {
    return `ASN ${asn} is a private ASN reserved by Azure`;
  }
  if (IANA_RESERVED_ASN_RANGES.some((range) => inRange(asn, range))) return `ASN ${asn} is reserved by IANA`;
  return undefined;
}

/** True for ASNs above 65535, which need 4-byte ASN support (not Route Server, §10.5). */
export function isFourByteAsn(asn: number): boolean {
  return asn > 65535;
}

/** The addresses Azure accepts as a VPN gateway's custom APIPA BGP addresses. [BGPHOWTO] */
export const APIPA_BGP_RANGE = { first: '169.254.21.0', last: '169.254.22.255' } as const;
