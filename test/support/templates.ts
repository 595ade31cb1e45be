/** Small ARM templates several test files build on. */

export const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/**
 * A template with one NIC whose subnet id is `subnetId` (an expression or an id); with `parameter`, the
 * template declares a string parameter of that name for the id to come from.
 */
export function nicTemplate(subnetId: string, { name = 'nic1', parameter }: { name?: string; parameter?: string } = {}): Record<string, unknown> {
  return {
    $schema: ARM_SCHEMA,
    contentVersion: '1.0.0.0',
    ...(parameter ? { parameters: { [parameter]: { type: 'string' } } } : {}),
    resources: [
      {
        type: 'Microsoft.Network/networkInterfaces',
        apiVersion: '2024-05-01',
        name,
        location: 'westeurope',
        properties: { ipConfigurations: [{ name: 'ipconfig1', properties: { subnet: { id: subnetId } } }] },
      },
    ],
  };
}
