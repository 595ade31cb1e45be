/**
 * The first generally available API version of Microsoft.Network that has each gateway and connection
 * property (gateway facts §8, from the generated types of Azure/bicep-types-az, versions checked from
 * 2020-03-01 [BTA]). A property written at an older version is not part of that version's contract.
 */

export interface PropertySince {
  /** The path under the resource (`['properties', 'natRules']`). */
  path: readonly string[];
  /** The first API version that has it. */
  since: string;
}

const GATEWAY = 'microsoft.network/virtualnetworkgateways';
const CONNECTION = 'microsoft.network/connections';

const under = (since: string, ...names: string[]): PropertySince => ({ path: ['properties', ...names], since });

/** By lower-case resource type. */
export const PROPERTIES_SINCE: ReadonlyMap<string, readonly PropertySince[]> = new Map([
  [
    GATEWAY,
    [
      under('2020-07-01', 'vNetExtendedLocationResourceId'),
      under('2020-11-01', 'vpnClientConfiguration', 'vpnAuthenticationTypes'),
      under('2021-02-01', 'natRules'),
      under('2021-02-01', 'enableBgpRouteTranslationForNat'),
      under('2021-05-01', 'disableIPSecReplayProtection'),
      under('2022-05-01', 'allowRemoteVnetTraffic'),
      under('2022-05-01', 'allowVirtualWanTraffic'),
      under('2022-05-01', 'virtualNetworkGatewayPolicyGroups'),
      under('2022-05-01', 'vpnClientConfiguration', 'vngClientConnectionConfigurations'),
      under('2023-02-01', 'adminState'),
      under('2023-05-01', 'autoScaleConfiguration'),
      { path: ['identity'], since: '2024-01-01' },
      under('2024-03-01', 'resiliencyModel'),
      under('2024-07-01', 'enableHighBandwidthVpnGateway'),
    ],
  ],
  [
    CONNECTION,
    [
      under('2020-07-01', 'connectionMode'),
      under('2022-05-01', 'enablePrivateLinkFastPath'),
      under('2024-07-01', 'tunnelProperties'),
      under('2025-01-01', 'authenticationType'),
      under('2025-01-01', 'certificateAuthentication'),
      under('2025-07-01', 'routingConfiguration'),
    ],
  ],
]);

/** The date of an API version (`2021-05-01`, `2023-11-01-preview`), for comparing; undefined when it has none. */
export function apiVersionDate(apiVersion: string): string | undefined {
  return /^(\d{4}-\d{2}-\d{2})/.exec(apiVersion)?.[1];
}
