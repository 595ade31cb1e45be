import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/helpers.js';
import { colourCounts, decodePng } from './png.js';

// Debian's chromium; .ci/run installs it. Outside CI the test is skipped when it is missing.
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const run = CHROMIUM || process.env.CI ? describe : describe.skip;
if (!CHROMIUM && !process.env.CI) console.warn('html-chromium: chromium is not installed; skipping (apt-get install chromium)');

const HUB = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2024-05-01",
      "name": "hub-vnet",
      "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
        "subnets": [
          { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.0.255.0/27" } },
          { "name": "AzureFirewallSubnet", "properties": { "addressPrefix": "10.0.254.0/26" } },
          { "name": "apps", "properties": { "addressPrefix": "10.0.0.0/22" } },
          { "name": "data", "properties": { "addressPrefix": "10.0.2.0/24" } }
        ]
      }
    }
  ]
}
`;

const SPOKE = `resource spoke 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'spoke-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.1.0.0/16'] }
    subnets: [
      { name: 'web', properties: { addressPrefix: '10.1.1.0/24' } }
      { name: 'gatewaysubnet', properties: { addressPrefix: '10.1.255.0/27' } }
    ]
  }
}
`;

const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

run('html report in headless Chromium', () => {
  it('renders a page with the address maps drawn', async () => {
    writeFileSync(path.join(dir, 'hub.json'), HUB);
    writeFileSync(path.join(dir, 'spoke.bicep'), SPOKE);
    const lintRun = await cli(dir, ['-f', 'html', '-o', 'report.html']);
    expect(lintRun.code).toBe(1);
    const page = readFileSync(path.join(dir, 'report.html'), 'utf8');
    for (const name of ['hub-vnet', 'spoke-vnet', 'GatewaySubnet', 'AzureFirewallSubnet', 'apps', 'data', 'web', 'gatewaysubnet']) expect(page).toContain(`<strong>${name}</strong>`);
    expect(page).toContain('Overlap: apps 10.0.0.0/22 and data 10.0.2.0/24');

    const shot = path.join(dir, 'shot.png');
    const chromium = spawnSync(
      CHROMIUM ?? 'chromium',
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--hide-scrollbars',
        '--window-size=1200,900',
        `--screenshot=${shot}`,
        pathToFileURL(path.join(dir, 'report.html')).href,
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(existsSync(shot), chromium.stderr).toBe(true);
    const image = decodePng(readFileSync(shot));
    expect([image.width, image.height]).toEqual([1200, 900]);
    const colours = colourCounts(image);
    // A blank or unstyled page has a handful of colours; the report has bars, hatching and text.
    expect(colours.size).toBeGreaterThan(100);
    const pixels = image.width * image.height;
    const background = Math.max(...colours.values());
    expect(background / pixels).toBeLessThan(0.9);
    // The header (#24292f) and the GatewaySubnet highlight (#fb8500) are drawn.
    expect(colours.get('#24292f') ?? 0).toBeGreaterThan(1200 * 40);
    expect(colours.get('#fb8500') ?? 0).toBeGreaterThan(200);
  }, 180_000);
});
