/**
 * IPv4 and IPv6 addresses and CIDR ranges as numbers. Written here rather than taken from a library: the
 * one used before computed tables when loaded, which cost every run tens of milliseconds of start-up.
 */

export interface IpRange {
  family: 4 | 6;
  prefix: number;
  /** The network address: the address written, host bits cleared. */
  first: bigint;
  last: bigint;
}

const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;
const IPV4_PREFIX = /^\d+$/;
const IPV6_PREFIX = /^(0|[1-9]\d{0,2})$/;

/** `10.1.2.3` as a number; undefined unless four decimal numbers up to 255 without leading zeros. */
export function parseIPv4(text: string): bigint | undefined {
  const m = IPV4.exec(text);
  if (!m) return undefined;
  let n = 0n;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return undefined;
    n = (n << 8n) | BigInt(octet);
  }
  return n;
}

/** `fd00::1` as a number; undefined unless eight groups of one to four hex digits, or fewer around one `::`. */
export function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const all = [...head, ...tail];
  if (halves.length === 2 ? all.length > 7 : all.length !== 8) return undefined;
  if (!all.every((g) => HEX_GROUP.test(g))) return undefined;
  const padded = [...head, ...Array<string>(8 - all.length).fill('0'), ...tail];
  let n = 0n;
  for (const g of padded) n = (n << 16n) | BigInt(parseInt(g, 16));
  return n;
}

/** `10.0.0.0/16` or `fd00::/64` as a range (host bits written are cleared); undefined for anything else. */
export function parseCidr(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const v6 = address.includes(':');
  if (!(v6 ? IPV6_PREFIX : IPV4_PREFIX).test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = v6 ? 128 : 32;
  const n = v6 ? parseIPv6(address) : parseIPv4(address);
  if (n === undefined || prefix > bits) return undefined;
  return networkOf(n, prefix, v6 ? 6 : 4);
}

/** The range of `prefix` bits that holds address `n`. */
export function networkOf(n: bigint, prefix: number, family: 4 | 6): IpRange {
  const hostBits = BigInt((family === 6 ? 128 : 32) - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const first = n & ~hostMask;
  return { family, prefix, first, last: first | hostMask };
}

/** An address as text: dotted decimal, or RFC 5952 IPv6 (lower case, the longest run of two or more zero groups as `::`). */
export function formatAddress(n: bigint, family: 4 | 6): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
