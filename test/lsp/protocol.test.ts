import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../../src/engine/rule-meta.js';
import { LspClient, uri } from './support/client.js';
import { ensureDist } from './support/dist.js';
import { rangeOf } from './support/text.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const REPO = path.resolve(import.meta.dirname, '../..');
const workspaces: string[] = [];
const clients: LspClient[] = [];

function workspace(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-lsp-'));
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  workspaces.push(dir);
  return dir;
}

async function start(dir: string, capabilities?: Parameters<typeof LspClient.start>[1]): Promise<LspClient> {
  const { client } = await LspClient.start(dir, capabilities);
  clients.push(client);
  return client;
}

/** Applies a code action's edits for one document to its text. */
function applyAction(action: CodeAction, docUri: string, text: string): string {
  const changes = (action.edit!.documentChanges as TextDocumentEdit[]).filter((c) => c.textDocument.uri === docUri).flatMap((c) => c.edits as TextEdit[]);
  return TextDocument.applyEdits(TextDocument.create(docUri, 'json', 0, text), changes);
}

beforeAll(() => ensureDist(), 240_000);

afterEach(async () => {
  for (const c of clients.splice(0)) await c.stop();
  for (const w of workspaces.splice(0)) rmSync(w, { recursive: true, force: true });
});

describe('gwlint --lsp over stdio', () => {
  it('initializes with incremental sync and quick-fix code actions', async () => {
    const dir = workspace('arm');
    const { client, init } = await LspClient.start(dir);
    clients.push(client);
    expect(init.serverInfo?.name).toBe('gwlint');
    expect(init.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2, save: { includeText: false } });
    expect(init.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix'] });
    // The client offered dynamic registration: the server watches the files that can change a result.
    await expect.poll(() => client.registrations.map((r) => r.method), { timeout: 10_000 }).toContain('workspace/didChangeWatchedFiles');
    expect(client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions).toEqual({
      watchers: [{ globPattern: '**/*.{json,jsonc,bicep,bicepparam}' }],
    });
  });

  it('publishes findings on open with code, docs link, severity, UTF-16 range and related locations; fixes them; follows the parameters file on disk', async () => {
    const dir = workspace('arm');
    const client = await start(dir);
    const main = path.join(dir, 'main.json');
    const mainUri = uri(main);
    const text = readFileSync(main, 'utf8');

    await client.open(mainUri, 'json', 1, text);
    const opened = await client.waitForDiagnostics(mainUri, (p) => p.version === 1);
    expect(opened.diagnostics).toHaveLength(1);
    const [d] = opened.diagnostics;
    const nameRange = rangeOf(text, '"Gateway-Subnet"');
    expect(d).toMatchObject({
      code: 'gateway-subnet-name',
      codeDescription: { href: docsUrl('gateway-subnet-name') },
      source: 'gwlint',
      severity: 1,
      range: nameRange,
    });
    // The comment before the name holds 'ü' and '🚀': the character is counted in UTF-16 code units.
    const line = text.split('\n')[nameRange.start.line];
    expect(nameRange.start.character).toBe(line.indexOf('"Gateway-Subnet"'));
    expect([...line.slice(0, nameRange.start.character)].length).toBe(nameRange.start.character - 1);
    expect(d.relatedInformation).toEqual([
      { location: { uri: mainUri, range: rangeOf(text, `"[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub-vnet', 'Gateway-Subnet')]"`) }, message: expect.stringContaining('refers to the subnet') },
    ]);

    const actions = (await client.codeActions(mainUri, d.range, [d])) as CodeAction[];
    expect(actions.map((a) => [a.title, a.kind])).toEqual([
      ["Rename the subnet to 'GatewaySubnet' (and its references in this file)", 'quickfix'],
      ['Suppress gateway-subnet-name on this line', 'quickfix'],
    ]);
    const [fix, suppress] = actions;
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics).toEqual([d]);
    expect(fix.edit!.documentChanges).toEqual([
      {
        textDocument: { uri: mainUri, version: 1 },
        edits: [
          { range: nameRange, newText: '"GatewaySubnet"' },
          { range: rangeOf(text, "'Gateway-Subnet'"), newText: "'GatewaySubnet'" },
        ],
      },
    ]);
    expect(suppress.edit!.documentChanges).toEqual([
      {
        textDocument: { uri: mainUri, version: 1 },
        edits: [{ range: { start: { line: nameRange.start.line, character: 0 }, end: { line: nameRange.start.line, character: 0 } }, newText: '            // gwlint-disable-next-line gateway-subnet-name -- reason\n' }],
      },
    ]);

    // The suppression comment silences the finding, and counts as used.
    await client.change(mainUri, 2, [{ text: applyAction(suppress, mainUri, text) }]);
    expect((await client.waitForDiagnostics(mainUri, (p) => p.version === 2)).diagnostics).toEqual([]);

    // With the quick fix applied the subnet is GatewaySubnet, and its size comes from the parameters file on disk.
    const fixed = applyAction(fix, mainUri, text);
    await client.change(mainUri, 3, [{ text: fixed }]);
    const resized = await client.waitForDiagnostics(mainUri, (p) => p.version === 3);
    const params = path.join(dir, 'main.parameters.json');
    const paramsText = readFileSync(params, 'utf8');
    expect(resized.diagnostics).toEqual([
      expect.objectContaining({
        code: 'gateway-subnet-size',
        severity: 1,
        range: rangeOf(fixed, `"[parameters('gatewaySubnetPrefix')]"`),
        // The value is written in the parameters file, which is not open: the finding is shown where the template uses it.
        relatedInformation: [{ location: { uri: uri(params), range: rangeOf(paramsText, '"10.0.255.0/28"') }, message: 'The value is written here.' }],
      }),
    ]);

    // The parameters file changes on disk: the open template is linted again, and is clean.
    writeFileSync(params, paramsText.replace('/28', '/27'));
    const clean = client.nextDiagnostics(mainUri);
    await client.filesChanged([{ uri: uri(params), type: 2 }]);
    expect((await clean).diagnostics).toEqual([]);
  });

  it('uses an open parameters file over the one on disk, and re-lints the template when it changes', async () => {
    const dir = workspace('arm');
    const client = await start(dir);
    const main = path.join(dir, 'main.json');
    const params = path.join(dir, 'main.parameters.json');
    const text = readFileSync(main, 'utf8').replace(/Gateway-Subnet/g, 'GatewaySubnet');
    const paramsText = readFileSync(params, 'utf8');
    await client.open(uri(main), 'json', 1, text);
    expect((await client.waitForDiagnostics(uri(main), (p) => p.version === 1)).diagnostics.map((d) => d.code)).toEqual(['gateway-subnet-size']);
    await client.open(uri(params), 'json', 1, paramsText);
    await client.waitForDiagnostics(uri(params), (p) => p.version === 1);

    // Opening the parameters file lints it together with the template that uses it.
    await client.nextDiagnostics(uri(main), (p) => p.diagnostics.length === 1);
    const relinted = client.nextDiagnostics(uri(main));
    const at = rangeOf(paramsText, '/28');
    await client.change(uri(params), 2, [{ range: at, text: '/26' }]);
    expect((await relinted).diagnostics).toEqual([]);
    // Nothing was saved: the file on disk still says /28.
    expect(readFileSync(params, 'utf8')).toBe(paramsText);
  });

  it('lints a burst of changes once, after the debounce, and isolated changes at once', async () => {
    const dir = workspace('arm');
    const client = await start(dir);
    const mainUri = uri(path.join(dir, 'main.json'));
    const text = readFileSync(path.join(dir, 'main.json'), 'utf8');
    await client.open(mainUri, 'json', 1, text);
    await client.waitForDiagnostics(mainUri, (p) => p.version === 1);
    await new Promise((r) => setTimeout(r, 200));

    const at = rangeOf(text, '"Gateway-Subnet"');
    const names = ['"GatewaySubne"', '"GatewaySubnet"', '"GatewaySubnet1"', '"Gateway-Subnet1"', '"Gateway-Subnet"'];
    const sent = Date.now();
    let previous = '"Gateway-Subnet"';
    for (let i = 0; i < names.length; i++) {
      await client.change(mainUri, i + 2, [{ range: { start: at.start, end: { line: at.end.line, character: at.start.character + previous.length } }, text: names[i] }]);
      previous = names[i];
    }
    const sendTime = Date.now() - sent;
    const last = await client.waitForDiagnostics(mainUri, (p) => p.version === 6);
    expect(Date.now() - sent).toBeGreaterThanOrEqual(140);
    expect(last.diagnostics).toEqual(client.diagnostics.find((p) => p.version === 1)!.diagnostics);
    await new Promise((r) => setTimeout(r, 300));
    // The first change of the burst is linted at once (and not shown when the text moved on meanwhile);
    // the others are linted together, once, 150 ms after the last.
    const versions = client.diagnostics.filter((p) => p.uri === mainUri && (p.version ?? 0) > 1).map((p) => p.version);
    expect(versions.at(-1)).toBe(6);
    expect(versions.filter((v) => v === 6)).toHaveLength(1);
    // (Only when the burst really was one: a machine too busy to send five notifications within the
    // debounce window makes separate edits of them.)
    if (sendTime < 100) expect(versions.filter((v) => v !== 2 && v !== 6)).toEqual([]);
  });

  it('publishes Bicep findings in a module through the open template that passes the value, with the Bicep suppression action', async () => {
    const dir = workspace('bicep');
    const client = await start(dir);
    const main = path.join(dir, 'main.bicep');
    const nic = path.join(dir, 'modules/nic.bicep');
    const mainText = readFileSync(main, 'utf8');
    const nicText = readFileSync(nic, 'utf8');

    // Opened alone, the module is evaluated through main.bicep on disk, its caller in the repository index.
    await client.open(uri(nic), 'bicep', 1, nicText);
    const alone = (await client.waitForDiagnostics(uri(nic), (p) => p.version === 1)).diagnostics;
    expect(alone).toEqual([expect.objectContaining({ code: 'no-resources-in-gateway-subnet', range: rangeOf(nicText, 'subnetId', 2) })]);

    const nicFinding = client.nextDiagnostics(uri(nic), (p) => p.diagnostics.length > 0);
    await client.open(uri(main), 'bicep', 1, mainText);
    const mainDiagnostics = (await client.waitForDiagnostics(uri(main), (p) => p.version === 1)).diagnostics;
    expect(mainDiagnostics).toEqual([expect.objectContaining({ code: 'gateway-type-sku', range: rangeOf(mainText, "'VpnGw1'") })]);
    const [moduleDiagnostic] = (await nicFinding).diagnostics;
    expect(moduleDiagnostic).toMatchObject({
      code: 'no-resources-in-gateway-subnet',
      range: rangeOf(nicText, 'subnetId', 2),
      relatedInformation: [{ location: { uri: uri(main) } }],
    });

    const mainActions = (await client.codeActions(uri(main), mainDiagnostics[0].range, [mainDiagnostics[0]])) as CodeAction[];
    expect(mainActions.map((a) => a.title)).toEqual(["Set sku.tier to 'VpnGw1AZ'", 'Suppress gateway-type-sku on this line']);
    expect(applyAction(mainActions[0], uri(main), mainText)).toBe(mainText.replace("tier: 'VpnGw1'", "tier: 'VpnGw1AZ'"));
    expect(applyAction(mainActions[1], uri(main), mainText)).toBe(mainText.replace("    sku: {", "    #disable-next-line gateway-type-sku\n    sku: {"));

    const nicActions = (await client.codeActions(uri(nic), moduleDiagnostic.range, [moduleDiagnostic])) as CodeAction[];
    expect(nicActions.map((a) => a.title)).toEqual(['Suppress no-resources-in-gateway-subnet on this line']);
    const suppressed = applyAction(nicActions[0], uri(nic), nicText);
    expect(suppressed).toBe(nicText.replace('          subnet: {', '          #disable-next-line no-resources-in-gateway-subnet\n          subnet: {'));
    await client.change(uri(nic), 2, [{ text: suppressed }]);
    expect((await client.waitForDiagnostics(uri(nic), (p) => p.version === 2)).diagnostics).toEqual([]);
  });

  it('applies gwlint.config.json levels, reloads it when it changes, and reports a broken one', async () => {
    const dir = workspace('arm');
    const client = await start(dir);
    const main = path.join(dir, 'main.json');
    const mainUri = uri(main);
    const config = path.join(dir, 'gwlint.config.json');
    await client.open(mainUri, 'json', 1, readFileSync(main, 'utf8').replace(/Gateway-Subnet/g, 'GatewaySubnet'));
    expect((await client.waitForDiagnostics(mainUri, (p) => p.version === 1)).diagnostics.map((d) => d.severity)).toEqual([1]);

    writeFileSync(config, '{ "rules": { "gateway-subnet-size": "warning" } }\n');
    let next = client.nextDiagnostics(mainUri);
    await client.filesChanged([{ uri: uri(config), type: 1 }]);
    expect((await next).diagnostics.map((d) => [d.code, d.severity])).toEqual([['gateway-subnet-size', 2]]);

    writeFileSync(config, '{ "rules": { "gateway-subnet-size": "info" } }\n');
    next = client.nextDiagnostics(mainUri);
    await client.filesChanged([{ uri: uri(config), type: 2 }]);
    expect((await next).diagnostics.map((d) => [d.code, d.severity])).toEqual([['gateway-subnet-size', 3]]);

    writeFileSync(config, '{\n  "rules": {\n    "gateway-subnet-sise": "off"\n  }\n}\n');
    next = client.nextDiagnostics(mainUri);
    const message = client.nextMessage();
    const configDiagnostics = client.nextDiagnostics(uri(config));
    await client.filesChanged([{ uri: uri(config), type: 2 }]);
    expect((await next).diagnostics.map((d) => [d.code, d.severity])).toEqual([['gateway-subnet-size', 1]]);
    const shown = await message;
    expect(shown.type).toBe(1);
    expect(shown.message).toContain("unknown rule 'gateway-subnet-sise' (did you mean 'gateway-subnet-size'?)");
    expect((await configDiagnostics).diagnostics).toEqual([
      expect.objectContaining({ severity: 1, source: 'gwlint', range: { start: { line: 2, character: 4 }, end: { line: 2, character: 32 } }, message: expect.stringContaining("unknown rule 'gateway-subnet-sise'") }),
    ]);

    rmSync(config);
    const cleared = client.nextDiagnostics(uri(config));
    await client.filesChanged([{ uri: uri(config), type: 3 }]);
    expect((await cleared).diagnostics).toEqual([]);
  });

  it('before initialize, refuses requests and drops notifications', async () => {
    const dir = workspace('arm');
    const client = LspClient.connect(dir);
    clients.push(client);
    const mainUri = uri(path.join(dir, 'main.json'));
    await client.open(mainUri, 'json', 1, readFileSync(path.join(dir, 'main.json'), 'utf8'));
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    await expect(client.codeActions(mainUri, range, [])).rejects.toMatchObject({ code: -32002 });
    // Once initialized, a document opened then is linted; the one opened before never was.
    await client.connection.sendRequest('initialize', { processId: process.pid, rootUri: uri(dir), capabilities: {} });
    await client.connection.sendNotification('initialized', {});
    const copyPath = path.join(dir, 'copy.json');
    writeFileSync(copyPath, readFileSync(path.join(dir, 'main.json'), 'utf8'));
    await client.open(uri(copyPath), 'json', 1, readFileSync(copyPath, 'utf8'));
    expect((await client.waitForDiagnostics(uri(copyPath))).diagnostics).toHaveLength(1);
    expect(client.diagnostics.filter((p) => p.uri === mainUri)).toEqual([]);
  });

  it('takes no document without text, and goes on linting the others', async () => {
    const dir = workspace('arm');
    const client = await start(dir);
    const mainUri = uri(path.join(dir, 'main.json'));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(path.join(dir, 'broken.json')), languageId: 'json', version: 1 } });
    await client.open(mainUri, 'json', 1, readFileSync(path.join(dir, 'main.json'), 'utf8'));
    expect((await client.waitForDiagnostics(mainUri, (p) => p.version === 1)).diagnostics).toHaveLength(1);
  });

  it('reads a template saved and closed in an editor that watches no files, for the modules it calls', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-lsp-'));
    workspaces.push(dir);
    cpSync(path.join(REPO, 'examples/bicep-hub'), dir, { recursive: true });
    const mainPath = path.join(dir, 'main.bicep');
    const withCall = readFileSync(mainPath, 'utf8');
    const withoutCall = withCall.slice(0, withCall.indexOf('module appServer'));
    writeFileSync(mainPath, withoutCall);
    const client = await start(dir, {});
    const nicUri = uri(path.join(dir, 'modules/nic.bicep'));
    const mainUri = uri(mainPath);
    const nicText = readFileSync(path.join(dir, 'modules/nic.bicep'), 'utf8');
    await client.open(nicUri, 'bicep', 1, nicText);
    // Alone, the module puts its NIC in a subnet it is given: nothing to say.
    expect((await client.waitForDiagnostics(nicUri, (p) => p.version === 1)).diagnostics).toEqual([]);
    // The caller is opened, made to pass GatewaySubnet, saved and closed.
    await client.open(mainUri, 'bicep', 1, withoutCall);
    await client.change(mainUri, 2, [{ text: withCall }]);
    await client.waitForDiagnostics(mainUri, (p) => p.version === 2);
    writeFileSync(mainPath, withCall);
    await client.save(mainUri);
    await client.close(mainUri);
    await client.change(nicUri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    const after = await client.waitForDiagnostics(nicUri, (p) => p.version === 2);
    expect(after.diagnostics.map((d) => d.code)).toContain('no-resources-in-gateway-subnet');
  });

  it('clears a closed document and exits cleanly on shutdown', async () => {
    const dir = workspace('arm');
    const { client } = await LspClient.start(dir);
    const mainUri = uri(path.join(dir, 'main.json'));
    await client.open(mainUri, 'json', 1, readFileSync(path.join(dir, 'main.json'), 'utf8'));
    expect((await client.waitForDiagnostics(mainUri, (p) => p.version === 1)).diagnostics).toHaveLength(1);
    const cleared = client.nextDiagnostics(mainUri);
    await client.close(mainUri);
    expect((await cleared).diagnostics).toEqual([] as Diagnostic[]);
    expect(await client.stop()).toBe(0);
  });
});
