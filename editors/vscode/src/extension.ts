import * as vscode from 'vscode';
import type { Executable, LanguageClientOptions } from 'vscode-languageclient/node';
import { CloseAction, LanguageClient } from 'vscode-languageclient/node';
import { commandLine, isPathFallback, serverCommand } from './server-command';

/**
 * The files gwlint lints: JSON/JSONC templates and parameter files, Bicep and .bicepparam. Bicep files
 * are also selected by name, so they are linted whether or not the Bicep extension gives them a language.
 */
export const DOCUMENTS: LanguageClientOptions['documentSelector'] = [
  { scheme: 'file', language: 'json' },
  { scheme: 'file', language: 'jsonc' },
  { scheme: 'file', language: 'arm-template' },
  { scheme: 'file', language: 'bicep' },
  { scheme: 'file', language: 'bicep-params' },
  { scheme: 'file', pattern: '**/*.{bicep,bicepparam}' },
];

/**
 * A client whose failure to start is told once, by the extension, with the command it tried: the
 * library's own notifications for that case name neither, and there would be two of them.
 */
class GwlintClient extends LanguageClient {
  private starting = false;

  constructor(server: Executable, output: vscode.LogOutputChannel) {
    super('gwlint', 'gwlint', server, {
      documentSelector: DOCUMENTS,
      outputChannel: output,
      errorHandler: {
        error: (error, message, count) => this.runningErrors.error(error, message, count),
        // A server that exits while starting is not restarted: the start fails and says why.
        closed: () => (this.starting ? { action: CloseAction.DoNotRestart, handled: true } : this.runningErrors.closed()),
      },
    });
  }

  /** The library's handling once running: restarts a crashed server a few times, then gives up and says so. */
  private readonly runningErrors = this.createDefaultErrorHandler();

  /** Starts the server; on failure ends its process (the client cannot stop a start it did not finish) and rethrows. */
  async startOrCleanUp(): Promise<void> {
    this.starting = true;
    try {
      await this.start();
    } catch (error) {
      this.serverProcess?.kill();
      throw error;
    } finally {
      this.starting = false;
    }
  }

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    super.error(message, data, this.starting ? false : showNotification);
  }
}

let client: GwlintClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('gwlint', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('gwlint.restart', () => restart(output)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('gwlint.path') || e.affectsConfiguration('gwlint.nodePath')) void restart(output);
    }),
  );
  await start(output);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(output: vscode.LogOutputChannel): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const server = serverCommand(vscode.workspace.getConfiguration('gwlint'), folders);
  output.info(`Starting ${commandLine(server)}`);
  const starting = new GwlintClient(server, output);
  try {
    await starting.startOrCleanUp();
    client = starting;
  } catch (error) {
    const cause = errorText(error);
    output.error(`The language server did not start: ${cause}`);
    void showStartFailure(server, cause, output);
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

async function restart(output: vscode.LogOutputChannel): Promise<void> {
  await stop();
  await start(output);
}

async function showStartFailure(server: Executable, cause: string, output: vscode.LogOutputChannel): Promise<void> {
  const hint =
    isPathFallback(server) && /ENOENT/.test(cause)
      ? ' gwlint is neither in the workspace (node_modules/gwlint) nor on PATH: run npm install --save-dev gwlint, or set "gwlint.path".'
      : '';
  const action = await vscode.window.showErrorMessage(`gwlint: the language server did not start (${cause}). Tried: ${commandLine(server)}.${hint}`, 'Show output');
  if (action === 'Show output') output.show(true);
}

/** The library rejects with strings as well as errors. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
