import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import type { Diagnostic } from '../../src/index.js';
import { toLineColumn } from '../../src/core/span.js';

async function findings(files: Record<string, string>, entry: string): Promise<Diagnostic[]> {
  const all = Object.entries(files).map(([path, text]) => ({ path, text }));
  const target = all.find((f) => f.path === entry)!;
  const result = await lint({ files: [target], context: all.filter((f) => f !== target) });
  return result.files.flatMap((f) => f.diagnostics).filter((d) => d.ruleId === 'subnet-cidr');
}

const line = (d: { span: Diagnostic['span'] }) => toLineColumn(d.span).line;

function vnet(subnets: string, space = "'10.0.0.0/16', 'fd00:0:1::/48'"): string {
  return `resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  properties: {
    addressSpace: { addressPrefixes: [${space}] }
    subnets: [
${subnets}
    ]
  }
}
`;
}

describe('subnet-cidr', () => {
  it('rejects address spaces that take in ranges no VNet may hold, and only those', async () => {
    const space = (prefixes: string) => findings({ '/t/main.bicep': vnet('', prefixes) }, '/t/main.bicep');
    const messages = (await space("'0.0.0.0/0', '127.0.0.0/8', '168.63.129.16/32', '224.0.0.0/3'")).map((d) => d.message);
    expect(messages).toEqual([
      "Address space 0.0.0.0/0 of VNet 'hub-vnet' takes in the multicast range 224.0.0.0/4, which Azure does not allow in a VNet. Use private ranges, such as 10.0.0.0/16.",
      "Address space 127.0.0.0/8 of VNet 'hub-vnet' is the loopback range, which Azure does not allow in a VNet. Use private ranges, such as 10.0.0.0/16.",
      "Address space 168.63.129.16/32 of VNet 'hub-vnet' is Azure's platform address, which Azure does not allow in a VNet. Use private ranges, such as 10.0.0.0/16.",
      "Address space 224.0.0.0/3 of VNet 'hub-vnet' takes in the multicast range 224.0.0.0/4, which Azure does not allow in a VNet. Use private ranges, such as 10.0.0.0/16.",
    ]);
    expect((await space("'127.0.0.0/16'")).map((d) => d.message)).toEqual([
      "Address space 127.0.0.0/16 of VNet 'hub-vnet' lies in the loopback range 127.0.0.0/8, which Azure does not allow in a VNet. Use private ranges, such as 10.0.0.0/16.",
    ]);
    // Private, shared (RFC 6598) and public ranges next to the excluded ones are fine, as is IPv6.
    expect(await space("'10.0.0.0/8', '100.64.0.0/10', '169.253.0.0/16', '168.63.128.0/24', '223.255.255.0/24', 'fd00::/8'")).toEqual([]);
  });

  it('names the network address Azure expects when host bits are set, for IPv4 and IPv6', async () => {
    const [v4, v6] = await findings(
      {
        '/t/main.bicep': vnet(`      { name: 'a', properties: { addressPrefix: '10.0.10.0/16' } }
      { name: 'b', properties: { addressPrefixes: ['10.1.0.0/24', 'fd00:0:1:2::5/64'] } }`, "'10.0.0.0/8', 'fd00:0:1::/48'"),
      },
      '/t/main.bicep',
    );
    expect(v4.message).toContain('has host bits set');
    expect(v4.message).toContain('Write 10.0.0.0/16');
    expect(v6.message).toContain('Write fd00:0:1:2::/64');
  });

  it('says where a prefix came from before the fix, for each kind of problem', async () => {
    const found = await findings(
      {
        '/t/main.bicep': `var edge = '10.0.10.0/16'
var far = '10.9.0.0/24'
${vnet(`      { name: 'a', properties: { addressPrefix: edge } }
      { name: 'b', properties: { addressPrefix: far } }`)}`,
      },
      '/t/main.bicep',
    );
    expect(found.map((d) => d.message)).toEqual([
      "Subnet 'a' prefix 10.0.10.0/16 has host bits set (InvalidCIDRNotation). From variable 'edge'. Write 10.0.0.0/16, or change the length.",
      "Subnet 'b' (10.9.0.0/24) is outside the address space of VNet 'hub-vnet' (10.0.0.0/16; NetcfgSubnetRangeOutsideVnet). From variable 'far'. Move the subnet inside it, or add a range that contains it.",
    ]);
  });

  it('reports each overlapping pair once, on the later subnet, with the earlier one as a related location', async () => {
    const found = await findings(
      {
        '/t/main.bicep': vnet(`      { name: 'wide', properties: { addressPrefix: '10.0.0.0/23' } }
      { name: 'first', properties: { addressPrefix: '10.0.0.0/24' } }
      { name: 'second', properties: { addressPrefix: '10.0.1.0/24' } }`),
      },
      '/t/main.bicep',
    );
    expect(found.map(line)).toEqual([7, 8]);
    for (const d of found) {
      expect(d.message).toContain("overlaps subnet 'wide' (10.0.0.0/23)");
      expect(d.related.map(line)).toEqual([6]);
    }
  });

  it('does not judge containment against a VNet that a module only refers to as existing', async () => {
    const found = await findings(
      {
        '/t/main.bicep': `${vnet("      { name: 'web', properties: { addressPrefix: '10.0.1.0/24' } }")}
module extra 'subnet.bicep' = {
  name: 'extra'
  params: { prefix: '192.168.0.0/24' }
}
`,
        '/t/subnet.bicep': `param prefix string

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' existing = {
  name: 'hub-vnet'
}

resource extra 'Microsoft.Network/virtualNetworks/subnets@2024-05-01' = {
  parent: vnet
  name: 'extra'
  properties: { addressPrefix: prefix }
}
`,
      },
      '/t/main.bicep',
    );
    expect(found).toEqual([]);
  });

  it('reports a subnet outside the address space through a module that declares the VNet', async () => {
    const found = await findings(
      {
        '/t/main.bicep': `module network 'vnet.bicep' = {
  name: 'network'
  params: { subnetPrefix: '192.168.0.0/24' }
}
`,
        '/t/vnet.bicep': `param subnetPrefix string
${vnet("      { name: 'web', properties: { addressPrefix: subnetPrefix } }")}`,
      },
      '/t/main.bicep',
    );
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("is outside the address space of VNet 'hub-vnet' (10.0.0.0/16;");
    // On the prefix the caller passes, with the module's property as the place it is used.
    expect(found[0].span.file.path).toBe('/t/main.bicep');
    expect(found[0].related.map((r) => r.span.file.path)).toContain('/t/vnet.bicep');
  });
});
