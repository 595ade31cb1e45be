// The part of vscode-languageclient 11 (`vscode-languageclient/node`) this extension uses, declared
// here so that the extension type-checks without installing it. The packaged extension depends on the
// real package (package.json).
import type { OutputChannel, WorkspaceFolder } from 'vscode';

export declare enum TransportKind {
  stdio = 0,
  ipc = 1,
  pipe = 2,
  socket = 3,
}

export interface ExecutableOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  detached?: boolean;
  shell?: boolean;
}

export interface Executable {
  command: string;
  transport?: TransportKind;
  args?: string[];
  options?: ExecutableOptions;
}

export type ServerOptions = Executable | { run: Executable; debug: Executable };

export interface DocumentFilter {
  language?: string;
  scheme?: string;
  pattern?: string;
}

export interface LanguageClientOptions {
  documentSelector?: (string | DocumentFilter)[];
  diagnosticCollectionName?: string;
  outputChannel?: OutputChannel;
  workspaceFolder?: WorkspaceFolder;
}

export declare class LanguageClient {
  constructor(id: string, name: string, serverOptions: ServerOptions, clientOptions: LanguageClientOptions, forceDebug?: boolean);
  start(): Promise<void>;
  stop(timeout?: number): Promise<void>;
  isRunning(): boolean;
}
