/**
 * Matching of reserved names (`GatewaySubnet`, `AzureBastionSubnet`, …) against what a template wrote.
 *
 * Azure accepts reserved subnet names in any casing (§1.1 [TF1141] [TF23247]), but any other spelling
 * makes a plain subnet, and the gateway, firewall or bastion deployment then fails. The method:
 *
 * 1. `exact`: identical.
 * 2. `case`: identical ignoring case.
 * 3. Normalise both: lower-case, drop whitespace, `-`, `_` and `.`, and drop trailing digits from the
 *    written name (`GatewaySubnet1`) unless the reserved name itself ends in a digit.
 * 4. `near-miss`: the normalised forms are equal (`Gateway-Subnet`, `gateway_subnet`, `Gateway Subnet`,
 *    `GateWaySubnet `), or their Damerau-Levenshtein distance (optimal string alignment: insert, delete,
 *    substitute, swap two neighbours) is within one edit per 12 characters of the reserved name, at least
 *    one: `GatwaySubnet`, `GatewaySubnets`, `GatewaySbunet`.
 *
 * Names that merely contain the words are not near-misses: they add a whole word, which costs three or
 * more edits (`appGatewaySubnet`, `natGatewaySubnet`, `gateway-subnet-app`) or reorder the words
 * (`subnet-gateway`), and they usually name a different, legitimate subnet.
 */

export type NameMatch = 'exact' | 'case' | 'near-miss';

/** Characters per allowed edit. */
const CHARS_PER_EDIT = 12;

function normalise(name: string, stripTrailingDigits: boolean): string {
  const compact = name.toLowerCase().replace(/[\s\-_.]+/g, '');
  return stripTrailingDigits ? withoutTrailingDigits(compact) : compact;
}

/** A scan rather than `/\d+$/`, which is quadratic on a long run of digits that does not end the name. */
function withoutTrailingDigits(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) >= 48 && text.charCodeAt(end - 1) <= 57) end--;
  return text.slice(0, end);
}

/**
 * Optimal-string-alignment distance between two strings (adjacent transposition counts as one edit). With
 * `limit`, a distance over it may be answered as `limit + 1` as soon as that is certain.
 */
export function damerauLevenshtein(a: string, b: string, limit = Infinity): number {
  // Three rolling rows of typed arrays: this runs for every subnet name against every reserved name.
  const cols = b.length + 1;
  let before = new Uint32Array(cols);
  let prev = new Uint32Array(cols);
  for (let j = 0; j < cols; j++) prev[j] = j;
  let cur = new Uint32Array(cols);
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let min = i;
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < min) min = d;
    }
    // Every alignment passes through one of two neighbouring rows (a swap steps over one): past the limit in both, it stays past.
    if (min > limit && prevMin > limit) return limit + 1;
    prevMin = min;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[cols - 1];
}

/** How `name` relates to the reserved name `canonical`; undefined when it is a different name. */
export function nearMissOf(name: string, canonical: string): NameMatch | undefined {
  if (name === canonical) return 'exact';
  const { target, allowed } = reservedName(canonical);
  // Each edit changes the length by at most one, so a longer gap cannot be within reach. Normalising
  // shortens a name (only `İ` lower-cases to two characters), so one already too short is not a near miss:
  // most subnet names, ruled out at once.
  if (name.length < target.length - allowed && !name.includes('\u0130')) return undefined;
  if (name.toLowerCase() === canonical.toLowerCase()) return 'case';
  const written = normalise(name, !/\d$/.test(target));
  if (Math.abs(written.length - target.length) > allowed) return undefined;
  return damerauLevenshtein(written, target, allowed) <= allowed ? 'near-miss' : undefined;
}

/** A reserved name normalised, with the edits allowed against it: a few names, asked about for every subnet. */
function reservedName(canonical: string): { target: string; allowed: number } {
  let reserved = reservedNames.get(canonical);
  if (!reserved) {
    const target = normalise(canonical, false);
    reservedNames.set(canonical, (reserved = { target, allowed: Math.max(1, Math.floor(target.length / CHARS_PER_EDIT)) }));
  }
  return reserved;
}

const reservedNames = new Map<string, { target: string; allowed: number }>();
