import { defineRule } from '../src/engine/rule.js';
import { changedId, changedText, pairsOfType } from '../src/diff/join.js';
import { CONNECTION, Connection } from '../src/model/connection.js';
import type { ConnectionEnd } from '../src/model/connection.js';

const ENDS: readonly ConnectionEnd[] = ['virtualNetworkGateway1', 'virtualNetworkGateway2', 'localNetworkGateway2', 'peer'];

/** `connectionProtocol`, IKEv2 (Azure's default) when the declaration does not write it. */
function protocolOf(connection: Connection) {
  return connection.writes('connectionProtocol') === false ? 'IKEv2' : connection.prop('connectionProtocol').value;
}

export default defineRule({
  meta: {
    id: 'change-connection',
    summary: "An existing connection's connectionType, gateways, peer or connectionProtocol cannot be changed; the connection must be recreated.",
    description:
      'gwlint diff only. For each connection deployed by both versions (joined by type, evaluated name and scope), reports a changed connectionType, virtualNetworkGateway1, virtualNetworkGateway2, localNetworkGateway2, peer or connectionProtocol: Azure fixes them when it creates the connection, so the update is refused and the connection has to be deleted and created again.',
    level: 'error',
    category: 'change',
  },
  check(context) {
    // Without a base revision (a normal run) there is nothing to compare with.
    const base = context.base;
    if (!base) return;
    for (const pair of pairsOfType(context.model, base.model, CONNECTION)) {
      const head = new Connection(pair.head, context.model);
      const old = new Connection(pair.base, base.model);
      const report = (at: Connection['connectionType'], what: string, change: { from: string; to: string }) =>
        context.report({
          at,
          message: `${what} of connection ${head.label} changes from ${change.from} to ${change.to}, which Azure cannot change.`,
          hint: 'Keep it, or delete and recreate the connection.',
        });
      const type = changedText(head.connectionType.value, old.connectionType.value);
      // A new connectionType brings its own ends and protocol: the type is the change to report.
      if (type) {
        report(head.connectionType, 'connectionType', type);
        continue;
      }
      for (const end of ENDS) {
        const change = changedId(head.ref(end).id.value, old.ref(end).id.value);
        if (change) report(head.ref(end).id, end, { from: `'${change.from}'`, to: `'${change.to}'` });
      }
      const protocol = changedText(protocolOf(head), protocolOf(old));
      if (protocol) report(head.prop('connectionProtocol'), 'connectionProtocol', protocol);
    }
  },
});
