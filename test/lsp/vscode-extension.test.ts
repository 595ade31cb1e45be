import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';

// The extension's start-up logic against a stand-in for the VS Code API and the language client. Its
// run in a real VS Code, with the real client, is test/vscode/problems-panel.test.ts.
const SOURCE = path.resolve(import.meta.dirname, '../../editors/vscode/src/extension.ts');
const dirs: string[] = [];

interface Started {
  id: string;
  server: { command: string; args: string[]; transport: number; options: { cwd?: string; shell?: boolean } };
  clientOptions: { documentSelector: unknown[]; outputChannel: unknown };
  killed: boolean;
}

interface Activation {
  started: Started[];
  /** Error notifications: message and the actions offered. */
  errors: { message: string; actions: string[] }[];
  outputShown: boolean;
}

/** The extension compiled as it ships (one bundle), but with `vscode` and the client left to the stand-ins. */
const bundled = buildSync({ entryPoints: [SOURCE], bundle: true, write: false, format: 'cjs', platform: 'node', external: ['vscode', 'vscode-languageclient/node'] }).outputFiles[0].text;

/** Runs the extension's activate(); `startError` makes the client's start() reject as the library does. */
async function activate(folders: string[], settings: Record<string, string> = {}, startError?: unknown): Promise<Activation> {
  const result: Activation = { started: [], errors: [], outputShown: false };
  class LanguageClient {
    private readonly record: Started;
    constructor(id: string, _name: string, server: Started['server'], clientOptions: Started['clientOptions']) {
      this.record = { id, server, clientOptions, killed: false };
      result.started.push(this.record);
    }
    get serverProcess() {
      return { kill: () => (this.record.killed = true) };
    }
    createDefaultErrorHandler = () => ({ error: () => undefined, closed: () => undefined });
    error = () => undefined;
    start = async () => {
      if (startError !== undefined) throw startError;
    };
    stop = async () => undefined;
  }
  const disposable = { dispose: () => undefined };
  const output = { name: 'gwlint', info: () => undefined, error: () => undefined, show: () => (result.outputShown = true), dispose: () => undefined };
  const vscode = {
    workspace: {
      workspaceFolders: folders.map((f, index) => ({ uri: { scheme: 'file', fsPath: f, toString: () => `file://${f}` }, name: path.basename(f), index })),
      getConfiguration: () => ({ get: (key: string, fallback?: string) => settings[key] ?? fallback }),
      onDidChangeConfiguration: () => disposable,
    },
    window: {
      createOutputChannel: (_name: string, options?: { log?: boolean }) => {
        // vscode-languageclient 11 logs with LogOutputChannel methods: a plain channel breaks it.
        expect(options).toEqual({ log: true });
        return output;
      },
      showErrorMessage: async (message: string, ...actions: string[]) => {
        result.errors.push({ message, actions });
        return actions[0];
      },
    },
    commands: { registerCommand: () => disposable },
  };
  const modules: Record<string, unknown> = {
    vscode,
    'vscode-languageclient/node': { LanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 }, CloseAction: { DoNotRestart: 1, Restart: 2 } },
  };
  const nodeRequire = createRequire(import.meta.url);
  const module = { exports: {} as { activate: (c: { subscriptions: unknown[] }) => Promise<void> } };
  new Function('require', 'module', 'exports', bundled)((id: string) => modules[id] ?? nodeRequire(id), module, module.exports);
  await module.exports.activate({ subscriptions: [] });
  await new Promise((resolve) => setImmediate(resolve)); // the notification's action is handled asynchronously
  return result;
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
    const [started] = (await activate([plain, local])).started;
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
    expect((await activate([plain])).started[0].server).toMatchObject({ command: 'gwlint', args: ['--lsp'], transport: 0 });
    const configured = await activate([plain], { path: 'tools/gwlint/bin/gwlint.js', nodePath: '/opt/node20/bin/node' });
    expect(configured.started[0].server).toMatchObject({ command: '/opt/node20/bin/node', args: [path.join(plain, 'tools/gwlint/bin/gwlint.js'), '--lsp'] });
  });

  it('tells a failed start once, with the cause, the command tried and Show output, and ends the server process', async () => {
    const local = folder(true);
    const failed = await activate([local], { nodePath: '/opt/node16/bin/node' }, new Error('Pending response rejected since connection got disposed'));
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors[0].message).toContain('Pending response rejected since connection got disposed');
    expect(failed.errors[0].message).toContain(`Tried: /opt/node16/bin/node ${path.join(local, 'node_modules/gwlint/bin/gwlint.js')} --lsp`);
    expect(failed.errors[0].message).not.toContain('npm install');
    expect(failed.errors[0].actions).toEqual(['Show output']);
    expect(failed.outputShown).toBe(true);
    expect(failed.started[0].killed).toBe(true);
  });

  it('suggests installing gwlint only when it was neither found nor on PATH', async () => {
    const plain = folder(false);
    const missing = await activate([plain], {}, 'Launching server using command gwlint failed. Error: spawn gwlint ENOENT');
    expect(missing.errors).toHaveLength(1);
    expect(missing.errors[0].message).toMatch(/spawn gwlint ENOENT.*Tried: gwlint --lsp\..*npm install --save-dev gwlint/);
  });
});
