import type { GatewayFamily } from './gateway-types.js';
import { canonicalSku, isAzSku } from './sku.js';

/**
 * What a SKU change takes on an existing gateway (gateway-facts §2.2, §2.4; the resize and upgrade
 * pages): `recreate` when the gateway must be deleted and created again, `migration` when only
 * Microsoft's migration moves it there. In-place resizes and upgrades, and changes the sources do not
 * describe, are not listed.
 */
export interface SkuChangeCost {
  kind: 'recreate' | 'migration';
  /** Why, as a clause for a message: `Basic gateways cannot be resized`. */
  reason: string;
}

/** VPN SKUs older than the VpnGw families, in size order. [LEGACYINC-2024] */
const VPN_LEGACY = ['Standard', 'HighPerformance'];
/** Non-AZ ExpressRoute SKUs, in size order. [ERGWSKU] */
const ER_LEGACY = ['Standard', 'HighPerformance', 'UltraPerformance'];

const DOWNGRADE: SkuChangeCost = { kind: 'recreate', reason: 'Azure cannot resize a gateway down' };

export function skuChangeCost(family: GatewayFamily, from: string, to: string): SkuChangeCost | undefined {
  const a = canonicalSku(from);
  const b = canonicalSku(to);
  if (a === undefined || b === undefined || a === b) return undefined;
  return family === 'Vpn' ? vpnChange(a, b) : expressRouteChange(a, b);
}

/** The size of a VpnGw SKU (VpnGw3AZ → 3); undefined for Basic and the legacy SKUs. */
function vpnSize(sku: string): number | undefined {
  const m = /^VpnGw(\d)(AZ)?$/.exec(sku);
  return m ? Number(m[1]) : undefined;
}

function vpnChange(from: string, to: string): SkuChangeCost | undefined {
  if (from === 'Basic') return { kind: 'recreate', reason: 'Basic gateways cannot be resized' };
  if (to === 'Basic') return DOWNGRADE;
  if (VPN_LEGACY.includes(from)) {
    if (VPN_LEGACY.includes(to)) return VPN_LEGACY.indexOf(to) < VPN_LEGACY.indexOf(from) ? DOWNGRADE : undefined;
    return { kind: 'migration', reason: "only Microsoft's migration moves legacy SKUs to VpnGw SKUs" };
  }
  const a = vpnSize(from);
  const b = vpnSize(to);
  if (a === undefined || b === undefined) return VPN_LEGACY.includes(to) ? DOWNGRADE : undefined;
  if (isAzSku(from) && !isAzSku(to)) return { kind: 'recreate', reason: 'Azure cannot move a gateway out of AZ SKUs' };
  return b < a ? DOWNGRADE : undefined;
}

function expressRouteChange(from: string, to: string): SkuChangeCost | undefined {
  const legacyFrom = ER_LEGACY.indexOf(from);
  const legacyTo = ER_LEGACY.indexOf(to);
  if (legacyFrom >= 0 && legacyTo >= 0) return legacyTo < legacyFrom ? DOWNGRADE : undefined;
  if (legacyFrom >= 0) return { kind: 'migration', reason: "only Microsoft's migration moves non-AZ ExpressRoute SKUs to AZ ones" };
  if (legacyTo >= 0) return { kind: 'recreate', reason: 'Azure cannot move a gateway out of AZ SKUs' };
  // ErGw1AZ–ErGw3AZ resize upwards and upgrade to ErGwScale directly; nothing is documented from ErGwScale.
  if (from === 'ErGwScale' || to === 'ErGwScale') return undefined;
  return Number(/\d/.exec(to)) < Number(/\d/.exec(from)) ? DOWNGRADE : undefined;
}
