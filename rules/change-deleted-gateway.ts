import type { Span } from '../src/core/span.js';
import { toLineColumn } from '../src/core/span.js';
import { defineRule } from '../src/engine/rule.js';
import { removedOfType } from '../src/diff/join.js';
import { gatewaySubnetChanges, inlineSubnets } from '../src/diff/subnets.js';
import { capitalize, describeResource } from '../src/model/gateway.js';
import { GATEWAY } from '../src/model/network.js';
import { basename } from '../src/model/paths.js';

export default defineRule({
  meta: {
    id: 'change-deleted-gateway',
    summary: 'A gateway or GatewaySubnet that the base revision deploys and the files no longer declare.',
    description:
      'gwlint diff only. Reports each virtual network gateway and each GatewaySubnet that the base version certainly deploys and the head version no longer declares (its file deleted, or the declaration removed). An incremental deployment leaves them in Azure, and only a complete-mode deployment or a deletion by hand removes them, so a removal is usually a mistake; a GatewaySubnet dropped from inline subnets under a gateway is change-gateway-subnet.',
    level: 'warning',
    category: 'change',
  },
  check(context) {
    // Without a base revision (a normal run) there is nothing to compare with.
    const base = context.base;
    if (!base) return;
    // In a deleted file the finding sits on the base version's declaration; otherwise on the head file's
    // first resource (a line a suppression comment can precede), or its start when it has none.
    const head = context.model.root.template;
    const anchor: Span = { file: head.file, start: head.resources[0]?.span.start ?? 0, end: head.resources[0]?.span.start ?? 0 };
    const where = (span: Span): Span => (base.deleted ? span : anchor);
    const was = (span: Span) => (base.deleted ? 'its file was deleted' : `line ${toLineColumn(span).line} of ${basename(span.file.path)} at ${base.label}`);
    for (const gateway of removedOfType(context.model, base.model, GATEWAY)) {
      const span = gateway.reportNode.span;
      context.report({
        at: where(span),
        message: `${capitalize(describeResource('gateway', gateway))} (${was(span)}) is no longer declared; Azure keeps it unless deleted by hand or in complete mode.`,
        hint: 'Restore it unless removing it is the point.',
      });
    }
    for (const change of gatewaySubnetChanges(context.model, context.network, base.model, base.network)) {
      // Left out of inline subnets under a gateway: change-gateway-subnet's error.
      if (change.head || (change.usedBy.length && inlineSubnets(change.headVnet))) continue;
      const span = change.base.nameLocated.node.span;
      const vnet = typeof change.base.vnetName === 'string' ? `'${change.base.vnetName}'` : 'its VNet';
      const subnets = inlineSubnets(change.headVnet);
      if (subnets)
        context.report({
          at: subnets,
          message: `GatewaySubnet is dropped from VNet ${vnet}'s subnets; redeploying the VNet deletes it.`,
          hint: 'Keep it in the array if removing it was not the point.',
        });
      else
        context.report({
          at: base.deleted || !change.headVnet ? where(span) : change.headVnet.reportNode,
          message: `GatewaySubnet of VNet ${vnet} (${was(span)}) is no longer declared; Azure keeps it unless deleted by hand.`,
          hint: 'Restore it unless removing it is the point.',
        });
    }
  },
});
