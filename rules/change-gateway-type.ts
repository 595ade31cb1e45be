import { defineRule } from '../src/engine/rule.js';
import { changedText } from '../src/diff/join.js';
import { keptGateways } from '../src/diff/gateways.js';
import { canonicalValue, generations } from '../src/knowledge/gateway.js';

/** Settings fixed when a gateway is created: changing one means deleting the gateway and creating it again. */
const FIXED_AT_CREATION = ['gatewayType', 'vpnType', 'vpnGatewayGeneration'] as const;

/**
 * Generation1 to Generation2 is what Microsoft's own migration does (gateways with a Standard public IP are
 * moved to Generation2 by September 2026): the gateway may already be Generation2, so this is a warning.
 */
function isMigratedGeneration(change: { from: string; to: string }): boolean {
  return canonicalValue(generations(), change.from) === 'Generation1' && canonicalValue(generations(), change.to) === 'Generation2';
}

export default defineRule({
  meta: {
    id: 'change-gateway-type',
    summary: "An existing gateway's gatewayType, vpnType or vpnGatewayGeneration cannot be changed; the gateway must be recreated.",
    description:
      'gwlint diff only. Compares each virtual network gateway deployed by both versions (joined by type, evaluated name and scope) and reports a changed gatewayType, vpnType or vpnGatewayGeneration: Azure fixes them when it creates the gateway, so the change means deleting and recreating it, with an outage of 45 minutes or more.',
    level: 'error',
    levels: ['error', 'warning'],
    category: 'change',
  },
  check(context) {
    for (const { head, old } of keptGateways(context)) {
      for (const property of FIXED_AT_CREATION) {
        const change = changedText(head.prop(property).value, old.prop(property).value);
        if (!change) continue;
        // A new gatewayType brings its own vpnType and generation: the type is the change to report.
        if (property !== 'gatewayType' && changedText(head.prop('gatewayType').value, old.prop('gatewayType').value)) break;
        const about = `${property} of ${head.named()} changes from ${change.from} to ${change.to}`;
        if (isMigratedGeneration(change))
          context.report({
            at: head.prop(property),
            level: 'warning',
            message: `${about}; only Microsoft's migration does that.`,
            hint: 'Change it once Azure shows Generation2.',
          });
        else context.report({ at: head.prop(property), message: `${about}, which Azure cannot change.`, hint: 'Keep it, or recreate the gateway (an outage of about an hour).' });
      }
    }
  },
});
