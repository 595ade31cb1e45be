import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type {
  ClientCapabilities,
  CodeAction,
  Command,
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  Range,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver/node';
import { BIN } from './dist.js';

export const uri = (p: string): string => pathToFileURL(p).href;

interface Waiter<T> {
  match: (x: T) => boolean;
  resolve: (x: T) => void;
}

/** A minimal LSP client over a real stdio connection to `node bin/gwlint.js --lsp`. */
export class LspClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  stderr = '';
  private readonly waiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly messageWaiters: Waiter<ShowMessageParams>[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {}

  static async start(workspace: string, capabilities: ClientCapabilities = DEFAULT_CAPABILITIES): Promise<{ client: LspClient; init: InitializeResult }> {
    const client = LspClient.connect(workspace);
    const init = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri(workspace),
      workspaceFolders: [{ uri: uri(workspace), name: 'workspace' }],
      capabilities,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return { client, init };
  }

  /** A server started and listened to, not yet initialized. */
  static connect(workspace: string): LspClient {
    const child = spawn(process.execPath, [BIN, '--lsp', '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    child.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.push(p);
      client.settle(client.waiters, p);
    });
    connection.onNotification(ShowMessageNotification.type, (p) => {
      client.messages.push(p);
      client.settle(client.messageWaiters, p);
    });
    connection.onRequest(RegistrationRequest.type, (p) => {
      client.registrations.push(...p.registrations);
    });
    connection.listen();
    return client;
  }

  private settle<T>(waiters: Waiter<T>[], x: T): void {
    for (const w of [...waiters])
      if (w.match(x)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(x);
      }
  }

  /** The first diagnostics for `uri` (already received or to come) that `match` accepts. */
  waitForDiagnostics(docUri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    const m = (p: PublishDiagnosticsParams) => p.uri === docUri && match(p);
    const seen = this.diagnostics.find(m);
    if (seen) return Promise.resolve(seen);
    return this.wait(this.waiters, m, timeoutMs, `diagnostics for ${docUri}`);
  }

  /** The next diagnostics for `uri` from now on. */
  nextDiagnostics(docUri: string, match: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 20_000): Promise<PublishDiagnosticsParams> {
    return this.wait(this.waiters, (p) => p.uri === docUri && match(p), timeoutMs, `diagnostics for ${docUri}`);
  }

  nextMessage(timeoutMs = 20_000): Promise<ShowMessageParams> {
    return this.wait(this.messageWaiters, () => true, timeoutMs, 'a window message');
  }

  private wait<T>(waiters: Waiter<T>[], match: (x: T) => boolean, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}`)), timeoutMs);
      waiters.push({
        match,
        resolve: (x) => {
          clearTimeout(timer);
          resolve(x);
        },
      });
    });
  }

  open(docUri: string, languageId: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: docUri, languageId, version, text } });
  }

  change(docUri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: docUri, version }, contentChanges });
  }

  save(docUri: string): Promise<void> {
    return this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: docUri } });
  }

  close(docUri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: docUri } });
  }

  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  codeActions(docUri: string, range: Range, diagnostics: Diagnostic[]): Promise<(CodeAction | Command)[] | null> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: docUri }, range, context: { diagnostics } });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.on('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.process.kill();
    }
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
};
