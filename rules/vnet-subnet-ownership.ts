import type { Fix, Level } from '../src/core/diagnostic.js';
import type { Expr } from '../src/expr/ast.js';
import { replaceStringLiteral } from '../src/engine/fixes.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { GATEWAY_SUBNET } from '../src/knowledge/gateway.js';
import { deletesSubnetsWhenOmitted, SUBNET_IN_USE_ERROR, VNET_KEEPS_SUBNETS_FROM_API } from '../src/knowledge/vnet-subnets.js';
import { vnetOf, writesProperty } from '../src/model/connection.js';
import { capitalize, deployedGatewaysBySubnet, describeResource } from '../src/model/gateway.js';
import type { Network, Subnet } from '../src/model/network.js';
import { nameKey } from '../src/model/network.js';
import type { ModelResource } from '../src/model/resource.js';
import { isCertainlyDeclared } from '../src/model/resource.js';
import { isNamed } from '../src/model/subnet-context.js';

export default defineRule({
  meta: {
    id: 'vnet-subnet-ownership',
    summary: "A subnet must be declared in one place: a VNet's inline subnets array deletes every subnet it does not list.",
    description:
      `A VNet deployed with an inline subnets array deletes, on every redeployment, each subnet the array does not list; with a gateway in GatewaySubnet that fails with ${SUBNET_IN_USE_ERROR}. Reported: a subnet declared both inline and as a subnet resource (the two deployments undo each other), a subnet resource of a VNet whose inline array omits it, and a VNet without a subnets property at an API version before ${VNET_KEEPS_SUBNETS_FROM_API}, which deletes every subnet (fixable: the API version is raised to ${VNET_KEEPS_SUBNETS_FROM_API}). Error where GatewaySubnet is at stake, warning otherwise. Within the linted template set: subnets declared in templates outside it are not seen.`,
    level: 'error',
    levels: ['error', 'warning'],
    category: 'network',
    fixable: true,
  },
  check(context) {
    const { network } = context;
    const children = new Map<ModelResource, Subnet[]>();
    for (const s of network.subnets) {
      if (s.inline || s.resource.existing || !isCertainlyDeclared(s.resource)) continue;
      const vnet = vnetOf(network, s);
      if (vnet) children.set(vnet, [...(children.get(vnet) ?? []), s]);
    }
    let gatewayVnets: Set<string> | undefined;
    for (const vnet of network.vnets) {
      if (vnet.existing || !isCertainlyDeclared(vnet)) continue;
      const own = children.get(vnet) ?? [];
      const list = vnet.value(['properties', 'subnets']);
      if (Array.isArray(list)) checkInline(context, vnet, own, list.length);
      else if (list === undefined && writesProperty(vnet, ['properties', 'subnets']) === false) {
        gatewayVnets ??= vnetsWithGateway(network);
        checkOmitted(context, vnet, own, gatewayVnets);
      }
    }
  },
});

function levelFor(subnet: Subnet): Level {
  return isNamed(subnet, GATEWAY_SUBNET) ? 'error' : 'warning';
}

/** (a) and (b): a subnet resource of a VNet that lists its subnets inline. */
function checkInline(context: RuleContext, vnet: ModelResource, children: Subnet[], count: number): void {
  if (!children.length) return;
  const inline = context.network.subnets.filter((s) => s.inline && s.resource === vnet);
  const listed = inline.map((s) => (typeof s.name === 'string' ? s.name.toLowerCase() : undefined));
  const complete = inline.length === count && listed.every((n) => n !== undefined);
  const name = describeResource('VNet', vnet);
  for (const child of children) {
    if (typeof child.name !== 'string') continue;
    const twin = inline.find((s) => typeof s.name === 'string' && s.name.toLowerCase() === (child.name as string).toLowerCase());
    if (twin)
      context.report({
        at: child.nameLocated,
        level: levelFor(child),
        related: [{ span: twin.nameLocated.node.span, message: `Subnet '${child.name}' in the inline subnets of ${name}.` }],
        message: `Subnet '${child.name}' of ${name} is declared both inline and as a resource, so each deployment undoes the other.`,
        hint: 'Declare it in one place.',
      });
    else if (complete)
      context.report({
        at: child.nameLocated,
        level: levelFor(child),
        related: [{ span: vnet.get(['properties', 'subnets']).node.span, message: `The inline subnets of ${name}, without '${child.name}'.` }],
        message: `${capitalize(name)} lists its subnets inline without '${child.name}', so each VNet deployment deletes it.`,
        hint: 'Add it to the list.',
      });
  }
}

/** (c): no `subnets` property at an API version that deletes every subnet. */
function checkOmitted(context: RuleContext, vnet: ModelResource, children: Subnet[], gatewayVnets: ReadonlySet<string>): void {
  const api = vnet.apiVersion;
  if (api === undefined || deletesSubnetsWhenOmitted(api) !== true) return;
  const key = nameKey(vnet.name);
  const gatewayHere = key !== undefined && gatewayVnets.has(key);
  if (!children.length && !gatewayHere) return;
  const gatewaySubnet = children.find((s) => isNamed(s, GATEWAY_SUBNET));
  const at = apiVersionNode(vnet);
  context.report({
    at,
    level: gatewaySubnet || gatewayHere ? 'error' : 'warning',
    related: children.slice(0, 3).map((s) => ({ span: s.nameLocated.node.span, message: `Subnet '${String(s.name)}', declared as a resource.` })),
    message: `${capitalize(describeResource('VNet', vnet))} has no subnets at API ${api}, so each deployment deletes its subnets${gatewaySubnet || gatewayHere ? ', GatewaySubnet too' : ''}.`,
    hint: `Use API ${VNET_KEEPS_SUBNETS_FROM_API} or later.`,
    fix: apiVersionFix(at),
  });
}

/** Where the VNet's API version is written: ARM's `apiVersion`, or the version part of Bicep's `type@version`. */
function apiVersionNode(vnet: ModelResource): Expr {
  return vnet.decl.apiVersion ?? vnet.decl.type;
}

/** Raises the API version where it is written as a literal: ARM's `"apiVersion"`, or the version in a Bicep type string. */
function apiVersionFix(node: Expr): Fix | undefined {
  if (node.kind !== 'literal' || typeof node.value !== 'string') return undefined;
  const description = `Set the API version to ${VNET_KEEPS_SUBNETS_FROM_API}`;
  // In Bicep the span covers the version alone, inside the quotes of 'type@version'.
  if (node.span.file.text.slice(node.span.start, node.span.end) === node.value) return { description, edits: [{ span: node.span, text: VNET_KEEPS_SUBNETS_FROM_API }] };
  return replaceStringLiteral(node, VNET_KEEPS_SUBNETS_FROM_API, description);
}

/** The VNets (by name key) whose GatewaySubnet a deployed gateway is placed in. */
function vnetsWithGateway(network: Network): Set<string> {
  const out = new Set<string>();
  for (const [key, placed] of deployedGatewaysBySubnet(network)) if (key.endsWith('/gatewaysubnet')) for (const p of placed) out.add(p.vnetKey);
  return out;
}
