/**
 * NAT on VPN gateways. Sources: learn.microsoft.com/azure/vpn-gateway/nat-overview (ms.date 12/02/2021),
 * its FAQ include vpn-gateway-faq-nat-include (01/23/2024), vpn-gateway-nat-limitations (05/11/2022), and
 * the VPN Gateway FAQ (06/04/2026). Which SKUs have NAT is in `vpnSkuFacts(sku).natRules`.
 */

/** NAT rules per VPN gateway: the current FAQ says 500 (the NAT page's FAQ include, 2024, said 100). */
export const MAX_NAT_RULES = 500;

/** "The maximum supported external mapping subnet size for Dynamic NAT is /26." */
export const DYNAMIC_NAT_LARGEST_EXTERNAL_PREFIX = 26;

/** NAT works on IPsec cross-premises connections only: not VNet-to-VNet, not point-to-site. */
export const NAT_CONNECTION_TYPES: readonly string[] = ['IPsec'];

/** The connection properties that list NAT rules, with the rule mode each takes. */
export const NAT_RULE_LISTS = { ingressNatRules: 'IngressSnat', egressNatRules: 'EgressSnat' } as const;
