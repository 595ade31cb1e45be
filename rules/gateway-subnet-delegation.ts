import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { GATEWAY_SUBNET_ATTACHMENTS } from '../src/knowledge/gateway.js';
import type { Subnet } from '../src/model/network.js';
import { attachedId, declaredGatewaySubnets, idName, ofVnet } from '../src/model/subnet-context.js';
import { VNET, SUBNET } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'gateway-subnet-delegation',
    summary: 'GatewaySubnet must not have a NAT gateway, and should not be delegated to a service.',
    description:
      'Microsoft says a NAT gateway can\'t be deployed in a gateway subnet: natGateway on GatewaySubnet is an error. No Microsoft page speaks of delegations on GatewaySubnet, but a delegated subnet is handed to another service, and Microsoft says never to deploy anything but the gateway there: delegations are a warning. Every subnet declaration shape is checked.',
    level: 'error',
    levels: ['error', 'warning'],
    category: 'gateway-subnet',
    types: [VNET, SUBNET],
  },
  check(context) {
    for (const subnet of declaredGatewaySubnets(context.network)) {
      checkNatGateway(context, subnet);
      checkDelegations(context, subnet);
    }
  },
});

function checkNatGateway(context: RuleContext, subnet: Subnet): void {
  const nat = subnet.prop(['natGateway']);
  const id = attachedId(nat.value);
  if (id === undefined) return;
  const name = idName(id);
  context.report({
    at: nat,
    message: `GatewaySubnet${ofVnet(subnet)} is associated with NAT gateway${name ? ` '${name}'` : ''}, but ${GATEWAY_SUBNET_ATTACHMENTS.natGateway.effect}.`,
    hint: 'Remove natGateway from GatewaySubnet.',
  });
}

function checkDelegations(context: RuleContext, subnet: Subnet): void {
  const delegations = subnet.prop(['delegations']);
  if (!Array.isArray(delegations.value) || delegations.value.length === 0) return;
  const services = delegations.value.flatMap((_, i) => {
    const service = subnet.prop(['delegations', i, 'properties', 'serviceName']).value;
    return typeof service === 'string' ? [`'${service}'`] : [];
  });
  context.report({
    at: delegations,
    level: 'warning',
    message: `GatewaySubnet${ofVnet(subnet)} is delegated${services.length ? ` to ${services.join(', ')}` : ''}, but ${GATEWAY_SUBNET_ATTACHMENTS.delegations.effect}.`,
    hint: 'Remove the delegations and give the service its own subnet.',
  });
}
