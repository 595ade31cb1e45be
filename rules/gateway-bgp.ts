import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { isObjectValue } from '../src/expr/value.js';
import { parseIPv4 } from '../src/core/ip.js';
import { APIPA_BGP_RANGE, asnProblem, AZURE_DEFAULT_ASN, canonicalSku, canonicalValue, LINK_LOCAL_PREFIX, USABLE_PRIVATE_ASN_RANGES, VIRTUAL_WAN_HUB_ASN, vpnSkuFacts, vpnTypes } from '../src/knowledge/gateway.js';
import type { AsnOwner } from '../src/knowledge/gateway.js';
import type { Connection } from '../src/model/connection.js';
import { connectionsOf, LOCAL_GATEWAY, CONNECTION } from '../src/model/connection.js';
import { capitalize, describeResource, flagOf, Gateway, gatewaysOf } from '../src/model/gateway.js';
import type { Located } from '../src/model/locate.js';
import type { ModelResource } from '../src/model/resource.js';
import { GATEWAY } from '../src/model/network.js';
import { locatedRanges, parseCidrRange } from '../src/model/cidr.js';
import { rangeContains } from '../src/model/address-prefix.js';

export default defineRule({
  meta: {
    id: 'gateway-bgp',
    summary: 'BGP needs a route-based gateway above Basic, a usable ASN, different ASNs on the two ends of a connection, and APIPA addresses in Azure\'s range.',
    description:
      "BGP (enableBgp, or a bgpSettings block) is not supported on the Basic SKU (BasicSkuVirtualNetworkGatewayDoesNotSupportBgp) nor on PolicyBased gateways. bgpSettings.asn of a gateway or a local network gateway must not be 0, an ASN reserved by Azure (8074, 8075, 12076, 65515 and 65517-65520, the gateway default 65515 excepted) or by IANA (23456, 64496-64511, 65535-65551, 4294967295). The two ends of a BGP connection need different ASNs: two gateways left at the default 65515, or a local network gateway with the gateway's ASN, cannot peer. Custom APIPA BGP addresses (bgpPeeringAddresses[].customBgpIpAddresses) must lie in 169.254.21.0-169.254.22.255, and a local network gateway's address space must not list an APIPA (169.254.0.0/16) prefix: Azure routes to the BGP peer by itself and does not accept one there. A bgpSettings block alone on Basic or PolicyBased is a warning: Azure has rejected it on Basic, but whether the block alone triggers the error is not documented.",
    level: 'error',
    levels: ['error', 'warning'],
    category: 'gateway',
    types: [GATEWAY, LOCAL_GATEWAY, CONNECTION],
  },
  check(context) {
    for (const gateway of gatewaysOf(context.network)) {
      if (gateway.family !== 'Vpn') continue;
      const settings = gateway.prop('bgpSettings');
      checkSupport(context, gateway, settings);
      // Without bgpSettings there is no ASN to read (most gateways leave BGP off).
      if (settings.value !== undefined) {
        checkAsn(context, gateway.prop('bgpSettings', 'asn'), 'gateway', () => capitalize(gateway.named()));
        checkApipaAddresses(context, gateway);
      }
    }
    for (const lng of context.model.ofType(LOCAL_GATEWAY)) {
      if (lng.existing) continue;
      const at = lng.get(['properties', 'bgpSettings', 'asn']);
      // Named only for a finding: an unnamed resource is named by its line, which costs locating it.
      const who = () => capitalize(describeResource('local network gateway', lng));
      if (at.value === VIRTUAL_WAN_HUB_ASN) checkVirtualWanAsn(context, lng, at, who);
      else checkAsn(context, at, 'on-premises', who);
      checkLinkLocalPrefixes(context, lng, who);
    }
    const seen = new Set<string>();
    for (const connection of connectionsOf(context.model)) checkSameAsn(context, connection, seen);
  },
});

function present(located: Located): boolean {
  return located.value !== undefined && located.value !== null;
}

/** `settings`: the gateway's bgpSettings, located. */
function checkSupport(context: RuleContext, gateway: Gateway, settings: Located): void {
  const enable = gateway.prop('enableBgp');
  const enabled = flagOf(enable.value) === true;
  const block = isObjectValue(settings.value);
  if (!enabled && !block) return;
  const sku = gateway.text('sku', 'name');
  const facts = sku === undefined ? undefined : vpnSkuFacts(sku);
  const vpnType = gateway.text('vpnType');
  const reasons: string[] = [];
  const basic = facts !== undefined && !facts.bgp;
  if (basic) reasons.push(`SKU ${canonicalSku(sku!)} lacks it`);
  if (vpnType !== undefined && canonicalValue(vpnTypes(), vpnType) === 'PolicyBased') reasons.push('it needs RouteBased, not PolicyBased');
  if (!reasons.length) return;
  const hint = 'Remove the BGP settings, or use RouteBased VpnGw1AZ+.';
  if (enabled)
    context.report({
      at: enable,
      message: `${capitalize(gateway.named())} enables BGP, but ${reasons.join(', and ')}.`,
      hint,
    });
  else
    context.report({
      at: settings,
      level: 'warning',
      message: `${capitalize(gateway.named())} has bgpSettings, but ${reasons.join(', and ')}; Azure may reject it.`,
      hint,
    });
}

/**
 * 65515 on a local network gateway: Azure accepts it only when the address is a Virtual WAN hub gateway's
 * public IP. With the address unknown (typically read from the vWAN gateway at deployment) nothing is said;
 * with a written address, a warning, as the address may still be a vWAN gateway's.
 */
function checkVirtualWanAsn(context: RuleContext, lng: ModelResource, at: Located, who: () => string): void {
  const address = lng.get(['properties', 'gatewayIpAddress']).value ?? lng.get(['properties', 'fqdn']).value;
  if (typeof address !== 'string') return;
  context.report({
    at,
    level: 'warning',
    message: `${who()} has BGP ASN ${VIRTUAL_WAN_HUB_ASN}, reserved by Azure and accepted only for a Virtual WAN hub, not for a device such as '${address}'.`,
    hint: "Set the ASN of the on-premises device.",
  });
}

/**
 * A local network gateway's address space is what Azure routes through the tunnel; Azure adds the route to
 * a BGP peer itself, and "if you use an APIPA address as the on-premises VPN device BGP IP, it cannot be
 * added to this field" (VPN Gateway FAQ): a link-local (APIPA) prefix there is rejected.
 */
function checkLinkLocalPrefixes(context: RuleContext, lng: ModelResource, who: () => string): void {
  for (const { at, range } of locatedRanges(lng, ['properties', 'localNetworkAddressSpace', 'addressPrefixes'])) {
    if (!rangeContains(LINK_LOCAL, range)) continue;
    context.report({
      at,
      message: `${who()} lists ${range.text} in its address space, an APIPA (link-local) range Azure does not accept there.`,
      hint: 'Remove it: Azure routes to the BGP peer address by itself.',
    });
  }
}

const LINK_LOCAL = parseCidrRange(LINK_LOCAL_PREFIX)!;

const APIPA_FIRST = parseIPv4(APIPA_BGP_RANGE.first)!;
const APIPA_LAST = parseIPv4(APIPA_BGP_RANGE.last)!;

/** Custom APIPA BGP addresses (bgpPeeringAddresses[].customBgpIpAddresses) outside the range Azure accepts. */
function checkApipaAddresses(context: RuleContext, gateway: Gateway): void {
  const peerings = gateway.prop('bgpSettings', 'bgpPeeringAddresses').value;
  if (!Array.isArray(peerings)) return;
  for (let i = 0; i < peerings.length; i++) {
    const addresses = gateway.prop('bgpSettings', 'bgpPeeringAddresses', i, 'customBgpIpAddresses').value;
    if (!Array.isArray(addresses)) continue;
    for (let j = 0; j < addresses.length; j++) {
      const address = addresses[j];
      const n = typeof address === 'string' ? parseIPv4(address.trim()) : undefined;
      if (n === undefined || (n >= APIPA_FIRST && n <= APIPA_LAST)) continue;
      context.report({
        at: gateway.prop('bgpSettings', 'bgpPeeringAddresses', i, 'customBgpIpAddresses', j),
        message: `${capitalize(gateway.named())} has custom BGP address ${String(address)}, outside the APIPA range Azure accepts.`,
        hint: `Use an address from ${APIPA_BGP_RANGE.first} to ${APIPA_BGP_RANGE.last}.`,
      });
    }
  }
}

function checkAsn(context: RuleContext, at: Located, owner: AsnOwner, who: () => string): void {
  if (typeof at.value !== 'number') return;
  const problem = asnProblem(at.value, owner);
  if (!problem) return;
  const ranges = USABLE_PRIVATE_ASN_RANGES.map(([a, b]) => `${a}-${b}`).join(' or ');
  const side = owner === 'gateway' ? `, or leave Azure's default ${AZURE_DEFAULT_ASN}` : '';
  context.report({
    at,
    message: `${who()} has BGP ASN ${at.value}: ${problem}, and Azure does not accept it.`,
    hint: `Use a private ASN from ${ranges}, or a public ASN you own${side}.`,
  });
}

interface AsnEnd {
  resource: ModelResource;
  label: string;
  asn: number;
  /** The ASN as written; undefined when the gateway uses Azure's default. */
  at?: Located;
}

/** The BGP ASN of a gateway: bgpSettings.asn, or Azure's default 65515 when absent; undefined when unknown. */
function gatewayAsn(gateway: Gateway): AsnEnd | undefined {
  const settings = gateway.prop('bgpSettings');
  const at = gateway.prop('bgpSettings', 'asn');
  const base = { resource: gateway.resource, label: gateway.named() };
  if (typeof at.value === 'number') return { ...base, asn: at.value, at };
  const absent = settings.value === undefined || settings.value === null || (isObjectValue(settings.value) && at.value === undefined);
  return absent ? { ...base, asn: AZURE_DEFAULT_ASN } : undefined;
}

function checkSameAsn(context: RuleContext, connection: Connection, seen: Set<string>): void {
  const enable = connection.prop('enableBgp').value;
  if (enable !== true && !(typeof enable === 'string' && enable.toLowerCase() === 'true')) return;
  const gateway1 = connection.gateway('virtualNetworkGateway1');
  if (!gateway1) return;
  const first = gatewayAsn(gateway1);
  let second: AsnEnd | undefined;
  const lng = connection.localGateway;
  const gateway2 = connection.gateway('virtualNetworkGateway2');
  if (lng) {
    const at = lng.get(['properties', 'bgpSettings', 'asn']);
    if (typeof at.value === 'number') second = { resource: lng, label: describeResource('local network gateway', lng), asn: at.value, at };
  } else if (gateway2 && gateway2.resource !== gateway1.resource) second = gatewayAsn(gateway2);
  if (!first || !second || first.asn !== second.asn) return;
  // An ASN that is invalid in itself is reported on its own.
  if (first.at && asnProblem(first.asn, 'gateway')) return;
  // 65515 on a local network gateway may be a Virtual WAN hub: then the VNet gateway must not be 65515 either.
  if (second.at && second.asn !== (lng ? VIRTUAL_WAN_HUB_ASN : undefined) && asnProblem(second.asn, lng ? 'on-premises' : 'gateway')) return;
  // A Vnet2Vnet pair has a connection each way: report the pair once.
  const pair = [first.resource, second.resource].map((r) => context.model.resources.indexOf(r)).sort((a, b) => a - b);
  const key = pair.join(':');
  if (seen.has(key)) return;
  seen.add(key);
  // The finding lands on an ASN the user chose: the Azure gateway's when written (the local network gateway
  // mirrors a device), else the later-declared gateway's BGP settings.
  const ends = [first, second].sort((a, b) => context.model.resources.indexOf(b.resource) - context.model.resources.indexOf(a.resource));
  const target = lng
    ? (first.at ?? (second.asn === VIRTUAL_WAN_HUB_ASN ? anchorOf(first) : second.at))
    : (ends.find((e) => e.at)?.at ?? anchorOf(ends[0]));
  if (!target) return;
  const related: RelatedLocation[] = [{ span: connection.resource.reportNode.span, message: `${capitalize(describeResource('connection', connection.resource))} enables BGP between them.` }];
  for (const end of [first, second]) if (end.at && end.at !== target) related.push({ span: end.at.node.span, message: `ASN of ${end.label}.` });
  const both = !first.at && !second.at ? `Azure's default ASN ${first.asn}` : `ASN ${first.asn}`;
  const hint = lng
    ? `Set another private ASN in bgpSettings.asn of ${first.label}${second.asn === VIRTUAL_WAN_HUB_ASN ? ` (a Virtual WAN hub always uses ${VIRTUAL_WAN_HUB_ASN})` : ", or the device's ASN on the local network gateway"}.`
    : 'Give one of the gateways another private ASN in bgpSettings.asn.';
  context.report({
    at: target,
    related,
    message: `${capitalize(describeResource('connection', connection.resource))} joins ${first.label} and ${second.label}, which both have ${both}, so BGP does not come up.`,
    hint,
  });
}

/** Where to report when no ASN is written: the gateway's bgpSettings, else its enableBgp, else its name. */
function anchorOf(end: AsnEnd): Located | undefined {
  if (end.resource.typeLower !== 'microsoft.network/virtualnetworkgateways') return end.at;
  const gateway = new Gateway(end.resource);
  for (const at of [gateway.prop('bgpSettings'), gateway.prop('enableBgp')]) if (present(at)) return at;
  return { value: undefined, node: end.resource.reportNode, origins: [], property: end.resource.reportNode };
}
