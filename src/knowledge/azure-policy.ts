import type { PolicyRef } from '../core/diagnostic.js';

/**
 * Built-in Azure Policy definitions that deny or audit what some gwlint findings report, so that a
 * finding can name the policy a subscription may already enforce. Each entry was read from the policy's
 * definition file in the Azure/azure-policy repository (`source`); the id and display name are copied
 * from that file, never composed.
 */
export interface AzurePolicy extends PolicyRef {
  /** The effects the definition allows, default first. */
  effects: readonly string[];
  /** The definition file in github.com/Azure/azure-policy, `built-in-policies/policyDefinitions/...`. */
  source: string;
}

const DEFINITIONS = '/providers/Microsoft.Authorization/policyDefinitions/';

/** Denies a subnet named GatewaySubnet with a networkSecurityGroup. */
export const NSG_ON_GATEWAY_SUBNET: AzurePolicy = {
  id: `${DEFINITIONS}35f9c03a-cc27-418e-9c0c-539ff999d010`,
  displayName: 'Gateway subnets should not be configured with a network security group',
  effects: ['deny'],
  source: 'built-in-policies/policyDefinitions/Network/NetworkSecurityGroupOnGatewaySubnet_Deny.json',
};

/** Audits a gateway with gatewayType Vpn and sku.tier Basic. */
export const VPN_GATEWAY_BASIC_SKU: AzurePolicy = {
  id: `${DEFINITIONS}e345b6c3-24bd-4c93-9bbb-7e5e49a17b78`,
  displayName: "Azure VPN gateways should not use 'basic' SKU",
  effects: ['Audit', 'Disabled'],
  source: 'built-in-policies/policyDefinitions/Network/VPNGateways_BasicSKU_Audit.json',
};

/** Audits (or denies) a gateway whose sku.tier is `notLike '*AZ'`: ErGwScale included, though it is zone-redundant. */
export const GATEWAY_ZONE_REDUNDANT: AzurePolicy = {
  id: `${DEFINITIONS}da8a2248-6b4a-44a7-96bf-bf1c0dd208c3`,
  displayName: '[Preview]: Virtual network gateways should be Zone Redundant',
  effects: ['Audit', 'Deny', 'Disabled'],
  source: 'built-in-policies/policyDefinitions/Resilience/Network_virtualNetworkGateways_ZoneRedundant_Audit.json',
};

/** The policy, as the plain reference a finding carries (no effects or source). */
export function policyRef(policy: AzurePolicy): PolicyRef {
  return { id: policy.id, displayName: policy.displayName };
}

/** Where the definition file is published. */
export function policySourceUrl(policy: AzurePolicy): string {
  return `https://github.com/Azure/azure-policy/blob/master/${policy.source}`;
}

/**
 * `sku.tier` as Azure Policy reads it: the tier when written, else (tier absent) the name, which Azure
 * copies into the tier for gateways. Undefined when the value that decides is not a known string.
 */
export function effectiveTier(tier: unknown, name: unknown): string | undefined {
  if (typeof tier === 'string') return tier;
  return tier === undefined && typeof name === 'string' ? name : undefined;
}

/** The zone-redundancy policy's condition: a tier that does not end in `AZ` (Azure Policy's `like` ignores case). */
export function auditedAsNotZoneRedundant(tier: string | undefined): boolean {
  return tier !== undefined && !/az$/i.test(tier);
}
