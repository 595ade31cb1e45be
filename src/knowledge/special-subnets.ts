import { nearMissOf } from './near-miss.js';
import type { NameMatch } from './near-miss.js';

/**
 * Subnets Azure recognises by name (gateway-facts.md §1.1, §7). A prefix is a prefix length: a subnet
 * is large enough when its prefix length is at most `minimumPrefix`.
 */

export interface SpecialSubnet {
  name: string;
  /** Prefix length that must not be exceeded (the stricter reading where sources conflict). */
  minimumPrefix: number;
  /** A longer prefix some sources still accept; between the two a rule may warn instead of failing. */
  acceptedLegacyPrefix?: number;
  sources: readonly string[];
  note?: string;
  /** Attachments the service does not support on its subnet, with the source that says so. */
  unsupported?: readonly { property: 'networkSecurityGroup' | 'routeTable'; what: string; source: string }[];
}

export const GATEWAY_SUBNET = 'GatewaySubnet';
export const ROUTE_SERVER_SUBNET = 'RouteServerSubnet';

export const SPECIAL_SUBNETS: readonly SpecialSubnet[] = [
  {
    name: GATEWAY_SUBNET,
    minimumPrefix: 29,
    sources: ['VPNSET-2024', 'VPNFAQ-2026', 'ERGW-2025'],
    note: '/29 is the floor (Basic VPN only); the real minimum depends on the gateways: use gatewaySubnetMinimumPrefix()',
  },
  {
    name: 'AzureFirewallSubnet',
    minimumPrefix: 26,
    sources: ['FWFAQ'],
  },
  {
    name: 'AzureFirewallManagementSubnet',
    minimumPrefix: 26,
    sources: ['FWFT', 'FWMGMT'],
    note: 'BGP route propagation must be disabled, the opposite of GatewaySubnet',
  },
  {
    name: 'AzureBastionSubnet',
    minimumPrefix: 26,
    acceptedLegacyPrefix: 27,
    sources: ['BASTION'],
    note: '/27 subnets created before Nov 2021 keep working; the Developer SKU needs no subnet',
  },
  {
    name: ROUTE_SERVER_SUBNET,
    minimumPrefix: 26,
    acceptedLegacyPrefix: 27,
    sources: ['RSQS', 'TFRS'],
    note: 'CONFLICT: /26 [RSQS 2025] vs "at least /27" in older docs and azurerm [TFRS]',
    // "No UDR and no NSG on RouteServerSubnet" (§7 [RSFAQ-2022]).
    unsupported: [
      { property: 'networkSecurityGroup', what: 'network security group', source: 'RSFAQ-2022' },
      { property: 'routeTable', what: 'route table', source: 'RSFAQ-2022' },
    ],
  },
];

const RANK: Readonly<Record<NameMatch, number>> = { exact: 0, case: 1, 'near-miss': 2 };

/** The special subnet a name refers to, with how well it matches; the closest wins. */
export function matchSpecialSubnet(name: string): SpecialSubnetMatch | undefined {
  if (matches.has(name)) return matches.get(name);
  const best = bestMatch(name);
  // Names repeat (`default`, `GatewaySubnet`, a naming scheme): each is matched once, up to a bound.
  if (matches.size < MAX_MATCHED_NAMES) matches.set(name, best);
  return best;
}

type SpecialSubnetMatch = Readonly<{ subnet: SpecialSubnet; match: NameMatch }>;

const matches = new Map<string, SpecialSubnetMatch | undefined>();
const MAX_MATCHED_NAMES = 4096;

function bestMatch(name: string): SpecialSubnetMatch | undefined {
  let best: SpecialSubnetMatch | undefined;
  // Indexed: asked for every subnet, often before the code is optimised (for…of allocates per element then).
  for (let i = 0; i < SPECIAL_SUBNETS.length; i++) {
    const subnet = SPECIAL_SUBNETS[i];
    const match = nearMissOf(name, subnet.name);
    if (match !== undefined && (best === undefined || RANK[match] < RANK[best.match])) best = { subnet, match };
  }
  return best;
}

/**
 * Resources that Azure deploys only into a subnet of a given name (§7), and where they hold its id. A path
 * segment `*` is any array index.
 */
export interface SpecialSubnetPlacement {
  /** Full resource type. */
  resourceType: string;
  /** Path of the subnet id in the resource, from `properties`. */
  path: readonly (string | '*')[];
  subnet: string;
  /** What the resource is, for messages. */
  what: string;
  sources: readonly string[];
}

export const SPECIAL_SUBNET_PLACEMENTS: readonly SpecialSubnetPlacement[] = [
  {
    resourceType: 'Microsoft.Network/azureFirewalls',
    path: ['properties', 'ipConfigurations', '*', 'properties', 'subnet', 'id'],
    subnet: 'AzureFirewallSubnet',
    what: 'Azure Firewall',
    sources: ['FWFAQ'],
  },
  {
    resourceType: 'Microsoft.Network/azureFirewalls',
    path: ['properties', 'managementIpConfiguration', 'properties', 'subnet', 'id'],
    subnet: 'AzureFirewallManagementSubnet',
    what: 'Azure Firewall management NIC',
    sources: ['FWFT', 'FWMGMT'],
  },
  {
    resourceType: 'Microsoft.Network/bastionHosts',
    path: ['properties', 'ipConfigurations', '*', 'properties', 'subnet', 'id'],
    subnet: 'AzureBastionSubnet',
    what: 'Azure Bastion',
    sources: ['BASTION'],
  },
  {
    resourceType: 'Microsoft.Network/virtualHubs/ipConfigurations',
    path: ['properties', 'subnet', 'id'],
    subnet: ROUTE_SERVER_SUBNET,
    what: 'Azure Route Server',
    sources: ['RSQS', 'RSFAQ-2022'],
  },
];

/** The types of SPECIAL_SUBNET_PLACEMENTS, lower-cased once: every resource is asked about. */
const PLACED_TYPES: ReadonlySet<string> = new Set(SPECIAL_SUBNET_PLACEMENTS.map((p) => p.resourceType.toLowerCase()));

/** True when resources of this type are placed in one of the reserved subnets. */
export function hasSpecialSubnetPlacement(resourceType: string): boolean {
  return PLACED_TYPES.has(resourceType.toLowerCase());
}

/** The placement a subnet id at `path` of a resource of `resourceType` is, if any. */
export function specialSubnetPlacement(resourceType: string, path: readonly (string | number)[]): SpecialSubnetPlacement | undefined {
  const type = resourceType.toLowerCase();
  return SPECIAL_SUBNET_PLACEMENTS.find(
    (p) =>
      p.resourceType.toLowerCase() === type &&
      p.path.length === path.length &&
      p.path.every((segment, i) => (segment === '*' ? typeof path[i] === 'number' : typeof path[i] === 'string' && segment.toLowerCase() === (path[i] as string).toLowerCase())),
  );
}
