import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import gatewayApiVersion from '../../rules/gateway-api-version.js';

async function messages(text: string): Promise<string[]> {
  const result = await lint({ files: [{ path: '/t/main.bicep', text }], rules: [gatewayApiVersion] });
  return result.files.flatMap((f) => f.diagnostics).map((d) => d.message);
}

const gateway = (api: string, props: string, head = '') => `${head}
resource gw 'Microsoft.Network/virtualNetworkGateways@${api}' = {
  name: 'gw'
  properties: {
    gatewayType: 'ExpressRoute'
    sku: { name: 'ErGwScale', tier: 'ErGwScale' }
${props}
  }
}
`;

describe('gateway-api-version', () => {
  it('names every property the version lacks, and the latest first version among them', async () => {
    expect(await messages(gateway('2023-01-01', '    adminState: \'Enabled\'\n    autoScaleConfiguration: { bounds: { min: 2, max: 4 } }'))).toEqual([
      "Gateway 'gw' is deployed with API 2023-01-01, which does not have adminState and autoScaleConfiguration. Use API 2023-05-01 or later.",
    ]);
  });

  it('reads a preview version by its date, and says nothing at or after the first version', async () => {
    expect(await messages(gateway('2023-04-01-preview', '    autoScaleConfiguration: { bounds: { min: 2, max: 4 } }'))).toHaveLength(1);
    expect(await messages(gateway('2023-05-01', '    autoScaleConfiguration: { bounds: { min: 2, max: 4 } }'))).toEqual([]);
  });

  it('does not count a property set to null (the usual cond ? value : null)', async () => {
    expect(await messages(gateway('2021-02-01', '    adminState: enabled ? \'Enabled\' : null', 'param enabled bool = false'))).toEqual([]);
    expect(await messages(gateway('2021-02-01', '    adminState: enabled ? \'Enabled\' : null', 'param enabled bool = true'))).toHaveLength(1);
  });
});
