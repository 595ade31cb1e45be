// The part of the VS Code extension API (engine ^1.91) this extension uses, declared here so that it
// type-checks without @types/vscode. The signatures are those of @types/vscode, narrowed to our use.

export interface Disposable {
  dispose(): unknown;
}

export interface Uri {
  readonly scheme: string;
  readonly fsPath: string;
  toString(): string;
}

export interface WorkspaceFolder {
  readonly uri: Uri;
  readonly name: string;
  readonly index: number;
}

export interface WorkspaceConfiguration {
  get<T>(section: string): T | undefined;
  get<T>(section: string, defaultValue: T): T;
}

export interface ConfigurationChangeEvent {
  affectsConfiguration(section: string): boolean;
}

export interface OutputChannel extends Disposable {
  readonly name: string;
  appendLine(value: string): void;
}

export interface ExtensionContext {
  readonly subscriptions: Disposable[];
}

export namespace workspace {
  const workspaceFolders: readonly WorkspaceFolder[] | undefined;
  function getConfiguration(section?: string): WorkspaceConfiguration;
  function onDidChangeConfiguration(listener: (e: ConfigurationChangeEvent) => unknown): Disposable;
}

export namespace window {
  function createOutputChannel(name: string): OutputChannel;
  function showErrorMessage(message: string, ...items: string[]): Thenable<string | undefined>;
}

export namespace commands {
  function registerCommand(command: string, callback: (...args: unknown[]) => unknown): Disposable;
}
