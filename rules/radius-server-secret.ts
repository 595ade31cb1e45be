import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { writesProperty } from '../src/model/connection.js';
import type { Gateway } from '../src/model/gateway.js';
import { gatewaysOf } from '../src/model/gateway.js';
import type { PathSegment } from '../src/model/locate.js';
import { secretSource, secretWrittenAt, writtenSecretFix } from '../src/model/secret-source.js';
import { GATEWAY } from '../src/model/network.js';

/*
 * Like connection-shared-key, messages never quote the secret: they name the gateway, the parameter or
 * the place the secret is written.
 */

const CLIENT_CONFIGURATION = ['properties', 'vpnClientConfiguration'];

export default defineRule({
  meta: {
    id: 'radius-server-secret',
    summary: "A gateway's RADIUS server secret must come from a secure parameter or Key Vault, not from the source.",
    description:
      "The shared secret between a VPN gateway and its RADIUS servers (vpnClientConfiguration.radiusServerSecret, and radiusServerSecret of each radiusServers entry) gets the treatment of a connection's sharedKey: written as a literal (in the resource, a variable, a parameter default or a parameters file) it is readable by anyone with the source; passed through a parameter that is not secure it is kept in the deployment history. Azure deploys both, so this is a warning. A secure parameter without a written value, a Key Vault reference or getSecret() is fine.",
    level: 'warning',
    category: 'gateway',
    types: [GATEWAY],
    sensitive: true,
  },
  check(context) {
    for (const gateway of gatewaysOf(context.network)) {
      // Most gateways have no point-to-site configuration: no secret to look for under it.
      if (gateway.resource.existing || gateway.prop('vpnClientConfiguration').value === undefined) continue;
      checkSecret(context, gateway, [...CLIENT_CONFIGURATION, 'radiusServerSecret'], 'The RADIUS secret');
      const servers = gateway.resource.get([...CLIENT_CONFIGURATION, 'radiusServers']).value;
      if (Array.isArray(servers))
        servers.forEach((_, i) => checkSecret(context, gateway, [...CLIENT_CONFIGURATION, 'radiusServers', i, 'radiusServerSecret'], `The secret of RADIUS server ${i + 1}`));
    }
  },
});

function checkSecret(context: RuleContext, gateway: Gateway, path: PathSegment[], what: string): void {
  const at = gateway.resource.get(path);
  if (at.value === undefined || at.value === null || at.value === '') return;
  // A secret inside an object that is unknown as a whole (a parameter without a value) may not be there at all.
  if (typeof at.value !== 'string' && writesProperty(gateway.resource, path) !== true) return;
  const source = secretSource(gateway.resource, path);
  if (source.kind === 'literal')
    context.report({
      at,
      related: secretWrittenAt(source.span, at),
      message: `${what} of gateway ${gateway.label} is written in the source.`,
      hint: writtenSecretFix(source.value),
    });
  else if (source.kind === 'plain-parameter')
    context.report({
      at,
      related: [{ span: source.parameter.nameSpan, message: `Parameter '${source.parameter.name}' is declared here without @secure() / securestring.` }],
      message: `${what} of gateway ${gateway.label} is in plain parameter '${source.parameter.name}'.`,
      hint: `Make it @secure()${source.written ? ' with no value' : ''}.`,
    });
}
