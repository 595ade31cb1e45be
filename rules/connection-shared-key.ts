import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import type { Connection } from '../src/model/connection.js';
import type { ModelResource } from '../src/model/resource.js';
import { isCertainlyDeclared } from '../src/model/resource.js';
import { isUnknown } from '../src/expr/value.js';
import type { Value } from '../src/expr/value.js';
import { hasRejectedKeyCharacter } from '../src/knowledge/gateway.js';
import { connectionsOf, vnetToVnetLinks, CONNECTION } from '../src/model/connection.js';
import { secretSource, secretWrittenAt, writtenSecretFix } from '../src/model/secret-source.js';

/*
 * Messages of this rule never quote the key: they name the connection, the parameter or the place the
 * key is written, and nothing else. Tests lint a planted key through every reporter to keep it that way.
 */

export default defineRule({
  meta: {
    id: 'connection-shared-key',
    summary: "A connection's sharedKey must come from a secure parameter or Key Vault, not from the source.",
    description:
      'The pre-shared key of a VPN connection is a secret. Written as a literal (in the resource, a variable, a parameter default or a parameters file) it is readable by anyone with the source and stays in its history; passed through a parameter that is not secure (string instead of securestring / @secure()) it is stored in the deployment history, readable by anyone with read access to the resource group. Azure deploys both, so this is a warning. A key from a secure parameter without a written value, a Key Vault reference in a parameters file, or getSecret() is fine. A key built in the template (guid(), concat()) whose known text holds a space, hyphen, tilde or a character outside printable ASCII is reported too: Azure accepts none of them. The two connections of a VNet-to-VNet pair (one each way between the same gateways) with known keys that differ are an error: the tunnel never comes up.',
    level: 'warning',
    levels: ['warning', 'error'],
    category: 'connection',
    types: [CONNECTION],
    sensitive: true,
  },
  check(context) {
    const connections = connectionsOf(context.model);
    checkPairedKeys(context, connections);
    for (const c of connections) {
      const at = c.prop('sharedKey');
      if (at.value === undefined || at.value === null) continue;
      const source = secretSource(c.resource, ['properties', 'sharedKey']);
      if (source.kind === 'literal')
        context.report({
          at,
          related: secretWrittenAt(source.span, at),
          message: `Connection ${c.label} has a shared key written in the source.`,
          hint: writtenSecretFix(source.value),
        });
      else if (source.kind === 'plain-parameter')
        context.report({
          at,
          related: [{ span: source.parameter.nameSpan, message: `Parameter '${source.parameter.name}' is declared here without @secure() / securestring.` }],
          // A written value says which parameter it is in its origin; an unwritten one names it here.
          message: source.written
            ? `Connection ${c.label} has its shared key in a plain parameter.`
            : `Connection ${c.label} has its shared key in plain parameter '${source.parameter.name}'.`,
          hint: `Make it @secure()${source.written ? ' with no value' : ''}.`,
        });
      // A key written in the source is replaced by the fix above; one built here (guid(), concat()) may still be wrong.
      else if (knownText(at.value).some(hasRejectedKeyCharacter))
        context.report({
          at,
          message: `Connection ${c.label} has a shared key with characters Azure does not accept.`,
          hint: "Use printable ASCII only, without spaces, '-' or '~'.",
        });
    }
  },
});

/**
 * The two connections of a VNet-to-VNet pair, one each way between the same two gateways, need the same key
 * ("The shared keys must match"): two known keys that differ never bring the tunnel up. Reported on the
 * later connection, never quoting either key; only connections certainly deployed are paired.
 */
function checkPairedKeys(context: RuleContext, connections: readonly Connection[]): void {
  const byEnds = new Map<ModelResource, Map<ModelResource, Connection>>();
  for (const link of vnetToVnetLinks(connections)) {
    const c = link.connection;
    // Connections behind conditions are often old and new alternatives, each pair with its own key.
    if (!isCertainlyDeclared(c.resource)) continue;
    const from = link.from.resource;
    const to = link.to.resource;
    const other = byEnds.get(to)?.get(from);
    const key = c.prop('sharedKey');
    const otherKey = other?.prop('sharedKey');
    if (other && otherKey && typeof key.value === 'string' && typeof otherKey.value === 'string' && key.value !== otherKey.value)
      // On the connection, not its key: a key written in the source keeps its own finding there.
      context.report({
        at: c.resource.reportNode,
        level: 'error',
        related: [
          { span: key.node.span, message: `The shared key of connection ${c.label}.` },
          { span: otherKey.node.span, message: `The shared key of connection ${other.label}.` },
        ],
        message: `Connections ${other.label} and ${c.label} join the same two gateways with different shared keys.`,
        hint: 'Give both the same key.',
      });
    if (!byEnds.has(from)) byEnds.set(from, new Map());
    byEnds.get(from)!.set(to, c);
  }
}

/** The known text of a value: a string, or the known pieces of a string known in part. */
function knownText(value: Value | undefined): string[] {
  if (typeof value === 'string') return [value];
  return isUnknown(value) ? (value.parts ?? []).filter((p): p is string => typeof p === 'string') : [];
}
