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
  return FAMILIES.filter((family) => canonicalValue(familySkus(family), sku) !== undefined);
}

/**
 * Whether `sku` is a SKU of `gatewayType` (`Basic` fits `Vpn`, `ErGwScale` fits `ExpressRoute`,
 * `Standard` fits both). Undefined when either value is unknown, and for `LocalGateway`, which has
 * no SKU family.
 */
export function skuFitsGatewayType(sku: string, gatewayType: string): boolean | undefined {
  const family = FAMILIES.find((f) => f === canonicalValue(gatewayTypes(), gatewayType));
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
