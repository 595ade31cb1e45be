import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { html } from '../../src/report/html.js';
import { options, sampleResult } from './fixtures.js';

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
          { "name": "GatewaySubnet", "properties": { "addressPrefix": "10.0.255.0/28" } },
          { "name": "apps <img src=x onerror=alert(1)>", "properties": { "addressPrefix": "10.0.0.0/22" } },
          { "name": "data", "properties": { "addressPrefix": "10.0.2.0/24" } }
        ]
      }
    },
    {
      "type": "Microsoft.Network/virtualNetworkGateways",
      "apiVersion": "2024-05-01",
      "name": "hub-gw",
      "location": "westeurope",
      "properties": {
        "gatewayType": "Vpn",
        "vpnType": "RouteBased",
        "sku": { "name": "VpnGw2AZ", "tier": "VpnGw2AZ" },
        "ipConfigurations": [ { "name": "default", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'GatewaySubnet')]" } } } ]
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
  }
}

resource web 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: spoke
  name: 'web'
  properties: { addressPrefix: '10.1.1.0/24' }
}
`;

async function run(): Promise<LintResult> {
  return lint({ files: [{ path: '/repo/infra/hub.json', text: HUB }, { path: '/repo/infra/spoke.bicep', text: SPOKE }], networkSummaries: true });
}

describe('html reporter', () => {
  it('is one self-contained page: inline style, no script, nothing fetched', async () => {
    const page = html(await run(), options());
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(page).toContain('<style>');
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    // Every attribute of every tag is one that cannot load anything.
    const attributes = new Set<string>();
    for (const tag of page.matchAll(/<[a-z][a-z0-9]*((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/gi))
      for (const attr of tag[1].replace(/="[^"]*"/g, '').trim().split(/\s+/)) if (attr) attributes.add(attr.toLowerCase());
    expect([...attributes].sort()).toEqual(['charset', 'class', 'content', 'href', 'http-equiv', 'id', 'lang', 'name', 'open', 'style', 'title']);
    // Links only lead within the page, each to an element that is there.
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) {
      expect(href).toMatch(/^#[a-z0-9-]+$/);
      expect(page).toContain(`id="${href.slice(1)}"`);
    }
    expect(page).not.toMatch(/url\(|@import/i);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('escapes everything that comes from templates', async () => {
    const page = html(await run(), options());
    expect(page).toContain('apps &lt;img src=x onerror=alert(1)&gt;');
    expect(page).not.toContain('<img src=x');
    const nasty = sampleResult();
    nasty.files[0].diagnostics[1].message = '</td><script>alert("x")</script> & more';
    const out = html(nasty, options());
    expect(out).toContain('&lt;/td&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(out).not.toContain('<script>');
  });

  it('draws a VNet declared many times over once: one band per overlapping stretch, twenty pairs named', async () => {
    const copies = 60;
    const vnet = (i: number) => `resource hub${i} 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.255.0/27' } } ]
  }
}
`;
    const text = Array.from({ length: copies }, (_, i) => vnet(i)).join('\n');
    const result = await lint({ files: [{ path: '/repo/infra/copies.bicep', text }], networkSummaries: true });
    const page = html(result, options());
    // The sixty declarations are one VNet with the subnets of all of them: drawn once, the same /27 sixty times.
    expect(page.match(/<article class="vnet">/g)).toHaveLength(1);
    const first = page.slice(page.indexOf('<article class="vnet">'), page.indexOf('</article>'));
    expect(first).toContain('<strong>hub</strong> <span class="where">infra/copies.bicep:2</span> <span class="muted">(declared 60 times)</span>');
    expect(first.match(/<tr id="vnet-1-subnet-\d+"/g)).toHaveLength(copies);
    expect(first.match(/<div class="overlap"/g)).toHaveLength(1);
    expect(first.match(/<li class="bad">Overlap: /g)).toHaveLength(20);
    expect(first).toContain(`<li class="bad">And ${(copies * (copies - 1)) / 2 - 20} more overlapping pairs</li>`);
    expect(page.length).toBeLessThan(200_000);
  });

  it('draws an address map per VNet: a bar per prefix, GatewaySubnet highlighted, overlaps and unallocated ranges marked', async () => {
    const result = await run();
    expect(result.networks?.map((n) => [n.name, n.addressPrefixes, n.subnets.map((s) => [s.name, s.prefixes, s.gatewaySubnet, s.gateways])])).toEqual([
      [
        'hub-vnet',
        ['10.0.0.0/16'],
        [
          ['GatewaySubnet', ['10.0.255.0/28'], true, ['hub-gw']],
          ['apps <img src=x onerror=alert(1)>', ['10.0.0.0/22'], false, []],
          ['data', ['10.0.2.0/24'], false, []],
        ],
      ],
      ['spoke-vnet', ['10.1.0.0/16'], [['web', ['10.1.1.0/24'], false, []]]],
    ]);
    const page = html(result, options());
    const hub = page.slice(page.indexOf('<article class="vnet">'), page.indexOf('</article>'));
    expect(hub).toContain('<strong>hub-vnet</strong> <span class="where">infra/hub.json:8</span>');
    expect(hub).toContain('<figcaption>10.0.0.0/16 ');
    // Subnets with findings are outlined at their worst level and link to their row of the table.
    expect(hub).toMatch(
      /<a class="seg c0 gw flagged error fit-\d+" href="#vnet-1-subnet-1" style="left:[\d.]+%;width:[\d.]+%;top:0px" title="GatewaySubnet 10\.0\.255\.0\/28 · gateway hub-gw · 1 finding"><span>GatewaySubnet<\/span><\/a>/,
    );
    // The overlapping /24 is drawn on a second row, and the shared range is banded.
    expect(hub).toMatch(/<a class="seg c2 flagged error fit-\d+" href="#vnet-1-subnet-3" style="[^"]*;top:30px" title="data 10\.0\.2\.0\/24 · 1 finding">/);
    expect(hub).toContain('<div class="bar" style="height:60px">');
    expect(hub.match(/<div class="overlap"/g)).toHaveLength(1);
    expect(hub).toContain('Overlap: apps &lt;img src=x onerror=alert(1)&gt; 10.0.0.0/22 and data 10.0.2.0/24 share 10.0.2.0 – 10.0.2.255 (256 addresses)');
    expect(hub.match(/<div class="free"/g)).toHaveLength(2);
    expect(hub).toContain('Unallocated in 10.0.0.0/16: 10.0.4.0/22, 10.0.8.0/21');
    expect(hub).toMatch(
      /<tr id="vnet-1-subnet-1" class="gw-row"><td><span class="swatch gw"><\/span><strong>GatewaySubnet<\/strong><\/td><td>10\.0\.255\.0\/28<\/td><td><span class="tag gw">GatewaySubnet<\/span> <span class="tag">gateway hub-gw<\/span><\/td><td class="links"><a class="level error" href="#(finding-\d+)">\d+:\d+ gateway-subnet-size<\/a><\/td><\/tr>/,
    );
    const sizeFinding = /href="#(finding-\d+)">\d+:\d+ gateway-subnet-size/.exec(hub)![1];
    expect(page).toMatch(new RegExp(`<tr id="${sizeFinding}" class="error"><td class="pos">\\d+:\\d+</td><td><span class="level error">error</span></td><td class="msg">GatewaySubnet is /28`));
    // A subnet without findings is neither outlined nor linked to any.
    expect(page.slice(page.lastIndexOf('<article class="vnet">'))).toMatch(/<a class="seg c0 fit-\d+" href="#vnet-2-subnet-1"/);
    const spoke = page.slice(page.lastIndexOf('<article class="vnet">'));
    expect(spoke).toContain('<strong>spoke-vnet</strong> <span class="where">infra/spoke.bicep:2</span>');
    expect(spoke).toContain('title="web 10.1.1.0/24"');
  });

  it('groups findings by file with position, level, message, source line and rule id, leaving suppressed ones out', () => {
    const page = html(sampleResult(), options());
    const files = [...page.matchAll(/<summary><span class="path">([^<]+)<\/span> <span class="muted">(\d+) findings?<\/span><\/summary>/g)].map((m) => [m[1], Number(m[2])]);
    expect(files).toEqual([
      ['infra/main.json', 2],
      ['infra/vpn gw.bicep', 2],
    ]);
    expect(page).toContain('<tr id="finding-1" class="error"><td class="pos">3:20</td><td><span class="level error">error</span></td><td class="msg">GatewaySubnet is a /29; a gateway needs at least a /27.<pre>&quot;addressPrefix&quot;: &quot;10.0.0.0/29&quot;,</pre>');
    expect(page).toContain('<li>infra/main.parameters.json:2:13 The prefix is written here.</li>');
    expect(page).toContain('<td class="rule">gateway-subnet-size</td>');
    // main.json's suppressed finding is left out; the same message in the Bicep file is shown once.
    expect(page.match(/Subnet name is written as a literal\./g)).toHaveLength(1);
    expect(page).toContain('4 problems (1 error, 2 warnings, 1 info) in 3 files');
  });

  it('puts the findings before the address maps', async () => {
    const page = html(await run(), options());
    expect(page.indexOf('<section id="findings">')).toBeGreaterThan(0);
    expect(page.indexOf('<section id="findings">')).toBeLessThan(page.indexOf('<section id="networks">'));
  });

  it('draws a subnet name on its range only from the width the whole name needs', async () => {
    const page = html(await run(), options());
    const fit = /<a class="[^"]*fit-(\d+)[^"]*"[^>]*><span>GatewaySubnet<\/span>/.exec(page)!;
    expect(Number(fit[1])).toBeGreaterThanOrEqual('GatewaySubnet'.length * 6.6);
    expect(page).toContain(`@container (min-width:${fit[1]}px){.fit-${fit[1]}>span{visibility:visible}}`);
  });

  it('renders a run without networks or findings', () => {
    const page = html({ files: [], rules: [] }, options());
    expect(page).toContain('No virtual network declared in the linted files.');
    expect(page).toContain('No findings.');
    expect(page).toContain('No problems found in 0 files');
  });
});
