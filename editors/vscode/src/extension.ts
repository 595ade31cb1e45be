import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Executable, LanguageClientOptions } from 'vscode-languageclient/node';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** The files gwlint lints: JSON/JSONC templates and parameter files, Bicep and .bicepparam (also without the Bicep extension). */
const DOCUMENTS: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'arm-template' },
  { scheme: 'file', language: 'bicep' },
  { scheme: 'file', language: 'bicep-params' },
  { scheme: 'file', pattern: '**/*.{bicep,bicepparam}' },
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('gwlint');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('gwlint.restart', () => restart(output)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gwlint.path') || e.affectsConfiguration('gwlint.nodePath')) void restart(output);
    }),
    { dispose: () => client?.stop() },
  );
  await start(output);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function start(output: vscode.OutputChannel): Promise<void> {
  const server = serverCommand();
  output.appendLine(`Starting ${server.command} ${(server.args ?? []).join(' ')}`);
  client = new LanguageClient('gwlint', 'gwlint', server, { documentSelector: DOCUMENTS, outputChannel: output });
  try {
    await client.start();
  } catch (e) {
    client = undefined;
    void vscode.window.showErrorMessage(
      `gwlint: could not start the language server (${String(e)}). Install gwlint in the workspace (npm install --save-dev gwlint) or on PATH, or set "gwlint.path".`,
    );
  }
}

async function restart(output: vscode.OutputChannel): Promise<void> {
  await client?.stop();
  await start(output);
}

/** `gwlint --lsp`: the configured path, else the workspace's node_modules/gwlint, else `gwlint` on PATH. */
function serverCommand(): Executable {
  const config = vscode.workspace.getConfiguration('gwlint');
  const node = config.get<string>('nodePath', 'node') || 'node';
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const configured = config.get<string>('path', '');
  if (configured) {
    const resolved = path.isAbsolute(configured) || !folders.length ? configured : path.resolve(folders[0], configured);
    return executable(resolved, node, folders[0]);
  }
  for (const folder of folders) {
    const local = path.join(folder, 'node_modules', 'gwlint', 'bin', 'gwlint.js');
    if (existsSync(local)) return executable(local, node, folder);
  }
  return executable('gwlint', node, folders[0]);
}

function executable(command: string, node: string, cwd: string | undefined): Executable {
  const options = { cwd, shell: process.platform === 'win32' && !command.endsWith('.js') };
  // The client adds --stdio, which gwlint accepts.
  if (command.endsWith('.js')) return { command: node, args: [command, '--lsp'], transport: TransportKind.stdio, options };
  return { command, args: ['--lsp'], transport: TransportKind.stdio, options };
}
