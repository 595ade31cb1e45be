import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ShutdownRequest } from 'vscode-languageserver-protocol';
import { LspClient, uri } from './support/client.js';
import { BIN, ensureDist } from './support/dist.js';

beforeAll(() => ensureDist(), 240_000);

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const workspace = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'gwlint-lsp-framing-'));
  dirs.push(d);
  return d;
};

const frame = (body: string, length: string | number = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
const INITIALIZE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

/** Writes raw bytes to a fresh server and waits for it to exit (or 10 s). */
async function exitAfter(bytes: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, '--lsp', '--stdio'], { cwd: workspace(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const timeout = new Promise<'running'>((r) => setTimeout(() => r('running'), 10_000));
  child.stdin.write(bytes);
  const code = await Promise.race([exited, timeout]);
  if (code === 'running') child.kill();
  return { code: code === 'running' ? null : code, stderr };
}

describe('language server framing', () => {
  it.each([
    ['a missing Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${INITIALIZE}`],
    ['a negative Content-Length', frame(INITIALIZE, -5)],
    ['a huge Content-Length', frame(INITIALIZE, 99_999_999_999)],
    ['a Content-Length that is not a number', frame(INITIALIZE, 'ten')],
    ['a short Content-Length', frame(INITIALIZE, 10) + frame(INITIALIZE)],
    ['a header that never ends', 'Content-Length: 12'.padEnd(20_000, 'x')],
  ])('exits non-zero on %s, so that the editor restarts it', async (_, bytes) => {
    const { code, stderr } = await exitAfter(bytes);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^gwlint: language server: unreadable message frame \(.+\); exiting so that the editor restarts the server\.\n$/);
  });

  it('answers well-framed messages split across writes', async () => {
    const child = spawn(process.execPath, [BIN, '--lsp', '--stdio'], { cwd: workspace(), stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const bytes = frame(INITIALIZE);
    for (let i = 0; i < bytes.length; i += 7) child.stdin.write(bytes.slice(i, i + 7));
    await new Promise((r) => setTimeout(r, 3000));
    child.kill();
    expect(out).toMatch(/^Content-Length: \d+\r\n\r\n\{"jsonrpc":"2.0","id":1,"result":/);
  });
});

describe('language server shutdown', () => {
  it('lints nothing after shutdown, and exits 0 on exit', async () => {
    const dir = workspace();
    const { client } = await LspClient.start(dir);
    const doc = uri(path.join(dir, 'main.json'));
    await client.connection.sendRequest(ShutdownRequest.type);
    const published = client.diagnostics.length;
    await client.open(doc, 'json', 1, '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ { ');
    await new Promise((r) => setTimeout(r, 2000));
    expect(client.diagnostics.length).toBe(published);
    expect(await client.stop()).toBe(0);
  });
});
