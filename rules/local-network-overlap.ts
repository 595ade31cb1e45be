import { defineRule } from '../src/engine/rule.js';
import { locatedRanges, rangesOverlap } from '../src/model/cidr.js';
import type { Connection } from '../src/model/connection.js';
import { connectionsOf, gatewayVnets, labelOf, CONNECTION } from '../src/model/connection.js';
import type { ModelResource } from '../src/model/resource.js';

export default defineRule({
  meta: {
    id: 'local-network-overlap',
    summary: "A local network gateway's address space must not overlap the virtual network it connects to.",
    description:
      "The prefixes in a local network gateway's localNetworkAddressSpace tell Azure which addresses to send through the tunnel. When one overlaps the address space of the virtual network whose gateway the connection uses, Azure keeps those addresses inside the virtual network and the on-premises hosts in the overlap are unreachable; overlapping address spaces are not supported. The connection is followed to virtualNetworkGateway1, its GatewaySubnet and that subnet's virtual network. Connections with NAT rules are skipped: NAT is the supported way to connect overlapping networks.",
    level: 'error',
    category: 'network',
    types: [CONNECTION],
    readsGatewaySettings: true,
  },
  check(context) {
    for (const c of connectionsOf(context.model)) {
      const lng = c.localGateway;
      const gateway = c.gateway('virtualNetworkGateway1');
      if (!lng || !gateway || usesNat(c)) continue;
      const local = locatedRanges(lng, ['properties', 'localNetworkAddressSpace', 'addressPrefixes']);
      if (!local.length) continue;
      for (const vnet of gatewayVnets(context.network, gateway)) {
        const space = locatedRanges(vnet, ['properties', 'addressSpace', 'addressPrefixes']);
        for (const l of local) {
          const hit = space.find((v) => rangesOverlap(l.range, v.range));
          if (!hit) continue;
          context.report({
            at: l.at,
            related: [{ span: hit.at.node.span, message: `Address space ${hit.range.text} of virtual network${named(vnet)}.` }],
            message: `Local network gateway${named(lng)} lists ${l.range.text}, which overlaps ${hit.range.text} of virtual network${named(vnet)}, connected through ${c.label}.`,
            hint: 'Make the ranges disjoint, or translate addresses with NAT rules.',
          });
        }
      }
    }
  },
});

/** ` 'name'` of a resource for messages (see resourceName). */
function named(resource: ModelResource): string {
  return ` ${labelOf(resource)}`;
}

/** NAT rules on the connection (known or not): overlap is then the point, and is not judged. */
function usesNat(c: Connection): boolean {
  return ['ingressNatRules', 'egressNatRules'].some((p) => {
    const v = c.prop(p).value;
    return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
  });
}
