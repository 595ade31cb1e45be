import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import type { NetworkSummary, SubnetSummary } from '../../src/model/summary.js';
import { addressMap, formatAddress, parseCidr, position, rangeToCidrs } from '../../src/report/address-map.js';

const file = new SourceFile('/repo/net.json', '{}');
const at = { file, start: 0, end: 0 };

function vnet(addressPrefixes: string[], subnets: [name: string | undefined, ...prefixes: string[]][]): NetworkSummary {
  return {
    name: 'vnet',
    span: at,
    addressPrefixes,
    unknownAddressPrefixes: 0,
    subnets: subnets.map(([name, ...prefixes]): SubnetSummary => ({ name, span: at, declaration: at, prefixes, unknownPrefixes: 0, gatewaySubnet: name === 'GatewaySubnet', gateways: [] })),
  };
}

describe('CIDR parsing', () => {
  it('reads IPv4 and IPv6 prefixes as address ranges, clearing host bits', () => {
    expect(parseCidr('10.0.255.0/27')).toMatchObject({ family: 4, bits: 27, start: 0x0a00ff00n, end: 0x0a00ff1fn });
    expect(parseCidr('10.0.255.7/29')).toMatchObject({ start: 0x0a00ff00n, end: 0x0a00ff07n });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ start: 0n, end: 0xffffffffn });
    expect(parseCidr('fd00:db8::/64')).toMatchObject({ family: 6, bits: 64, start: 0xfd000db8000000000000000000000000n, end: 0xfd000db800000000ffffffffffffffffn });
    expect(parseCidr('::/0')).toMatchObject({ start: 0n, end: (1n << 128n) - 1n });
  });

  it('rejects what is not CIDR notation', () => {
    for (const bad of ['10.0.0.0', '10.0.0.256/24', '10.0.0.0/33', 'ten/8', '1::2::3/64', 'fd00::/129', 'fd00::/x', '']) expect(parseCidr(bad), bad).toBeUndefined();
  });

  it('prints addresses, IPv6 with the longest zero run as ::', () => {
    expect(formatAddress(0x0a00ff1fn, 4)).toBe('10.0.255.31');
    expect(formatAddress(0xfd000db8000000000000000000000001n, 6)).toBe('fd00:db8::1');
    expect(formatAddress(0n, 6)).toBe('::');
    expect(formatAddress(0x00010000000200000000000000000003n, 6)).toBe('1:0:2::3');
  });

  it('splits a range into the fewest aligned blocks', () => {
    const v4 = (s: string) => parseCidr(`${s}/32`)!.start;
    expect(rangeToCidrs(v4('10.0.4.0'), v4('10.0.255.255'), 4)).toEqual([
      '10.0.4.0/22',
      '10.0.8.0/21',
      '10.0.16.0/20',
      '10.0.32.0/19',
      '10.0.64.0/18',
      '10.0.128.0/17',
    ]);
    expect(rangeToCidrs(v4('10.0.0.1'), v4('10.0.0.2'), 4)).toEqual(['10.0.0.1/32', '10.0.0.2/32']);
  });
});

describe('address map', () => {
  it('puts subnets on their address prefix, finds the unallocated ranges and overlaps, and stacks overlapping subnets', () => {
    const map = addressMap(
      vnet(['10.0.0.0/16'], [
        ['apps', '10.0.0.0/22'],
        ['data', '10.0.2.0/24'],
        ['GatewaySubnet', '10.0.255.0/27'],
        ['outside', '10.1.0.0/24'],
        ['typo', '10.0.300.0/24'],
      ]),
    );
    expect(map.axes).toHaveLength(1);
    const axis = map.axes[0];
    expect(axis.derived).toBe(false);
    expect(axis.subnets.map((s) => [s.name, s.lane, s.gatewaySubnet])).toEqual([
      ['apps', 0, false],
      ['data', 1, false],
      ['GatewaySubnet', 0, true],
    ]);
    expect(axis.lanes).toBe(2);
    expect(axis.free.flatMap((r) => rangeToCidrs(r.start, r.end, 4))).toEqual([
      ...rangeToCidrs(parseCidr('10.0.4.0/32')!.start, parseCidr('10.0.254.255/32')!.start, 4),
      '10.0.255.32/27',
      '10.0.255.64/26',
      '10.0.255.128/25',
    ]);
    expect(map.overlaps).toEqual([{ a: 'apps 10.0.0.0/22', b: 'data 10.0.2.0/24', start: parseCidr('10.0.2.0/24')!.start, end: parseCidr('10.0.2.0/24')!.end, family: 4 }]);
    expect(map.outside).toEqual([{ name: 'outside', prefix: '10.1.0.0/24' }]);
    expect(map.invalid).toEqual([{ name: 'typo', prefix: '10.0.300.0/24' }]);
  });

  it('draws ranges in address order, each visible, the whole bar used', () => {
    const axis = addressMap(vnet(['10.0.0.0/8'], [['tiny', '10.0.0.8/29'], ['GatewaySubnet', '10.200.0.0/27']])).axes[0];
    const starts = [...axis.positions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, p]) => p);
    expect(starts[0]).toBe(0);
    expect(starts[starts.length - 1]).toBe(100);
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]);
    const tiny = axis.subnets[0].cidr;
    // A /29 in a /8 is 0.00005% of the addresses; it is drawn at least 2% wide.
    expect(position(axis, tiny.end + 1n) - position(axis, tiny.start)).toBeGreaterThan(2);
  });

  it('draws a subnet three times as wide as an unallocated range of its size, so that more names fit', () => {
    const axis = addressMap(vnet(['10.0.0.0/23'], [['apps', '10.0.0.0/24']])).axes[0];
    const width = (start: bigint, end: bigint) => position(axis, end + 1n) - position(axis, start);
    expect(width(axis.subnets[0].cidr.start, axis.subnets[0].cidr.end)).toBeCloseTo(75);
    expect(width(axis.free[0].start, axis.free[0].end)).toBeCloseTo(25);
  });

  it('derives a range from the subnets when the address space is unknown, per address family', () => {
    const map = addressMap(vnet([], [['a', '192.168.1.0/24'], ['b', '192.168.4.0/25'], ['v6', 'fd00::/64']]));
    expect(map.axes.map((a) => [a.cidr.text, a.derived])).toEqual([
      ['192.168.0.0/21', true],
      ['fd00::/64', true],
    ]);
    expect(map.outside).toEqual([]);
  });
});
