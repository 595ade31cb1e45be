import { toLineColumn } from '../../src/core/span.js';
import type { VirtualFile } from '../../src/engine/files.js';
import { lint } from '../../src/index.js';
import { cli } from '../cli/helpers.js';

/** Findings of one rule: the primary line and the related chain as `line: message`. The first file is linted, the others are context. */
export async function chain(files: VirtualFile[], ruleId: string) {
  const result = await lint({ files: files.slice(0, 1), context: files.slice(1) });
  return result.files.flatMap((f) =>
    f.diagnostics
      .filter((d) => d.ruleId === ruleId)
      .map((d) => ({ at: `${d.span.file.path}:${toLineColumn(d.span).line}`, message: d.message, related: d.related.map((r) => `${r.span.file.path}:${toLineColumn(r.span).line} ${r.message}`) })),
  );
}

interface SarifRun {
  runs: {
    results: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
      relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; message: { text: string } }[];
    }[];
  }[];
}

/** The CLI's SARIF results of one rule, as `uri:line` and the relatedLocations as `uri:line message`. */
export async function sarifChain(dir: string, args: string[], ruleId: string) {
  const run = await cli(dir, ['-f', 'sarif', ...args]);
  const sarif = JSON.parse(run.stdout) as SarifRun;
  return sarif.runs[0].results
    .filter((r) => r.ruleId === ruleId)
    .map((r) => {
      const where = (l: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region.startLine}`;
      return { at: where(r.locations[0]), related: (r.relatedLocations ?? []).map((l) => `${where(l)} ${l.message.text}`) };
    });
}

export const GATEWAY_JSON = `    {
      "type": "Microsoft.Network/virtualNetworkGateways", "apiVersion": "2024-05-01", "name": "gw", "location": "westeurope",
      "properties": { "gatewayType": "Vpn", "vpnType": "RouteBased", "sku": { "name": "VpnGw1AZ", "tier": "VpnGw1AZ" },
        "ipConfigurations": [ { "name": "c", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'GatewaySubnet')]" } } } ] }
    }`;

export const GATEWAY_BICEP = `resource gw 'Microsoft.Network/virtualNetworkGateways@2024-05-01' = {
  name: 'gw'
  location: 'westeurope'
  properties: {
    gatewayType: 'Vpn'
    vpnType: 'RouteBased'
    sku: { name: 'VpnGw1AZ', tier: 'VpnGw1AZ' }
    ipConfigurations: [ { name: 'c', properties: { subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'GatewaySubnet') } } } ]
  }
}
`;

/** An ARM template with these variables (the inside of their object), the resources, and the gateway; parameters, when given, start on line 3. */
export const arm = (variables: string, resources: string, parameters = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",${parameters ? ` "parameters": {${parameters}},` : ''}
  "variables": {
${variables}
  },
  "resources": [
${resources},
${GATEWAY_JSON}
  ]
}`;

/** The 1-based line of the first occurrence of `needle` in `text` (after `after`, when given). */
export function lineOf(text: string, needle: string, after = ''): number {
  const from = after ? text.indexOf(after) : 0;
  const at = text.indexOf(needle, from);
  if (from < 0 || at < 0) throw new Error(`'${needle}' is not in the text`);
  return text.slice(0, at).split('\n').length;
}

/** A Bicep file: `preamble`, a VNet whose `subnets` are `subnets`, and the gateway. */
export const vnetBicep = (preamble: string, subnets: string) => `${preamble}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet'
  location: 'westeurope'
  properties: {
    addressSpace: { addressPrefixes: [ '10.0.0.0/16' ] }
    subnets: ${subnets}
  }
}

${GATEWAY_BICEP}`;

/** An ARM VNet resource whose `subnets` are `subnets`, for `arm()`. */
export const vnetJson = (subnets: string) => `    {
      "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet", "location": "westeurope",
      "properties": {
        "addressSpace": { "addressPrefixes": [ "10.0.0.0/16" ] },
        "subnets": ${subnets}
      }
    }`;
