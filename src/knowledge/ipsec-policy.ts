/**
 * Custom IPsec/IKE policies on connections (`properties.ipsecPolicies`): what Azure offers and the bounds
 * it sets. Source: learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto (ms.date 01/12/2023) and
 * the includes it embeds, vpn-gateway-ipsec-ike-algorithm-include (01/26/2024) and
 * vpn-gateway-ipsec-ike-requirements-include (01/11/2023); §3 of the gateway facts.
 */

/** The eight fields of an `IpsecPolicy`; the API schema marks every one required. [BTA] */
export const IPSEC_POLICY_FIELDS = [
  'saLifeTimeSeconds',
  'saDataSizeKilobytes',
  'ipsecEncryption',
  'ipsecIntegrity',
  'ikeEncryption',
  'ikeIntegrity',
  'dhGroup',
  'pfsGroup',
] as const;

export type IpsecPolicyField = (typeof IPSEC_POLICY_FIELDS)[number];

/**
 * The algorithm fields and the values the API accepts for each (the REST API's enums, as the Azure SDKs
 * publish them). Microsoft's "Algorithms and keys" table is narrower: it leaves out PFS14 and PFSMM, DES
 * and DES3 for IKE, and GCMAES for IKE integrity, which the API takes (and Azure Verified Modules deploy
 * PFS14 in their tests). A value outside these lists is one Azure rejects.
 */
export const IPSEC_POLICY_ALGORITHMS: Readonly<Record<Exclude<IpsecPolicyField, 'saLifeTimeSeconds' | 'saDataSizeKilobytes'>, readonly string[]>> = {
  ikeEncryption: ['DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES256'],
  ikeIntegrity: ['MD5', 'SHA1', 'SHA256', 'SHA384', 'GCMAES128', 'GCMAES256'],
  dhGroup: ['None', 'DHGroup1', 'DHGroup2', 'DHGroup14', 'DHGroup24', 'DHGroup2048', 'ECP256', 'ECP384'],
  ipsecEncryption: ['None', 'DES', 'DES3', 'AES128', 'AES192', 'AES256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
  ipsecIntegrity: ['MD5', 'SHA1', 'SHA256', 'GCMAES128', 'GCMAES192', 'GCMAES256'],
  pfsGroup: ['None', 'PFS1', 'PFS2', 'PFS14', 'PFS24', 'PFS2048', 'PFSMM', 'ECP256', 'ECP384'],
};

/**
 * Quick Mode SA lifetime: at least 300 seconds and 1,024 kilobytes. A data size of 0 is left alone:
 * other tools accept it as "no limit" and no source says Azure rejects it.
 */
export const SA_LIFETIME_MINIMUM = { saLifeTimeSeconds: 300, saDataSizeKilobytes: 1024 } as const;

/** `dpdTimeoutSeconds` on a connection: 9 to 3,600 seconds (default 45). */
export const DPD_TIMEOUT_RANGE = { min: 9, max: 3600 } as const;

/** At most one policy per connection ("only one policy combination for a given connection"). */
export const MAX_IPSEC_POLICIES = 1;

/** Connection types a custom policy applies to: site-to-site and VNet-to-VNet ([VPNFAQ-2026]: not ExpressRoute). */
export const IPSEC_POLICY_CONNECTION_TYPES = ['IPsec', 'Vnet2Vnet'] as const;

/** With GCMAES IPsec encryption, the IPsec integrity must be the same GCMAES algorithm and key length. */
export function isGcmAes(algorithm: string): boolean {
  return /^gcmaes/i.test(algorithm);
}
