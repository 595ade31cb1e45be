import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { cli, tempTrees } from '../cli/helpers.js';

const tree = tempTrees();
const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A module whose GatewaySubnet prefix its callers pass; `fallback` is its default. */
const moduleBicep = (fallback: string) => `param prefix string = '${fallback}'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: prefix } } ]
  }
}
`;
const moduleJson = (fallback: string) =>
  JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { prefix: { type: 'string', defaultValue: fallback } },
      resources: [
        { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2024-05-01', name: 'hub-vnet', location: 'westeurope', properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: "[parameters('prefix')]" } }] } },
      ],
    },
    null,
    2,
  );

/** A template that deploys `target`, passing `value` (a literal, or its own parameter when undefined). */
const callerBicep = (target: string, value?: string) => `param prefix string = '10.0.255.0/27'

module next '${target}' = {
  name: 'next'
  params: { prefix: ${value === undefined ? 'prefix' : `'${value}'`} }
}
`;
const callerJson = (target: string, value?: string) =>
  JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { prefix: { type: 'string', defaultValue: '10.0.255.0/27' } },
      resources: [
        { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'next', properties: { mode: 'Incremental', templateLink: { relativePath: target }, parameters: { prefix: { value: value ?? "[parameters('prefix')]" } } } },
      ],
    },
    null,
    2,
  );

/** main → l1 → l2 → l3 → l4 → modules/net: the roots are further up than the index looks (4 levels). */
function chain(ext: 'bicep' | 'json', fallback: string, passed?: string): Record<string, string> {
  const caller = ext === 'bicep' ? callerBicep : callerJson;
  const files: Record<string, string> = { [`modules/net.${ext}`]: ext === 'bicep' ? moduleBicep(fallback) : moduleJson(fallback) };
  files[`l4.${ext}`] = caller(`modules/net.${ext}`, passed);
  for (const [from, to] of [['l3', 'l4'], ['l2', 'l3'], ['l1', 'l2'], ['main', 'l1']]) files[`${from}.${ext}`] = caller(`${to}.${ext}`);
  return files;
}

function sizeFindings(result: LintResult) {
  return result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'gateway-subnet-size').map((d) => ({ file: path.basename(f.path), related: d.related.map((r) => `${path.basename(r.span.file.path)}: ${r.message}`) })));
}

describe('callers beyond the bound are merged into one evaluation, never guessed', () => {
  for (const ext of ['bicep', 'json'] as const) {
    const module = `modules/net.${ext}`;
    it(`${ext}: a literal the direct caller passes is judged, with a note at its call site (lint())`, async () => {
      const files = chain(ext, '10.0.255.0/27', '10.0.255.0/29');
      const found = sizeFindings(
        await lint({ files: [{ path: module, text: files[module] }], context: [{ path: `l4.${ext}`, text: files[`l4.${ext}`] }], repository: { merged: [{ file: module, callers: [`l4.${ext}`], complete: true }] } }),
      );
      expect(found).toHaveLength(1);
      expect(found[0].related).toContain(`l4.${ext}: Deployed from more than 8 templates: judged with the values every call passes alike, the others unknown.`);
    });

    it(`${ext}: the module's default is not used when callers exist beyond the bound (lint())`, async () => {
      const files = chain(ext, '10.0.255.0/29');
      // Alone, nobody calls it: its default is judged.
      expect(sizeFindings(await lint({ files: [{ path: module, text: files[module] }] }))).toHaveLength(1);
      const merged = await lint({ files: [{ path: module, text: files[module] }], context: [{ path: `l4.${ext}`, text: files[`l4.${ext}`] }], repository: { merged: [{ file: module, callers: [`l4.${ext}`], complete: true }] } });
      expect(sizeFindings(merged)).toEqual([]);
    });

    it(`${ext}: through the command line naming only the module, a chain deeper than 4 levels`, async () => {
      const judged = tree({ '.git/HEAD': 'ref: refs/heads/main\n', ...chain(ext, '10.0.255.0/27', '10.0.255.0/29') });
      const run = await cli(judged.dir, ['--format', 'json', module]);
      const messages = (JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages);
      expect(messages.filter((m) => m.ruleId === 'gateway-subnet-size')).toHaveLength(1);
      const unknown = tree({ '.git/HEAD': 'ref: refs/heads/main\n', ...chain(ext, '10.0.255.0/29') });
      const quiet = await cli(unknown.dir, ['--format', 'json', module]);
      expect((JSON.parse(quiet.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'gateway-subnet-size')).toEqual([]);
    });
  }

  it('nine root callers: values they pass differently are unknown, values they all pass alike are judged', async () => {
    const callers = (values: string[]) => Object.fromEntries(values.map((v, i) => [`main${i}.bicep`, callerBicep('modules/net.bicep', v)]));
    const alike = tree({ '.git/HEAD': 'x', 'modules/net.bicep': moduleBicep('10.0.255.0/27'), ...callers(Array(9).fill('10.0.255.0/29')) });
    const run = await cli(alike.dir, ['--format', 'json', 'modules/net.bicep']);
    // Each finding sits on the value where a caller writes it.
    expect((JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'gateway-subnet-size').length).toBeGreaterThan(0);
    // The ninth caller's /29 is beyond the eight evaluated one by one, and differs from theirs: unknown, not reported.
    const differ = tree({ '.git/HEAD': 'x', 'modules/net.bicep': moduleBicep('10.0.255.0/29'), ...callers([...Array(8).fill('10.0.255.0/27'), '10.0.255.0/28']) });
    const quiet = await cli(differ.dir, ['--format', 'json', 'modules/net.bicep']);
    expect((JSON.parse(quiet.stdout) as { messages: { ruleId: string }[] }[]).flatMap((f) => f.messages).filter((m) => m.ruleId === 'gateway-subnet-size')).toEqual([]);
  });
});
