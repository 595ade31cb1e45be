import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVirtualFileSync } from '../../src/cli/read-files.js';
import type { VirtualFile } from '../../src/engine/files.js';
import { directFacts } from '../../src/repo/file-facts.js';
import { RepoIndex } from '../../src/repo/index.js';
import { RepoWalk } from '../../src/repo/walk.js';
import { tempTrees } from '../cli/helpers.js';

const tree = tempTrees();
const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

/**
 * A run on a few files scans only the templates that can relate to them; what contextFor answers about
 * those files must be what an index that scanned every template answers.
 */
function expectFocusedLikeFull(root: string, focusSets: string[][], checked: (context: ReturnType<RepoIndex['contextFor']>, i: number) => boolean = () => true): number {
  const walk = new RepoWalk();
  const files = walk.discover(root, { extensions: ['json', 'jsonc', 'bicep'], ignorePatterns: [] });
  const known = new Map<string, VirtualFile>(files.map((f) => [f, readVirtualFileSync(f)]));
  const read = directFacts((p) => known.get(p) ?? readVirtualFileSync(p));
  const full = new RepoIndex(root, walk, [], read);
  let withContext = 0;
  for (const [i, focus] of focusSets.entries()) {
    const expected = full.contextFor(focus);
    if (!checked(expected, i)) continue;
    expect(new RepoIndex(root, walk, [], read, new Map(), focus).contextFor(focus), focus.map((f) => path.relative(root, f)).join(', ')).toEqual(expected);
    if (expected.files.length) withContext++;
  }
  return withContext;
}

const vnet = (name: string) => `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: '${name}'\n  location: 'westeurope'\n}\n`;
const linked = (relativePath: string) =>
  JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'inner', properties: { mode: 'Incremental', templateLink: { relativePath } } }],
  });
const gatewayJson = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [
    {
      type: 'Microsoft.Network/virtualNetworkGateways',
      apiVersion: '2024-05-01',
      name: 'hub-gw',
      properties: { ipConfigurations: [{ name: 'default', properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'HUB-VNET', 'GatewaySubnet')]" } } }] },
    },
  ],
});

describe('the index of a run on a few files', () => {
  it('finds the callers up the chain, the siblings whatever the case of their names, and bounded callers in path order', () => {
    const files: Record<string, string> = {
      'main.bicep': "module mid 'mid/mid.bicep' = {\n  name: 'mid'\n}\n",
      'mid/mid.bicep': "module leaf '../leaf/leaf.bicep' = {\n  name: 'leaf'\n}\n",
      'leaf/leaf.bicep': vnet('Hub-VNet'),
      'net/gateway.json': gatewayJson,
      'net/other.bicep': vnet('spoke-vnet'),
      'arm/root.json': linked('nested/inner.json'),
      'arm/nested/inner.json': linked('../../shared/module.json'),
      'shared/module.json': linked('none.json'),
    };
    // More callers than rootsOf keeps: which ones it keeps depends on their order.
    for (let i = 0; i < 12; i++) files[`callers/c${String(12 - i).padStart(2, '0')}.bicep`] = "module m '../shared/common.bicep' = {\n  name: 'm'\n}\n";
    files['shared/common.bicep'] = vnet('common');
    const t = tree(files);
    const all = Object.keys(files).map((f) => path.join(t.dir, f));
    const at = (...names: string[]) => names.map((n) => path.join(t.dir, n));
    const withContext = expectFocusedLikeFull(t.dir, [...all.map((f) => [f]), at('leaf/leaf.bicep', 'net/gateway.json'), at('callers/c12.bicep', 'shared/common.bicep')]);
    expect(withContext).toBeGreaterThanOrEqual(6);
  });

  it('scans every template when the focus files use more names than are searched for', () => {
    const many = Array.from({ length: 40 }, (_, i) => vnet(`vnet-${i}`).replace('resource vnet', `resource vnet${i}`)).join('\n');
    const calls = "module m 'shared.bicep' = {\n  name: 'm'\n}\n";
    const files: Record<string, string> = { 'm.bicep': many + calls, 'gateway.json': gatewayJson.replace('HUB-VNET', 'VNET-33'), 'unrelated.json': gatewayJson, 'shared.bicep': vnet('shared') };
    // More callers of shared.bicep than rootsOf keeps, on both sides of the focus file in path order.
    for (const c of ['a', 'b', 'c', 'd', 'e', 'x', 'y', 'z', 'zz']) files[`${c}.bicep`] = calls;
    const t = tree(files);
    expect(expectFocusedLikeFull(t.dir, [[path.join(t.dir, 'm.bicep')], [path.join(t.dir, 'm.bicep'), path.join(t.dir, 'shared.bicep')]])).toBe(2);
  });

  it.skipIf(!existsSync(CORPUS))('answers as a scan of every template for the templates of the shared corpus (skipped without ../shared/corpus)', () => {
    const walk = new RepoWalk();
    const files = walk.discover(CORPUS, { extensions: ['json', 'jsonc', 'bicep'], ignorePatterns: [] });
    // Every template with a context, and a sample of the others.
    const checked = (context: ReturnType<RepoIndex['contextFor']>, i: number) => context.files.length > 0 || i % 8 === 0;
    expect(expectFocusedLikeFull(CORPUS, files.map((f) => [f]), checked)).toBeGreaterThan(10);
  });
});
