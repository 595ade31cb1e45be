import { defineRule } from '../src/engine/rule.js';
import type { Finding, RuleContext } from '../src/engine/rule.js';
import { GATEWAY_SUBNET, gatewaySubnetMinimumPrefix, nearMissOf } from '../src/knowledge/gateway.js';
import type { GatewayDescription } from '../src/knowledge/gateway.js';
import { capitalize, gatewaysOf } from '../src/model/gateway.js';
import type { Located } from '../src/model/locate.js';
import type { Subnet } from '../src/model/network.js';
import type { Gateway } from '../src/model/gateway.js';
import { basename } from '../src/model/paths.js';
import { GATEWAY, VNET, SUBNET } from '../src/model/network.js';

/** Azure's smallest subnet for any gateway (and its smallest IPv4 subnet at all). */
const ABSOLUTE_MINIMUM = 29;

export default defineRule({
  meta: {
    id: 'gateway-subnet-size',
    summary: 'GatewaySubnet must be large enough for its gateways: /27 or larger for almost every gateway.',
    description:
      'ExpressRoute gateways, VPN gateways other than Basic, and VPN and ExpressRoute gateways coexisting need a GatewaySubnet of /27 or larger; ErGwScale needs /26; a Basic VPN gateway works in /29 but /27 is recommended; nothing below /29 is allowed. Sources disagree for non-Basic gateways ("/27 required" against "/29 possible, /27 recommended"): the rule takes the stricter reading as an error, and warns below /27 when the gateway is unknown or Basic. Every IPv4 prefix in addressPrefixes is checked; the subnet is large enough when one of them is.',
    level: 'error',
    levels: ['error', 'warning'],
    category: 'gateway-subnet',
    types: [GATEWAY, VNET, SUBNET],
    readsGatewaySettings: true,
  },
  check(context) {
    const usersBySubnet = new Map<Subnet, GatewayUser[]>();
    for (const g of gatewaysOf(context.network))
      for (const subnet of g.subnets(context.network)) {
        const users = usersBySubnet.get(subnet) ?? [];
        users.push({ gatewayType: g.text('gatewayType'), sku: g.text('sku', 'name'), gateway: g });
        usersBySubnet.set(subnet, users);
      }
    for (const subnet of context.network.subnets) {
      if (typeof subnet.name !== 'string') continue;
      const match = nearMissOf(subnet.name, GATEWAY_SUBNET);
      if (match !== 'exact' && match !== 'case') continue;
      checkSubnet(context, subnet, usersBySubnet.get(subnet) ?? []);
    }
  },
});

interface GatewayUser extends GatewayDescription {
  gateway: Gateway;
}

/** Gateways declared in another file than the subnet (a sibling template, a module): named, with their line. */
function usersElsewhere(subnet: Subnet, users: GatewayUser[]): Finding['related'] {
  const file = subnet.resource.decl.span.file;
  return users
    .filter((u) => u.gateway.resource.decl.span.file !== file)
    .map((u) => ({ span: u.gateway.resource.decl.span, message: `${capitalize(u.gateway.named())} in ${basename(u.gateway.resource.decl.span.file.path)} uses this subnet.` }));
}

function checkSubnet(context: RuleContext, subnet: Subnet, users: GatewayUser[]): void {
  // The IPv4 prefix with the shortest length (the first of equals), read in one indexed pass: asked of every GatewaySubnet.
  let largest: { located: Located; length: number } | undefined;
  const prefixes = subnet.prefixes();
  for (let i = 0; i < prefixes.length; i++) {
    const located = prefixes[i];
    const length = ipv4PrefixLength(located);
    if (length === undefined) continue;
    if (length > ABSOLUTE_MINIMUM)
      context.report({ at: located, message: `GatewaySubnet prefix /${length} is smaller than /29, the smallest any gateway can use.`, hint: 'Use /27 or larger.' });
    if (!largest || length < largest.length) largest = { located, length };
  }
  if (!largest || largest.length > ABSOLUTE_MINIMUM) return;
  const need = gatewaySubnetMinimumPrefix(users);
  // Where an evaluation limit cut the model short, a gateway may be among what was not followed.
  const whose = users.length || context.model.budget.hits.length ? '' : ' No gateway in these files uses this subnet yet.';
  if (largest.length > need.required)
    context.report({ at: largest.located, message: `GatewaySubnet is /${largest.length}, but ${need.strictReason}.`, hint: `Resize it to /${need.required} or larger before the gateway is deployed.`, related: usersElsewhere(subnet, users) });
  else if (largest.length > need.recommended)
    context.report({
      at: largest.located,
      level: 'warning',
      message: `GatewaySubnet is /${largest.length}; Microsoft recommends /${need.recommended} or larger.${whose}`,
    });
}

const IPV4_CIDR = /^\d{1,3}(?:\.\d{1,3}){3}\/(\d{1,2})$/;

/** The prefix length of an IPv4 CIDR value; undefined for IPv6, unknown or malformed values (subnet-cidr reports those). */
function ipv4PrefixLength(located: Located): number | undefined {
  const m = typeof located.value === 'string' ? IPV4_CIDR.exec(located.value) : null;
  const length = m ? Number(m[1]) : NaN;
  return length >= 0 && length <= 32 ? length : undefined;
}
