import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { transformSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';

const SOURCE = path.resolve(import.meta.dirname, '../../editors/vscode/src/extension.ts');
const dirs: string[] = [];

interface Started {
  id: string;
  server: { command: string; args: string[]; transport: number; options: { cwd?: string; shell?: boolean } };
  clientOptions: { documentSelector: unknown[] };
}

/** Runs the extension's activate() against a stand-in for the VS Code API and the language client. */
async function activate(folders: string[], settings: Record<string, string> = {}): Promise<Started[]> {
  const started: Started[] = [];
  class LanguageClient {
    constructor(id: string, _name: string, server: Started['server'], clientOptions: Started['clientOptions']) {
      started.push({ id, server, clientOptions });
    }
    start = async () => undefined;
    stop = async () => undefined;
  }
  const disposable = { dispose: () => undefined };
  const vscode = {
    workspace: {
      workspaceFolders: folders.map((f, index) => ({ uri: { scheme: 'file', fsPath: f, toString: () => `file://${f}` }, name: path.basename(f), index })),
      getConfiguration: () => ({ get: (key: string, fallback?: string) => settings[key] ?? fallback }),
      onDidChangeConfiguration: () => disposable,
    },
    window: { createOutputChannel: () => ({ name: 'gwlint', appendLine: () => undefined, dispose: () => undefined }), showErrorMessage: async () => undefined },
    commands: { registerCommand: () => disposable },
  };
  const modules: Record<string, unknown> = { vscode, 'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 } } };
  const nodeRequire = createRequire(import.meta.url);
  const { code } = transformSync(readFileSync(SOURCE, 'utf8'), { loader: 'ts', format: 'cjs', platform: 'node' });
  const module = { exports: {} as { activate: (c: { subscriptions: unknown[] }) => Promise<void> } };
  new Function('require', 'module', 'exports', code)((id: string) => modules[id] ?? nodeRequire(id), module, module.exports);
  await module.exports.activate({ subscriptions: [] });
  return started;
}

function folder(withLocalInstall: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-vscode-'));
  dirs.push(dir);
  if (withLocalInstall) {
    mkdirSync(path.join(dir, 'node_modules/gwlint/bin'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules/gwlint/bin/gwlint.js'), '');
  }
  return dir;
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('VS Code extension', () => {
  it("starts the workspace's own gwlint with node and --lsp over stdio, for JSON, ARM and Bicep documents", async () => {
    const plain = folder(false);
    const local = folder(true);
    const [started] = await activate([plain, local]);
    expect(started.id).toBe('gwlint');
    expect(started.server).toEqual({ command: 'node', args: [path.join(local, 'node_modules/gwlint/bin/gwlint.js'), '--lsp'], transport: 0, options: { cwd: local, shell: false } });
    expect(started.clientOptions.documentSelector).toEqual(
      expect.arrayContaining([
        { scheme: 'file', language: 'json' },
        { scheme: 'file', language: 'jsonc' },
        { scheme: 'file', language: 'bicep' },
        { scheme: 'file', language: 'bicep-params' },
        { scheme: 'file', pattern: '**/*.{bicep,bicepparam}' },
      ]),
    );
  });

  it('falls back to gwlint on PATH, and honours gwlint.path and gwlint.nodePath', async () => {
    const plain = folder(false);
    expect((await activate([plain]))[0].server).toMatchObject({ command: 'gwlint', args: ['--lsp'], transport: 0 });
    const configured = await activate([plain], { path: 'tools/gwlint/bin/gwlint.js', nodePath: '/opt/node20/bin/node' });
    expect(configured[0].server).toMatchObject({ command: '/opt/node20/bin/node', args: [path.join(plain, 'tools/gwlint/bin/gwlint.js'), '--lsp'] });
  });
});
