import { nodeCrypto } from '../../core/crypto.js';

/** Namespace of ARM's `guid()`: a name-based (version 5, SHA-1) UUID of the arguments joined with `-`. */
const ARM_GUID_NAMESPACE = Buffer.from('11fb06fb712d4ddd98c7e71bbd588830', 'hex');

/** ARM `guid(a, b, …)`: RFC 4122 version 5 UUID of `a-b-…` (UTF-8) in ARM's namespace. */
export function armGuid(parts: readonly string[]): string {
  const hash = nodeCrypto().createHash('sha1').update(ARM_GUID_NAMESPACE).update(parts.join('-'), 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const C1 = 0xab0e9789;
const C2 = 0x239b961b;
const C3 = 0x85ebca6b;
const C4 = 0xc2b2ae35;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const mix = (k: number, a: number, r: number, b: number): number => Math.imul(rotl(Math.imul(k, a), r), b) >>> 0;

function finalMix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), C3);
  x = Math.imul(x ^ (x >>> 13), C4);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Little-endian word of up to 4 bytes starting at `at`, stopping at `end`. */
function word(bytes: Uint8Array, at: number, end: number): number {
  let w = 0;
  for (let i = Math.min(end, at + 4) - 1; i >= at; i--) w = (w << 8) | bytes[i];
  return w >>> 0;
}

/**
 * ARM `uniqueString(a, b, …)`: the 64-bit MurmurHash variant of Azure Resource Manager over `a-b-…` (UTF-8),
 * as 13 base-32 characters. Matches the published outputs (`uniqueString('test')` is `rbgf3xv4ufgzg`).
 */
export function armUniqueString(parts: readonly string[]): string {
  const bytes = Buffer.from(parts.join('-'), 'utf8');
  const len = bytes.length;
  let h1 = 0;
  let h2 = 0;
  let i = 0;
  for (; i + 8 <= len; i += 8) {
    h1 = rotl((h1 ^ mix(word(bytes, i, len), C2, 15, C1)) >>> 0, 19);
    h1 = (Math.imul((h1 + h2) >>> 0, 5) + 0x561ccd1b) >>> 0;
    h2 = rotl((h2 ^ mix(word(bytes, i + 4, len), C1, 17, C2)) >>> 0, 13);
    h2 = (Math.imul((h2 + h1) >>> 0, 5) + 0x0bcaa747) >>> 0;
  }
  if (i < len) {
    h1 = (h1 ^ mix(word(bytes, i, len), C2, 15, C1)) >>> 0;
    if (len - i > 4) h2 = (h2 ^ mix(word(bytes, i + 4, len), C1, 17, C2)) >>> 0;
  }
  const r0 = (h2 ^ len) >>> 0;
  let r1 = (((h1 ^ len) >>> 0) + r0) >>> 0;
  let r2 = (r0 + r1) >>> 0;
  r1 = finalMix(r1);
  r2 = finalMix(r2);
  r1 = (r1 + r2) >>> 0;
  r2 = (r2 + r1) >>> 0;
  let h = (BigInt(r2) << 32n) | BigInt(r1);
  let out = '';
  for (let n = 0; n < 13; n++) {
    out += BASE32[Number(h >> 59n)];
    h = (h << 5n) & 0xffffffffffffffffn;
  }
  return out;
}
