import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HeldTexts } from '../../src/cli/held-texts.js';
import { writtenReferences } from '../../src/cli/discover.js';
import { readVirtualFileSync } from '../../src/cli/read-files.js';
import type { VirtualFile } from '../../src/engine/files.js';
import { directFacts } from '../../src/repo/file-facts.js';
import { RepoIndex, learnForIndex } from '../../src/repo/index.js';
import { RepoWalk } from '../../src/repo/walk.js';
import { tempTrees } from '../cli/helpers.js';

const tree = tempTrees();

const vnet = (name: string) => `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {\n  name: '${name}'\n}\n`;
const gateway = (vnetName: string) =>
  JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    resources: [
      {
        type: 'Microsoft.Network/virtualNetworkGateways',
        apiVersion: '2024-05-01',
        name: 'gw',
        properties: { ipConfigurations: [{ name: 'c', properties: { subnet: { id: `[resourceId('Microsoft.Network/virtualNetworks/subnets', '${vnetName}', 'GatewaySubnet')]` } } }] },
      },
    ],
  });

describe('the repository index', () => {
  it('reads the templates it was not given only to scan them, so that a reader need not keep their texts', () => {
    const t = tree({ 'main.bicep': vnet('hub-vnet'), 'net/gateway.json': gateway('hub-vnet'), 'other/spoke.bicep': vnet('spoke') });
    const reads: [string, boolean | undefined][] = [];
    const facts = directFacts((p, scanOnly) => (reads.push([path.relative(t.dir, p), scanOnly]), readVirtualFileSync(p)));
    const main = path.join(t.dir, 'main.bicep');
    new RepoIndex(t.dir, new RepoWalk(), [], facts, new Map([[main, readVirtualFileSync(main)]]), [main]);
    expect(reads.sort()).toEqual([
      ['net/gateway.json', true],
      ['other/spoke.bicep', true],
    ]);
  });
});

describe('facts learnt from a text', () => {
  it('are computed once per file and question', () => {
    const facts = directFacts(readVirtualFileSync);
    const file: VirtualFile = { path: '/x.bicep', text: "module m 'y.bicep' = {}\n" };
    let computed = 0;
    const count = (f: VirtualFile) => (computed++, f.text.length);
    expect(facts.derive(file, 'length', count)).toBe(24);
    expect(facts.derive(file, 'length', count)).toBe(24);
    expect(facts.derive(file, 'other', count)).toBe(24);
    expect(facts.derive({ ...file }, 'length', count)).toBe(24);
    expect(computed).toBe(3);
  });

  it('learnt for the index as each file is read: the index then reads no text again, and answers as one that read them itself', () => {
    const t = tree({
      'main.bicep': "module net 'net/hub.bicep' = {\n  name: 'net'\n}\n",
      'net/hub.bicep': vnet('hub-vnet'),
      'net/gateway.json': gateway('HUB-VNET'),
      'spoke.bicep': vnet('spoke'),
      'other/spoke-gateway.json': gateway('spoke'),
    });
    const walk = new RepoWalk();
    const paths = walk.discover(t.dir, { extensions: ['json', 'jsonc', 'bicep'], ignorePatterns: [] });
    // Nothing fits the budget: every question asked after the next file is read reads the text again.
    const reread: string[] = [];
    const texts = new HeldTexts((p) => (reread.push(p), readVirtualFileSync(p)), 0);
    const facts = directFacts((p) => texts.hold(readVirtualFileSync(p)));
    const known = new Map<string, VirtualFile>();
    for (const p of paths) {
      const file = facts.read(p);
      facts.derive(file, 'references', writtenReferences);
      learnForIndex(facts, file);
      known.set(p, file);
    }
    const index = new RepoIndex(t.dir, walk, [], facts, known);
    const context = index.contextFor(paths);
    expect(reread).toEqual([]);

    const fresh = directFacts(readVirtualFileSync);
    const expected = new RepoIndex(t.dir, walk, [], fresh, new Map(paths.map((p) => [p, readVirtualFileSync(p)]))).contextFor(paths);
    expect(context).toEqual(expected);
    expect(context.repository.callers.map(([callee, caller]) => [path.relative(t.dir, callee), path.relative(t.dir, caller)])).toEqual([['net/hub.bicep', 'main.bicep']]);
    expect(context.repository.siblings.length).toBeGreaterThan(0);
  });
});
