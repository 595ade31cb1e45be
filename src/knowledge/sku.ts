import { canonicalValue, familySkus, gatewaySkus, gatewayTypes } from './enums.js';
import type { GatewayFamily, GatewaySku } from './gateway-types.js';

/**
 * SKU identity: spelling, family and zone support. Everything here is derived from the type model's
 * literals; per-SKU capabilities live in `vpn-sku-facts.ts`.
 */

const FAMILIES: readonly GatewayFamily[] = ['Vpn', 'ExpressRoute'];

/**
 * The canonical spelling of a gateway SKU, compared case-insensitively: `ergw1az` → `ErGw1AZ`
 * (docs write `ErGw1Az`, the schema `ErGw1AZ`; §2.2 [BTA] [ERGWSKU]). Undefined for unknown SKUs.
 */
export function canonicalSku(sku: string): GatewaySku | undefined {
  return canonicalValue(gatewaySkus(), sku);
}

/**
 * The families whose SKU union contains `sku` (case-insensitive). `Standard` and `HighPerformance`
 * are in both (legacy VPN and non-AZ ExpressRoute), so this is a list; empty for unknown SKUs.
 */
export function skuFamilies(sku: string): readonly GatewayFamily[] {
  return FAMILIES_BY_SKU.get(sku.toLowerCase()) ?? NO_FAMILIES;
}

/** The families of each SKU, by lower-case name (what canonicalValue compares): asked for every gateway. */
const FAMILIES_BY_SKU: ReadonlyMap<string, readonly GatewayFamily[]> = (() => {
  const out = new Map<string, GatewayFamily[]>();
  for (const family of FAMILIES)
    for (const sku of familySkus(family)) {
      const families = out.get(sku.toLowerCase()) ?? [];
      if (!families.includes(family)) families.push(family);
      out.set(sku.toLowerCase(), families);
    }
  for (const families of out.values()) Object.freeze(families);
  return out;
})();

const NO_FAMILIES: readonly GatewayFamily[] = Object.freeze([]);

/**
 * Whether `sku` is a SKU of `gatewayType` (`Basic` fits `Vpn`, `ErGwScale` fits `ExpressRoute`,
 * `Standard` fits both). Undefined when either value is unknown, and for `LocalGateway`, which has
 * no SKU family.
 */
export function skuFitsGatewayType(sku: string, gatewayType: string): boolean | undefined {
  const type = canonicalValue(gatewayTypes(), gatewayType);
  const family = FAMILIES.find((f) => f === type);
  if (family === undefined || canonicalSku(sku) === undefined) return undefined;
  return skuFamilies(sku).includes(family);
}

/**
 * True for the availability-zone SKUs VpnGw1AZ-VpnGw5AZ and ErGw1AZ-ErGw3AZ: the SKUs whose name
 * carries the `AZ` suffix (§2.2, as PSRule's Azure.VNG.VPNAvailabilityZoneSKU / ERAvailabilityZoneSKU
 * [PSRULE]). `ErGwScale` is not counted: no source read states its zone behaviour.
 */
export function isAzSku(sku: string): boolean {
  return canonicalSku(sku)?.endsWith('AZ') ?? false;
}

/**
 * ErGwScale's scale units: each bound from 1 to 40; equal bounds give a fixed size, and autoscaling needs a
 * minimum of 2 (§2.2, ErGwScale [ERSCALE]).
 */
export const ER_SCALE_UNITS = { min: 1, max: 40, autoscaleMin: 2 } as const;
