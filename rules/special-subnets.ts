import { asUsed } from '../src/model/locate.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { renameSubnetFix } from '../src/engine/fixes.js';
import { GATEWAY_SUBNET, hasSpecialSubnetPlacement, matchSpecialSubnet, nearMissOf, SPECIAL_SUBNET_PLACEMENTS, specialSubnetPlacement } from '../src/knowledge/gateway.js';
import type { SpecialSubnet, SpecialSubnetPlacement } from '../src/knowledge/gateway.js';
import { checkAddressPrefix } from '../src/model/address-prefix.js';
import type { Subnet, SubnetRef } from '../src/model/network.js';
import { nameSegments } from '../src/model/resource-id.js';
import { attachedId, idName, inlineDeclaration, inlineName, ofVnet } from '../src/model/subnet-context.js';
import { VNET, SUBNET } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'special-subnets',
    summary: 'AzureFirewallSubnet, AzureFirewallManagementSubnet, AzureBastionSubnet and RouteServerSubnet need their exact names and /26 or larger.',
    description:
      'Azure Firewall, its management NIC, Azure Bastion and Azure Route Server deploy only into subnets with these reserved names: a firewall, bastion host or Route Server placed in a subnet of any other name fails to deploy (error). A declared subnet whose name is another casing or a near-miss of a reserved name is a warning. Each of these subnets must be /26 or larger: smaller is an error, except /27 for AzureBastionSubnet (accepted for subnets created before November 2021) and RouteServerSubnet (sources disagree, /26 vs /27), which is a warning. Azure Route Server supports neither a route table nor a network security group on RouteServerSubnet (error).',
    level: 'error',
    levels: ['error', 'warning'],
    category: 'network',
    types: [VNET, SUBNET, ...SPECIAL_SUBNET_PLACEMENTS.map((p) => p.resourceType)],
    fixable: true,
  },
  check(context) {
    const renamed = new Set<Subnet>();
    for (const ref of context.network.refsFrom((r) => hasSpecialSubnetPlacement(r.typeLower))) {
      const placement = specialSubnetPlacement(ref.resource.type, ref.path);
      if (placement) checkPlacement(context, ref, placement, renamed);
    }
    for (const subnet of context.network.subnets) {
      if (subnet.resource.existing || typeof subnet.name !== 'string') continue;
      // The closest reserved name (the first listed of equally close ones); GatewaySubnet has its own rules.
      const best = matchSpecialSubnet(subnet.name);
      if (!best || best.subnet.name === GATEWAY_SUBNET) continue;
      if (best.match === 'exact' || best.match === 'case') {
        checkSize(context, subnet, best.subnet);
        checkAttachments(context, subnet, best.subnet);
      }
      if (!renamed.has(subnet)) checkName(context, subnet, subnet.name, best.subnet, best.match);
    }
  },
});

function checkPlacement(context: RuleContext, ref: SubnetRef, placement: SpecialSubnetPlacement, renamed: Set<Subnet>): void {
  const name = ref.subnetName;
  if (name === undefined) return;
  const match = nearMissOf(name, placement.subnet);
  if (match === 'exact' || match === 'case') return;
  const owner = nameSegments(ref.resource.name)[0];
  const what = `${placement.what}${typeof owner === 'string' ? ` '${owner}'` : ''}`;
  const at = ref.resource.get(ref.path);
  const subnet = context.network.subnetFor(ref);
  const message = `${what} is placed in subnet '${name}', but Azure deploys it only into a subnet named '${placement.subnet}'.`;
  // Rename the subnet when it is declared here and is not a reserved subnet of its own, and its VNet has no
  // subnet of the required name yet; otherwise the reference is what must change.
  const reserved = matchSpecialSubnet(name);
  const ownReserved = reserved !== undefined && reserved.match !== 'near-miss';
  const sibling = ref.vnetKey !== undefined ? context.network.subnetFor({ vnetKey: ref.vnetKey, subnetKey: placement.subnet.toLowerCase() }) : undefined;
  if (subnet && !subnet.resource.existing && !ownReserved && !sibling) {
    renamed.add(subnet);
    context.report({
      at: subnet.nameLocated,
      message,
      hint: `Rename the subnet to '${placement.subnet}' (and its references).`,
      related: [{ span: at.property.span, message: `${what} refers to the subnet here.` }],
      fix: renameSubnetFix(subnet, context.network, placement.subnet, `Rename the subnet to '${placement.subnet}'`),
    });
    return;
  }
  const target = sibling ? `the VNet's '${placement.subnet}' subnet` : `a subnet named '${placement.subnet}'`;
  context.report({ at: asUsed(at), message, hint: `Point it at ${target}.` });
}

function checkName(context: RuleContext, subnet: Subnet, name: string, special: SpecialSubnet, match: 'exact' | 'case' | 'near-miss'): void {
  if (match === 'exact') return;
  const message =
    match === 'case'
      ? `Subnet '${name}' should be spelled '${special.name}': Azure Policy and scripts compare the name exactly.`
      : `Subnet '${name}' looks like a misspelling of '${special.name}', so an ${serviceOf(special)} placed in it would fail to deploy.`;
  context.report({ at: subnet.nameLocated, level: 'warning', message, fix: renameSubnetFix(subnet, context.network, special.name, `Rename the subnet to '${special.name}'`) });
}

function checkSize(context: RuleContext, subnet: Subnet, special: SpecialSubnet): void {
  const prefixes = subnet.prefixes().flatMap((located) => {
    if (typeof located.value !== 'string') return [];
    const check = checkAddressPrefix(located.value);
    return check.kind === 'range' && check.range.family === 4 ? [{ located, length: check.range.prefix }] : [];
  });
  if (!prefixes.length) return;
  const largest = prefixes.reduce((a, b) => (b.length < a.length ? b : a));
  const legacy = special.acceptedLegacyPrefix ?? special.minimumPrefix;
  if (largest.length <= special.minimumPrefix) return;
  if (largest.length > legacy)
    context.report({
      at: largest.located,
      message: `${special.name} is /${largest.length}, but the ${serviceOf(special)} needs /${special.minimumPrefix} or larger, and its deployment fails.`,
      hint: `Resize the subnet to /${special.minimumPrefix} or larger.`,
    });
  else
    context.report({
      at: largest.located,
      level: 'warning',
      message: `${special.name} is /${largest.length}; new deployments need /${special.minimumPrefix} or larger.`,
      hint: `Resize it to /${special.minimumPrefix} or larger.`,
    });
}

/** Attachments the subnet's service does not support (a route table or NSG on RouteServerSubnet). */
function checkAttachments(context: RuleContext, subnet: Subnet, special: SpecialSubnet): void {
  for (const { property, what } of special.unsupported ?? []) {
    const at = subnet.prop([property]);
    const id = attachedId(at.value);
    const inline = id === undefined ? inlineDeclaration(at.value) : undefined;
    if (id === undefined && !inline) continue;
    const name = inline ? inlineName(inline) : id !== undefined ? idName(id) : undefined;
    context.report({
      at,
      message: `${special.name}${ofVnet(subnet)} has ${what}${name ? ` '${name}'` : ''}, which ${serviceOf(special)} does not support there.`,
      hint: `Remove it from ${special.name}.`,
    });
  }
}

/** The service that needs the subnet, for messages. */
function serviceOf(special: SpecialSubnet): string {
  return SPECIAL_SUBNET_PLACEMENTS.find((p) => p.subnet === special.name)?.what ?? 'service';
}
