import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oneLineManyFindings } from './adversarial.js';
import { CLI, CLI_BUILT, CLI_SKIP_MESSAGE, runCli, runUntilReaderLeaves, tempDir } from './support.js';

/** User errors through the built command line: one line on standard error, exit 2, never a stack trace or a spin. */
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folderWith(name: string, text: string): string {
  const { dir, remove } = tempDir('gwlint-errors-');
  cleanups.push(remove);
  writeFileSync(path.join(dir, name), text);
  return dir;
}

describe.skipIf(!CLI_BUILT)('user errors through the command line', () => {
  if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);

  it.each([
    ['--cache-location /proc/none/x', ['--cache', '--cache-location', '/proc/none/x']],
    ['-o /proc/none/x', ['-o', '/proc/none/x']],
  ])('%s: a folder that cannot be created is refused at once', (_, args) => {
    const dir = folderWith('main.json', oneLineManyFindings(1));
    const run = runCli(['main.json', ...args], { cwd: dir, timeout: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('gwlint: cannot write /proc/none: its folder does not exist (ENOENT).\n');
  });

  it('stops quietly when the reader of standard output goes away (| head -1)', async () => {
    const dir = folderWith('main.json', oneLineManyFindings(5000));
    const { stderr, code } = await runUntilReaderLeaves([CLI, 'main.json', '-f', 'json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });
});

describe.skipIf(!CLI_BUILT)('values too large to build are evaluation limits, not internal errors', () => {
  const withPrefix = (prefix: string, d: string) =>
    JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      variables: { d },
      resources: [{ type: 'Microsoft.Network/virtualNetworks', apiVersion: '2024-05-01', name: 'v', location: 'w', properties: { subnets: [{ name: 'GatewaySubnet', properties: { addressPrefix: prefix } }] } }],
    });

  it.each([
    ["format('{0,2000000000}', 'a')", withPrefix("[format('{0,2000000000}', 'a')]", 'x'), /a value of 2000000000 characters/],
    ['json() of 5,000 nested arrays', withPrefix("[json(variables('d'))]", ` ${'['.repeat(5000)}${']'.repeat(5000)}`), /json\(\) of a value nested deeper than 400 levels/],
  ])('%s', (_, text, message) => {
    const dir = folderWith('main.json', text);
    const run = runCli(['main.json', '-f', 'compact'], { cwd: dir, timeout: 20_000 });
    expect(run.stdout).not.toContain('internal-error');
    expect(run.stdout).toMatch(message);
    expect(run.stdout).toContain('(eval-limit)');
  });
});
