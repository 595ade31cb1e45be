import { describe, expect, it } from 'vitest';
import { toLineColumn } from '../../src/core/span.js';
import { lint } from '../../src/index.js';
import type { VirtualFile } from '../../src/engine/files.js';

const GATEWAY_MODULE = `resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  properties: { gatewayType: 'Vpn', vpnType: 'RouteBased', sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }, ipConfigurations: [] }
}
`;

const MAIN = `module hub 'modules/hub.bicep' = {
  name: 'hub'
}
`;

async function unresolved(files: VirtualFile[], context: VirtualFile[] = []) {
  const result = await lint({ files, context });
  return result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'module-unresolved').map((d) => `${f.path}:${toLineColumn(d.span).line} ${f.source.text.slice(d.span.start, d.span.end)} ${d.message}`));
}

describe('module-unresolved', () => {
  it('is said where a module path is written that the files given do not hold, once, and not when they do', async () => {
    const main = { path: '/repo/main.bicep', text: MAIN };
    expect(await unresolved([main])).toEqual(["/repo/main.bicep:1 'modules/hub.bicep' Module 'modules/hub.bicep' was not linted: the file is missing, or outside the folder gwlint may read."]);
    expect(await unresolved([main], [{ path: '/repo/modules/hub.bicep', text: GATEWAY_MODULE }])).toEqual([]);
  });

  it('is said of an ARM relativePath, not of a link computed from templateLink.uri', async () => {
    const link = (templateLink: object) =>
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'hub', properties: { mode: 'Incremental', templateLink } }],
      });
    const relative = await unresolved([{ path: '/repo/main.json', text: link({ relativePath: 'nested/hub.json' }) }]);
    expect(relative).toHaveLength(1);
    expect(relative[0]).toContain('"nested/hub.json"');
    expect(await unresolved([{ path: '/repo/main.json', text: link({ uri: "[uri(deployment().properties.templateLink.uri, 'nested/hub.json')]" }) }])).toEqual([]);
  });

  it('is not said of a caller read only for context', async () => {
    const hub = { path: '/repo/modules/hub.bicep', text: GATEWAY_MODULE };
    const caller = { path: '/repo/main.bicep', text: `${MAIN}module other 'modules/missing.bicep' = {\n  name: 'other'\n}\n` };
    expect(await unresolved([hub], [caller])).toEqual([]);
  });
});
