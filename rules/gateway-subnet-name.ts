import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { replaceStringLiteral } from '../src/engine/fixes.js';
import { GATEWAY_SUBNET, nearMissOf } from '../src/knowledge/gateway.js';
import { gatewaysOf } from '../src/model/gateway.js';
import type { Subnet } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'gateway-subnet-name',
    summary: "A gateway's subnet must be named exactly 'GatewaySubnet'.",
    description:
      "Azure deploys virtual network gateways only into a subnet named GatewaySubnet; with any other name the gateway deployment fails. Azure accepts other casing, but policies, scripts and tools compare the name exactly, so non-canonical casing is a warning, and so is a near-miss such as 'Gateway-Subnet' that no gateway uses yet.",
    level: 'error',
    category: 'gateway-subnet',
    fixable: true,
  },
  check(context) {
    const reported = new Set<Subnet>();
    for (const gateway of gatewaysOf(context.network)) {
      for (const config of gateway.ipConfigs) {
        const name = config.target?.subnetName;
        if (!name || nearMissOf(name, GATEWAY_SUBNET) === 'exact' || nearMissOf(name, GATEWAY_SUBNET) === 'case') continue;
        const subnet = context.network.subnetFor(config.target!);
        const misspelt = nearMissOf(name, GATEWAY_SUBNET) === 'near-miss' ? ` ('${name}' looks like a misspelling)` : '';
        const message = `Gateway ${gateway.label} is placed in subnet '${name}'${misspelt}, but a virtual network gateway must be deployed in a subnet named 'GatewaySubnet': Azure fails the gateway deployment otherwise. Rename the subnet to 'GatewaySubnet' (and its references).`;
        if (subnet) {
          reported.add(subnet);
          const at = subnet.nameLocated;
          context.report({ at, message, related: [{ span: config.subnetId.node.span, message: `Gateway ${gateway.label} refers to the subnet here.` }], fix: renameFix(subnet) });
        } else context.report({ at: config.subnetId, message });
      }
    }
    for (const subnet of context.network.subnets) if (!reported.has(subnet)) checkDeclaredName(context, subnet);
  },
});

function checkDeclaredName(context: RuleContext, subnet: Subnet): void {
  if (typeof subnet.name !== 'string') return;
  const match = nearMissOf(subnet.name, GATEWAY_SUBNET);
  if (match === 'case')
    context.report({
      at: subnet.nameLocated,
      level: 'warning',
      message: `Subnet '${subnet.name}' should be spelled 'GatewaySubnet'. Azure accepts any casing, but Azure Policy, scripts and other tools compare the name exactly and will not treat it as the gateway subnet.`,
      fix: renameFix(subnet),
    });
  else if (match === 'near-miss')
    context.report({
      at: subnet.nameLocated,
      level: 'warning',
      message: `Subnet '${subnet.name}' looks like a misspelling of 'GatewaySubnet'. A gateway placed in it would fail to deploy; if it is meant for a gateway, rename it to 'GatewaySubnet'.`,
      fix: renameFix(subnet),
    });
}

/** Renames the subnet where its name is a literal: `Gateway-Subnet`, or the last segment of `vnet/Gateway-Subnet`. */
function renameFix(subnet: Subnet) {
  const node = subnet.nameLocated.node;
  if (node.kind !== 'literal' || typeof node.value !== 'string' || typeof subnet.name !== 'string') return undefined;
  if (node.value !== subnet.name && !node.value.endsWith(`/${subnet.name}`)) return undefined;
  const renamed = node.value.slice(0, node.value.length - subnet.name.length) + GATEWAY_SUBNET;
  return replaceStringLiteral(node, renamed, "Rename the subnet to 'GatewaySubnet'");
}
