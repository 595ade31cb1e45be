/**
 * What must not be attached to GatewaySubnet (gateway-facts.md §1.4).
 *
 * `enforced` says how firm the sources are: `rule` when Azure blocks the configuration or Microsoft says the
 * gateway stops working, `conflict` when sources range from "avoid" to "blocked", `uncertain` when no
 * Microsoft statement was found and the fact is inferred.
 */

export interface AttachmentFact {
  enforced: 'rule' | 'conflict' | 'uncertain';
  /** What Azure does, as a short clause for messages (the sources' words are in the comments and the docs). */
  effect: string;
  sources: readonly string[];
}

export const GATEWAY_SUBNET_ATTACHMENTS = {
  /**
   * "avoid associating a network security group … may cause your virtual network gateway … to stop
   * functioning" [NONSG] vs "NSGs on the GatewaySubnet are not supported. Gateways with this configuration
   * are blocked from being created." [GWUDR] [ERLEARN-NSG] (§10.3).
   */
  networkSecurityGroup: {
    enforced: 'conflict',
    effect: 'Azure blocks new gateways there, and an NSG can stop a gateway from working',
    sources: ['GWUDR', 'ERLEARN-NSG', 'NONSG'],
  },
  /** "User-defined routes with a 0.0.0.0/0 destination … on the GatewaySubnet are not supported … blocked from being created." [GWUDR] */
  defaultRoute: {
    enforced: 'rule',
    effect: 'Azure blocks new gateways with such a route',
    sources: ['GWUDR'],
  },
  /** BGP route propagation must be enabled on GatewaySubnet; if disabled, "the gateway won't function". [GWUDR] */
  bgpPropagationDisabled: {
    enforced: 'rule',
    effect: "the gateway won't function without it",
    sources: ['GWUDR'],
  },
  /** "A NAT gateway can't be deployed in a gateway subnet." [NATOV] */
  natGateway: {
    enforced: 'rule',
    effect: "a NAT gateway can't be deployed in a gateway subnet",
    sources: ['NATOV'],
  },
  /** No explicit statement; inferred from "never deploy anything else to the gateway subnet" (§10.13). */
  delegations: {
    enforced: 'uncertain',
    effect: 'nothing but the gateway belongs in GatewaySubnet',
    sources: ['VPNSET-2024', 'VPNFAQ-2026', 'ERGW-2025'],
  },
} as const satisfies Record<string, AttachmentFact>;

/** The route destinations that must not be on GatewaySubnet (§1.4 [GWUDR]). */
export const GATEWAY_SUBNET_FORBIDDEN_ROUTE_PREFIXES: readonly string[] = ['0.0.0.0/0'];
