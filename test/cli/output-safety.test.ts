import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, gatewayTemplate, tempTrees } from './helpers.js';

const tree = tempTrees();

/** Lines a CI system reads as commands: GitHub Actions (`::error …`) and Azure Pipelines (`##vso[…]`). */
const CI_COMMAND = /^\s*(::|##vso\[)/m;

describe('file names with control characters', () => {
  const names = ['x\n::error file=y::INJECTED.json', 'x\n##vso[task.complete result=Succeeded]y.json', 'x\u001b[31mred\r.json'];

  it.each(names)('are escaped in stylish, compact and the --fix summary: %j', async (name) => {
    // 'Gateway-Subnet' is misspelt: gateway-subnet-name has a fix.
    const { dir } = tree({ [name]: gatewayTemplate('10.0.255.0/27', 'Gateway-Subnet') });
    for (const format of ['stylish', 'compact']) {
      const run = await cli(dir, ['.', '-f', format]);
      expect(run.stdout).toContain('gateway-subnet-name');
      expect(run.stdout).not.toMatch(CI_COMMAND);
      expect(run.stdout).not.toContain('\u001b');
      expect(run.stdout).toContain(JSON.stringify(name).slice(1, -1).replace('\\u001b', '\\x1b'));
    }
    const dry = await cli(dir, ['.', '--fix-dry-run', '-f', 'compact']);
    expect(dry.stdout + dry.stderr).not.toMatch(CI_COMMAND);
    const fixed = await cli(dir, ['.', '--fix']);
    expect(fixed.stderr).toMatch(/^gwlint: fixed 1 problem in x\\/);
    expect(fixed.stderr).not.toMatch(CI_COMMAND);
  });

  it('are escaped in the message for a path that does not exist', async () => {
    const { dir } = tree({});
    const run = await cli(dir, [path.join(dir, 'missing\n::error::INJECTED.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing\\n::error::INJECTED.json');
    expect(run.stderr).not.toMatch(CI_COMMAND);
  });
});

describe('secrets in --fix-dry-run', () => {
  it('are masked in the context and removed lines of the diff', async () => {
    const secret = 'Zq7DiffContextSecret';
    // A secret property on the line above the subnet that the fix renames: a context line of the diff.
    const template = gatewayTemplate('10.0.255.0/27', 'Gateway-Subnet').replace('"subnets": [', `"password": "${secret}",\n        "subnets": [`);
    const { dir } = tree({ 'main.json': template });
    const run = await cli(dir, ['.', '--fix-dry-run', '-f', 'compact']);
    expect(run.stdout).toContain('+++ b/main.json');
    expect(run.stdout).toContain(` "password": "${'*'.repeat(secret.length)}",`);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });
});

describe('pieces of secrets', () => {
  it('are masked in the source lines of the HTML report and in the cache, modelled or not', async () => {
    const pieces = ['Zq7PieceOne', 'Zq7PieceTwo', 'Zq7PieceVar', 'Zq7Unmodelled'];
    const modelled = gatewayTemplate('10.0.255.0/28').replace(
      '"resources": [',
      `"variables": { "tail": "${pieces[2]}" },\n  "resources": [\n    { "type": "Microsoft.Network/connections", "apiVersion": "2024-05-01", "name": "c", "location": "westeurope", "properties": { "connectionType": "IPsec", "sharedKey": "[concat('${pieces[0]}', '${pieces[1]}', variables('tail'))]" } },`,
    );
    // Not about gateways, so not modelled; its broken line holds a secure default.
    const unmodelled = `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "parameters": { "k": { "type": "securestring", "defaultValue": "${pieces[3]}" } } }, oops\n  "resources": []\n}\n`;
    const { dir } = tree({ 'main.json': modelled, 'other.json': unmodelled });
    const html = await cli(dir, ['.', '-f', 'html']);
    expect(html.stdout).toContain('connection-');
    expect(html.stdout).toContain('parse-error');
    await cli(dir, ['.', '--cache', '-f', 'compact']);
    const cache = (await import('node:fs')).readFileSync(path.join(dir, '.gwlintcache'), 'utf8');
    for (const piece of pieces) {
      expect(html.stdout).not.toContain(piece);
      expect(cache).not.toContain(piece);
    }
  });
});
