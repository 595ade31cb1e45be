import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { GATEWAY_SUBNET_ATTACHMENTS, GATEWAY_SUBNET_FORBIDDEN_ROUTE_PREFIXES } from '../src/knowledge/gateway.js';
import { checkAddressPrefix } from '../src/model/address-prefix.js';
import type { CidrRange } from '../src/model/cidr.js';
import type { Located, PathSegment } from '../src/model/locate.js';
import { capitalize } from '../src/model/gateway.js';
import { resourceById } from '../src/model/lookup.js';
import type { Subnet } from '../src/model/network.js';
import type { ModelResource } from '../src/model/resource.js';
import { attachedId, childResources, declaredGatewaySubnets, inlineDeclaration, inlineName, ofVnet, resourceLabel } from '../src/model/subnet-context.js';
import { VNET, SUBNET } from '../src/model/network.js';

const ROUTE = 'Microsoft.Network/routeTables/routes';

export default defineRule({
  meta: {
    id: 'gateway-subnet-route-table',
    summary: 'A route table on GatewaySubnet must not have a 0.0.0.0/0 route or disable BGP route propagation.',
    description:
      'User-defined routes with a 0.0.0.0/0 destination on GatewaySubnet are not supported, and Azure blocks creating a gateway in such a subnet; with BGP route propagation disabled on its route table the gateway will not function. The route table is followed from the subnet\'s routeTable id to its declaration in the linted files, with its inline routes and its routeTables/routes child resources. The finding is on the subnet\'s routeTable reference, with the offending route or flag as a related location. Route tables that are not declared in the linted files are not judged.',
    level: 'error',
    category: 'gateway-subnet',
    types: [VNET, SUBNET],
  },
  check(context) {
    for (const subnet of declaredGatewaySubnets(context.network)) {
      checkSubnet(context, subnet);
    }
  },
});

/** A route table as the rule reads it: a declared resource, or one declared inline on the subnet. */
interface RouteTable {
  /** `route table 'name'`, or `an inline route table`. */
  label: string;
  get(path: PathSegment[]): Located;
  /** The declared resource, whose routes may also be child resources. */
  resource?: ModelResource;
}

/** The route table the subnet's routeTable property refers to (when declared in the linted files) or declares inline. */
function routeTableOf(context: RuleContext, reference: Located, subnet: Subnet): RouteTable | undefined {
  const id = attachedId(reference.value);
  if (id !== undefined) {
    const resource = resourceById(context.model, id);
    return resource && { label: `route table ${resourceLabel(resource)}`, get: (path) => resource.get(path), resource };
  }
  const inline = inlineDeclaration(reference.value);
  if (!inline) return undefined;
  const name = inlineName(inline);
  return { label: name ? `inline route table '${name}'` : 'an inline route table', get: (path) => subnet.prop(['routeTable', ...path]) };
}

function checkSubnet(context: RuleContext, subnet: Subnet): void {
  const reference = subnet.prop(['routeTable']);
  const table = routeTableOf(context, reference, subnet);
  if (!table) return;
  const label = table.label;
  const problems: string[] = [];
  const effects: string[] = [];
  const related: RelatedLocation[] = [];

  const defaults = defaultRoutes(context, table);
  if (defaults.length) {
    const names = defaults.map((d) => d.name).filter((n): n is string => n !== undefined);
    problems.push(`has a route for ${defaults[0].prefix}${names.length ? ` (${names.map((n) => `'${n}'`).join(', ')})` : ''}`);
    effects.push(`${GATEWAY_SUBNET_ATTACHMENTS.defaultRoute.effect}`);
    for (const d of defaults) {
      related.push({ span: d.located.node.span, message: `Route${d.name ? ` '${d.name}'` : ''} of ${label} sends ${d.prefix} here.` });
      related.push(...origins(d.located, 'The route destination'));
    }
  }

  const flag = table.get(['properties', 'disableBgpRoutePropagation']);
  if (flag.value === true) {
    problems.push('disables BGP route propagation');
    effects.push(GATEWAY_SUBNET_ATTACHMENTS.bgpPropagationDisabled.effect);
    related.push({ span: flag.node.span, message: `${capitalize(label)} sets disableBgpRoutePropagation to true here.` });
    related.push(...origins(flag, 'disableBgpRoutePropagation'));
  }

  if (!problems.length) return;
  const fixes = [
    ...(defaults.length ? [`without a ${defaults[0].prefix} route`] : []),
    ...(flag.value === true ? ['with disableBgpRoutePropagation false'] : []),
  ];
  context.report({
    at: reference,
    message: `GatewaySubnet${ofVnet(subnet)} uses ${label}, which ${problems.join(' and ')}: ${problems.length === 1 ? effects[0] : 'Azure supports neither there'}.`,
    hint: `Give GatewaySubnet its own route table ${fixes.join(' and ')}, or none.`,
    related,
  });
}

/** Where a value of the route table came from, when it came through parameters or variables. */
function origins(located: Located, what: string): RelatedLocation[] {
  return located.origins.map((o) => ({ span: o.span, message: `${what} is set by ${o.description}.` }));
}

interface DefaultRoute {
  located: Located;
  prefix: string;
  name?: string;
}

/** Routes of the table, inline or as child resources, whose destination Azure does not allow on GatewaySubnet. */
function defaultRoutes(context: RuleContext, table: RouteTable): DefaultRoute[] {
  const out: DefaultRoute[] = [];
  const inline = table.get(['properties', 'routes']).value;
  if (Array.isArray(inline))
    inline.forEach((_, i) => {
      const located = table.get(['properties', 'routes', i, 'properties', 'addressPrefix']);
      const name = table.get(['properties', 'routes', i, 'name']).value;
      const prefix = forbiddenPrefix(located);
      if (prefix) out.push({ located, prefix, name: typeof name === 'string' ? name : undefined });
    });
  for (const route of table.resource ? childResources(context.model, table.resource, ROUTE) : []) {
    const located = route.get(['properties', 'addressPrefix']);
    const prefix = forbiddenPrefix(located);
    const name = route.shortName;
    if (prefix) out.push({ located, prefix, name: typeof name === 'string' ? name : undefined });
  }
  return out;
}

const FORBIDDEN: CidrRange[] = GATEWAY_SUBNET_FORBIDDEN_ROUTE_PREFIXES.flatMap((p) => {
  const check = checkAddressPrefix(p);
  return check.kind === 'range' ? [check.range] : [];
});

/** The forbidden destination a route's addressPrefix is, however it is written (`0.0.0.0/0`, `0.0.0.0/00`). */
function forbiddenPrefix(located: Located): string | undefined {
  if (typeof located.value !== 'string') return undefined;
  const check = checkAddressPrefix(located.value.trim());
  if (check.kind !== 'range') return undefined;
  const hit = FORBIDDEN.find((f) => f.family === check.range.family && f.prefix === check.range.prefix && f.first === check.range.first);
  return hit?.text;
}
