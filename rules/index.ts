import type { Rule } from '../src/engine/rule.js';
import gatewaySubnetName from './gateway-subnet-name.js';
import gatewaySubnetSize from './gateway-subnet-size.js';
import gatewayTypeSku from './gateway-type-sku.js';
import noResourcesInGatewaySubnet from './no-resources-in-gateway-subnet.js';

/** Every built-in rule, in alphabetical order of id. */
export const builtInRules: Rule[] = [gatewaySubnetName, gatewaySubnetSize, gatewayTypeSku, noResourcesInGatewaySubnet];
