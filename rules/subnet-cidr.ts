import type { RelatedLocation } from '../src/core/diagnostic.js';
import { defineRule } from '../src/engine/rule.js';
import type { RuleContext } from '../src/engine/rule.js';
import { ADDRESS_ERROR_CODES, IPV4_SUBNET_LARGEST_PREFIX, IPV4_SUBNET_SMALLEST_PREFIX, IPV6_SUBNET_PREFIX, matchSpecialSubnet, VNET_EXCLUDED_RANGES } from '../src/knowledge/gateway.js';
import type { PrefixCheck } from '../src/model/address-prefix.js';
import { checkAddressPrefix, rangeContains } from '../src/model/address-prefix.js';
import type { CidrRange } from '../src/model/cidr.js';
import { parseCidrRange, rangesOverlap } from '../src/model/cidr.js';
import type { Located } from '../src/model/locate.js';
import type { Subnet } from '../src/model/network.js';
import type { ModelResource } from '../src/model/resource.js';
import { resourceLabel, subnetLabel, vnetOf } from '../src/model/subnet-context.js';
import { VNET, SUBNET } from '../src/model/network.js';

export default defineRule({
  meta: {
    id: 'subnet-cidr',
    summary: 'VNet and subnet prefixes must be valid CIDR, subnets must lie inside their VNet and must not overlap.',
    description:
      'Azure rejects an address prefix that is not CIDR notation or has host bits set (10.10.10.0/16 must be written 10.10.0.0/16), a subnet outside its VNet\'s address space (NetcfgSubnetRangeOutsideVnet), two subnets of one VNet that overlap (NetcfgSubnetRangesOverlap), an IPv6 subnet that is not /64, and an IPv4 subnet smaller than /29 or larger than /2. A VNet address space that includes multicast (224.0.0.0/4), broadcast, loopback (127.0.0.0/8), link-local (169.254.0.0/16) or 168.63.129.16 is rejected too. Subnets are matched with their VNet whichever way they are declared; a VNet whose address space is not known is not used for the "outside" check. Overlaps are reported once per pair, on the subnet declared later. The sizes of GatewaySubnet and the other reserved subnets are left to gateway-subnet-size and special-subnets.',
    level: 'error',
    category: 'network',
    types: [VNET, SUBNET],
  },
  check(context) {
    const spaces = new Map<ModelResource, CidrRange[] | undefined>();
    for (const vnet of context.network.vnets) if (!vnet.existing) spaces.set(vnet, checkAddressSpace(context, vnet));

    const byVnet = new Map<ModelResource, Entry[]>();
    const findings = new Map<Located, Problem>();
    for (const subnet of context.network.subnets) {
      if (subnet.resource.existing) continue;
      const vnet = vnetOf(context.network, subnet);
      const space = vnet ? spaces.get(vnet) : undefined;
      // Indexed, without a closure per subnet: most subnets are valid, and this runs before it is optimised.
      const prefixes = subnet.prefixes();
      for (let i = 0; i < prefixes.length; i++) {
        const located = prefixes[i];
        if (typeof located.value !== 'string' || located.value.trim() === '') continue;
        const checked = checkSubnetPrefix(subnet, located.value, space, vnet);
        if (isProblem(checked)) {
          if (checked.messages.length) findings.set(located, checked);
        } else if (vnet) {
          const list = byVnet.get(vnet);
          if (list) list.push({ subnet, located, range: checked });
          else byVnet.set(vnet, [{ subnet, located, range: checked }]);
        }
      }
    }

    // Each VNet's entries are in declaration order already: the subnets were visited in the model's order.
    for (const [vnet, entries] of byVnet) {
      for (let j = 1; j < entries.length; j++) {
        const later = entries[j];
        for (let i = 0; i < j; i++) {
          const earlier = entries[i];
          // The ranges first: most pairs do not overlap, and mayCoexist lower-cases both names.
          if (!rangesOverlap(earlier.range, later.range) || !mayCoexist(earlier.subnet, later.subnet)) continue;
          const problem = findings.get(later.located) ?? { messages: [], hints: [], related: [] };
          problem.messages.push(
            `Subnet ${subnetLabel(later.subnet)} (${later.range.text}) overlaps subnet ${subnetLabel(earlier.subnet)} (${earlier.range.text}) in VNet ${resourceLabel(vnet) || 'of this subnet'} (${ADDRESS_ERROR_CODES.overlap}).`,
          );
          addHint(problem, 'Give one of them its own range.');
          problem.related.push({ span: earlier.located.node.span, message: `Subnet ${subnetLabel(earlier.subnet)} takes ${earlier.range.text} here.` });
          findings.set(later.located, problem);
        }
      }
    }

    // The fixes go after the messages, so that where the value came from follows what is wrong with it.
    for (const [located, problem] of findings)
      context.report({ at: located, message: problem.messages.join(' '), hint: problem.hints.join(' ') || undefined, related: problem.related });
  },
});

function sameRange(a: CidrRange, b: CidrRange): boolean {
  return a.family === b.family && a.first === b.first && a.last === b.last;
}

/** ` of VNet 'name'`, or nothing for a VNet without a known name. */
function vnetOfLabel(vnet: ModelResource): string {
  const label = resourceLabel(vnet);
  return label ? ` of VNet ${label}` : '';
}

/** The ranges a VNet's address space can't include, read once; a single address is named without /32. */
const EXCLUDED = VNET_EXCLUDED_RANGES.map((x) => ({ range: parseCidrRange(x.prefix)!, what: x.what, named: `${x.what} ${x.prefix.replace(/\/32$/, '')}` }));

interface Entry {
  subnet: Subnet;
  located: Located;
  range: CidrRange;
}

interface Problem {
  messages: string[];
  /** One fix sentence per kind of problem. */
  hints: string[];
  related: RelatedLocation[];
}

function addHint(problem: Problem, hint: string): void {
  if (!problem.hints.includes(hint)) problem.hints.push(hint);
}

/** A problem with a prefix as CIDR notation: what is wrong, and the fix when there is one to suggest. */
interface FormatProblem {
  message: string;
  hint?: string;
}

/** Checks each entry of the VNet's address space; returns the ranges when every entry is known and valid. */
function checkAddressSpace(context: RuleContext, vnet: ModelResource): CidrRange[] | undefined {
  const list = vnet.get(['properties', 'addressSpace', 'addressPrefixes']);
  if (!Array.isArray(list.value)) return undefined;
  const ranges: CidrRange[] = [];
  let complete = true;
  list.value.forEach((value, i) => {
    // An empty string is a placeholder (a linked template's parameter default), not a prefix to judge.
    if (typeof value !== 'string' || value.trim() === '') {
      complete = false;
      return;
    }
    const check = checkAddressPrefix(value);
    const problem = formatProblem(check, value, () => `Address space ${value}${vnetOfLabel(vnet)}`);
    // Where the entry was written is looked for only to report it: most address spaces are valid.
    const at = () => vnet.get(['properties', 'addressSpace', 'addressPrefixes', i]);
    if (problem) context.report({ at: at(), ...problem });
    if (check.kind === 'range' && !problem) {
      ranges.push(check.range);
      const excluded = EXCLUDED.find((x) => rangesOverlap(x.range, check.range));
      if (excluded)
        context.report({
          at: at(),
          message: `Address space ${value}${vnetOfLabel(vnet)} ${sameRange(excluded.range, check.range) ? `is ${excluded.what}` : rangeContains(excluded.range, check.range) ? `lies in ${excluded.named}` : `takes in ${excluded.named}`}, which Azure does not allow in a VNet.`,
          hint: 'Use private ranges, such as 10.0.0.0/16.',
        });
    } else complete = false;
  });
  return complete ? ranges : undefined;
}

/** What is wrong with a prefix as CIDR notation, if anything; `describe` names it (built only for a finding: names can cost a location). */
function formatProblem(check: PrefixCheck, text: string, describe: () => string): FormatProblem | undefined {
  if (check.kind === 'range' && !check.expected) return undefined;
  const what = describe();
  switch (check.kind) {
    case 'malformed':
      return { message: `${what} is not a valid address prefix (${ADDRESS_ERROR_CODES.format}): ${check.detail}.`, hint: 'Write it in CIDR notation, as in 10.0.0.0/24.' };
    case 'out-of-range':
      return { message: `${what} is not a valid address prefix (${ADDRESS_ERROR_CODES.format}): ${check.detail}.` };
    case 'range':
      return check.expected ? { message: `${what} has host bits set (${ADDRESS_ERROR_CODES.hostBits}).`, hint: `Write ${check.expected}, or change the length.` } : undefined;
    default:
      return undefined;
  }
}

function isProblem(checked: CidrRange | Problem): checked is Problem {
  return 'messages' in checked;
}

/** The range of a valid prefix inside its VNet (the common case, which makes no closures and no lists), else what is wrong with it. */
function checkSubnetPrefix(subnet: Subnet, text: string, space: CidrRange[] | undefined, vnet: ModelResource | undefined): CidrRange | Problem {
  const check = checkAddressPrefix(text);
  // What is wrong with a range in CIDR notation, worked out once for the common case and the messages alike.
  const valid = check.kind === 'range' && !check.expected ? check.range : undefined;
  const length = valid && lengthProblem(valid, subnet);
  const outside = valid !== undefined && space !== undefined && vnet !== undefined && !containedIn(space, valid);
  if (valid && !length && !outside) return valid;
  let label: string | undefined;
  const subnetText = () => (label ??= `Subnet ${subnetLabel(subnet)}`);
  const invalid = formatProblem(check, text, () => `${subnetText()} prefix ${text}`);
  if (invalid || check.kind !== 'range') return { messages: invalid ? [invalid.message] : [], hints: invalid?.hint ? [invalid.hint] : [], related: [] };
  const range = check.range;
  const messages: string[] = [];
  const hints: string[] = [];
  if (length === 'ipv6') messages.push(`${subnetText()} has IPv6 prefix ${text}, but Azure IPv6 subnets must be exactly /${IPV6_SUBNET_PREFIX}.`);
  else if (length === 'too small')
    messages.push(`${subnetText()} is /${range.prefix}, smaller than /${IPV4_SUBNET_SMALLEST_PREFIX}, the smallest IPv4 subnet Azure creates.`);
  else if (length === 'too large')
    messages.push(`${subnetText()} is /${range.prefix}, larger than /${IPV4_SUBNET_LARGEST_PREFIX}, the largest IPv4 subnet Azure creates.`);
  if (outside && space && vnet) {
    const sameFamily = space.filter((s) => s.family === range.family).map((s) => s.text);
    messages.push(
      `${subnetText()} (${text}) is outside the address space of VNet ${resourceLabel(vnet) || ''}`.replace(/ $/, '') +
        ` (${sameFamily.length ? sameFamily.join(', ') : `no IPv${range.family} range`}; ${ADDRESS_ERROR_CODES.outsideVnet}).`,
    );
    hints.push('Move the subnet inside it, or add a range that contains it.');
  }
  return { messages, hints, related: [] };
}

/** A prefix length Azure does not create for this subnet: IPv6 must be /64, IPv4 between /2 and /29 (reserved subnets may be smaller). */
function lengthProblem(range: CidrRange, subnet: Subnet): 'ipv6' | 'too small' | 'too large' | undefined {
  if (range.family === 6) return range.prefix !== IPV6_SUBNET_PREFIX ? 'ipv6' : undefined;
  if (range.prefix < IPV4_SUBNET_LARGEST_PREFIX) return 'too large';
  return range.prefix > IPV4_SUBNET_SMALLEST_PREFIX && !isReserved(subnet) ? 'too small' : undefined;
}

/** GatewaySubnet and the other subnets Azure sizes itself, by name (a near miss is not one). */
function isReserved(subnet: Subnet): boolean {
  const special = typeof subnet.name === 'string' ? matchSpecialSubnet(subnet.name)?.match : undefined;
  return special !== undefined && special !== 'near-miss';
}

function containedIn(space: readonly CidrRange[], range: CidrRange): boolean {
  for (let i = 0; i < space.length; i++) if (rangeContains(space[i], range)) return true;
  return false;
}

/**
 * False unless the two are known to be different subnets that may both be deployed: not one subnet declared
 * twice (the same name, inline and again as a resource, or a name that is not known), and not two
 * conditional resources, whose conditions may exclude each other.
 */
function mayCoexist(a: Subnet, b: Subnet): boolean {
  if (a === b) return false;
  // A name that is not known may be the other subnet's name: the same subnet, declared twice.
  if (typeof a.name !== 'string' || typeof b.name !== 'string' || a.name.toLowerCase() === b.name.toLowerCase()) return false;
  if (a.resource !== b.resource && a.resource.condition !== true && b.resource.condition !== true) return false;
  return true;
}
