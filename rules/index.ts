import type { Rule } from '../src/engine/rule.js';
import changeConnection from './change-connection.js';
import changeDeletedGateway from './change-deleted-gateway.js';
import changeGatewayPublicIp from './change-gateway-public-ip.js';
import changeGatewaySubnet from './change-gateway-subnet.js';
import changeGatewaySku from './change-gateway-sku.js';
import changeGatewayType from './change-gateway-type.js';
import connectionGatewayType from './connection-gateway-type.js';
import connectionIpsecPolicy from './connection-ipsec-policy.js';
import connectionSharedKey from './connection-shared-key.js';
import gatewayActiveActive from './gateway-active-active.js';
import gatewayApiVersion from './gateway-api-version.js';
import gatewayBgp from './gateway-bgp.js';
import gatewayGeneration from './gateway-generation.js';
import gatewayLegacySku from './gateway-legacy-sku.js';
import gatewayNatRules from './gateway-nat-rules.js';
import gatewayPerVnet from './gateway-per-vnet.js';
import gatewayPublicIp from './gateway-public-ip.js';
import gatewaySubnetDelegation from './gateway-subnet-delegation.js';
import gatewaySubnetName from './gateway-subnet-name.js';
import gatewaySubnetNsg from './gateway-subnet-nsg.js';
import gatewaySubnetRouteTable from './gateway-subnet-route-table.js';
import gatewaySubnetSize from './gateway-subnet-size.js';
import gatewayTypeSku from './gateway-type-sku.js';
import gatewayVpnType from './gateway-vpn-type.js';
import localNetworkOverlap from './local-network-overlap.js';
import noResourcesInGatewaySubnet from './no-resources-in-gateway-subnet.js';
import p2sAddressPool from './p2s-address-pool.js';
import radiusServerSecret from './radius-server-secret.js';
import specialSubnets from './special-subnets.js';
import subnetCidr from './subnet-cidr.js';
import vnetSubnetOwnership from './vnet-subnet-ownership.js';

/** Every built-in rule, in alphabetical order of id. */
export const builtInRules: Rule[] = [
  changeConnection,
  changeDeletedGateway,
  changeGatewayPublicIp,
  changeGatewaySku,
  changeGatewaySubnet,
  changeGatewayType,
  connectionGatewayType,
  connectionIpsecPolicy,
  connectionSharedKey,
  gatewayActiveActive,
  gatewayApiVersion,
  gatewayBgp,
  gatewayGeneration,
  gatewayLegacySku,
  gatewayNatRules,
  gatewayPerVnet,
  gatewayPublicIp,
  gatewaySubnetDelegation,
  gatewaySubnetName,
  gatewaySubnetNsg,
  gatewaySubnetRouteTable,
  gatewaySubnetSize,
  gatewayTypeSku,
  gatewayVpnType,
  localNetworkOverlap,
  noResourcesInGatewaySubnet,
  p2sAddressPool,
  radiusServerSecret,
  specialSubnets,
  subnetCidr,
  vnetSubnetOwnership,
];
