import { damerauLevenshtein } from '../knowledge/gateway.js';

/** The known id closest to a mistyped one, when it is close enough to be a likely typo. */
export function closestId(input: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = damerauLevenshtein(input.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(input.length / 3)) ? best : undefined;
}
