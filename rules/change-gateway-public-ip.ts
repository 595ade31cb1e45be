import { defineRule } from '../src/engine/rule.js';
import { changedId } from '../src/diff/join.js';
import { keptGateways } from '../src/diff/gateways.js';
import type { Gateway, GatewayIpConfig } from '../src/model/gateway.js';

/** An ip configuration's name when known, else its position: what joins it across the versions. */
function configKey(gateway: Gateway, config: GatewayIpConfig): string {
  const name = gateway.prop('ipConfigurations', config.index, 'name').value;
  return typeof name === 'string' ? `name:${name.toLowerCase()}` : `index:${config.index}`;
}

export default defineRule({
  meta: {
    id: 'change-gateway-public-ip',
    summary: "An existing gateway's ip configurations keep their public IPs: another public IP means recreating the gateway.",
    description:
      "gwlint diff only. For each virtual network gateway deployed by both versions, compares the public IP of each ip configuration (joined by name, else by position): a gateway's public IP address changes only when the gateway is deleted and created again, so pointing an ip configuration at another public IP resource is refused or means recreating the gateway, with new addresses for every VPN device and client.",
    level: 'error',
    category: 'change',
  },
  check(context) {
    for (const { head, old } of keptGateways(context)) {
      const before = new Map(old.ipConfigs.map((c) => [configKey(old, c), c]));
      for (const config of head.ipConfigs) {
        const was = before.get(configKey(head, config));
        const change = was && changedId(config.publicIpId.value, was.publicIpId.value);
        if (!change) continue;
        context.report({
          at: config.publicIpId,
          message: `Public IP of ${head.named()} changes from '${change.from}' to '${change.to}'; a gateway keeps its IP until recreated.`,
          hint: 'Keep the public IP, or recreate the gateway.',
        });
      }
    }
  },
});
