import { defineRule } from '../src/engine/rule.js';
import { gatewaySubnetChanges, inlineSubnets } from '../src/diff/subnets.js';
import { listOf } from '../src/model/gateway.js';

/** A prefix as Azure compares it: without surrounding space, lower case (IPv6). */
const normal = (prefix: string) => prefix.trim().toLowerCase();

export default defineRule({
  meta: {
    id: 'change-gateway-subnet',
    summary: 'GatewaySubnet must keep its prefixes and its place in the VNet while a gateway is in it.',
    description:
      "gwlint diff only. For each GatewaySubnet of the base version that holds a gateway both versions deploy: a prefix removed or changed (adding one is allowed), or the subnet left out of its VNet's inline subnets array. Azure refuses to change or delete a subnet in use (InUseSubnetCannotBeDeleted), so the deployment fails.",
    level: 'error',
    category: 'change',
  },
  check(context) {
    // Without a base revision (a normal run) there is nothing to compare with.
    const base = context.base;
    if (!base) return;
    for (const change of gatewaySubnetChanges(context.model, context.network, base.model, base.network)) {
      if (!change.usedBy.length) continue;
      const users = listOf(change.usedBy.map((g) => g.named()));
      const vnet = typeof change.base.vnetName === 'string' ? `'${change.base.vnetName}'` : 'its VNet';
      if (!change.head) {
        const subnets = inlineSubnets(change.headVnet);
        if (subnets)
          context.report({
            at: subnets,
            message: `GatewaySubnet is dropped from VNet ${vnet}'s subnets under ${users}; redeploying the VNet fails.`,
            hint: 'Keep it in the subnets array.',
          });
        continue;
      }
      const before = change.base.prefixes().map((p) => p.value);
      const after = change.head.prefixes();
      if (![...before, ...after.map((p) => p.value)].every((v) => typeof v === 'string')) continue;
      const kept = new Set(after.map((p) => normal(p.value as string)));
      const removed = (before as string[]).filter((p) => !kept.has(normal(p)));
      if (!removed.length) continue;
      const now = after.map((p) => p.value as string);
      context.report({
        at: after[0] ?? change.head.nameLocated,
        message: `GatewaySubnet of VNet ${vnet} changes from ${listOf(before as string[])} to ${now.length ? listOf(now) : 'no prefix'} under ${users}; Azure cannot change a subnet in use.`,
        hint: `Keep ${listOf(removed)}; adding a prefix is fine.`,
      });
    }
  },
});

