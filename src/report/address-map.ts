import type { NetworkSummary, SubnetSummary } from '../model/summary.js';

/** An IPv4 or IPv6 prefix as a range of addresses (`end` inclusive). */
export interface Cidr {
  text: string;
  family: 4 | 6;
  start: bigint;
  end: bigint;
  bits: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `10.0.0.0/16` or `fd00::/64`; host bits are cleared, as the prefix's range starts at its network address. */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  const v4 = IPV4.exec(trimmed);
  if (v4) {
    const octets = v4.slice(1, 5).map(Number);
    const bits = Number(v4[5]);
    if (octets.some((o) => o > 255) || bits > 32) return undefined;
    const address = octets.reduce((n, o) => (n << 8n) | BigInt(o), 0n);
    return range(trimmed, 4, address, bits, 32);
  }
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0 || !trimmed.includes(':')) return undefined;
  const bits = Number(trimmed.slice(slash + 1));
  const address = parseIpv6(trimmed.slice(0, slash));
  if (address === undefined || !Number.isInteger(bits) || bits < 0 || bits > 128 || !/^\d+$/.test(trimmed.slice(slash + 1))) return undefined;
  return range(trimmed, 6, address, bits, 128);
}

function range(text: string, family: 4 | 6, address: bigint, bits: number, width: number): Cidr {
  const size = 1n << BigInt(width - bits);
  const start = (address / size) * size;
  return { text, family, start, end: start + size - 1n, bits };
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** The text of an address. */
export function formatAddress(value: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 255n)).join('.');
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => ((value >> shift) & 0xffffn).toString(16));
  // The longest run of zero groups becomes `::`.
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { at: i, length: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

/** A range of addresses as the fewest CIDR blocks that cover it exactly. */
export function rangeToCidrs(start: bigint, end: bigint, family: 4 | 6): string[] {
  const width = family === 4 ? 32 : 128;
  const out: string[] = [];
  let at = start;
  while (at <= end) {
    let bits = width;
    // Grow the block while it stays aligned and inside the range.
    while (bits > 0) {
      const size = 1n << BigInt(width - bits + 1);
      if (at % size !== 0n || at + size - 1n > end) break;
      bits--;
    }
    out.push(`${formatAddress(at, family)}/${bits}`);
    at += 1n << BigInt(width - bits);
  }
  return out;
}

export interface PlacedSubnet {
  /** The subnet this range is a prefix of, and its index in the VNet's list (for its colour). */
  subnet: SubnetSummary;
  index: number;
  name?: string;
  cidr: Cidr;
  gatewaySubnet: boolean;
  gateways: string[];
  /** The row of the bar it is drawn on: overlapping subnets go on different rows. */
  lane: number;
}

export interface Axis {
  /** The VNet address prefix the bar stands for, or a range derived from the subnets when the address space is unknown. */
  cidr: Cidr;
  derived: boolean;
  subnets: PlacedSubnet[];
  lanes: number;
  /** Ranges of the axis no subnet covers. */
  free: { start: bigint; end: bigint }[];
  /**
   * Where each range boundary (a start, or an end + 1) is drawn, in percent of the bar. Between two
   * consecutive boundaries the width grows with the logarithm of the range's size, so a /29 stays visible
   * beside a /16 gap and the order of ranges is kept.
   */
  positions: Map<bigint, number>;
}

/** The drawn position of a range boundary: a start address, or an end address + 1. */
export function position(axis: Axis, boundary: bigint): number {
  return axis.positions.get(boundary) ?? (boundary <= axis.cidr.start ? 0 : 100);
}

export interface Overlap {
  a: string;
  b: string;
  start: bigint;
  end: bigint;
  family: 4 | 6;
}

export interface AddressMap {
  axes: Axis[];
  /** Subnet prefixes that lie outside every known address prefix of the VNet. */
  outside: { name?: string; prefix: string }[];
  /** Prefixes that are not valid CIDR notation. */
  invalid: { name?: string; prefix: string }[];
  /** The first MAX_LISTED_OVERLAPS overlapping pairs, in declaration order. */
  overlaps: Overlap[];
  /** How many pairs overlap in all. */
  overlapCount: number;
  /** The labels (`name prefix`) of the subnets that overlap another. */
  overlapping: Set<string>;
}

/** Pairs listed by name: a VNet declared many times over can make thousands, which a page cannot list usefully. */
export const MAX_LISTED_OVERLAPS = 20;

/** Lays a VNet's subnets out along its address prefixes and finds overlaps and unallocated ranges. */
export function addressMap(vnet: NetworkSummary): AddressMap {
  const invalid: AddressMap['invalid'] = [];
  const placed: Omit<PlacedSubnet, 'lane'>[] = [];
  for (const [index, s] of vnet.subnets.entries())
    for (const prefix of s.prefixes) {
      const cidr = parseCidr(prefix);
      if (cidr) placed.push({ subnet: s, index, name: s.name, cidr, gatewaySubnet: s.gatewaySubnet, gateways: s.gateways });
      else invalid.push({ name: s.name, prefix });
    }
  const spaces: { cidr: Cidr; derived: boolean }[] = [];
  for (const p of vnet.addressPrefixes) {
    const cidr = parseCidr(p);
    if (cidr) spaces.push({ cidr, derived: false });
    else invalid.push({ prefix: p });
  }
  if (spaces.length === 0)
    for (const family of [4, 6] as const) {
      const mine = placed.filter((p) => p.cidr.family === family);
      if (mine.length) spaces.push({ cidr: covering(mine.map((p) => p.cidr), family), derived: true });
    }

  const outside: AddressMap['outside'] = [];
  const byAxis = new Map<number, Omit<PlacedSubnet, 'lane'>[]>();
  for (const p of placed) {
    const i = spaces.findIndex((s) => s.cidr.family === p.cidr.family && p.cidr.start >= s.cidr.start && p.cidr.end <= s.cidr.end);
    if (i < 0) outside.push({ name: p.name, prefix: p.cidr.text });
    else byAxis.set(i, [...(byAxis.get(i) ?? []), p]);
  }
  const axes = spaces.map((space, i) => layout(space.cidr, space.derived, byAxis.get(i) ?? []));
  return { axes, outside, invalid, ...overlaps(placed) };
}

function layout(cidr: Cidr, derived: boolean, members: Omit<PlacedSubnet, 'lane'>[]): Axis {
  const sorted = [...members].sort((a, b) => (a.cidr.start < b.cidr.start ? -1 : a.cidr.start > b.cidr.start ? 1 : b.cidr.bits - a.cidr.bits));
  const laneEnds: bigint[] = [];
  const subnets: PlacedSubnet[] = sorted.map((m) => {
    let lane = laneEnds.findIndex((end) => end < m.cidr.start);
    if (lane < 0) lane = laneEnds.push(m.cidr.end) - 1;
    else laneEnds[lane] = m.cidr.end;
    return { ...m, lane };
  });
  const free: Axis['free'] = [];
  let next = cidr.start;
  for (const s of sorted) {
    if (s.cidr.start > next) free.push({ start: next, end: s.cidr.start - 1n });
    if (s.cidr.end + 1n > next) next = s.cidr.end + 1n;
  }
  if (next <= cidr.end) free.push({ start: next, end: cidr.end });
  return { cidr, derived, subnets, lanes: Math.max(1, laneEnds.length), free, positions: positions(cidr, sorted.map((s) => s.cidr)) };
}

const SUBNET_WEIGHT = 3;

function positions(axis: Cidr, members: Cidr[]): Map<bigint, number> {
  const boundaries = [...new Set([axis.start, axis.end + 1n, ...members.flatMap((m) => [m.start, m.end + 1n])])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // Ranges with a subnet count three times an unallocated range of the same size: the subnets are what the map is read for.
  const covered = (from: bigint) => members.some((m) => m.start <= from && from <= m.end);
  const weights = boundaries.slice(1).map((b, i) => (Math.log2(Number(b - boundaries[i])) + 1) * (covered(boundaries[i]) ? SUBNET_WEIGHT : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Map<bigint, number>();
  let sum = 0;
  boundaries.forEach((b, i) => {
    out.set(b, total ? (sum / total) * 100 : 0);
    sum += weights[i] ?? 0;
  });
  return out;
}

function overlaps(placed: Omit<PlacedSubnet, 'lane'>[]): Pick<AddressMap, 'overlaps' | 'overlapCount' | 'overlapping'> {
  const listed: Overlap[] = [];
  const overlapping = new Set<string>();
  // Each subnet's label made once: a VNet declared many times over has thousands of overlapping pairs.
  const labels = placed.map((p) => label(p.name, p.cidr.text));
  let count = 0;
  for (let i = 0; i < placed.length; i++)
    for (let j = i + 1; j < placed.length; j++) {
      const a = placed[i].cidr;
      const b = placed[j].cidr;
      if (a.family !== b.family || a.end < b.start || b.end < a.start) continue;
      count++;
      overlapping.add(labels[i]).add(labels[j]);
      if (listed.length < MAX_LISTED_OVERLAPS)
        listed.push({
          a: labels[i],
          b: labels[j],
          start: a.start > b.start ? a.start : b.start,
          end: a.end < b.end ? a.end : b.end,
          family: a.family,
        });
    }
  return { overlaps: listed, overlapCount: count, overlapping };
}

function label(name: string | undefined, prefix: string): string {
  return `${name ?? '(unknown name)'} ${prefix}`;
}

/** The smallest prefix that contains all the given ones. */
function covering(cidrs: Cidr[], family: 4 | 6): Cidr {
  const width = family === 4 ? 32 : 128;
  const start = cidrs.reduce((m, c) => (c.start < m ? c.start : m), cidrs[0].start);
  const end = cidrs.reduce((m, c) => (c.end > m ? c.end : m), cidrs[0].end);
  let bits = width;
  while (bits > 0) {
    const size = 1n << BigInt(width - bits);
    if ((start / size) * size + size - 1n >= end) break;
    bits--;
  }
  const size = 1n << BigInt(width - bits);
  const base = (start / size) * size;
  return { text: `${formatAddress(base, family)}/${bits}`, family, start: base, end: base + size - 1n, bits };
}
