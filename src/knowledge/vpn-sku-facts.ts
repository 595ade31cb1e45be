import { canonicalValue, p2sAuthTypes, p2sProtocols, vpnSkus } from './enums.js';
import type { ConnectionProtocol, P2sAuthType, P2sProtocol, VpnGatewayGeneration, VpnSku, VpnType } from './gateway-types.js';

/**
 * What each VPN SKU supports: facts the type model cannot express. They apply to gatewayType `Vpn`
 * only; `Standard` and `HighPerformance` here are the legacy VPN SKUs, not the ExpressRoute ones.
 * The table is keyed by the model's `VpnSku` literal type, so the compiler rejects a missing or
 * misspelt SKU.
 */

export type GatewayGeneration = Exclude<VpnGatewayGeneration, 'None'>;

export interface VpnSkuFacts {
  /** §2.4 [VPNABOUT-2026] [P2SCLASSICINC]; undefined for the legacy SKUs, which that table omits. */
  generations: readonly GatewayGeneration[] | undefined;
  /** §2.7: every VPN SKU except Basic. [VPNFAQ-2026] [CAF369] */
  bgp: boolean;
  /** §2.6: not Basic; of the legacy SKUs only HighPerformance. [AA] [LEGACYINC-2024] */
  activeActive: boolean;
  /** §2.3: `vpnType: PolicyBased` exists only on Basic. [VPNTYPE] [LEGACYINC-2023] */
  policyBased: boolean;
  /** §3: IKEv1 on a route-based gateway: not Basic, Standard or the other legacy SKUs. [VPNFAQ-2026] */
  ikev1RouteBased: boolean;
  /** §2.5: NAT rules on VpnGw2-5 and VpnGw2AZ-5AZ only. [VPNFAQ-2026] */
  natRules: boolean;
  /** §2.5: custom IPsec/IKE policy (and so usePolicyBasedTrafficSelectors) on every SKU except Basic. [VPNFAQ-2026] */
  customIpsecPolicy: boolean;
  /** §2.9: ExpressRoute/VPN coexistence is not supported on Basic. [COEX] */
  coexistence: boolean;
  /** §5: Basic offers SSTP only. [VPNABOUT-2026] [BASICLIM] */
  p2sProtocols: readonly P2sProtocol[];
  /** §5: Basic offers certificate authentication only (no RADIUS, no Entra ID). [VPNFAQ-2026] [BASICLIM] */
  p2sAuthTypes: readonly P2sAuthType[];
}

const GEN1: readonly GatewayGeneration[] = ['Generation1'];
const GEN1_AND_2: readonly GatewayGeneration[] = ['Generation1', 'Generation2'];
const GEN2: readonly GatewayGeneration[] = ['Generation2'];

const BASIC: VpnSkuFacts = {
  generations: GEN1,
  bgp: false,
  activeActive: false,
  policyBased: true,
  ikev1RouteBased: false,
  natRules: false,
  customIpsecPolicy: false,
  coexistence: false,
  p2sProtocols: ['SSTP'],
  p2sAuthTypes: ['Certificate'],
};

/** Facts shared by every non-Basic SKU. No source restricts P2S on the legacy SKUs, so nothing is flagged. */
const NON_BASIC: Omit<VpnSkuFacts, 'generations' | 'activeActive' | 'ikev1RouteBased' | 'natRules'> = {
  bgp: true,
  policyBased: false,
  customIpsecPolicy: true,
  coexistence: true,
  p2sProtocols: p2sProtocols(),
  p2sAuthTypes: p2sAuthTypes(),
};

function legacy(activeActive: boolean): VpnSkuFacts {
  return { ...NON_BASIC, generations: undefined, activeActive, ikev1RouteBased: false, natRules: false };
}

/** VpnGwN and VpnGwNAZ share their facts. */
function vpnGw(n: 1 | 2 | 3 | 4 | 5): VpnSkuFacts {
  const generations = n === 1 ? GEN1 : n <= 3 ? GEN1_AND_2 : GEN2;
  return { ...NON_BASIC, generations, activeActive: true, ikev1RouteBased: true, natRules: n >= 2 };
}

const VPN_SKU_FACTS: Readonly<Record<VpnSku, VpnSkuFacts>> = {
  Basic: BASIC,
  Standard: legacy(false),
  HighPerformance: legacy(true),
  VpnGw1: vpnGw(1),
  VpnGw2: vpnGw(2),
  VpnGw3: vpnGw(3),
  VpnGw4: vpnGw(4),
  VpnGw5: vpnGw(5),
  VpnGw1AZ: vpnGw(1),
  VpnGw2AZ: vpnGw(2),
  VpnGw3AZ: vpnGw(3),
  VpnGw4AZ: vpnGw(4),
  VpnGw5AZ: vpnGw(5),
};

/** The facts of a VPN SKU (case-insensitive); undefined for ExpressRoute-only and unknown SKUs. */
export function vpnSkuFacts(sku: string): Readonly<VpnSkuFacts> | undefined {
  const canonical = canonicalValue(vpnSkus(), sku);
  return canonical === undefined ? undefined : VPN_SKU_FACTS[canonical];
}

/** §2.4: the generations a VPN SKU may be deployed as; undefined when no source gives them. */
export function vpnSkuGenerations(sku: string): readonly GatewayGeneration[] | undefined {
  return vpnSkuFacts(sku)?.generations;
}

/**
 * The `connectionProtocol` values a connection on this gateway may use (§3): policy-based gateways are
 * IKEv1 only and route-based ones IKEv2, plus IKEv1 where the SKU allows it [VPNTYPE] [VPNFAQ-2026].
 * With `vpnType` unknown, the union over the VPN types the SKU supports. Undefined for unknown SKUs.
 */
export function connectionProtocolsFor(sku: string, vpnType?: VpnType): readonly ConnectionProtocol[] | undefined {
  const facts = vpnSkuFacts(sku);
  if (facts === undefined) return undefined;
  const routeBased: ConnectionProtocol[] = facts.ikev1RouteBased ? ['IKEv2', 'IKEv1'] : ['IKEv2'];
  if (vpnType === 'PolicyBased') return ['IKEv1'];
  if (vpnType === 'RouteBased' || !facts.policyBased) return routeBased;
  return [...new Set<ConnectionProtocol>([...routeBased, 'IKEv1'])];
}

/** §2.3: features that need `vpnType: RouteBased`. [VPNFAQ-2026] [P2SCERT] [COEX] [AA] */
export const ROUTE_BASED_ONLY = ['point-to-site', 'vnet-to-vnet', 'multi-site', 'coexistence', 'active-active', 'bgp'] as const;

/**
 * §5: the longest `vpnClientAddressPool` prefix: /29 active-standby, /28 active-active. [P2SCERT]
 * A pool prefix length above this is too small.
 */
export function p2sPoolMinimumPrefix(activeActive: boolean): number {
  return activeActive ? 28 : 29;
}

/**
 * §5: the client pool must be a private range [P2SCERT] [P2SRADIUS]: the RFC 1918 ranges, and RFC 6598
 * shared address space, which Azure counts as private (§6 [VNETFAQ]). IPv4 only; no source says which
 * IPv6 ranges a pool may use.
 */
export const P2S_PRIVATE_IPV4_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/**
 * §5: the P2S tunnel protocols an authentication type works with: Microsoft Entra ID (`AAD`) needs
 * OpenVPN [P2SCERT] [P2SENTRA]; RADIUS and certificates work with IKEv2, SSTP and OpenVPN [VPNFAQ-2026].
 * Undefined for unknown authentication types.
 */
export function p2sProtocolsForAuthType(authType: string): readonly P2sProtocol[] | undefined {
  const canonical = canonicalValue(p2sAuthTypes(), authType);
  if (canonical === undefined) return undefined;
  return canonical === 'AAD' ? ['OpenVPN'] : p2sProtocols();
}
