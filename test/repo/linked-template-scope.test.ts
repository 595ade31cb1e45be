import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { cli, tempTrees } from '../cli/helpers.js';

const tree = tempTrees();

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A VNet whose GatewaySubnet prefix is the template's own parameter `prefix`, without a default. */
const linkedVnet = JSON.stringify(
  {
    $schema: SCHEMA,
    contentVersion: '1.0.0.0',
    parameters: { prefix: { type: 'string' } },
    resources: [
      {
        type: 'Microsoft.Network/virtualNetworks',
        apiVersion: '2024-05-01',
        name: 'hub',
        location: 'westeurope',
        properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: "[parameters('prefix')]" } }] },
      },
    ],
  },
  null,
  2,
);

/** A caller that links `nested/vnet.json` (templateLink as given) and passes `prefix`; its own `prefix` differs. */
const caller = (templateLink: Record<string, string>, extraParams: Record<string, unknown> = {}) =>
  JSON.stringify(
    {
      $schema: SCHEMA,
      contentVersion: '1.0.0.0',
      parameters: { prefix: { type: 'string', defaultValue: '10.0.0.0/24' }, ...extraParams },
      resources: [
        {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'net',
          properties: { mode: 'Incremental', templateLink, parameters: { prefix: { value: '10.0.0.0/29' } } },
        },
      ],
    },
    null,
    2,
  );

async function sizeFindings(main: string) {
  const result = await lint({ files: [{ path: 'main.json', text: main }], context: [{ path: 'nested/vnet.json', text: linkedVnet }] });
  // `file`: where the judged value is used (the linked template's subnet); `at`: where it is written.
  return result.files.flatMap((f) =>
    f.diagnostics.filter((d) => d.ruleId === 'gateway-subnet-size').map((d) => ({ file: d.related.find((r) => r.message === 'Used here.')?.span.file.path ?? f.path, at: f.path, message: d.message })),
  );
}

describe('linked templates have their own parameters', () => {
  it('templateLink.relativePath without expressionEvaluationOptions uses the value passed in, not the caller’s parameter', async () => {
    const found = await sizeFindings(caller({ relativePath: 'nested/vnet.json' }));
    expect(found).toHaveLength(1);
    expect(found[0].file).toBe('nested/vnet.json');
    expect(found[0].at).toBe('main.json');
    expect(found[0].message).toContain('/29');
  });

  it('templateLink.uri relative to deployment().properties.templateLink.uri is followed', async () => {
    const found = await sizeFindings(caller({ uri: "[uri(deployment().properties.templateLink.uri, 'nested/vnet.json')]" }));
    expect(found.map((f) => f.file)).toEqual(['nested/vnet.json']);
  });

  it('an _artifactsLocation parameter defaulting to the link, with a SAS token, is followed', async () => {
    const found = await sizeFindings(
      caller(
        { uri: "[uri(parameters('_artifactsLocation'), concat('nested/vnet.json', parameters('_artifactsLocationSasToken')))]" },
        { _artifactsLocation: { type: 'string', defaultValue: '[deployment().properties.templateLink.uri]' }, _artifactsLocationSasToken: { type: 'securestring', defaultValue: '' } },
      ),
    );
    expect(found.map((f) => f.file)).toEqual(['nested/vnet.json']);
  });

  it('a uri on another host is never followed', async () => {
    const found = await sizeFindings(caller({ uri: 'https://example.invalid/nested/vnet.json' }));
    expect(found).toEqual([]);
  });
});

describe('linked templates through the command line', () => {
  it('a pre-commit run naming only the caller reads the linked template beside it by uri', async () => {
    const t = tree({ 'main.json': caller({ uri: "[uri(deployment().properties.templateLink.uri, 'nested/vnet.json')]" }), 'nested/vnet.json': linkedVnet });
    const run = await cli(t.dir, ['--format', 'json', 'main.json']);
    const files = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    const hits = files.flatMap((f) => f.messages.filter((m) => m.ruleId === 'gateway-subnet-size').map(() => f.filePath));
    // On the value main.json passes to the linked template's parameter.
    expect(hits).toEqual([expect.stringMatching(/main\.json$/)]);
  });
});
