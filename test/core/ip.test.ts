import { IPv4CidrRange, IPv6CidrRange, Validator, collapseIPv6Number } from 'ip-num';
import { describe, expect, it } from 'vitest';
import { formatAddress, parseCidr } from '../../src/core/ip.js';

/** ip-num, the library gwlint read addresses with before, as the oracle: same ranges, same rejections. */
function oracle(text: string): { first: string; last: string; prefix: number } | undefined {
  try {
    if (Validator.isValidIPv4CidrNotation(text)[0]) {
      const r = IPv4CidrRange.fromCidr(text);
      return { first: r.getFirst().toString(), last: r.getLast().toString(), prefix: Number(r.getPrefix().getValue()) };
    }
    if (Validator.isValidIPv6CidrNotation(text)[0]) {
      const r = IPv6CidrRange.fromCidr(text);
      const show = (s: string) => collapseIPv6Number(s).toLowerCase();
      return { first: show(r.getFirst().toString()), last: show(r.getLast().toString()), prefix: Number(r.getPrefix().getValue()) };
    }
  } catch {
    // not CIDR notation
  }
  return undefined;
}

function ours(text: string): { first: string; last: string; prefix: number } | undefined {
  const r = parseCidr(text);
  return r && { first: formatAddress(r.first, r.family), last: formatAddress(r.last, r.family), prefix: r.prefix };
}

const WRITTEN = [
  '10.0.0.0/8', '010.0.0.0/8', '10.0.0.1/8', '10.0.0.0/08', '10.0.0.0/008', '10.0.0.0/33', '256.0.0.0/8', '10.0.0/8', ' 10.0.0.0/8',
  '10.0.0.0/0', '1.2.3.4/32', '10.0.0.0/ 8', '10.0.0.0/+8', '10.0.0.0', '10.0.0.0/', '1.2.3.4.5/8', '10.0.0.0/-1', '0.0.0.0/0',
  '255.255.255.255/32', '192.168.1.77/26', 'fd00::/64', 'fd00::1/64', 'FD00::/64', '::/0', '::1/128', 'fd00:0:0:0:0:0:0:0/64',
  'fd00::0::/64', 'fd00:::/64', 'fd00:12345::/64', '1:2:3:4:5:6:7:8/64', '1:2:3:4:5:6:7::/64', '::2:3:4:5:6:7:8/64', '1::/129',
  'fd00::/064', 'fd00::/', 'g::/64', ':1::/64', '1::2:/64', '1:0:0:2:0:0:3:4/128', '1:0:0:0:2:0:0:0/128', '2001:db8:0:1:1:1:1:1/128',
  '2001:db8::ffff:0:0/96', '::ffff:10.0.0.1/128', '1:2:3:4:5:6:7/64', '1:2:3:4:5:6:7:8:9/64', 'fd00::/0', 'ace:cab:deca:f00d::/56',
];

/** Addresses made of a few interesting groups, in every shape a template could hold. */
function generated(): string[] {
  const out: string[] = [];
  let seed = 7;
  const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const groups = ['0', '1', 'ffff', 'db8', '0', '00', '0000', 'a', '10'];
  for (let i = 0; i < 400; i++) {
    const g = Array.from({ length: 8 }, () => groups[next(groups.length)]);
    const cut = next(9);
    const len = next(4);
    const text = cut < 8 ? `${g.slice(0, cut).join(':')}::${g.slice(cut + len).join(':')}` : g.join(':');
    out.push(`${text}/${[0, 1, 48, 63, 64, 65, 127, 128][next(8)]}`);
    out.push(`${next(300)}.${next(256)}.${next(256)}.${next(256)}/${next(34)}`);
  }
  return out;
}

describe('IP ranges (src/core/ip.ts)', () => {
  it('reads and rejects what ip-num did, with the same first and last addresses', () => {
    for (const text of [...WRITTEN, ...generated()]) expect(ours(text), text).toEqual(oracle(text));
  });

  it('writes IPv6 addresses as RFC 5952 says: the first longest run of zero groups compressed, never a single one', () => {
    expect(formatAddress(parseCidr('1:0:0:2:0:0:3:4/128')!.first, 6)).toBe('1::2:0:0:3:4');
    expect(formatAddress(parseCidr('2001:db8:0:1:1:1:1:1/128')!.first, 6)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatAddress(parseCidr('FD00:0:0:0:0:0:0:1/64')!.first, 6)).toBe('fd00::');
  });
});
