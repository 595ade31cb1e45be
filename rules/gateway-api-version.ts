import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { apiVersionDate, PROPERTIES_SINCE } from '../src/knowledge/gateway.js';
import type { PropertySince } from '../src/knowledge/gateway.js';
import { CONNECTION } from '../src/model/connection.js';
import { capitalize, describeResource, listOf } from '../src/model/gateway.js';
import { GATEWAY } from '../src/model/network.js';
import type { ModelResource } from '../src/model/resource.js';

export default defineRule({
  meta: {
    id: 'gateway-api-version',
    summary: "A gateway's or connection's properties must exist at the API version it is deployed with.",
    description:
      "Properties of virtual network gateways and connections came with later API versions of Microsoft.Network: natRules and enableBgpRouteTranslationForNat in 2021-02-01, adminState in 2023-02-01, autoScaleConfiguration in 2023-05-01, identity in 2024-01-01, resiliencyModel in 2024-03-01, a connection's authenticationType in 2025-01-01, and others. Written under an older apiVersion they are not part of the request's contract, and Azure rejects or ignores them. One warning per resource, on its API version, names each such property and the version to use.",
    level: 'warning',
    category: 'gateway',
    types: [GATEWAY, CONNECTION],
  },
  check(context) {
    for (const type of [GATEWAY, CONNECTION]) {
      const properties = PROPERTIES_SINCE.get(type.toLowerCase()) ?? [];
      for (const resource of context.model.ofType(type)) checkResource(context, resource, properties);
    }
  },
});

function checkResource(context: RuleContext, resource: ModelResource, properties: readonly PropertySince[]): void {
  const api = resource.apiVersion;
  const date = api === undefined ? undefined : apiVersionDate(api);
  if (date === undefined) return;
  const newer = properties.filter((p) => date < p.since);
  if (!newer.length) return;
  const written = newer.flatMap((p) => {
    const at = resource.get(p.path);
    return at.value === undefined || at.value === null ? [] : [{ ...p, at }];
  });
  if (!written.length) return;
  const needed = written.reduce((latest, p) => (p.since > latest ? p.since : latest), written[0].since);
  const related: RelatedLocation[] = written.map((p) => ({ span: p.at.property.span, message: `${p.path.at(-1)}, from API ${p.since}.` }));
  const noun = resource.typeLower === GATEWAY.toLowerCase() ? 'gateway' : 'connection';
  context.report({
    at: resource.apiVersionNode,
    related,
    message: `${capitalize(describeResource(noun, resource))} is deployed with API ${api}, which does not have ${listOf(written.map((p) => p.path.at(-1)!))}.`,
    hint: `Use API ${needed} or later.`,
  });
}
