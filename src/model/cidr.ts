import type { Value } from '../expr/value.js';
import type { Located, PathSegment } from './locate.js';
import type { ModelResource } from './resource.js';
import { parseCidr } from '../core/ip.js';

/** An IP range read from a CIDR value: its family first, then the addresses it covers (host bits cleared). */
export interface CidrRange {
  family: 4 | 6;
  prefix: number;
  first: bigint;
  last: bigint;
  /** The value as written. */
  text: string;
}

/**
 * Reads a known CIDR string (`10.0.0.0/16`, `fd00:db8::/64`); undefined for unknown values and for text
 * that is not CIDR notation (the subnet and prefix rules report malformed prefixes).
 */
export function parseCidrRange(value: Value | undefined): CidrRange | undefined {
  if (typeof value !== 'string') return undefined;
  const range = parseCidr(value.trim());
  return range && { ...range, text: value };
}

/** True when two ranges of the same family share an address; ranges of different families never overlap. */
export function rangesOverlap(a: CidrRange, b: CidrRange): boolean {
  if (a.family !== b.family) return false;
  return a.first <= b.last && b.first <= a.last;
}

/** One item of an address-prefix list, located, with its range. */
export interface LocatedRange {
  at: Located;
  range: CidrRange;
}

/**
 * The known CIDR items of an address-prefix array in a resource (`['properties', 'addressSpace',
 * 'addressPrefixes']`); unknown and malformed items are skipped.
 */
export function locatedRanges(resource: ModelResource, path: readonly PathSegment[]): LocatedRange[] {
  const list = resource.get(path).value;
  if (!Array.isArray(list)) return [];
  return list.flatMap((_, i) => {
    const at = resource.get([...path, i]);
    const range = parseCidrRange(at.value);
    return range ? [{ at, range }] : [];
  });
}
