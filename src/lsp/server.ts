import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  CodeAction,
  CodeActionParams,
  Connection,
  Diagnostic as LspDiagnostic,
  DidChangeWatchedFilesParams,
  InitializeParams,
  InitializeResult,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { FrameGuard } from './framing.js';
import { CodeActionKind, DidChangeWatchedFilesNotification, ErrorCodes, MessageType, ResponseError, ShowMessageNotification, TextDocumentSyncKind, createConnection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../core/source.js';
import { isConfigPath } from './configs.js';
import type { ConfigProblem } from './configs.js';
import { fixEdits, rangesTouch, sameRange, toLspDiagnostic } from './convert.js';
import { WorkspaceLinter } from './linter.js';
import type { OpenDocument } from './linter.js';
import { NOT_SUPPRESSIBLE, suppressionEdit } from './suppress.js';
import { pathToUri, uriToPath } from './uri.js';

/** Changes closer together than this are linted once, after the last; an isolated change is linted at once. */
export const DEBOUNCE_MS = 150;
/** How long a code action request waits for the lint of the document's latest version. */
const FRESH_TIMEOUT_MS = 10_000;

interface Published {
  version: number;
  source?: SourceFile;
  findings: Diagnostic[];
  diagnostics: LspDiagnostic[];
}

interface Synced {
  doc: TextDocument;
  /** Undefined for documents that are not files (`untitled:`…): kept in sync, never linted. */
  path?: string;
}

/** Runs the language server on standard input and output (`gwlint --lsp`). */
export function startServer(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): void {
  const guard = new FrameGuard((reason) => {
    process.stderr.write(`gwlint: language server: unreadable message frame (${reason}); exiting so that the editor restarts the server.\n`);
    process.exit(1);
  });
  const connection = createConnection(input.pipe(guard), output);
  // Standard output carries the protocol: anything logged goes to the client's log instead.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
  console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  // A failure while answering one message must not take the editor's diagnostics down with it.
  process.on('unhandledRejection', (reason) => connection.console.error(`gwlint: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  new GwlintServer(connection).listen();
}

export class GwlintServer {
  private readonly docs = new Map<string, Synced>();
  private shutDown = false;
  private roots: string[] = [];
  private readonly linter: WorkspaceLinter;
  /** Set by the initialize request; before it, the server takes no document and answers no request. */
  private initializeReceived = false;
  private readonly published = new Map<string, Published>();
  private readonly deps = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastChange = new Map<string, number>();
  /** Documents waiting for a lint run, with the sequence number of the request. */
  private readonly pending = new Map<string, number>();
  private sequence = 0;
  private running = false;
  private readonly waiters = new Map<string, (() => void)[]>();
  /** Configuration problems shown to the user, by file: so each is shown once. */
  private readonly shownProblems = new Map<string, string>();
  private documentChanges = false;
  private watchFiles = false;
  private workspaceFolders = false;

  constructor(private readonly connection: Connection) {
    this.linter = new WorkspaceLinter(
      () => this.openDocuments(),
      () => this.roots,
    );
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    // Before initialize, notifications are dropped and requests refused, as the protocol asks.
    const whenReady =
      <P>(handle: (params: P) => void) =>
      (params: P) => {
        if (this.initializeReceived) handle(params);
      };
    c.onDidOpenTextDocument(whenReady(({ textDocument: td }) => {
      // A document without text (a client breaking the protocol) would fail every later lint: it is not taken.
      if (typeof td?.uri !== 'string' || typeof td.text !== 'string') return;
      const p = uriToPath(td.uri);
      this.docs.set(td.uri, { doc: TextDocument.create(td.uri, td.languageId, td.version, td.text), path: p });
      if (!p) return;
      if (isConfigPath(p)) void this.configChanged(p, false);
      else this.lintNow(td.uri);
    }));
    c.onDidChangeTextDocument(whenReady(({ textDocument: td, contentChanges }) => {
      const synced = this.docs.get(td.uri);
      if (!synced || !contentChanges.length) return;
      synced.doc = TextDocument.update(synced.doc, contentChanges, td.version);
      if (synced.path && !isConfigPath(synced.path)) this.schedule(td.uri);
    }));
    c.onDidSaveTextDocument(whenReady(({ textDocument: td }) => {
      const p = this.docs.get(td.uri)?.path;
      if (!p) return;
      if (isConfigPath(p)) void this.configChanged(p, true);
      else {
        // What is on disk changed: a client that watches no files tells nothing more.
        this.diskChanged(p);
        this.lintNow(td.uri);
      }
    }));
    c.onDidCloseTextDocument(whenReady(({ textDocument: td }) => {
      const synced = this.docs.get(td.uri);
      if (!synced) return;
      this.docs.delete(td.uri);
      clearTimeout(this.timers.get(td.uri));
      this.timers.delete(td.uri);
      this.lastChange.delete(td.uri);
      this.pending.delete(td.uri);
      this.published.delete(td.uri);
      this.deps.delete(td.uri);
      this.release(td.uri);
      if (synced.path && !isConfigPath(synced.path)) {
        // The repository index read the editor's text, which closing leaves for the file on disk.
        this.diskChanged(synced.path);
        void c.sendDiagnostics({ uri: td.uri, diagnostics: [] });
        // Open documents linted with it now read it from disk.
        this.relintWhere((deps) => deps.has(synced.path!));
      }
    }));
    c.onDidChangeWatchedFiles(whenReady((params) => this.watchedFilesChanged(params)));
    c.onCodeAction((params) => (this.initializeReceived ? this.codeActions(params) : new ResponseError(ErrorCodes.ServerNotInitialized, 'gwlint has not been initialized')));
    c.onShutdown(() => {
      // After shutdown the server answers nothing but exit: no more linting.
      this.shutDown = true;
      for (const t of this.timers.values()) clearTimeout(t);
      this.timers.clear();
    });
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.initializeReceived = true;
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri));
    const root = params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined);
    this.roots = (folders ?? [root]).filter((r): r is string => !!r);
    const caps = params.capabilities ?? {};
    this.documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    this.watchFiles = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.workspaceFolders = caps.workspace?.workspaceFolders === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'gwlint', version: packageVersion() },
    };
  }

  private async initialized(): Promise<void> {
    if (this.workspaceFolders)
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        const added = e.added.map((f) => uriToPath(f.uri)).filter((r): r is string => !!r);
        this.roots = [...this.roots.filter((r) => !removed.has(r)), ...added];
        this.relintWhere(() => true);
      });
    if (this.watchFiles)
      await this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{json,jsonc,bicep,bicepparam}' }] })
        .catch((e: unknown) => this.connection.console.warn(`gwlint: could not watch files: ${String(e)}`));
  }

  private openDocuments(): OpenDocument[] {
    const out: OpenDocument[] = [];
    for (const [uri, s] of this.docs) if (s.path) out.push({ uri, path: s.path, version: s.doc.version, text: s.doc.getText() });
    return out;
  }

  /** A change: linted at once when the document has been quiet for DEBOUNCE_MS, otherwise after DEBOUNCE_MS of quiet. */
  private schedule(uri: string): void {
    const now = Date.now();
    const last = this.lastChange.get(uri) ?? -Infinity;
    this.lastChange.set(uri, now);
    const timer = this.timers.get(uri);
    clearTimeout(timer);
    if (!timer && now - last >= DEBOUNCE_MS) {
      this.timers.delete(uri);
      this.enqueue(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.enqueue(uri);
      }, DEBOUNCE_MS),
    );
  }

  private lintNow(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.enqueue(uri);
  }

  private relintWhere(affected: (deps: Set<string>, uri: string) => boolean): void {
    for (const [uri, s] of this.docs) if (s.path && !isConfigPath(s.path) && affected(this.deps.get(uri) ?? new Set(), uri)) this.lintNow(uri);
  }

  private enqueue(uri: string): void {
    if (this.shutDown) return;
    this.pending.set(uri, ++this.sequence);
    void this.drain();
  }

  /** Lints pending documents one run at a time; a run covers every open document connected to the one it was asked for. */
  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.size && !this.shutDown) {
        const [uri] = this.pending.keys();
        const started = this.sequence;
        this.pending.delete(uri);
        try {
          const result = await this.linter.lintUnit(uri);
          for (const d of result.documents) {
            const synced = this.docs.get(d.uri);
            // A document changed during the run has a newer run coming: its stale findings are not shown.
            if (!synced || synced.doc.version !== d.version) continue;
            if ((this.pending.get(d.uri) ?? Infinity) <= started) this.pending.delete(d.uri);
            this.deps.set(d.uri, result.deps);
            this.publish(d.uri, d.version, d.source, d.findings);
          }
        } catch (e) {
          this.connection.console.error(`gwlint: linting ${uri} failed: ${(e as Error).stack ?? String(e)}`);
        }
        this.release(uri);
        this.showConfigProblems();
      }
    } finally {
      this.running = false;
    }
  }

  private publish(uri: string, version: number, source: SourceFile | undefined, findings: Diagnostic[]): void {
    const diagnostics = findings.map((f) => toLspDiagnostic(f, (p) => this.uriOf(p)));
    this.published.set(uri, { version, source, findings, diagnostics });
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    this.release(uri);
  }

  private release(uri: string): void {
    const list = this.waiters.get(uri);
    this.waiters.delete(uri);
    for (const w of list ?? []) w();
  }

  /** Waits until the document's latest version is linted (code actions must not use offsets of older text). */
  private async fresh(uri: string): Promise<void> {
    const synced = this.docs.get(uri);
    if (!synced || this.published.get(uri)?.version === synced.doc.version) return;
    const done = new Promise<void>((resolve) => this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), resolve]));
    this.lintNow(uri);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, FRESH_TIMEOUT_MS)))]);
    clearTimeout(timer);
  }

  /** The URI the client knows a path by: an open document's own URI, or a file URI. */
  private uriOf(p: string): string {
    for (const [uri, s] of this.docs) if (s.path === p) return uri;
    return pathToUri(p);
  }

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const synced = this.docs.get(uri);
    if (!synced?.path) return [];
    if (params.context?.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
    await this.fresh(uri);
    const pub = this.published.get(uri);
    if (!pub?.source || pub.version !== this.docs.get(uri)?.doc.version) return [];
    const asked = (params.context?.diagnostics ?? []).filter((d) => d.source === 'gwlint');
    const actions: CodeAction[] = [];
    const suppressions: CodeAction[] = [];
    const seen = new Set<string>();
    pub.findings.forEach((finding, i) => {
      const diagnostic = pub.diagnostics[i];
      // Clients echo the diagnostics back, not always faithfully (some send byte columns): the rule,
      // the line and the message identify a finding as well as the exact range does.
      const wanted = asked.length
        ? asked.some((a) => a.code === diagnostic.code && (sameRange(a.range, diagnostic.range) || (a.range.start.line === diagnostic.range.start.line && a.message === diagnostic.message)))
        : rangesTouch(diagnostic.range, params.range);
      if (!wanted) return;
      if (finding.fix) {
        const edits = new Map<string, TextEdit[]>();
        for (const [p, list] of fixEdits(finding.fix)) edits.set(this.uriOf(p), list);
        actions.push({ title: finding.fix.description, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: this.workspaceEdit(edits) });
      }
      const line = diagnostic.range.start.line;
      const key = `${finding.ruleId}:${line}`;
      if (NOT_SUPPRESSIBLE.has(finding.ruleId) || seen.has(key)) return;
      seen.add(key);
      suppressions.push({
        title: `Suppress ${finding.ruleId} on this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: this.workspaceEdit(new Map([[uri, [suppressionEdit(pub.source!, line, finding.ruleId)]]])),
      });
    });
    return [...actions, ...suppressions];
  }

  private workspaceEdit(byUri: Map<string, TextEdit[]>): WorkspaceEdit {
    if (this.documentChanges)
      return { documentChanges: [...byUri].map(([uri, edits]) => ({ textDocument: { uri, version: this.docs.get(uri)?.doc.version ?? null }, edits })) };
    return { changes: Object.fromEntries(byUri) };
  }

  /** A linted file's text on disk may differ from what the caches read: its read and every repository index are dropped. */
  private diskChanged(p: string): void {
    this.linter.files.invalidate(p);
    this.linter.invalidateIndex();
  }

  private watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    const changed: string[] = [];
    let config = false;
    for (const change of params.changes) {
      const p = uriToPath(change.uri);
      if (!p) continue;
      if (isConfigPath(p)) {
        this.linter.configs.invalidate(p);
        config = true;
      } else {
        this.diskChanged(p);
        // An open document is read from the editor, not from disk: saving it changes nothing here.
        if (![...this.docs.values()].some((s) => s.path === p)) changed.push(p);
      }
    }
    if (config) {
      this.relintWhere(() => true);
      if (![...this.docs.values()].some((s) => s.path && !isConfigPath(s.path))) void this.reloadConfigProblems();
    } else if (changed.length) this.relintWhere((deps) => changed.some((p) => deps.has(p) || deps.has(path.dirname(p))));
  }

  /** An open configuration file was opened or saved: read it now, show its problem, and re-lint on a change. */
  private async configChanged(p: string, saved: boolean): Promise<void> {
    if (saved) {
      this.linter.configs.invalidate(p);
      this.relintWhere(() => true);
    }
    await this.linter.configs.load(p);
    this.showConfigProblems();
  }

  private async reloadConfigProblems(): Promise<void> {
    for (const p of this.shownProblems.keys()) await this.linter.configs.load(p);
    this.showConfigProblems();
  }

  /** Shows each new configuration problem as a message and as a diagnostic on the file; clears fixed ones. */
  private showConfigProblems(): void {
    const now = new Map(this.linter.configs.problems().map((p) => [p.path, p]));
    for (const p of [...this.shownProblems.keys()])
      if (!now.has(p)) {
        this.shownProblems.delete(p);
        void this.connection.sendDiagnostics({ uri: this.uriOf(p), diagnostics: [] });
      }
    for (const [p, problem] of now) {
      const key = `${problem.line}:${problem.column}:${problem.message}`;
      if (this.shownProblems.get(p) === key) continue;
      this.shownProblems.set(p, key);
      const where = `${problem.path}${problem.line ? `:${problem.line}:${problem.column ?? 1}` : ''}`;
      // A notification, not a request: nothing waits for the user to dismiss it.
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Error,
        message: `gwlint: configuration error in ${where}: ${problem.message}. Rules use their default levels until it is fixed.`,
      });
      void this.connection.sendDiagnostics({ uri: this.uriOf(p), diagnostics: [configDiagnostic(problem)] });
    }
  }
}

function configDiagnostic(problem: ConfigProblem): LspDiagnostic {
  const line = Math.max(0, (problem.line ?? 1) - 1);
  const character = Math.max(0, (problem.column ?? 1) - 1);
  let end = character;
  try {
    const text = readFileSync(problem.path, 'utf8').split(/\r\n|\r|\n/)[line] ?? '';
    end = Math.max(character, text.trimEnd().length);
  } catch {
    // The file went away: the diagnostic marks the position only.
  }
  return {
    range: { start: { line, character }, end: { line, character: end } },
    severity: 1,
    source: 'gwlint',
    message: `Configuration error: ${problem.message}. Rules use their default levels until it is fixed.`,
  };
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
