import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { Executable } from 'vscode-languageclient/node';
import { TransportKind } from 'vscode-languageclient/node';

/** `gwlint --lsp`: the configured path, else the workspace's node_modules/gwlint, else `gwlint` on PATH. */
export function serverCommand(config: vscode.WorkspaceConfiguration, workspaceFolders: readonly string[]): Executable {
  const node = config.get<string>('nodePath', 'node') || 'node';
  const configured = config.get<string>('path', '');
  if (configured) {
    const resolved = path.isAbsolute(configured) || !workspaceFolders.length ? configured : path.resolve(workspaceFolders[0], configured);
    return executable(resolved, node, workspaceFolders[0]);
  }
  for (const folder of workspaceFolders) {
    const local = path.join(folder, 'node_modules', 'gwlint', 'bin', 'gwlint.js');
    if (existsSync(local)) return executable(local, node, folder);
  }
  return executable('gwlint', node, workspaceFolders[0]);
}

/** The command line, as the user would type it, for messages. */
export function commandLine(server: Executable): string {
  return [server.command, ...(server.args ?? [])].join(' ');
}

/** True when the server is the `gwlint` looked up on PATH because nothing else was found or configured. */
export function isPathFallback(server: Executable): boolean {
  return server.command === 'gwlint';
}

function executable(command: string, node: string, cwd: string | undefined): Executable {
  const options = { cwd, shell: process.platform === 'win32' && !command.endsWith('.js') };
  // The client adds --stdio, which gwlint accepts.
  if (command.endsWith('.js')) return { command: node, args: [command, '--lsp'], transport: TransportKind.stdio, options };
  return { command, args: ['--lsp'], transport: TransportKind.stdio, options };
}
