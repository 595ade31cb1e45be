import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import {
  canonicalValue,
  connectionProtocols,
  connectionProtocolsFor,
  connectionRequirement,
  connectionTypes,
  gatewayTypes,
  RESOURCE_TYPES,
  vpnTypes,
} from '../src/knowledge/gateway.js';
import type { ConnectionRequirement } from '../src/knowledge/gateway.js';
import type { Connection, ConnectionEnd, ConnectionRef } from '../src/model/connection.js';
import { connectionsOf, labelOf, vnetToVnetLinks, writesProperty, CONNECTION } from '../src/model/connection.js';
import type { Gateway } from '../src/model/gateway.js';
import type { Located } from '../src/model/locate.js';
import { asUsed } from '../src/model/locate.js';
import type { ModelResource } from '../src/model/resource.js';
import { isCertainlyDeclared } from '../src/model/resource.js';

export default defineRule({
  meta: {
    id: 'connection-gateway-type',
    summary: 'A connection must join the gateways its connectionType needs, with a protocol and BGP setting they support.',
    description:
      'IPsec connections join a VPN gateway (virtualNetworkGateway1) to a local network gateway (localNetworkGateway2); Vnet2Vnet connections join two route-based VPN gateways (virtualNetworkGateway1 and virtualNetworkGateway2); ExpressRoute connections join an ExpressRoute gateway to a circuit (peer). A missing end, an end of the wrong kind, an unknown connectionType, IKEv1 on a gateway SKU that does not offer it, and enableBgp on a connection whose gateway (or local network gateway) has no BGP are rejected by Azure or leave the tunnel down. Gateways referenced by id are judged only when they are declared in the linted files. A VNet-to-VNet connection between two gateways declared here needs a connection back, one each way (warning).',
    level: 'error',
    levels: ['error', 'warning'],
    category: 'connection',
    types: [CONNECTION],
  },
  check(context) {
    const connections = connectionsOf(context.model);
    for (const connection of connections) checkConnection(context, connection);
    checkReverseConnections(context, connections);
  },
});

/**
 * A VNet-to-VNet tunnel takes two connection resources, one each way (the PowerShell steps create one for
 * each direction). A connection whose two gateways are both declared here, certainly deployed, with no
 * Vnet2Vnet connection back (conditional or not) brings no tunnel up.
 */
function checkReverseConnections(context: RuleContext, connections: readonly Connection[]): void {
  const links = vnetToVnetLinks(connections);
  // Which gateways each gateway has a connection to.
  const joined = new Map<ModelResource, Set<ModelResource>>();
  for (const { from, to } of links) joined.set(from.resource, (joined.get(from.resource) ?? new Set()).add(to.resource));
  for (const { connection: c, from, to } of links) {
    if (from.resource === to.resource || !isCertainlyDeclared(c.resource) || !isCertainlyDeclared(to.resource) || to.resource.existing) continue;
    // A gateway of the wrong kind is reported above; a connection back would not help it.
    if (!mayJoinVnetToVnet(from) || !mayJoinVnetToVnet(to) || joined.get(to.resource)?.has(from.resource)) continue;
    // On the connection type, not the far end's id: that id's origin (a module output…) is not what is wrong.
    context.report({
      at: c.connectionType,
      level: 'warning',
      related: [related(c.ref('virtualNetworkGateway2').id, `Gateway ${to.label} has no Vnet2Vnet connection to ${from.label}.`)],
      message: `Connection ${c.label} has no connection back from its far gateway; a VNet-to-VNet tunnel needs one each way.`,
      hint: 'Add one from that gateway, with the same shared key.',
    });
  }
}

const GATEWAY_TYPE = RESOURCE_TYPES.virtualNetworkGateways.toLowerCase();

function checkConnection(context: RuleContext, c: Connection): void {
  const typeAt = c.connectionType;
  const written = typeAt.value;
  let requirement: ConnectionRequirement | undefined;
  let connectionType: string | undefined;
  if (written === undefined && c.writes('connectionType') === false) {
    context.report({
      at: c.resource.reportNode,
      message: `Connection ${c.label} sets no connectionType, which Azure requires.`,
      hint: `Set it to ${connectionTypes().filter((t) => t !== 'VPNClient').map((t) => `'${t}'`).join(' or ')}.`,
    });
  } else if (typeof written === 'string') {
    connectionType = canonicalValue(connectionTypes(), written);
    if (connectionType === undefined)
      context.report({
        at: typeAt,
        message: `Connection ${c.label} has connectionType '${written}', which Azure does not know.`,
        hint: "Use 'IPsec' (site-to-site), 'Vnet2Vnet' or 'ExpressRoute'.",
      });
    else requirement = connectionRequirement(connectionType);
  }

  const gw1 = c.ref('virtualNetworkGateway1');
  if (gw1.id.value === undefined && c.writes('virtualNetworkGateway1') === false)
    context.report({ at: c.resource.reportNode, message: `Connection ${c.label} has no virtualNetworkGateway1, which Azure requires.`, hint: 'Set virtualNetworkGateway1.id to the Azure-side gateway.' });
  else checkEndType(context, c, gw1, RESOURCE_TYPES.virtualNetworkGateways, 'a virtual network gateway');

  if (requirement && connectionType) checkEnds(context, c, connectionType, requirement);
  checkProtocol(context, c, connectionType);
  checkBgp(context, c, connectionType);
}

/** An id whose resource type is known and is not the one the property takes. */
function checkEndType(context: RuleContext, c: Connection, ref: ConnectionRef, expected: string, description: string): boolean {
  if (!ref.target || ref.target.type === expected.toLowerCase()) return true;
  context.report({
    at: asUsed(ref.id),
    message: `Connection ${c.label}: ${ref.end}.id names a '${ref.target.type}', but it must be ${description} (${expected}).`,
  });
  return false;
}

function checkEnds(context: RuleContext, c: Connection, connectionType: string, req: ConnectionRequirement): void {
  const gw1 = c.gateway('virtualNetworkGateway1');
  if (gw1) checkGatewayKind(context, c, 'virtualNetworkGateway1', gw1, connectionType, req);

  const peer = c.ref(req.peerProperty);
  if (peer.id.value === undefined) {
    if (c.writes(req.peerProperty) === false)
      context.report({
        at: c.connectionType,
        message: `Connection ${c.label} is of type '${connectionType}', which needs ${req.peerProperty}, but it is not set.`,
        hint: peerHint(connectionType, req, c),
      });
    return;
  }
  if (!checkEndType(context, c, peer, req.peerType, req.peerDescription)) return;
  if (peer.resource?.typeLower === GATEWAY_TYPE) {
    const gw2 = c.gateway('virtualNetworkGateway2');
    if (gw2) checkGatewayKind(context, c, 'virtualNetworkGateway2', gw2, connectionType, req);
  }
}

/** What to set, and the other connection type the user may have meant. */
function peerHint(connectionType: string, req: ConnectionRequirement, c: Connection): string {
  const set = `Set ${req.peerProperty}.id to ${req.peerDescription}`;
  if (connectionType === 'IPsec' && c.ref('virtualNetworkGateway2').id.value !== undefined) return `${set}, or use connectionType 'Vnet2Vnet'.`;
  if (connectionType === 'Vnet2Vnet' && c.ref('localNetworkGateway2').id.value !== undefined) return `${set}, or use connectionType 'IPsec'.`;
  return `${set}.`;
}

function checkGatewayKind(context: RuleContext, c: Connection, end: ConnectionEnd, gateway: Gateway, connectionType: string, req: ConnectionRequirement): void {
  const ref = c.ref(end);
  const type = gateway.text('gatewayType');
  const canonical = type === undefined ? undefined : canonicalValue(gatewayTypes(), type);
  if (canonical !== undefined && canonical !== req.gateway1Type) {
    context.report({
      at: asUsed(ref.id),
      related: [related(gateway.gatewayType, `Gateway ${gateway.label} has gatewayType '${type}'.`)],
      message: `Connection ${c.label} is of type '${connectionType}', but ${end} ${gateway.label} is ${kind(canonical)}.`,
      hint: `Use ${kind(req.gateway1Type)}, or change connectionType.`,
    });
    return;
  }
  if (!req.routeBased || canonical !== 'Vpn') return;
  const vpnType = gateway.text('vpnType');
  if (vpnType !== undefined && canonicalValue(vpnTypes(), vpnType) === 'PolicyBased')
    context.report({
      at: asUsed(ref.id),
      related: [related(gateway.prop('vpnType'), `Gateway ${gateway.label} is policy-based.`)],
      message: `Connection ${c.label} is VNet-to-VNet, but gateway ${gateway.label} in ${end} is PolicyBased; both ends must be RouteBased.`,
      hint: 'Use a RouteBased gateway (an existing one has to be recreated).',
    });
}

function checkProtocol(context: RuleContext, c: Connection, connectionType: string | undefined): void {
  const at = c.prop('connectionProtocol');
  if (typeof at.value !== 'string') return;
  const protocol = canonicalValue(connectionProtocols(), at.value);
  if (!protocol) {
    context.report({ at, message: `Connection ${c.label} has connectionProtocol '${at.value}', which Azure does not know.`, hint: "Use 'IKEv2' (the default) or 'IKEv1'." });
    return;
  }
  if (connectionType === 'ExpressRoute') return;
  const gateway = c.gateway('virtualNetworkGateway1');
  if (!gateway || !isVpn(gateway)) return;
  const sku = gateway.text('sku', 'name');
  if (sku === undefined) return;
  // An absent vpnType leaves both types possible; an unknown or misspelt one is not judged.
  const vpnTypeValue = gateway.prop('vpnType').value;
  const vpnType = typeof vpnTypeValue === 'string' ? canonicalValue(vpnTypes(), vpnTypeValue) : undefined;
  if (vpnTypeValue !== undefined && vpnType === undefined) return;
  const allowed = connectionProtocolsFor(sku, vpnType);
  if (!allowed || allowed.includes(protocol)) return;
  const why =
    vpnType === 'PolicyBased'
      ? 'policy-based gateways speak IKEv1 only'
      : protocol === 'IKEv1'
        ? `SKU '${sku}' does not offer IKEv1`
        : `it does not offer ${protocol}`;
  context.report({
    at,
    related: [related(gateway.skuName, `Gateway ${gateway.label} has SKU '${sku}'${vpnType ? ` and vpnType '${vpnType}'` : ''}.`)],
    message: `Connection ${c.label} asks for ${protocol}, but gateway ${gateway.label} cannot use it: ${why}.`,
    hint: `Use ${allowed.map((p) => `'${p}'`).join(' or ')}, or a gateway SKU that supports ${protocol}.`,
  });
}

function checkBgp(context: RuleContext, c: Connection, connectionType: string | undefined): void {
  const at = c.prop('enableBgp');
  if (c.flag('enableBgp') !== true || connectionType === 'ExpressRoute') return;
  const ends: ('virtualNetworkGateway1' | 'virtualNetworkGateway2')[] = connectionType === 'Vnet2Vnet' ? ['virtualNetworkGateway1', 'virtualNetworkGateway2'] : ['virtualNetworkGateway1'];
  for (const end of ends) {
    const gateway = c.gateway(end);
    if (!gateway || !isVpn(gateway)) continue;
    const gwBgp = gateway.prop('enableBgp');
    const enabled = gwBgp.value === undefined ? false : gateway.flag('enableBgp');
    if (enabled !== false) continue;
    context.report({
      at,
      related: [related(gwBgp.value === undefined ? gateway.resource.reportNode : gwBgp, `Gateway ${gateway.label} has BGP ${gwBgp.value === undefined ? 'off (enableBgp is not set)' : 'off'}.`)],
      message: `Connection ${c.label} sets enableBgp, but gateway ${gateway.label} (${end}) has BGP turned off.`,
      hint: 'Turn BGP on at the gateway, or remove enableBgp from the connection.',
    });
    return;
  }
  if (connectionType !== 'IPsec') return;
  const lng = c.localGateway;
  if (!lng || lng.existing) return;
  if (writesProperty(lng, ['properties', 'bgpSettings']) !== false) return;
  context.report({
    at,
    related: [related(lng.reportNode, `Local network gateway ${labelOf(lng)} has no bgpSettings.`)],
    message: `Connection ${c.label} sets enableBgp, but local network gateway ${labelOf(lng)} has no bgpSettings.`,
    hint: 'Add bgpSettings (asn, bgpPeeringAddress) to it, or remove enableBgp from the connection.',
  });
}

/** A gateway that is, or may be, a route-based VPN gateway. */
function mayJoinVnetToVnet(gateway: Gateway): boolean {
  const type = gateway.text('gatewayType');
  const vpnType = gateway.text('vpnType');
  return (type === undefined || canonicalValue(gatewayTypes(), type) === 'Vpn') && (vpnType === undefined || canonicalValue(vpnTypes(), vpnType) !== 'PolicyBased');
}

/** `a VPN gateway`, `an ExpressRoute gateway`, `a LocalGateway gateway`. */
function kind(gatewayType: string): string {
  if (gatewayType === 'Vpn') return 'a VPN gateway';
  if (gatewayType === 'ExpressRoute') return 'an ExpressRoute gateway';
  return `a ${gatewayType} gateway`;
}

function isVpn(gateway: Gateway): boolean {
  return gateway.family === 'Vpn';
}

function related(at: Located | { span: RelatedLocation['span'] }, message: string): RelatedLocation {
  return { span: 'node' in at ? at.node.span : at.span, message };
}
