import * as path from 'node:path';
import { builtInRules } from '../../rules/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../core/source.js';
import type { GwlintConfig } from '../engine/config.js';
import { EMPTY_CONFIG } from '../engine/config.js';
import { templateOfParameters } from '../cli/discover.js';
import { ENGINE_RULES } from '../engine/engine-rules.js';
import type { VirtualFile } from '../engine/files.js';
import { isParametersPath } from '../engine/files.js';
import { lint } from '../engine/lint.js';
import { atUse, usePlace } from '../engine/use-place.js';
import { ConfigStore, isConfigPath } from './configs.js';
import type { Closure } from './files.js';
import { isInside } from '../cli/discover.js';
import { WorkspaceFiles } from './files.js';
import { globMatcher } from '../core/glob.js';
import { RepoIndex } from '../repo/index.js';
import { RepoWalk } from '../repo/walk.js';
import { readListedFileSync } from '../cli/read-files.js';
import { directFacts } from '../repo/file-facts.js';

/** An open document as the editor last sent it. */
export interface OpenDocument {
  uri: string;
  path: string;
  version: number;
  text: string;
}

export interface DocumentFindings {
  uri: string;
  /** The document version the findings belong to. */
  version: number;
  /** The text they were computed on (fix edits are offsets into it); undefined when the document was not linted. */
  source?: SourceFile;
  /** Unsuppressed findings on this document. */
  findings: Diagnostic[];
}

export interface UnitResult {
  documents: DocumentFindings[];
  /** Paths and folders the run read or looked for: a watched-file event on one of them re-lints these documents. */
  deps: Set<string>;
}

const LINTED = /\.(jsonc?|bicep|bicepparam)$/i;

export function isLintedPath(p: string): boolean {
  return LINTED.test(p) && !isConfigPath(p);
}

/**
 * Lints open documents with their workspace as context. A run lints the changed document together with
 * the open documents it is connected to (the modules, parameter files and templates it uses, and those
 * that use it, transitively), so each gets the same findings `gwlint` gives on the command line for the
 * folder. Closed files it uses are read from disk as context and kept between runs.
 */
export class WorkspaceLinter {
  readonly files: WorkspaceFiles;
  readonly configs: ConfigStore;
  private readonly byPath = new Map<string, OpenDocument>();
  /** The repository index of each workspace folder, built on first use and dropped when a file changes on disk. */
  private readonly indexes = new Map<string, RepoIndex>();

  constructor(
    private readonly openDocuments: () => Iterable<OpenDocument>,
    private readonly roots: () => readonly string[],
  ) {
    this.files = new WorkspaceFiles((p) => {
      const doc = this.byPath.get(p);
      return doc && { path: doc.path, text: doc.text };
    });
    this.configs = new ConfigStore([...builtInRules.map((r) => r.meta.id), ...ENGINE_RULES.map((m) => m.id)]);
  }

  /** A file was created, changed or deleted on disk: the indexes are rebuilt on the next run. */
  invalidateIndex(): void {
    this.indexes.clear();
  }

  /** The workspace folder a path belongs to (the innermost), or the path's own folder outside every workspace folder. */
  rootFor(p: string): string {
    let best: string | undefined;
    for (const r of this.roots()) if (isInside(p, r) && (!best || r.length > best.length)) best = r;
    return best ?? path.dirname(p);
  }

  async lintUnit(uri: string): Promise<UnitResult> {
    this.byPath.clear();
    const all = [...this.openDocuments()];
    for (const d of all) this.byPath.set(d.path, d);
    const doc = all.find((d) => d.uri === uri);
    if (!doc) return { documents: [], deps: new Set() };
    if (!isLintedPath(doc.path)) return { documents: [{ uri, version: doc.version, findings: [] }], deps: new Set() };

    const root = this.rootFor(doc.path);
    const candidates = all.filter((d) => isLintedPath(d.path) && this.rootFor(d.path) === root);
    const closures = new Map<OpenDocument, Closure>();
    const closureOf = async (d: OpenDocument) => {
      let c = closures.get(d);
      if (!c) {
        c = await this.files.closure({ path: d.path, text: d.text }, root);
        closures.set(d, c);
      }
      return c;
    };
    const unit = await this.connected(doc, candidates, closureOf);

    const rootConfig = (await this.configs.forFile(path.join(root, CONFIG_PROBE))).config;
    const ignored = globMatcher(rootConfig.ignorePatterns);
    const targets = unit.filter((d) => !ignored(path.relative(root, d.path).split(path.sep).join('/')));
    const targetPaths = new Set(targets.map((d) => d.path));
    const files: VirtualFile[] = targets.map((d) => ({ path: d.path, text: d.text }));
    const context = new Map<string, VirtualFile>();
    const deps = new Set<string>(unit.map((d) => d.path));
    for (const d of targets) {
      const c = await closureOf(d);
      for (const f of c.files) if (!targetPaths.has(f.path)) context.set(f.path, f);
      for (const p of c.deps) deps.add(p);
    }
    // A parameters file open without its template is linted through the template, with its values, as
    // the command line does: findings on the values land in the parameters file.
    const parameterFiles = new Map<string, string[]>();
    for (const d of targets) {
      if (!isParametersPath(d.path)) continue;
      const template = templateOfParameters({ path: d.path, text: d.text }, root);
      if (!template || targetPaths.has(template) || parameterFiles.has(template)) continue;
      const read = await this.files.read(template);
      if (!read) continue;
      files.push(read);
      context.delete(template);
      parameterFiles.set(template, [d.path]);
      deps.add(template);
    }
    // The repository index, as on the command line: callers and sibling templates, which re-lint this unit when they change.
    const { files: related, repository } = this.indexFor(rootConfig.root ?? root, rootConfig.ignorePatterns).contextFor(files.map((f) => f.path));
    for (const p of related) {
      deps.add(p);
      if (targetPaths.has(p) || context.has(p)) continue;
      const read = await this.files.read(p);
      if (!read) continue;
      context.set(p, read);
      for (const f of (await this.files.closure(read, root)).files) if (!targetPaths.has(f.path) && !context.has(f.path)) context.set(f.path, f);
    }
    const configs = new Map<string, GwlintConfig>();
    for (const f of [...files, ...context.values()]) configs.set(f.path, (await this.configs.forFile(f.path)).config);

    const result = files.length ? await lint({ files, context: [...context.values()], parameterFiles, repository, configFor: (p) => configs.get(p) ?? EMPTY_CONFIG }) : { files: [] };
    const byFile = new Map(result.files.map((f) => [f.path, f]));
    // A finding on a value written in another file (a parameters file, a module's caller) is also shown
    // where an open document uses the value.
    const findings = result.files.flatMap((f) => f.diagnostics.filter((x) => !x.suppression));
    const documents = unit.map((d): DocumentFindings => {
      // An ignored document gets nothing, even findings reached through a document that uses it.
      const fr = targetPaths.has(d.path) ? byFile.get(d.path) : undefined;
      const usedHere = fr ? findings.filter((x) => x.span.file.path !== d.path && usePlace(x).file.path === d.path).map(atUse) : [];
      return { uri: d.uri, version: d.version, source: fr?.source, findings: [...(fr?.diagnostics ?? []).filter((x) => !x.suppression), ...usedHere] };
    });
    return { documents, deps };
  }

  private indexFor(root: string, ignorePatterns: readonly string[]): RepoIndex {
    let index = this.indexes.get(root);
    if (!index) {
      const open = (p: string) => this.byPath.get(p);
      index = new RepoIndex(root, new RepoWalk(), ignorePatterns, directFacts((p) => open(p) ?? readListedFileSync(p)));
      this.indexes.set(root, index);
    }
    return index;
  }

  /** The open documents connected to `start` by use, in either direction. */
  private async connected(start: OpenDocument, candidates: OpenDocument[], closureOf: (d: OpenDocument) => Promise<Closure>): Promise<OpenDocument[]> {
    if (candidates.length <= 1) return [start];
    const uses = new Map<OpenDocument, Set<string>>();
    for (const d of candidates) uses.set(d, new Set((await closureOf(d)).files.map((f) => f.path)));
    const unit = [start];
    const inUnit = new Set(unit);
    for (let i = 0; i < unit.length; i++) {
      const d = unit[i];
      for (const other of candidates) {
        if (inUnit.has(other)) continue;
        if (uses.get(d)!.has(other.path) || uses.get(other)!.has(d.path)) {
          unit.push(other);
          inUnit.add(other);
        }
      }
    }
    return unit;
  }
}

/** A file name inside a folder, to find the configuration that applies to the folder itself. */
const CONFIG_PROBE = '.gwlint-folder';
