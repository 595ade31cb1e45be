import { apiVersionDate } from './api-versions.js';

/**
 * How a PUT of a virtual network treats subnets it does not list (gateway facts §12.6).
 *
 * A VNet PUT whose `subnets` array omits a subnet deletes it, and fails with `InUseSubnetCannotBeDeleted`
 * when something (a gateway) is in it. A PUT with no `subnets` property at all deleted every subnet too,
 * until API 2023-11-01: Microsoft announced the change for 2023-09-01 as a limited preview in a few
 * regions (Azure Networking blog, "Azure Virtual Network now supports updates without subnet property"),
 * a March 2024 test still saw 2023-09-01 delete subnets (azure-quickstart-templates#2786), and tests in
 * Azure/bicep-types-az#1687 (Apr and Jun 2024) found 2023-11-01 the first version that keeps them.
 */
export const VNET_KEEPS_SUBNETS_FROM_API = '2023-11-01';

/** The Azure error a redeployment meets when it would delete a subnet in use. */
export const SUBNET_IN_USE_ERROR = 'InUseSubnetCannotBeDeleted';

/** Whether an API version (`2021-05-01`, `2023-11-01-preview`) predates the one that keeps unlisted subnets. */
export function deletesSubnetsWhenOmitted(apiVersion: string): boolean | undefined {
  const date = apiVersionDate(apiVersion);
  return date === undefined ? undefined : date < VNET_KEEPS_SUBNETS_FROM_API;
}
