import { describe, expect, it } from 'vitest';
import { SourceFile } from '../../src/core/source.js';
import { Model } from '../../src/model/model.js';
import { isCertainlyDeclared } from '../../src/model/resource.js';
import { parseBicep } from '../../src/parse/bicep/index.js';

/** Whether each resource is certainly declared, by symbol (a loop's instances in order). */
function certainty(text: string): Record<string, boolean[]> {
  const model = new Model(parseBicep(new SourceFile('/t/main.bicep', text)));
  const out: Record<string, boolean[]> = {};
  for (const r of model.resources) (out[r.symbolicName!] ??= []).push(isCertainlyDeclared(r));
  return out;
}

describe('isCertainlyDeclared', () => {
  it('holds for unconditional resources and their children, and for the instances of a loop of known count', () => {
    expect(
      certainty(`
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = { name: 'hub' }
resource sub 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = { parent: vnet, name: 'GatewaySubnet' }
resource pips 'Microsoft.Network/publicIPAddresses@2024-05-01' = [for i in range(0, 2): { name: 'pip\${i}' }]
`),
    ).toEqual({ vnet: [true], sub: [true], pips: [true, true] });
  });

  it('fails for an unknown or false condition, a loop of unknown count, and the children of a conditional parent', () => {
    expect(
      certainty(`
param deploy bool
param count int
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = if (deploy) { name: 'hub' }
resource sub 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = { parent: vnet, name: 'GatewaySubnet' }
resource off 'Microsoft.Network/virtualNetworks@2024-05-01' = if (false) { name: 'off' }
resource pips 'Microsoft.Network/publicIPAddresses@2024-05-01' = [for i in range(0, count): { name: 'pip\${i}' }]
`),
    ).toEqual({ vnet: [false], sub: [false], off: [false], pips: [false] });
  });
});
