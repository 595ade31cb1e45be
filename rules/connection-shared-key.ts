import type { RelatedLocation } from '../src/core/diagnostic.js';
import type { Span } from '../src/core/span.js';
import { defineRule } from '../src/engine/rule.js';
import type { Located } from '../src/model/locate.js';
import { connectionsOf } from '../src/model/connection.js';
import { secretSource } from '../src/model/secret-source.js';

/*
 * Messages of this rule never quote the key: they name the connection, the parameter or the place the
 * key is written, and nothing else. Tests lint a planted key through every reporter to keep it that way.
 */

const FIX =
  'Declare a @secure() (Bicep) or securestring (JSON) parameter without a default for the key, and supply it at deployment time or from Key Vault (a Key Vault reference in the parameters file, getSecret() in Bicep).';

export default defineRule({
  meta: {
    id: 'connection-shared-key',
    summary: "A connection's sharedKey must come from a secure parameter or Key Vault, not from the source.",
    description:
      'The pre-shared key of a VPN connection is a secret. Written as a literal (in the resource, a variable, a parameter default or a parameters file) it is readable by anyone with the source and stays in its history; passed through a parameter that is not secure (string instead of securestring / @secure()) it is stored in the deployment history, readable by anyone with read access to the resource group. Azure deploys both, so this is a warning. A key from a secure parameter without a written value, a Key Vault reference in a parameters file, or getSecret() is fine.',
    level: 'warning',
    category: 'connection',
    sensitive: true,
  },
  check(context) {
    for (const c of connectionsOf(context.model)) {
      const at = c.prop('sharedKey');
      if (at.value === undefined || at.value === null) continue;
      const source = secretSource(c.resource, ['properties', 'sharedKey']);
      if (source.kind === 'literal')
        context.report({
          at,
          related: writtenAt(source.span, at),
          message: `The shared key of connection ${c.label} is written in the source files: anyone who can read them, or their history, has the key to the tunnel. ${FIX}`,
        });
      else if (source.kind === 'plain-parameter')
        context.report({
          at,
          related: [{ span: source.parameter.nameSpan, message: `Parameter '${source.parameter.name}' is declared here without @secure() / securestring.` }],
          message: `The shared key of connection ${c.label} passes through parameter '${source.parameter.name}', which is not secure${source.written ? ', and its value is written in the source files' : ''}: ARM keeps plain parameter values in the deployment history, where anyone with read access to the resource group can read the key. Make the parameter @secure() (Bicep) or securestring (JSON)${source.written ? ' without a written value' : ''}, and supply it at deployment time or from Key Vault.`,
        });
    }
  },
});

/** Where the key is written, when neither the finding nor its value origins point there already. */
function writtenAt(span: Span, at: Located): RelatedLocation[] {
  const same = (a: Span) => a.file === span.file && a.start === span.start && a.end === span.end;
  if (same(at.node.span) || at.origins.some((o) => same(o.span))) return [];
  return [{ span, message: 'The key is written here.' }];
}
