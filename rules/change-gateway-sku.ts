import { defineRule } from '../src/engine/rule.js';
import { changedText } from '../src/diff/join.js';
import { keptGateways } from '../src/diff/gateways.js';
import { skuChangeCost } from '../src/knowledge/gateway.js';

export default defineRule({
  meta: {
    id: 'change-gateway-sku',
    summary: "An existing gateway's SKU can change only by an in-place resize or upgrade; other changes need recreating it or Microsoft's migration.",
    description:
      "gwlint diff only. For each virtual network gateway deployed by both versions whose sku.name changes, checks that Azure can resize or upgrade it in place: not from Basic, not to a smaller size, not from an AZ SKU to a non-AZ one (each means deleting and recreating the gateway), and not from a legacy VPN or non-AZ ExpressRoute SKU to the newer families, which only Microsoft's migration does.",
    level: 'error',
    category: 'change',
  },
  check(context) {
    for (const { head, old } of keptGateways(context)) {
      const family = head.family;
      // A change of gatewayType is change-gateway-type's finding; the SKU follows it.
      if (family === undefined || family !== old.family) continue;
      const change = changedText(head.skuName.value, old.skuName.value);
      const cost = change && skuChangeCost(family, change.from, change.to);
      if (!change || !cost) continue;
      context.report({
        at: head.skuName,
        message: `SKU of ${head.named()} changes from ${change.from} to ${change.to}: ${cost.reason}.`,
        hint: cost.kind === 'migration' ? 'Migrate first, then update the template.' : 'Keep the SKU, or recreate the gateway.',
      });
    }
  },
});
