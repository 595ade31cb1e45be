import { canonicalValue, gatewayTypes } from './enums.js';
import type { GatewayFamily } from './gateway-types.js';
import { canonicalSku, skuFamilies } from './sku.js';

/**
 * GatewaySubnet size (gateway-facts.md §1.2). A prefix is a prefix length: the subnet is large enough
 * when its prefix length is at most `required`.
 *
 * The sources conflict for non-Basic VPN and ExpressRoute gateways: "/27 required" [VPNSET-2024]
 * [ERPORTAL] vs "as small as /29, /27 recommended" [VPNFAQ-2026] [ERGW-2025] (§10.1, [DOCS118851]).
 * `required` takes the stricter reading, /27, so a rule may report it as an error; only the Basic VPN
 * SKU, which every source allows at /29, keeps /29 with /27 recommended.
 */

export interface GatewayDescription {
  /** `properties.gatewayType`, any casing; undefined when not resolvable. */
  gatewayType?: string;
  /** `properties.sku.name`, any casing; undefined when not resolvable. */
  sku?: string;
  /** ExpressRoute circuits connected to the gateway, when known. */
  expressRouteCircuits?: number;
}

export interface SubnetRequirement {
  /** Longest acceptable prefix length. */
  required: number;
  /** Longest prefix length the sources recommend (never longer than `required`). */
  recommended: number;
  /** Why `required` has its value, for messages. */
  strictReason: string;
  sources: readonly string[];
}

const requirement = (required: number, recommended: number, strictReason: string, ...sources: string[]): SubnetRequirement => ({
  required,
  recommended,
  strictReason,
  sources,
});

const UNKNOWN = requirement(29, 27, 'the gateway SKU is not known; /29 is the smallest any gateway (Basic VPN) accepts', 'VPNSET-2024');
const NO_GATEWAY = requirement(29, 27, 'no gateway is known; /29 is the smallest any gateway (Basic VPN) accepts', 'VPNSET-2024');
const BASIC_VPN = requirement(29, 27, 'a Basic VPN gateway needs /29 or larger; /27 is recommended', 'VPNSET-2024', 'VPNFAQ-2026');
const VPN = requirement(27, 27, 'VPN gateways other than Basic require /27 or larger', 'VPNSET-2024');
const EXPRESS_ROUTE = requirement(27, 27, 'ExpressRoute gateways require /27 or larger', 'ERPORTAL', 'ERPS');
const ER_SCALE = requirement(26, 26, 'an ErGwScale gateway must be deployed in a /26 or larger subnet', 'ERSCALEHOWTO');
const ER_16_CIRCUITS = requirement(26, 26, 'an ExpressRoute gateway with 16 circuits requires /26 or larger', 'ERGW-2025', 'ERPORTAL', 'ERPS');
const COEXISTENCE = requirement(27, 27, 'coexisting ExpressRoute and VPN gateways require /27 or larger', 'COEX');

/** The gateway's family: from gatewayType, else from the SKU when it belongs to one family only. */
function familyOf(gateway: GatewayDescription): GatewayFamily | 'LocalGateway' | undefined {
  const type = gateway.gatewayType === undefined ? undefined : canonicalValue(gatewayTypes(), gateway.gatewayType);
  if (type !== undefined) return type;
  const families = gateway.sku === undefined ? [] : skuFamilies(gateway.sku);
  return families.length === 1 ? families[0] : undefined;
}

function requirementOf(gateway: GatewayDescription, family: GatewayFamily | undefined): SubnetRequirement {
  const sku = gateway.sku === undefined ? undefined : canonicalSku(gateway.sku);
  if (family === 'ExpressRoute') {
    if (sku === 'ErGwScale') return ER_SCALE;
    return (gateway.expressRouteCircuits ?? 0) >= 16 ? ER_16_CIRCUITS : EXPRESS_ROUTE;
  }
  if (sku === 'Basic') return BASIC_VPN;
  // A known non-Basic SKU is a VPN SKU, or Standard/HighPerformance of either family: /27 either way.
  return sku === undefined ? UNKNOWN : VPN;
}

/**
 * The GatewaySubnet size the gateways in one VNet need: ErGwScale or 16 circuits /26; ExpressRoute,
 * non-Basic VPN and ExpressRoute+VPN coexistence /27; a Basic VPN gateway alone /29 (recommended /27).
 * `LocalGateway` entries are ignored. With no gateway, or none with a known SKU, /29 (recommended /27).
 */
export function gatewaySubnetMinimumPrefix(gateways: readonly GatewayDescription[]): SubnetRequirement {
  // One indexed pass, without sets or closures: asked for every GatewaySubnet.
  let strictest: SubnetRequirement | undefined;
  let recommended = Infinity;
  let vpn = false;
  let expressRoute = false;
  for (let i = 0; i < gateways.length; i++) {
    const family = familyOf(gateways[i]);
    if (family === 'LocalGateway') continue;
    vpn ||= family === 'Vpn';
    expressRoute ||= family === 'ExpressRoute';
    const requirement = requirementOf(gateways[i], family);
    // The first of the strictest: a later one replaces it only when stricter.
    if (!strictest || requirement.required < strictest.required) strictest = requirement;
    recommended = Math.min(recommended, requirement.recommended);
  }
  if (!strictest) return NO_GATEWAY;
  // Coexistence comes before the gateways' own requirements, so it wins a tie.
  if (vpn && expressRoute) {
    if (COEXISTENCE.required <= strictest.required) strictest = COEXISTENCE;
    recommended = Math.min(recommended, COEXISTENCE.recommended);
  }
  return { ...strictest, recommended };
}
