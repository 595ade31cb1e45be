import { defineRule } from '../src/engine/rule.js';
import { NSG_ON_GATEWAY_SUBNET, policyRef } from '../src/knowledge/azure-policy.js';
import { GATEWAY_SUBNET_ATTACHMENTS } from '../src/knowledge/gateway.js';
import { attachedId, declaredGatewaySubnets, idName, inlineDeclaration, inlineName, ofVnet } from '../src/model/subnet-context.js';
import { VNET, SUBNET } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'gateway-subnet-nsg',
    summary: 'GatewaySubnet must not have a network security group.',
    description:
      'Microsoft says NSGs on GatewaySubnet are not supported and that gateways with this configuration are blocked from being created; older pages say an NSG there may stop VPN and ExpressRoute gateways from working. The rule reports networkSecurityGroup on GatewaySubnet however the subnet is declared (inline in the VNet, a child or Bicep parent: subnet resource, or a top-level vnet/subnet resource), whether it refers to the NSG by id or declares it inline (an object with properties and no id). The sources range from "avoid" to "blocked"; the rule takes the stricter reading and reports an error.',
    level: 'error',
    category: 'gateway-subnet',
    types: [VNET, SUBNET],
    policies: [policyRef(NSG_ON_GATEWAY_SUBNET)],
  },
  check(context) {
    const fact = GATEWAY_SUBNET_ATTACHMENTS.networkSecurityGroup;
    for (const subnet of declaredGatewaySubnets(context.network)) {
      const nsg = subnet.prop(['networkSecurityGroup']);
      const id = attachedId(nsg.value);
      const inline = id === undefined ? inlineDeclaration(nsg.value) : undefined;
      if (id === undefined && !inline) continue;
      const name = inline ? inlineName(inline) : id !== undefined ? idName(id) : undefined;
      context.report({
        at: nsg,
        policy: policyRef(NSG_ON_GATEWAY_SUBNET),
        message: `GatewaySubnet${ofVnet(subnet)} has ${inline ? 'an inline NSG' : 'network security group'}${name ? ` '${name}'` : ''}${inline ? '' : ' attached'}: ${fact.effect}.`,
        hint: inline ? 'Remove it.' : 'Detach it from GatewaySubnet.',
      });
    }
  },
});
