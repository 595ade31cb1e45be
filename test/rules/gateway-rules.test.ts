import { describe, expect, it } from 'vitest';
import { toLineColumn } from '../../src/core/span.js';
import { fixedClock } from '../../src/engine/clock.js';
import type { Rule } from '../../src/engine/rule.js';
import type { VirtualFile } from '../../src/engine/files.js';
import { lint } from '../../src/index.js';
import { BASIC_PUBLIC_IP_RETIREMENT, familySkus, formatMilestoneDate, milestoneTiming, SKU_RETIREMENTS, skuRetirement } from '../../src/knowledge/gateway.js';
import gatewayActiveActive from '../../rules/gateway-active-active.js';
import gatewayBgp from '../../rules/gateway-bgp.js';
import { gatewayLegacySku } from '../../rules/gateway-legacy-sku.js';
import gatewayPerVnet from '../../rules/gateway-per-vnet.js';
import gatewayTypeSku from '../../rules/gateway-type-sku.js';
import { gatewayPublicIp } from '../../rules/gateway-public-ip.js';
import gatewayVpnType from '../../rules/gateway-vpn-type.js';

interface Found {
  ruleId: string;
  level: string;
  line: number;
  file: string;
  message: string;
  related: number;
}

async function run(rules: Rule[], files: VirtualFile[], targets = 1): Promise<Found[]> {
  const result = await lint({ files: files.slice(0, targets), context: files.slice(targets), rules });
  return result.files.flatMap((f) =>
    f.diagnostics.map((d) => ({ ruleId: d.ruleId, level: d.level, line: toLineColumn(d.span).line, file: f.path, message: d.message, related: d.related.length })),
  );
}

const bicep = (text: string, path = 'main.bicep'): VirtualFile => ({ path, text });

function gateway(name: string, props: string, condition = ''): string {
  return `resource ${name.replace(/-/g, '')} 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = ${condition}{
  name: '${name}'
  properties: {
${props}
  }
}
`;
}

const subnet = (vnet: string) => `ipConfigurations: [ { name: 'c1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', '${vnet}', 'GatewaySubnet') } } } ]`;

describe('milestone dates', () => {
  it('places day and month dates before, in and after their period', () => {
    expect(milestoneTiming('2026-09-30', new Date('2026-09-29T23:59:59Z'))).toBe('future');
    expect(milestoneTiming('2026-09-30', new Date('2026-09-30T12:00:00Z'))).toBe('current');
    expect(milestoneTiming('2026-09-30', new Date('2026-10-01T00:00:00Z'))).toBe('past');
    expect(milestoneTiming('2026-03', new Date('2026-02-28T00:00:00Z'))).toBe('future');
    expect(milestoneTiming('2026-03', new Date('2026-03-31T00:00:00Z'))).toBe('current');
    expect(milestoneTiming('2026-03', new Date('2026-04-01T00:00:00Z'))).toBe('past');
  });

  it('formats them for messages', () => {
    expect(formatMilestoneDate('2026-09-30')).toBe('Sep 30, 2026');
    expect(formatMilestoneDate('2023-11')).toBe('Nov 2023');
  });

  it('keeps the Basic public IP dates and the alternative targets as valid data', () => {
    for (const fact of Object.values(BASIC_PUBLIC_IP_RETIREMENT)) {
      expect(fact.date).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(fact.sources.length).toBeGreaterThan(0);
    }
    for (const entry of SKU_RETIREMENTS)
      for (const sku of entry.alternatives ?? []) {
        expect(familySkus(entry.family)).toContain(sku);
        expect(skuRetirement(sku, entry.family)).toBeUndefined();
      }
    expect(skuRetirement('HighPerformance', 'ExpressRoute')?.alternatives).toEqual(['ErGwScale']);
  });

  it('rejects a clock that is not a date', () => {
    expect(() => fixedClock('someday')).toThrow(/Not a date/);
  });
});

describe('gateway-legacy-sku phrases its dates against the injected clock', () => {
  const vpnGw1 = bicep(gateway('gw', `gatewayType: 'Vpn'\n    sku: { name: 'VpnGw1', tier: 'VpnGw1' }\n    ipConfigurations: []`));
  const standard = bicep(gateway('gw', `gatewayType: 'Vpn'\n    sku: { name: 'Standard', tier: 'Standard' }\n    ipConfigurations: []`));
  const message = async (file: VirtualFile, date: string) => {
    const found = await run([gatewayLegacySku(fixedClock(date))], [file]);
    expect(found).toHaveLength(1);
    expect(found[0].level).toBe('warning');
    return found[0].message;
  };

  // The message says where the SKU stands today; the whole timeline, with the sources' other dates, is on the docs page.
  it('today (2026-11-26): VpnGw1 is retired', async () => {
    const text = await message(vpnGw1, '2026-11-26');
    expect(text).toContain("uses SKU 'VpnGw1', retired on Sep 30, 2026.");
    expect(text).toContain("'VpnGw1AZ'");
    expect(text).not.toMatch(/retiring|creatable/);
  });

  it('before any date, the retirement is announced in the future tense', async () => {
    const text = await message(vpnGw1, '2024-06-01');
    expect(text).toContain("uses SKU 'VpnGw1', retiring on Sep 30, 2026.");
  });

  it('between the two retirement dates, the later one is still ahead', async () => {
    const text = await message(vpnGw1, '2026-09-20');
    expect(text).toContain('no longer creatable and retiring on Sep 30, 2026');
  });

  it('legacy Standard: the latest retirement date is in force', async () => {
    expect(await message(standard, '2025-06-01')).toContain('no longer creatable and retiring in Mar 2026');
    expect(await message(standard, '2026-03-10')).toContain('being retired in Mar 2026');
    const now = await message(standard, '2026-11-26');
    expect(now).toContain("uses SKU 'Standard', retired in Mar 2026.");
    expect(now).toContain("'VpnGw1AZ'");
  });

  it('reads Standard by gateway type: an ExpressRoute Standard is advice, with its AZ and scalable targets', async () => {
    const found = await run([gatewayLegacySku(fixedClock('2026-11-26'))], [bicep(gateway('er', `gatewayType: 'ExpressRoute'\n    sku: { name: 'standard', tier: 'standard' }\n    ipConfigurations: []`))]);
    expect(found.map((f) => f.level)).toEqual(['info']);
    expect(found[0].message).toContain("'ErGw1AZ' or 'ErGwScale'");
  });
});

describe('gateway-public-ip', () => {
  const pip = (name: string, sku: string, method: string) => `resource ${name} 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: '${name}'
  sku: { name: '${sku}' }
  properties: { publicIPAllocationMethod: '${method}' }
}
`;
  const withPip = (name: string, sku: string, pipName: string) =>
    gateway(name, `gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    sku: { name: '${sku}', tier: '${sku}' }\n    ipConfigurations: [ { name: 'c1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', '${name}-vnet', 'GatewaySubnet') }, publicIPAddress: { id: ${pipName}.id } } } ]`);

  it('phrases the Basic public IP retirement against the clock', async () => {
    const file = bicep(pip('p', 'Basic', 'Static') + withPip('gw', 'Basic', 'p'));
    const [before] = await run([gatewayPublicIp(fixedClock('2025-01-15'))], [file]);
    expect(before.message).toContain('has the Basic SKU, retiring for VPN gateways (end of Jun 2026).');
    const [after] = await run([gatewayPublicIp(fixedClock('2026-11-26'))], [file]);
    expect(after.message).toContain('has the Basic SKU, retired for VPN gateways (end of Jun 2026).');
    expect(after.level).toBe('warning');
  });

  it('a Basic public IP is a warning on a non-AZ VPN gateway, which can only be an existing one', async () => {
    const found = await run([gatewayPublicIp()], [bicep(pip('p', 'Basic', 'Dynamic') + withPip('gw', 'VpnGw2', 'p'))]);
    expect(found.map((f) => `${f.line} ${f.level}`)).toEqual(['3 warning', '4 warning']);
    expect(found[0].message).toContain('has the Basic SKU, retired');
  });

  it('reports a public IP shared by two gateways once, at the strictest level, with both uses related', async () => {
    // Two gateways on one public IP is also a finding of its own (one public IP per ip configuration).
    const basicSku = (list: Found[]) => list.filter((f) => !f.message.includes('is already used by'));
    const all = await run([gatewayPublicIp()], [bicep(pip('p', 'Basic', 'Static') + withPip('basic', 'Basic', 'p') + withPip('az', 'VpnGw1AZ', 'p'))]);
    expect(all.filter((f) => f.message.includes('is already used by'))).toHaveLength(1);
    const found = basicSku(all);
    expect(found).toHaveLength(1);
    expect(found[0].level).toBe('error');
    expect(found[0].related).toBe(2);
    const [reversed] = basicSku(await run([gatewayPublicIp()], [bicep(pip('p', 'Basic', 'Static') + withPip('az', 'VpnGw1AZ', 'p') + withPip('basic', 'Basic', 'p'))]));
    expect(reversed.level).toBe('error');
    expect(reversed.related).toBe(2);
    const [same] = basicSku(await run([gatewayPublicIp()], [bicep(pip('p', 'Basic', 'Static') + withPip('a', 'Basic', 'p') + withPip('b', 'Basic', 'p'))]));
    expect(same.related).toBe(2);
  });

  it('judges each of two public IPs given one name, and says so where the gateways share it', async () => {
    // A parameters file that gives both names the same placeholder: Azure sees one public IP.
    const named = (symbol: string) => pip(symbol, 'Standard', 'Dynamic').replace(`name: '${symbol}'`, `name: ${symbol}Name`);
    const text = `param firstName string = 'shared'\nparam secondName string = 'shared'\n${named('first')}${named('second')}${withPip('a', 'VpnGw1', 'first')}${withPip('b', 'VpnGw1', 'second')}`;
    const found = await run([gatewayPublicIp()], [bicep(text)]);
    expect(found.filter((f) => f.message.includes('Standard ones must be Static'))).toHaveLength(2);
    const shared = found.filter((f) => f.message.includes('is already used by'));
    expect(shared).toHaveLength(1);
    expect(shared[0].message).toMatch(/: 2 public IPs are declared with that name\. Give each public IP its own name\.$/);
  });

  it('follows a public IP declared in a module through the id the module outputs', async () => {
    const main = bicep(`module ip 'pip.bicep' = {
  name: 'ip'
}
${gateway('gw', `gatewayType: 'ExpressRoute'\n    sku: { name: 'ErGw1AZ', tier: 'ErGw1AZ' }\n    ipConfigurations: [ { name: 'c1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'GatewaySubnet') }, publicIPAddress: { id: ip.outputs.id } } } ]`)}`);
    const module = bicep(`${pip('p', 'Basic', 'Static')}output id string = p.id\n`, 'pip.bicep');
    const found = await run([gatewayPublicIp()], [main, module]);
    // The Basic SKU's error, whose fix for a new ExpressRoute gateway is to drop the public IP: no info as well.
    expect(found.map((f) => `${f.file} ${f.line} ${f.level}`)).toEqual(['pip.bicep 3 error']);
    expect(found[0].message).toMatch(/Drop it from a new gateway, or use sku\.name 'Standard', Static on an existing one\.$/);
    const standard = bicep(`${pip('p', 'Standard', 'Static')}output id string = p.id\n`, 'pip.bicep');
    const info = await run([gatewayPublicIp()], [main, standard]);
    expect(info.map((f) => `${f.file} ${f.line} ${f.level}`)).toEqual(['main.bicep 9 info']);
  });
});

describe('gateway-active-active', () => {
  const configs = (n: number) => `ipConfigurations: [\n${Array.from({ length: n }, (_, i) => `      { name: 'c${i}', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'GatewaySubnet') } } }`).join('\n')}\n    ]`;
  const aa = (extra: string, n: number) => bicep(`param p2s object\n${gateway('gw', `gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    activeActive: ${extra}\n    sku: { name: 'VpnGw2AZ', tier: 'VpnGw2AZ' }\n    ${configs(n)}`)}`);

  it('accepts the string true ARM also takes', async () => {
    expect(await run([gatewayActiveActive], [aa("'true'", 1)])).toHaveLength(1);
    expect(await run([gatewayActiveActive], [aa("'false'", 1)])).toHaveLength(0);
  });

  it('with point-to-site unknown, accepts two or three ip configurations and nothing else', async () => {
    const withP2s = (n: number) => bicep(aa('true', n).text.replace("activeActive: true", 'activeActive: true\n    vpnClientConfiguration: p2s'));
    expect(await run([gatewayActiveActive], [withP2s(2)])).toHaveLength(0);
    expect(await run([gatewayActiveActive], [withP2s(3)])).toHaveLength(0);
    const four = await run([gatewayActiveActive], [withP2s(4)]);
    expect(four).toHaveLength(1);
    expect(four[0].message).toContain('has 4 ip configurations');
  });
});

describe('gateway-bgp ASNs', () => {
  const lng = (asn: number) => `resource site 'Microsoft.Network/localNetworkGateways@2024-05-01' = {
  name: 'site'
  properties: {
    gatewayIpAddress: '203.0.113.1'
    bgpSettings: { asn: ${asn}, bgpPeeringAddress: '10.9.0.1' }
  }
}
`;
  const vpn = (asn: number) => gateway('gw', `gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    enableBgp: true\n    bgpSettings: { asn: ${asn} }\n    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }\n    ${subnet('v')}`);

  it('lets a gateway keep Azure default 65515, but not an on-premises device', async () => {
    expect(await run([gatewayBgp], [bicep(vpn(65515))])).toHaveLength(0);
    const found = await run([gatewayBgp], [bicep(lng(65515))]);
    expect(found.map((f) => `${f.level} ${f.message}`)).toEqual([expect.stringMatching(/^warning .*reserved by Azure/)]);
    const other = await run([gatewayBgp], [bicep(lng(65518))]);
    expect(other.map((f) => `${f.level} ${f.message}`)).toEqual([expect.stringMatching(/^error .*private ASN reserved by Azure/)]);
  });

  it("reads a gateway's ASN however bgpSettings is written, and only where it is", async () => {
    const gw = (settings: string, before = '') =>
      bicep(`${before}${gateway('gw', `gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }${settings}\n    ${subnet('v')}`)}`);
    const messages = async (file: VirtualFile) => (await run([gatewayBgp], [file])).map((f) => `${f.line} ${f.message}`);
    expect(await messages(gw(''))).toEqual([]);
    expect(await messages(gw('\n    bgpSettings: null'))).toEqual([]);
    expect(await messages(gw('\n    bgpSettings: { asn: 8075 }'))).toEqual([expect.stringMatching(/^7 Gateway 'gw' has BGP ASN 8075: /)]);
    expect(await messages(gw('\n    bgpSettings: settings', 'var settings = { asn: 23456 }\n'))).toEqual([expect.stringMatching(/^1 Gateway 'gw' has BGP ASN 23456: /)]);
    expect(await messages(gw('\n    bgpSettings: { asn: 0, peerWeight: weight }', 'param weight int\n'))).toEqual([expect.stringMatching(/^8 Gateway 'gw' has BGP ASN 0: /)]);
  });

  it('reports BGP on a Basic gateway on enableBgp, or on bgpSettings alone as a warning', async () => {
    const basic = (props: string) => bicep(gateway('gw', `gatewayType: 'Vpn'\n    sku: { name: 'Basic', tier: 'Basic' }${props}\n    ${subnet('v')}`));
    const found = async (props: string) => (await run([gatewayBgp], [basic(props)])).map((f) => `${f.level} ${f.line}`);
    expect(await found('\n    enableBgp: true\n    bgpSettings: { asn: 65010 }')).toEqual(['error 6']);
    expect(await found('\n    enableBgp: false\n    bgpSettings: { asn: 65010 }')).toEqual(['warning 7']);
    expect(await found('\n    enableBgp: false')).toEqual([]);
  });

  it('rejects IANA-reserved and out-of-range ASNs and accepts 4-byte ones', async () => {
    for (const asn of [23456, 64500, 65535, 4294967295, 4294967296]) expect(await run([gatewayBgp], [bicep(lng(asn))]), String(asn)).toHaveLength(1);
    for (const asn of [64512, 65534, 4200000000]) expect(await run([gatewayBgp], [bicep(lng(asn))]), String(asn)).toHaveLength(0);
  });

  it('does not compare ASNs on a connection without BGP, nor report an invalid ASN twice', async () => {
    const connection = (bgp: boolean) => `resource c 'Microsoft.Network/connections@2024-05-01' = {
  name: 'c'
  properties: {
    connectionType: 'IPsec'
    enableBgp: ${bgp}
    virtualNetworkGateway1: { id: gw.id, properties: {} }
    localNetworkGateway2: { id: site.id, properties: {} }
  }
}
`;
    expect(await run([gatewayBgp], [bicep(vpn(65010) + lng(65010) + connection(false))])).toHaveLength(0);
    expect(await run([gatewayBgp], [bicep(vpn(65010) + lng(65010) + connection(true))])).toHaveLength(1);
    const reserved = await run([gatewayBgp], [bicep(vpn(65010) + lng(65517) + connection(true))]);
    expect(reserved.map((f) => f.message)).toEqual([expect.stringContaining('reserved by Azure')]);
  });

  it('takes 65515 on a local network gateway as a possible Virtual WAN hub', async () => {
    const connection = `resource c 'Microsoft.Network/connections@2024-05-01' = {
  name: 'c'
  properties: {
    connectionType: 'IPsec'
    enableBgp: true
    virtualNetworkGateway1: { id: gw.id, properties: {} }
    localNetworkGateway2: { id: site.id, properties: {} }
  }
}
`;
    // A written address may be on-premises: a warning on the ASN.
    const written = await run([gatewayBgp], [bicep(vpn(65010) + lng(65515) + connection)]);
    expect(written.map((f) => `${f.line} ${f.level}`)).toEqual(['16 warning']);
    expect(written[0].message).toContain('Virtual WAN hub');
    // The address read from the vWAN gateway at deployment: nothing to say about the ASN.
    const hub = bicep(`param hubIp string\n${vpn(65010)}${lng(65515).replace("'203.0.113.1'", 'hubIp')}${connection}`);
    expect(await run([gatewayBgp], [hub])).toHaveLength(0);
    // But the VNet gateway must not use 65515 too: reported on its BGP settings.
    const both = await run([gatewayBgp], [bicep(`param hubIp string\n${vpn(65515)}${lng(65515).replace("'203.0.113.1'", 'hubIp')}${connection}`)]);
    expect(both.map((f) => `${f.line} ${f.level}`)).toEqual(['8 error']);
    expect(both[0].message).toContain('a Virtual WAN hub always uses 65515');
  });
});

describe('gateway-active-active beside a Route Server', () => {
  const hub = (gatewayProps: string) =>
    bicep(`resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  properties: {
    addressSpace: { addressPrefixes: ['10.20.0.0/16'] }
    subnets: [
      { name: 'GatewaySubnet', properties: { addressPrefix: '10.20.255.0/27' } }
      { name: 'RouteServerSubnet', properties: { addressPrefix: '10.20.254.0/26' } }
    ]
  }
}
resource rs 'Microsoft.Network/virtualHubs@2024-05-01' = {
  name: 'rs'
  properties: { sku: 'Standard' }
}
resource rsConfig 'Microsoft.Network/virtualHubs/ipConfigurations@2024-05-01' = {
  parent: rs
  name: 'ipconfig1'
  properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', 'RouteServerSubnet') } }
}
${gateway('hub-gw', `gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }\n${gatewayProps}\n    ${twoConfigs}`)}`);
  const twoConfigs = subnet('hub').replace(/\[ (\{.*\}) \]/, '[ $1, $1 ]');

  it('puts an ASN-only problem on the ASN, and says nothing of an active-active gateway at 65515', async () => {
    const file = hub("    activeActive: true\n    bgpSettings: {\n      asn: 65010\n    }");
    const asnLine = file.text.split('\n').findIndex((l) => l.includes('asn: 65010')) + 1;
    const found = await run([gatewayActiveActive], [file]);
    expect(found.map((f) => `${f.line} ${f.level}: ${f.message}`)).toEqual([
      `${asnLine} warning: Gateway 'hub-gw' shares its VNet with a Route Server, which needs it active-active with ASN 65515, but its ASN is 65010. Set its ASN to 65515.`,
    ]);
    expect(await run([gatewayActiveActive], [hub('    activeActive: true')])).toEqual([]);
  });
});

describe('gateway-per-vnet and gateway-vpn-type: which gateways share a VNet', () => {
  const vpn = (name: string, vnet: string, condition = '', sku = 'VpnGw1AZ', type = 'RouteBased') =>
    gateway(name, `gatewayType: 'Vpn'\n    vpnType: '${type}'\n    sku: { name: '${sku}', tier: '${sku}' }\n    ${subnet(vnet)}`, condition);
  const er = (name: string, vnet: string, condition = '') => gateway(name, `gatewayType: 'ExpressRoute'\n    sku: { name: 'ErGw1AZ', tier: 'ErGw1AZ' }\n    ${subnet(vnet)}`, condition);

  it('counts only gateways whose condition is known true', async () => {
    const params = 'param deploySecond bool\nparam deployAlways bool = true\n';
    expect(await run([gatewayPerVnet], [bicep(params + vpn('a', 'hub') + vpn('b', 'hub', 'if (deploySecond) '))])).toHaveLength(0);
    expect(await run([gatewayPerVnet], [bicep(params + vpn('a', 'hub') + vpn('b', 'hub', 'if (deployAlways) '))])).toHaveLength(1);
    expect(await run([gatewayPerVnet], [bicep(params + vpn('a', 'hub') + vpn('b', 'spoke'))])).toHaveLength(0);
  });

  it('does not place a gateway whose subnet name is unknown', async () => {
    const other = gateway('b', `gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }\n    ipConfigurations: [ { name: 'c1', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', subnetName) } } } ]`);
    expect(await run([gatewayPerVnet], [bicep(`param subnetName string\n${vpn('a', 'hub')}${other}`)])).toHaveLength(0);
  });

  it('finds two gateways deployed by two calls of one module into the same VNet', async () => {
    const module = bicep(`param subnetId string\nparam name string\n${gateway('gw', `gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }\n    ipConfigurations: [ { name: 'c1', properties: { subnet: { id: subnetId } } } ]`).replace("name: 'gw'", 'name: name')}`, 'gw.bicep');
    const main = bicep(`resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: [ { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.0.0/27' } } ]
  }
}
module one 'gw.bicep' = { name: 'one', params: { name: 'gw-1', subnetId: vnet.properties.subnets[0].id } }
module two 'gw.bicep' = { name: 'two', params: { name: 'gw-2', subnetId: vnet.properties.subnets[0].id } }
`);
    const found = await run([gatewayPerVnet], [main, module]);
    expect(found.map((f) => `${f.file} ${f.line} ${f.level}`)).toEqual(['gw.bicep 9 error']);
    expect(found[0].message).toContain("VPN gateway 'gw-2' is a second VPN gateway in this VNet (with gateway 'gw-1')");
  });

  it('reports Basic or PolicyBased coexistence once per rule, on different values', async () => {
    const file = bicep(vpn('v', 'hub', '', 'Basic', 'PolicyBased') + er('e', 'hub'));
    const found = await run([gatewayPerVnet, gatewayVpnType], [file]);
    expect(found.map((f) => `${f.ruleId} ${f.line}`).sort()).toEqual(['gateway-per-vnet 15', 'gateway-vpn-type 5']);
    expect(found.find((f) => f.ruleId === 'gateway-per-vnet')?.message).toMatch(/SKU Basic does not support it, and it needs RouteBased, not PolicyBased/);
  });

  it('does not call a conditional ExpressRoute gateway coexistence', async () => {
    const file = bicep('param withEr bool\n' + vpn('v', 'hub', '', 'Basic', 'PolicyBased') + er('e', 'hub', 'if (withEr) '));
    expect(await run([gatewayPerVnet, gatewayVpnType], [file])).toHaveLength(0);
  });
});

describe('gateway-type-sku', () => {
  it('suggests a SKU of the gateway type, with the right article', async () => {
    const file = bicep(
      gateway('er', `gatewayType: 'ExpressRoute'\n    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }`) + gateway('vpn', `gatewayType: 'Vpn'\n    vpnType: 'RouteBased'\n    sku: { name: 'ErGw1AZ', tier: 'ErGw1AZ' }`),
    );
    const messages = (await run([gatewayTypeSku], [file])).map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain("Use an ExpressRoute SKU such as 'ErGw1AZ'.");
    expect(messages[1]).toContain("Use a VPN SKU such as 'VpnGw1AZ'.");
  });

  describe('ErGwScale scale units', () => {
    const scale = (bounds: string, head = '', sku = 'ErGwScale') =>
      bicep(`${head}\n${gateway('er-scale', `gatewayType: 'ExpressRoute'\n    sku: { name: '${sku}', tier: '${sku}' }\n    autoScaleConfiguration: { bounds: ${bounds} }`)}`);
    const found = async (bounds: string, head?: string, sku?: string) => (await run([gatewayTypeSku], [scale(bounds, head, sku)])).map((f) => `${f.level}: ${f.message}`);

    it('judges bounds that come from parameters, and a fraction as out of range', async () => {
      expect(await found('{ min: minUnits, max: maxUnits }', 'param minUnits int = 12\nparam maxUnits int = 6')).toEqual([
        "error: ErGwScale gateway 'er-scale' has a minimum of 12 scale units, above its maximum of 6. From the default of parameter 'minUnits'. Make the minimum at most the maximum.",
      ]);
      expect(await found("{ min: json('1.5'), max: 4 }")).toEqual([
        "error: ErGwScale gateway 'er-scale' has a minimum of 1.5 scale units, not a whole number from 1 to 40. Set it from 1 to 40.",
      ]);
    });

    it('says nothing of bounds it cannot know, of a fixed size or autoscaling, or of another SKU', async () => {
      expect(await found('{ min: minUnits, max: 40 }', 'param minUnits int')).toEqual([]);
      expect(await found('{ min: 1, max: 1 }')).toEqual([]);
      expect(await found('{ min: 40, max: 40 }')).toEqual([]);
      expect(await found('{ min: 2, max: 3 }')).toEqual([]);
      expect(await found('{ min: 0, max: 50 }', '', 'ErGw2AZ')).toEqual([]);
    });
  });
});
