import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { PLACEHOLDER_DEPLOYMENT } from '../../src/expr/functions/types.js';
import { Unknown } from '../../src/expr/value.js';
import type { Value } from '../../src/expr/value.js';
import { Model } from '../../src/model/model.js';
import { nameKey } from '../../src/model/network.js';
import { resourceIdOf } from '../../src/model/resource-id.js';
import { parseBicep } from '../../src/parse/bicep/index.js';

/** A resource's own id: one string when its scope and name are known, known text around the unknown pieces otherwise. */
const GROUP = { ...PLACEHOLDER_DEPLOYMENT, subscriptionId: 'sub', resourceGroupName: 'rg' };
const unknownSubscription = new Unknown('the subscription');

/** The id as text, unknown pieces shown as `<?>`. */
function shown(id: Value): string {
  if (typeof id === 'string') return id;
  expect(id).toBeInstanceOf(Unknown);
  return ((id as Unknown).parts ?? [id]).map((p) => (typeof p === 'string' ? p : '<?>')).join('');
}

describe('resource ids', () => {
  it('of a known name in a known scope, with a name segment per type segment', () => {
    expect(resourceIdOf('Microsoft.Network/virtualNetworks/subnets', 'hub/GatewaySubnet', GROUP)).toBe(
      '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/GatewaySubnet',
    );
    expect(resourceIdOf('Microsoft.Network/publicIPAddresses', 'pip', { ...GROUP, targetScope: 'subscription' })).toBe('/subscriptions/sub/providers/Microsoft.Network/publicIPAddresses/pip');
    expect(resourceIdOf('Microsoft.Management/managementGroups', 'mg', { ...GROUP, targetScope: 'tenant' })).toBe('/providers/Microsoft.Management/managementGroups/mg');
  });

  it('keeps the known text around an unknown scope, and an unknown name segment where a name lacks one', () => {
    const inUnknownSubscription = resourceIdOf('Microsoft.Network/publicIPAddresses', 'pip', { ...GROUP, subscriptionId: unknownSubscription });
    expect(shown(inUnknownSubscription)).toBe('/subscriptions/<?>/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/pip');
    expect((inUnknownSubscription as Unknown).parts).toContain(unknownSubscription);
    expect(shown(resourceIdOf('Microsoft.Network/virtualNetworks/subnets', 'hub', GROUP))).toBe(
      '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/<?>',
    );
    const partName = new Unknown('partial', ['hub/', new Unknown('a parameter')]);
    expect(shown(resourceIdOf('Microsoft.Network/virtualNetworks/subnets', partName, GROUP))).toBe(
      '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/hub/subnets/<?>',
    );
  });

  it('of a declared resource equal the id resourceId() gives it, and a child takes its parent name', () => {
    const model = new Model(
      parseBicep(
        new SourceFile(
          '/t/main.bicep',
          `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'Hub'
  resource gws 'subnets' = { name: 'GatewaySubnet' }
}
output id string = resourceId('Microsoft.Network/virtualNetworks/subnets', 'Hub', 'GatewaySubnet')
`,
        ),
      ),
      { deployment: GROUP },
    );
    const subnet = model.resources.find((r) => r.symbolicName === 'gws')!;
    expect(subnet.id).toBe('/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/Hub/subnets/GatewaySubnet');
    expect(subnet.id).toBe(model.root.evaluate(model.root.template.outputs[0].value));
    expect(nameKey(subnet.id)).toBe('/subscriptions/sub/resourcegroups/rg/providers/microsoft.network/virtualnetworks/hub/subnets/gatewaysubnet');
  });
});
