import { canonicalValue, connectionTypes } from './enums.js';
import { RESOURCE_TYPES } from './gateway-types.js';
import type { ConnectionType, GatewayFamily } from './gateway-types.js';

/**
 * What each `connectionType` of `Microsoft.Network/connections` needs at its two ends (gateway-facts §3).
 * The API schema does not encode these; they come from the documented cmdlet usage.
 */

/** The connection property that names the far end. */
export type ConnectionPeerProperty = 'localNetworkGateway2' | 'virtualNetworkGateway2' | 'peer';

export interface ConnectionRequirement {
  /** The `gatewayType` of `virtualNetworkGateway1`. */
  gateway1Type: GatewayFamily;
  /** The property that must name the far end. */
  peerProperty: ConnectionPeerProperty;
  /** The resource type the far end must be. */
  peerType: string;
  /** How messages name the far end. */
  peerDescription: string;
  /** Both gateways must be `RouteBased` (a route-based gateway cannot connect to a policy-based Azure gateway). */
  routeBased: boolean;
}

const REQUIREMENTS: Readonly<Partial<Record<ConnectionType, ConnectionRequirement>>> = {
  /** §3 IPsec (site-to-site): a VPN gateway and a local network gateway. [VPNSET-2024] */
  IPsec: {
    gateway1Type: 'Vpn',
    peerProperty: 'localNetworkGateway2',
    peerType: RESOURCE_TYPES.localNetworkGateways,
    peerDescription: 'a local network gateway',
    routeBased: false,
  },
  /** §3 Vnet2Vnet: two VPN gateways, both route-based. [V2VPS] [VPNFAQ-2026] (§2.3) */
  Vnet2Vnet: {
    gateway1Type: 'Vpn',
    peerProperty: 'virtualNetworkGateway2',
    peerType: RESOURCE_TYPES.virtualNetworkGateways,
    peerDescription: 'a second VPN gateway',
    routeBased: true,
  },
  /** §3 ExpressRoute: an ExpressRoute gateway and the circuit as `peer`. [COEX] [ERLINK] */
  ExpressRoute: {
    gateway1Type: 'ExpressRoute',
    peerProperty: 'peer',
    peerType: 'Microsoft.Network/expressRouteCircuits',
    peerDescription: 'an ExpressRoute circuit',
    routeBased: false,
  },
  // VPNClient: a documented value with no known ARM usage (§3, [UNCERTAIN]); nothing is required of it.
};

/** The requirements of a connection type (case-insensitive); undefined for VPNClient and unknown types. */
export function connectionRequirement(connectionType: string): ConnectionRequirement | undefined {
  const canonical = canonicalValue(connectionTypes(), connectionType);
  return canonical === undefined ? undefined : REQUIREMENTS[canonical];
}

/**
 * A pre-shared key "MUST only contain printable ASCII characters except space, hyphen (-) or tilde (~)"
 * (§3 sharedKey [VPNFAQ-2026]): any other character in the known text of a key.
 */
const REJECTED_KEY_CHARACTER = /[^\x21-\x7e]|[-~]/;

/** Whether text of a shared key holds a character Azure rejects. */
export function hasRejectedKeyCharacter(keyText: string): boolean {
  return REJECTED_KEY_CHARACTER.test(keyText);
}
