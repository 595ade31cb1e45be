import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, REPO } from '../cli/helpers.js';
import { colourCounts, decodePng } from './png.js';

// Debian's chromium, as the VS Code end-to-end test finds it; .ci/run installs it. Outside CI the tests
// are skipped when it is missing.
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

/** What the page measures at one width: the document's overflow, and every box wider than its container. */
interface Layout {
  scrollWidth: number;
  clientWidth: number;
  overflowing: string[];
  cutLabels: string[];
  shownLabels: string[];
  hiddenLabels: string[];
  findingsFirst: boolean;
  flagged: { subnet: string; links: string[]; targetsExist: boolean }[];
}

let browser: Browser | undefined;

beforeAll(async () => {
  if (!CHROMIUM) return;
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', `--user-data-dir=${path.join(dir, 'puppeteer')}`] });
}, 60_000);

afterAll(() => browser?.close());

run('the html report of the examples in Chromium', () => {
  it.each([1400, 1000])('fits a %i px window: nothing overflows, no subnet label is cut, findings come first and subnets link to theirs', async (width) => {
    const report = path.join(dir, 'report.html');
    const lint = await cli(path.join(REPO, 'examples'), ['-f', 'html', '-o', report]);
    expect(lint.code).toBe(1);
    const page = await browser!.newPage();
    await page.setViewport({ width, height: 900 });
    await page.goto(pathToFileURL(report).href);
    const layout: Layout = await page.evaluate(() => {
      const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`;
      const overflowing: string[] = [];
      // Tables, cards and cells stay inside their containers, and nothing in them scrolls sideways.
      for (const el of document.querySelectorAll('main, section, article.vnet, details.file, table, td, th, .bar, pre, figure')) {
        const box = el.getBoundingClientRect();
        const parent = el.parentElement!.getBoundingClientRect();
        if (box.left < parent.left - 0.5 || box.right > parent.right + 0.5) overflowing.push(`${describe(el)} sticks out of its container`);
        if (el.scrollWidth > el.clientWidth + 1) overflowing.push(`${describe(el)} is ${el.scrollWidth} px wide in ${el.clientWidth} px`);
      }
      const labels = [...document.querySelectorAll('.seg span')];
      const shown = labels.filter((s) => getComputedStyle(s).visibility === 'visible');
      const cutLabels = shown.filter((s) => s.getBoundingClientRect().right > s.parentElement!.getBoundingClientRect().right + 0.5).map((s) => s.textContent!);
      const findings = document.querySelector('#findings')!;
      const networks = document.querySelector('#networks')!;
      const flagged = [...document.querySelectorAll('a.seg.flagged')].map((seg) => {
        const row = document.querySelector(seg.getAttribute('href')!);
        const links = [...(row?.querySelectorAll('td.links a') ?? [])].map((a) => a.getAttribute('href')!);
        return { subnet: seg.textContent!, links, targetsExist: row !== null && links.every((href) => document.querySelector(href)?.closest('#findings') !== null) };
      });
      return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        overflowing,
        cutLabels,
        shownLabels: shown.map((s) => s.textContent!),
        hiddenLabels: labels.filter((s) => !shown.includes(s)).map((s) => s.textContent!),
        findingsFirst: (findings.compareDocumentPosition(networks) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
        flagged,
      };
    });
    await page.screenshot({ path: path.join(dir, `report-${width}.png`) as `${string}.png`, fullPage: true });
    await page.close();

    expect(layout.scrollWidth).toBe(layout.clientWidth);
    expect(layout.overflowing).toEqual([]);
    expect(layout.cutLabels).toEqual([]);
    // Names that fit are drawn on their range; the others are in the table under the bar.
    expect(layout.shownLabels).toEqual(expect.arrayContaining(['GatewaySubnet', 'workload']));
    expect(layout.shownLabels.length + layout.hiddenLabels.length).toBeGreaterThan(12);
    expect(layout.findingsFirst).toBe(true);
    // The examples' GatewaySubnets have findings (size, NSG, route table, delegation): outlined, linked to them.
    const gatewaySubnets = layout.flagged.filter((f) => f.subnet === 'GatewaySubnet');
    expect(gatewaySubnets.length).toBeGreaterThanOrEqual(2);
    for (const f of layout.flagged) {
      expect(f.links.length, f.subnet).toBeGreaterThan(0);
      expect(f.targetsExist, f.subnet).toBe(true);
    }
  }, 120_000);
});
