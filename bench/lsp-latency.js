// Language server latency: the time from a one-line change in the editor to the diagnostics the server
// publishes for it, for a generated 2,000-line ARM template, over a real stdio connection to
// `node bin/gwlint.js --lsp`. Prints the median over 20 changes (after 3 warm-up changes).
//
//   npm run build && node bench/lsp-latency.js [--lines N] [--runs N]
//
// Each change comes after a pause longer than the server's debounce window, as an isolated edit
// does; a burst of keystrokes is linted once, 150 ms after the last one.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { lines: { type: 'string', default: '2000' }, runs: { type: 'string', default: '20' } } });
const LINES = Number(values.lines);
const RUNS = Number(values.runs);
const WARMUP = 3;
const PAUSE_MS = 250;

if (!existsSync(path.join(ROOT, 'dist/src/lsp/server.js'))) {
  console.error('bench/lsp-latency.js: dist/ has no language server; run `npm run build` first.');
  process.exit(1);
}

/** A hub VNet with GatewaySubnet and workload subnets, a VPN gateway, and NICs until the template has about `lines` lines. */
export function generateTemplate(lines) {
  const L = [
    '{',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
    '  "contentVersion": "1.0.0.0",',
    '  "parameters": {',
    '    "location": { "type": "string", "defaultValue": "[resourceGroup().location]" },',
    '    "vnetName": { "type": "string", "defaultValue": "hub-vnet" }',
    '  },',
    '  "variables": {',
    `    "gatewaySubnetId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'GatewaySubnet')]"`,
    '  },',
    '  "resources": [',
    '    {',
    '      "type": "Microsoft.Network/virtualNetworks",',
    '      "apiVersion": "2024-05-01",',
    `      "name": "[parameters('vnetName')]",`,
    `      "location": "[parameters('location')]",`,
    '      "properties": {',
    '        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },',
    '        "subnets": [',
    '          {',
    '            "name": "GatewaySubnet",',
    '            "properties": {',
    '              "addressPrefix": "10.0.255.0/27"',
    '            }',
    '          },',
  ];
  const subnets = Math.max(1, Math.min(250, Math.floor((lines - 120) / 18)));
  for (let i = 0; i < subnets; i++)
    L.push('          {', `            "name": "workload-${i}",`, '            "properties": {', `              "addressPrefix": "10.0.${i}.0/24"`, '            }', i === subnets - 1 ? '          }' : '          },');
  L.push(
    '        ]',
    '      }',
    '    },',
    '    {',
    '      "type": "Microsoft.Network/virtualNetworkGateways",',
    '      "apiVersion": "2024-05-01",',
    '      "name": "hub-gw",',
    `      "location": "[parameters('location')]",`,
    `      "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"],`,
    '      "properties": {',
    '        "gatewayType": "Vpn",',
    '        "vpnType": "RouteBased",',
    '        "sku": { "name": "VpnGw2AZ", "tier": "VpnGw2AZ" },',
    '        "ipConfigurations": [',
    '          {',
    '            "name": "default",',
    '            "properties": {',
    `              "subnet": { "id": "[variables('gatewaySubnetId')]" },`,
    `              "publicIPAddress": { "id": "[resourceId('Microsoft.Network/publicIPAddresses', 'hub-gw-pip')]" }`,
    '            }',
    '          }',
    '        ]',
    '      }',
    '    }',
  );
  for (let n = 0; L.length < lines - 21; n++)
    L.push(
      '    ,{',
      '      "type": "Microsoft.Network/networkInterfaces",',
      '      "apiVersion": "2024-05-01",',
      `      "name": "nic-${n}",`,
      `      "location": "[parameters('location')]",`,
      `      "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"],`,
      '      "properties": {',
      '        "ipConfigurations": [',
      '          {',
      '            "name": "ipconfig1",',
      '            "properties": {',
      '              "privateIPAllocationMethod": "Dynamic",',
      `              "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), 'workload-${n % subnets}')]" }`,
      '            }',
      '          }',
      '        ]',
      '      }',
      '    }',
    );
  while (L.length < lines - 3) L.push('');
  L.push('  ],', '  "outputs": {}', '}');
  return L.join('\n') + '\n';
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const workspace = mkdtempSync(path.join(tmpdir(), 'gwlint-lsp-bench-'));
  const file = path.join(workspace, 'main.json');
  const text = generateTemplate(LINES);
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('"addressPrefix": "10.0.255.0/27"'));

  const child = spawn(process.execPath, [path.join(ROOT, 'bin/gwlint.js'), '--lsp', '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let waiting;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri === uri && waiting && params.version === waiting.version) waiting.resolve(params);
  });
  connection.listen();
  const published = (version) => new Promise((resolve) => (waiting = { version, resolve }));

  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(workspace).href, capabilities: {}, workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'bench' }] });
  await connection.sendNotification(InitializedNotification.type, {});
  let version = 1;
  let next = published(version);
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'json', version, text } });
  await next;

  const times = [];
  for (let run = 0; run < WARMUP + RUNS; run++) {
    await sleep(PAUSE_MS);
    const small = run % 2 === 0;
    const newLine = lines[line].replace(small ? '/27' : '/28', small ? '/28' : '/27');
    lines[line] = newLine;
    version++;
    next = published(version);
    const start = performance.now();
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: newLine.length } }, text: newLine }],
    });
    const params = await next;
    const elapsed = performance.now() - start;
    const expected = small ? 1 : 0;
    if (params.diagnostics.length !== expected) throw new Error(`run ${run}: expected ${expected} diagnostics, got ${JSON.stringify(params.diagnostics)}`);
    if (run >= WARMUP) times.push(elapsed);
  }

  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  connection.dispose();
  rmSync(workspace, { recursive: true, force: true });

  const sorted = [...times].sort((a, b) => a - b);
  console.log(`gwlint --lsp: one-line change → published diagnostics, ${lines.length - 1}-line ARM template, ${RUNS} runs`);
  console.log(`  median ${median(times).toFixed(1)} ms   min ${sorted[0].toFixed(1)} ms   max ${sorted[sorted.length - 1].toFixed(1)} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
