import { describe, expect, it } from 'vitest';
import {
  asnProblem,
  AZURE_DEFAULT_ASN,
  AZURE_RESERVED_PRIVATE_ASNS,
  AZURE_RESERVED_PUBLIC_ASNS,
  IANA_RESERVED_ASN_RANGES,
  isFourByteAsn,
  MAX_ASN,
  USABLE_PRIVATE_ASN_RANGES,
} from '../../src/knowledge/gateway.js';

describe('ASN lists (gateway-facts §2.7)', () => {
  it('hold the exact reserved values', () => {
    expect(AZURE_RESERVED_PUBLIC_ASNS).toEqual([8074, 8075, 12076]);
    expect(AZURE_RESERVED_PRIVATE_ASNS).toEqual([65515, 65517, 65518, 65519, 65520]);
    expect(IANA_RESERVED_ASN_RANGES).toEqual([
      [23456, 23456],
      [64496, 64511],
      [65535, 65551],
      [4294967295, 4294967295],
    ]);
    expect(USABLE_PRIVATE_ASN_RANGES).toEqual([
      [64512, 65514],
      [65521, 65534],
    ]);
    expect(AZURE_DEFAULT_ASN).toBe(65515);
    expect(MAX_ASN).toBe(4294967295);
  });
});

describe('asnProblem', () => {
  it.each([
    [0, /0 is invalid/],
    [-1, /not a 32-bit/],
    [4294967296, /not a 32-bit/],
    [1.5, /not a 32-bit/],
    [Number.NaN, /not a 32-bit/],
    [4294967295, /IANA/],
    [8074, /public ASN reserved by Azure/],
    [8075, /public ASN reserved by Azure/],
    [12076, /public ASN reserved by Azure/],
    [65515, /private ASN reserved by Azure/],
    [65517, /private ASN reserved by Azure/],
    [65520, /private ASN reserved by Azure/],
    [23456, /IANA/],
    [64496, /IANA/],
    [64511, /IANA/],
    [65535, /IANA/],
    [65551, /IANA/],
  ])('%d: %s', (asn, message) => {
    expect(asnProblem(asn)).toMatch(message);
  });

  it.each([1, 8073, 12077, 64512, 65000, 65514, 65516, 65521, 65534, 65552, 4200000000, 4294967294])(
    '%d is usable',
    (asn) => {
      expect(asnProblem(asn)).toBeUndefined();
    },
  );

  it('lets the Azure gateway keep its default 65515, but no other reserved ASN', () => {
    expect(asnProblem(65515, 'gateway')).toBeUndefined();
    expect(asnProblem(65515, 'on-premises')).toMatch(/reserved by Azure/);
    expect(asnProblem(65517, 'gateway')).toMatch(/reserved by Azure/);
    expect(asnProblem(8075, 'gateway')).toMatch(/reserved by Azure/);
    expect(asnProblem(0, 'gateway')).toMatch(/invalid/);
  });
});

describe('isFourByteAsn', () => {
  it('is true above 65535 only', () => {
    expect(isFourByteAsn(65535)).toBe(false);
    expect(isFourByteAsn(65536)).toBe(true);
    expect(isFourByteAsn(4200000000)).toBe(true);
  });
});
