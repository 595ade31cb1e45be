import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { renameSubnetFix, siblingSubnets } from '../src/engine/fixes.js';
import { GATEWAY_SUBNET, nearMissOf } from '../src/knowledge/gateway.js';
import { gatewaysOf } from '../src/model/gateway.js';
import type { Network, Subnet } from '../src/model/network.js';
import { ID_NAME } from '../src/model/locate.js';
import { GATEWAY, VNET, SUBNET } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'gateway-subnet-name',
    summary: "A gateway's subnet must be named exactly 'GatewaySubnet'.",
    description:
      "Azure deploys virtual network gateways only into a subnet named GatewaySubnet; with any other name the gateway deployment fails. Azure accepts other casing, but policies, scripts and tools compare the name exactly, so non-canonical casing is a warning, and so is a near-miss such as 'Gateway-Subnet' that no gateway uses yet.",
    level: 'error',
    levels: ['error', 'warning'],
    category: 'gateway-subnet',
    types: [GATEWAY, VNET, SUBNET],
    fixable: true,
  },
  check(context) {
    const reported = new Set<Subnet>();
    // The subnets gateways are placed in matter only to a rename fix: most files have no finding here.
    let placed: Set<Subnet> | undefined;
    const used = () => (placed ??= new Set(gatewaysOf(context.network).flatMap((g) => g.subnets(context.network))));
    for (const gateway of gatewaysOf(context.network)) {
      for (const config of gateway.ipConfigs) {
        const name = config.target?.subnetName;
        if (!name || nearMissOf(name, GATEWAY_SUBNET) === 'exact' || nearMissOf(name, GATEWAY_SUBNET) === 'case') continue;
        const subnet = context.network.subnetFor(config.target!);
        const message = `Gateway ${gateway.label} is placed in subnet '${name}', but Azure deploys gateways only into a subnet named 'GatewaySubnet'.`;
        const hint = "Rename the subnet to 'GatewaySubnet' (and its references).";
        if (subnet) {
          reported.add(subnet);
          const at = subnet.nameLocated;
          context.report({ at, message, hint, related: [{ span: config.subnetId.property.span, message: `Gateway ${gateway.label} refers to the subnet here.` }], fix: renameFix(subnet, context.network, used) });
        } else context.report({ at: gateway.prop('ipConfigurations', config.index, 'properties', 'subnet', 'id', ID_NAME), message, hint });
      }
    }
    for (const subnet of context.network.subnets) if (!reported.has(subnet)) checkDeclaredName(context, subnet, used);
  },
});

function checkDeclaredName(context: RuleContext, subnet: Subnet, used: () => Set<Subnet>): void {
  if (typeof subnet.name !== 'string') return;
  const match = nearMissOf(subnet.name, GATEWAY_SUBNET);
  if (match === 'case')
    context.report({
      at: subnet.nameLocated,
      level: 'warning',
      message: `Subnet '${subnet.name}' should be spelled 'GatewaySubnet': Azure Policy and scripts compare the name exactly.`,
      fix: renameFix(subnet, context.network, used),
    });
  else if (match === 'near-miss')
    context.report({
      at: subnet.nameLocated,
      level: 'warning',
      message: `Subnet '${subnet.name}' looks like a misspelling of 'GatewaySubnet', so a gateway placed in it would fail to deploy.`,
      fix: renameFix(subnet, context.network, used),
    });
}

/**
 * Renames the subnet where its name is a literal (`Gateway-Subnet`, or the last segment of
 * `vnet/Gateway-Subnet`), and the literal references to it by that name in the same file. Two subnets of
 * one VNet renamed to GatewaySubnet would collide, so the fix is offered to one candidate only: the
 * subnet a gateway uses, or a VNet's only look-alike.
 */
/** `used`: the subnets gateways are placed in, made on the first call. */
function renameFix(subnet: Subnet, network: Network, used: () => Set<Subnet>) {
  const rivals = siblingSubnets(subnet, network).filter((s) => typeof s.name === 'string' && nearMissOf(s.name, GATEWAY_SUBNET) !== undefined);
  if (rivals.some((s) => used().has(s) || !used().has(subnet))) return undefined;
  return renameSubnetFix(subnet, network, GATEWAY_SUBNET, "Rename the subnet to 'GatewaySubnet' (and its references in this file)");
}
