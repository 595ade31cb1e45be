import { asUsed } from '../src/model/locate.js';
import { defineRule } from '../src/engine/rule.js';
import { GATEWAY_SUBNET, nearMissOf } from '../src/knowledge/gateway.js';
import { GATEWAY } from '../src/model/network.js';

const GATEWAY_TYPE = GATEWAY.toLowerCase();
/** A subnet id can name GatewaySubnet only where its name is written. */
const GATEWAY_SUBNET_NAMED = /gatewaysubnet/i;

export default defineRule({
  meta: {
    id: 'no-resources-in-gateway-subnet',
    summary: 'Nothing but virtual network gateways may be deployed into GatewaySubnet.',
    description:
      'GatewaySubnet is reserved for the gateway\'s own VMs. A NIC, VM, scale set, private endpoint, load balancer, application gateway, AKS pool, app integration or any other resource placed there can stop the gateway from working and blocks gateway changes; Microsoft says never to deploy anything else to the gateway subnet. Any resource whose properties point a subnet id at GatewaySubnet is reported, on the property that does it. Access-rule lists (storage or Key Vault network ACLs, App Service access restrictions) only allow traffic from a subnet and are not placements.',
    level: 'error',
    category: 'gateway-subnet',
    named: GATEWAY_SUBNET_NAMED,
  },
  check(context) {
    // Finding every subnet id evaluates every resource: only worth it where GatewaySubnet is named at all.
    if (!context.model.mentions(GATEWAY_SUBNET_NAMED)) return;
    // Gateways belong there: their ids are not even read.
    for (const ref of context.network.refsFrom((r) => r.typeLower !== GATEWAY_TYPE)) {
      if (!ref.subnetName) continue;
      const match = nearMissOf(ref.subnetName, GATEWAY_SUBNET);
      if (match !== 'exact' && match !== 'case') continue;
      const name = ref.resource.shortName;
      const what = `${ref.resource.type.split('/').slice(1).join('/')}${typeof name === 'string' ? ` '${name}'` : ''}`;
      context.report({
        at: asUsed(ref.resource.get(ref.path)),
        message: `${what} is placed in GatewaySubnet (through '${ref.path.slice(1).join('.')}'), where only gateways belong.`,
        hint: 'Give this resource its own subnet.',
      });
    }
  },
});
