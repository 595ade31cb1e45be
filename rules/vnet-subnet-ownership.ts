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
import { nameKey, VNET, SUBNET } from '../src/model/network.js';
import type { ModelResource } from '../src/model/resource.js';
import { isCertainlyDeclared } from '../src/model/resource.js';
import { isNamed, subnetLabel } from '../src/model/subnet-context.js';
import type { Located } from '../src/model/locate.js';
import { sameScope } from '../src/model/lookup.js';
import { basename } from '../src/model/paths.js';

export default defineRule({
  meta: {
    id: 'vnet-subnet-ownership',
    summary: "A subnet must be declared in one place: a VNet's inline subnets array deletes every subnet it does not list.",
    description:
      `A VNet deployed with an inline subnets array deletes, on every redeployment, each subnet the array does not list; with a gateway in GatewaySubnet that fails with ${SUBNET_IN_USE_ERROR}. Reported: a subnet declared both inline and as a subnet resource (the two deployments undo each other), a subnet resource of a VNet whose inline array omits it, and a VNet without a subnets property at an API version before ${VNET_KEEPS_SUBNETS_FROM_API}, which deletes every subnet (fixable: the API version is raised to ${VNET_KEEPS_SUBNETS_FROM_API}). Error where GatewaySubnet is at stake, warning otherwise. Across the repository: a subnet resource of an existing VNet belongs to the VNet another template deploys under that name, and each file is told of its own declaration, naming the other.`,
    level: 'error',
    levels: ['error', 'warning'],
    category: 'network',
    types: [VNET, SUBNET],
    fixable: true,
  },
  check(context) {
    const { network } = context;
    const children = new Map<ModelResource, Subnet[]>();
    for (const s of network.subnets) {
      if (s.inline || s.resource.existing || !isCertainlyDeclared(s.resource)) continue;
      const vnet = declaredVnetOf(network, s);
      if (vnet) children.set(vnet, [...(children.get(vnet) ?? []), s]);
    }
    let gatewayVnets: Set<string> | undefined;
    for (const vnet of network.vnets) {
      if (vnet.existing || !isCertainlyDeclared(vnet)) continue;
      const own = children.get(vnet) ?? [];
      // The network view has counted the inline list: its subnets are not evaluated again.
      const count = network.inlineSubnetCount(vnet);
      if (count !== undefined) checkInline(context, vnet, own, count);
      else if (vnet.value(['properties', 'subnets']) === undefined && writesProperty(vnet, ['properties', 'subnets']) === false) {
        gatewayVnets ??= vnetsWithGateway(network);
        checkOmitted(context, vnet, own, gatewayVnets);
      }
    }
  },
});

/**
 * The deployed VNet a subnet resource belongs to. A subnet of an `existing` VNet (often in another
 * template of the repository) belongs to the VNet deployed under the same known name, when exactly one is.
 */
function declaredVnetOf(network: Network, subnet: Subnet): ModelResource | undefined {
  const vnet = vnetOf(network, subnet);
  if (vnet && !vnet.existing) return vnet;
  const name = vnet ? vnet.name : subnet.vnetName;
  if (typeof name !== 'string') return undefined;
  const found = network.vnets.filter((v) => !v.existing && typeof v.name === 'string' && v.name.toLowerCase() === name.toLowerCase() && (!vnet || sameScope(vnet.id, v.id)));
  return found.length === 1 ? found[0] : undefined;
}

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
  const list = vnet.get(['properties', 'subnets']);
  for (const child of children) {
    if (typeof child.name !== 'string') continue;
    const twin = inline.find((s) => typeof s.name === 'string' && s.name.toLowerCase() === (child.name as string).toLowerCase());
    // Declarations in two templates: each file gets the finding on its own declaration, naming the other.
    const elsewhere = (at: Located) => at.node.span.file.path !== child.nameLocated.node.span.file.path;
    if (twin) {
      const both = `Subnet '${child.name}' of ${name} is declared both inline and as a resource`;
      context.report({
        at: child.nameLocated,
        level: levelFor(child),
        related: [{ span: twin.nameLocated.node.span, message: `Subnet '${child.name}' in the inline subnets of ${name}.` }],
        message: `${both}, so each deployment undoes the other.`,
        hint: 'Declare it in one place.',
      });
      if (elsewhere(twin.nameLocated))
        context.report({
          at: twin.nameLocated,
          level: levelFor(child),
          related: [{ span: child.nameLocated.node.span, message: `Subnet '${child.name}', declared as a resource in ${fileName(child)}.` }],
          message: `${both} in ${fileName(child)}, so each deployment undoes the other.`,
          hint: 'Declare it in one place.',
        });
    } else if (complete) {
      const omits = `${capitalize(name)} lists its subnets inline without '${child.name}'`;
      context.report({
        at: child.nameLocated,
        level: levelFor(child),
        related: [{ span: list.node.span, message: `The inline subnets of ${name}, without '${child.name}'.` }],
        message: `${omits}, so each VNet deployment deletes it.`,
        hint: 'Add it to the list.',
      });
      if (elsewhere(list))
        context.report({
          at: list,
          level: levelFor(child),
          related: [{ span: child.nameLocated.node.span, message: `Subnet '${child.name}', declared as a resource in ${fileName(child)}.` }],
          message: `${omits}, which ${fileName(child)} declares as a resource, so each deployment of this VNet deletes it.`,
          hint: 'Add it to the list.',
        });
    }
  }
}

function fileName(subnet: Subnet): string {
  return basename(subnet.nameLocated.node.span.file.path);
}

/** (c): no `subnets` property at an API version that deletes every subnet. */
function checkOmitted(context: RuleContext, vnet: ModelResource, children: Subnet[], gatewayVnets: ReadonlySet<string>): void {
  const api = vnet.apiVersion;
  if (api === undefined || deletesSubnetsWhenOmitted(api) !== true) return;
  const key = nameKey(vnet.name);
  const gatewayHere = key !== undefined && gatewayVnets.has(key);
  if (!children.length && !gatewayHere) return;
  const gatewaySubnet = children.find((s) => isNamed(s, GATEWAY_SUBNET));
  const at = vnet.apiVersionNode;
  context.report({
    at,
    level: gatewaySubnet || gatewayHere ? 'error' : 'warning',
    related: children.slice(0, 3).map((s) => ({ span: s.nameLocated.node.span, message: `Subnet ${subnetLabel(s)}, declared as a resource.` })),
    message: `${capitalize(describeResource('VNet', vnet))} has no subnets at API ${api}, so each deployment deletes its subnets${gatewaySubnet || gatewayHere ? ', GatewaySubnet too' : ''}.`,
    hint: `Use API ${VNET_KEEPS_SUBNETS_FROM_API} or later.`,
    fix: apiVersionFix(at),
  });
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
