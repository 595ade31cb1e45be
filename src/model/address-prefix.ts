import type { CidrRange } from './cidr.js';
import { formatAddress, networkOf, parseIPv6 } from '../core/ip.js';

/**
 * Address prefixes as written in VNet address spaces and subnets, checked the way Azure checks them: the
 * family is decided first, from the text, so that IPv4 and IPv6 are never mixed; then the shape, the ranges
 * of the numbers, and host bits. `parseCidrRange` (cidr.ts) reads valid prefixes; this says what is wrong
 * with the others.
 */

export type PrefixCheck =
  /** A usable range; `expected` is set when host bits are set: the prefix Azure expects instead. */
  | { kind: 'range'; range: CidrRange; expected?: string }
  /** Not CIDR notation (no `/n`, letters, a wrong number of octets…). */
  | { kind: 'malformed'; detail: string }
  /** CIDR-shaped, but an octet or the prefix length is out of range. */
  | { kind: 'out-of-range'; detail: string }
  /** A form gwlint does not read (IPv6 with an embedded IPv4 address): not judged. */
  | { kind: 'unreadable' };

const IPV4_SHAPE = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/;

/**
 * Not remembered by text: the check is a few cheap steps, and a map of every prefix seen cost more (each
 * new text hashed, the map grown, the results kept alive through collections) than the repeats it saved.
 */
export function checkAddressPrefix(text: string): PrefixCheck {
  // The common case, an IPv4 prefix of the right shape, is told by one regular expression.
  const m = IPV4_SHAPE.exec(text);
  if (m) return checkIPv4(m, text);
  return text.includes(':') ? checkIPv6(text) : /^[\d./]+$/.test(text) ? misshapenIPv4(text) : { kind: 'malformed', detail: 'it is not an IP address range in CIDR notation' };
}

/** Digits, dots and slashes, but not in the shape of an IPv4 prefix. */
function misshapenIPv4(text: string): PrefixCheck {
  if (!text.includes('/')) return { kind: 'malformed', detail: 'it has no prefix length (/n)' };
  return { kind: 'malformed', detail: 'an IPv4 prefix is four dot-separated numbers and a prefix length, as in 10.0.0.0/24' };
}

/** An IPv4 prefix of the right shape (`m`, IPV4_SHAPE's match): its numbers' ranges and host bits. */
function checkIPv4(m: RegExpExecArray, text: string): PrefixCheck {
  const a = Number(m[1]);
  const b = Number(m[2]);
  const c = Number(m[3]);
  const d = Number(m[4]);
  const prefix = Number(m[5]);
  if (a > 255 || b > 255 || c > 255 || d > 255) return { kind: 'out-of-range', detail: 'each number of an IPv4 address is at most 255' };
  if (prefix > 32) return { kind: 'out-of-range', detail: 'an IPv4 prefix length is at most 32' };
  // Number arithmetic, one BigInt at the end: a large file has thousands of distinct prefixes.
  const address = BigInt(((a * 256 + b) * 256 + c) * 256 + d);
  const { family, first, last } = networkOf(address, prefix, 4);
  const range: CidrRange = { family, prefix, first, last, text };
  return address === range.first ? { kind: 'range', range } : { kind: 'range', range, expected: `${formatAddress(range.first, 4)}/${prefix}` };
}

function checkIPv6(text: string): PrefixCheck {
  const slash = text.indexOf('/');
  if (slash < 0) return { kind: 'malformed', detail: 'it has no prefix length (/n)' };
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  if (!/^\d+$/.test(prefixText)) return { kind: 'malformed', detail: 'the prefix length after / is not a number' };
  if (address.includes('.')) return { kind: 'unreadable' };
  const n = parseIPv6(address);
  if (n === undefined) return { kind: 'malformed', detail: `'${address}' is not an IPv6 address` };
  const prefix = Number(prefixText);
  if (prefix > 128) return { kind: 'out-of-range', detail: 'an IPv6 prefix length is at most 128' };
  const range: CidrRange = { ...networkOf(n, prefix, 6), text };
  return n === range.first ? { kind: 'range', range } : { kind: 'range', range, expected: `${formatAddress(range.first, 6)}/${prefix}` };
}

/** True when `inner` lies wholly inside `outer`; ranges of different families never contain each other. */
export function rangeContains(outer: CidrRange, inner: CidrRange): boolean {
  return outer.family === inner.family && outer.first <= inner.first && inner.last <= outer.last;
}
