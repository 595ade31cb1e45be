import { formatAddress as formatIp, parseCidr as parseRange } from '../../core/ip.js';
import { evalError, type Value } from '../value.js';
import { define, type FunctionEntry, type Known } from './helpers.js';

/**
 * CIDR functions (template-functions-cidr.md). Host bits in the input are masked off. `cidrHost` index 0 is
 * the address after the network address, for IPv4 and IPv6 alike. For IPv4 /31 and /32, which have no
 * network or broadcast address to reserve, every address counts as usable.
 */

interface Network {
  v6: boolean;
  bits: 32 | 128;
  prefix: number;
  /** The network address, host bits cleared. */
  first: bigint;
  last: bigint;
}

function parseNetwork(fn: string, cidr: string): Network | string {
  const r = parseRange(cidr);
  if (!r) return `${fn}() argument '${cidr}' is not an IP range in CIDR notation`;
  const v6 = r.family === 6;
  return { v6, bits: v6 ? 128 : 32, prefix: r.prefix, first: r.first, last: r.last };
}

function formatAddress(n: bigint, v6: boolean): string {
  return formatIp(n, v6 ? 6 : 4);
}

/** The first and last addresses a host may use. */
function usable(net: Network): [bigint, bigint] {
  if (net.v6) return [net.first, net.last];
  if (net.prefix >= 31) return [net.first, net.last];
  return [net.first + 1n, net.last - 1n];
}

function parseCidr([cidr]: Known[]): Value {
  const net = parseNetwork('parseCidr', cidr as string);
  if (typeof net === 'string') return evalError(net);
  const mask = ((1n << BigInt(net.bits)) - 1n) ^ ((1n << BigInt(net.bits - net.prefix)) - 1n);
  const [firstUsable, lastUsable] = usable(net);
  const fmt = (n: bigint) => formatAddress(n, net.v6);
  return {
    network: fmt(net.first),
    netmask: fmt(mask),
    ...(net.v6 ? {} : { broadcast: fmt(net.last) }),
    firstUsable: fmt(firstUsable),
    lastUsable: fmt(lastUsable),
    cidr: net.prefix,
  };
}

function cidrSubnet([cidr, newCidr, index]: Known[]): Value {
  const net = parseNetwork('cidrSubnet', cidr as string);
  if (typeof net === 'string') return evalError(net);
  const size = newCidr as number;
  if (size < net.prefix || size > net.bits) {
    return evalError(`cidrSubnet() new prefix length ${size} must be between ${net.prefix} and ${net.bits}`);
  }
  const i = BigInt(index as number);
  const count = 1n << BigInt(size - net.prefix);
  if (i < 0n || i >= count) return evalError(`cidrSubnet() index ${i} is outside the ${count} subnets of /${size} in ${cidr as string}`);
  return `${formatAddress(net.first + (i << BigInt(net.bits - size)), net.v6)}/${size}`;
}

function cidrHost([cidr, index]: Known[]): Value {
  const net = parseNetwork('cidrHost', cidr as string);
  if (typeof net === 'string') return evalError(net);
  const [firstUsable, lastUsable] = usable(net);
  const start = !net.v6 && net.prefix >= 31 ? firstUsable : net.first + 1n;
  const host = start + BigInt(index as number);
  if ((index as number) < 0 || host > lastUsable) {
    return evalError(`cidrHost() index ${index as number} is outside the usable hosts of ${cidr as string}`);
  }
  return formatAddress(host, net.v6);
}

export const cidrFunctions: FunctionEntry[] = [
  define('parseCidr', 'string', parseCidr),
  define('cidrSubnet', 'string, int, int', cidrSubnet),
  define('cidrHost', 'string, int', cidrHost),
];
