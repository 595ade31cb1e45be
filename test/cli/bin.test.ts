import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, gatewayBicep, gatewayTemplate, tempTree } from './helpers.js';

// The compiled command, as npm installs it: `npm ci` builds dist/ through the `prepare` script.
const BIN = path.join(REPO, 'bin/gwlint.js');

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function gwlint(cwd: string, args: string[], env: Record<string, string> = {}) {
  const { NO_COLOR: _n, FORCE_COLOR: _f, ...inherited } = process.env;
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...inherited, ...env }, timeout: 60_000 });
}

describe('bin/gwlint.js', () => {
  it('is built (run npm run build when this fails)', () => {
    expect(existsSync(path.join(REPO, 'dist/src/cli/main.js'))).toBe(true);
  });

  it('starts from its code cache, made under the V8 flags a run starts with', () => {
    const load = `const { script } = require(${JSON.stringify(path.join(REPO, 'bin/load-cli.js'))}).loadCli(); process.stdout.write(String(script.cachedDataRejected));`;
    const run = spawnSync(process.execPath, ['-e', load], { encoding: 'utf8', timeout: 60_000 });
    expect([run.stdout, run.stderr]).toEqual(['false', '']);
  });

  it('lints JSON and Bicep, exits 1 on errors and 0 when clean, with no progress bar or colours when piped', () => {
    const t = tempTree({ 'infra/main.json': gatewayTemplate(), 'infra/main.bicep': gatewayBicep(), 'ok/main.json': gatewayTemplate('10.0.255.0/27') });
    cleanups.push(t.cleanup);
    const bad = gwlint(t.dir, ['infra']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('');
    expect(bad.stdout).toContain(path.join(t.dir, 'infra/main.bicep'));
    expect(bad.stdout).toContain(path.join(t.dir, 'infra/main.json'));
    expect(bad.stdout).toContain('2 problems (2 errors, 0 warnings)');
    expect(bad.stdout).not.toContain('\u001b[');
    const ok = gwlint(t.dir, ['ok']);
    expect([ok.status, ok.stdout, ok.stderr]).toEqual([0, '', '']);
  });

  it('writes all of a long report to a pipe its reader empties slowly, then exits with its code', async () => {
    // The process ends as soon as its output is written: a report larger than a pipe holds must still arrive whole.
    const files = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`t${i}/main.json`, gatewayTemplate()]));
    const t = tempTree(files);
    cleanups.push(t.cleanup);
    const child = spawn(process.execPath, [BIN, '.', '-f', 'json'], { cwd: t.dir });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 300);
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBeGreaterThan(128 * 1024);
    const results = JSON.parse(text) as { messages: unknown[] }[];
    expect(results).toHaveLength(120);
    expect(results.every((r) => r.messages.length > 0)).toBe(true);
    expect(status).toBe(1);
  });

  it('exits 2 on a usage error and prints the version', () => {
    const usage = gwlint(REPO, ['--format', 'nope']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("gwlint: unknown format 'nope'");
    const version = gwlint(REPO, ['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('judges templates that declare only resources placed in subnets (no VNet) by the subnets they name', () => {
    // Neither template declares a VNet; only the one naming GatewaySubnet can have a finding.
    const nic = (subnet: string) =>
      JSON.stringify({
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [
          {
            type: 'Microsoft.Network/networkInterfaces',
            apiVersion: '2024-05-01',
            name: 'nic1',
            location: 'westeurope',
            properties: { ipConfigurations: [{ name: 'ip', properties: { subnet: { id: `[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', '${subnet}')]` } } }] },
          },
        ],
      });
    const t = tempTree({ 'gateway-subnet.json': nic('GatewaySubnet'), 'workload.json': nic('workload') });
    cleanups.push(t.cleanup);
    const run = gwlint(t.dir, ['.', '-f', 'json']);
    expect(run.status).toBe(1);
    const found = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).map((f) => [path.basename(f.filePath), f.messages.map((m) => m.ruleId)]);
    expect(found).toEqual([
      ['gateway-subnet.json', ['no-resources-in-gateway-subnet']],
      ['workload.json', []],
    ]);
  });
});
