import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach } from 'vitest';
import { main } from '../../src/cli/main.js';

export const REPO = path.resolve(import.meta.dirname, '../..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A writable stream that collects what is written; `isTTY` makes it look like a terminal `columns` wide. */
export class Capture extends PassThrough {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns?: number,
  ) {
    super();
    this.on('data', (chunk: Buffer) => (this.text += chunk.toString('utf8')));
  }
}

/** Runs `main(argv)` in-process with captured output, in `cwd`, with a clean environment unless one is given. */
export async function cli(cwd: string, argv: string[], options: { env?: Record<string, string | undefined>; tty?: boolean; columns?: number } = {}): Promise<CliRun> {
  const stdout = new Capture(options.tty, options.columns);
  const stderr = new Capture(options.tty);
  const code = await main(argv, { stdout, stderr, cwd, env: options.env ?? {} });
  await new Promise((r) => setImmediate(r));
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Temporary trees for a test file: each is removed after the test that made it. Call once at the top level. */
export function tempTrees(): (files: Record<string, string>) => ReturnType<typeof tempTree> {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    while (cleanups.length) cleanups.pop()!();
  });
  return (files) => {
    const t = tempTree(files);
    cleanups.push(t.cleanup);
    return t;
  };
}

/** A temporary folder with files (path → text); removed by the returned cleanup. */
export function tempTree(files: Record<string, string>): { dir: string; read: (p: string) => string; write: (p: string, text: string) => void; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-cli-'));
  const write = (p: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  };
  for (const [p, text] of Object.entries(files)) write(p, text);
  return { dir, read: (p) => readFileSync(path.join(dir, p), 'utf8'), write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * An ARM template with a VPN gateway in GatewaySubnet, whose prefix comes from the parameter
 * `gatewaySubnetPrefix` (default `prefix`): a /28 is too small for the gateway (gateway-subnet-size), a /27 fits.
 */
export function gatewayTemplate(prefix = '10.0.255.0/28', subnetName = 'GatewaySubnet'): string {
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "gatewaySubnetPrefix": { "type": "string", "defaultValue": "${prefix}" }
  },
  "resources": [
    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2024-05-01",
      "name": "hub-vnet",
      "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
        "subnets": [
          { "name": "${subnetName}", "properties": { "addressPrefix": "[parameters('gatewaySubnetPrefix')]" } },
          { "name": "workloads", "properties": { "addressPrefix": "10.0.1.0/24" } }
        ]
      }
    },
    {
      "type": "Microsoft.Network/virtualNetworkGateways",
      "apiVersion": "2024-05-01",
      "name": "hub-gw",
      "location": "westeurope",
      "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', 'hub-vnet')]"],
      "properties": {
        "gatewayType": "Vpn",
        "vpnType": "RouteBased",
        "sku": { "name": "VpnGw2AZ", "tier": "VpnGw2AZ" },
        "ipConfigurations": [
          { "name": "default", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', '${subnetName}')]" } } }
        ]
      }
    }
  ]
}
`;
}

/** The VPN gateway 'hub-gw' in Bicep: `sku` is a Bicep expression, `ipConfiguration` the properties of its one ip configuration. */
export function vpnGatewayBicep(sku: string, ipConfiguration: string): string {
  return `resource gateway 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'hub-gw'
  location: 'westeurope'
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    sku: { name: ${sku}, tier: ${sku} }
    ipConfigurations: [ { name: 'default', properties: { ${ipConfiguration} } } ]
  }
}
`;
}

/** The same deployment in Bicep. */
export function gatewayBicep(prefix = '10.0.255.0/28'): string {
  return `param gatewaySubnetPrefix string = '${prefix}'

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub-vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
      { name: 'GatewaySubnet', properties: { addressPrefix: gatewaySubnetPrefix } }
      { name: 'workloads', properties: { addressPrefix: '10.0.1.0/24' } }
    ]
  }
}

${vpnGatewayBicep("'VpnGw2AZ'", 'subnet: { id: vnet.properties.subnets[0].id }')}`;
}

/** A zone-redundant public IP, alone in its template. */
export const ZONAL_PIP_BICEP = `resource pip 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: 'hub-gw-pip'
  location: 'westeurope'
  sku: { name: 'Standard' }
  zones: [ '1', '2', '3' ]
  properties: { publicIPAllocationMethod: 'Static' }
}
`;

/** A VPN gateway in another template that uses ZONAL_PIP_BICEP's IP through `existing` (a non-AZ SKU: Azure rejects the zones). */
export function gatewayUsingPipBicep(sku = 'VpnGw2'): string {
  return `resource pip 'Microsoft.Network/publicIPAddresses@2024-05-01' existing = {
  name: 'hub-gw-pip'
}

${vpnGatewayBicep(`'${sku}'`, "publicIPAddress: { id: pip.id }, subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'GatewaySubnet') }")}`;
}

/** A deployment parameters file setting `gatewaySubnetPrefix`. */
export function parametersFile(prefix: string): string {
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "gatewaySubnetPrefix": { "value": "${prefix}" } }
}
`;
}

/** The JSON part of a cache file: what follows the run recorded before it (a `gwlint-run <mac> <bytes>` line and those bytes). */
export function cacheJson(file: string): string {
  const bytes = readFileSync(file);
  const header = /^gwlint-run [0-9a-f]{64} (\d+)\n/.exec(bytes.subarray(0, 100).toString('latin1'));
  return bytes.subarray(header ? header[0].length + Number(header[1]) : 0).toString('utf8');
}
