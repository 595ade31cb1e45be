import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isInside, referencesIn } from '../cli/discover.js';
import { readVirtualFile } from '../cli/read-files.js';
import type { VirtualFile } from '../engine/files.js';

interface DiskEntry {
  mtimeMs: number;
  size: number;
  file: VirtualFile;
}

/** The files a document's lint needs, and what they were found through (for re-linting when one changes). */
export interface Closure {
  files: VirtualFile[];
  /** Every path looked at: files read, files looked for and not found, folders listed. */
  deps: Set<string>;
}


/**
 * The workspace as the language server sees it: open documents over the disk. Files read from disk
 * are kept between lint runs and read again only when their size or modification time changes (or a
 * watched-file event says so); folder listings likewise.
 */
export class WorkspaceFiles {
  private readonly disk = new Map<string, DiskEntry>();
  private readonly listings = new Map<string, { mtimeMs: number; entries: string[] }>();
  private readonly realPaths = new Map<string, string>();

  /** @param overlay the text of an open document, which wins over the file on disk. */
  constructor(private readonly overlay: (path: string) => VirtualFile | undefined) {}

  /** The file's text: the open document's, or the file on disk (undefined when missing or unreadable). */
  async read(p: string): Promise<VirtualFile | undefined> {
    const open = this.overlay(p);
    if (open) return open;
    const stat = await fs.stat(p).catch(() => undefined);
    if (!stat?.isFile()) {
      this.disk.delete(p);
      return undefined;
    }
    const cached = this.disk.get(p);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.file;
    const file = await readVirtualFile(p);
    if (file.readError) return undefined;
    this.disk.set(p, { mtimeMs: stat.mtimeMs, size: stat.size, file });
    return file;
  }

  /** The names in a folder, cached until the folder's modification time changes. */
  async list(dir: string): Promise<string[]> {
    const stat = await fs.stat(dir).catch(() => undefined);
    if (!stat?.isDirectory()) return [];
    const cached = this.listings.get(dir);
    if (cached && cached.mtimeMs === stat.mtimeMs) return cached.entries;
    const entries = await fs.readdir(dir).catch(() => [] as string[]);
    this.listings.set(dir, { mtimeMs: stat.mtimeMs, entries });
    return entries;
  }

  /** Forgets what is cached about a path (a watched-file event): the file, its folder's listing, resolved links. */
  invalidate(p: string): void {
    this.disk.delete(p);
    this.listings.delete(path.dirname(p));
    this.realPaths.clear();
  }

  /**
   * The files `start` uses, transitively, inside `root`: local Bicep modules, linked templates
   * (`relativePath`), the template a `.bicepparam` names, parameter files and templates beside it, and
   * `.bicepparam` files in its folder (the references `gwlint` follows on the command line).
   */
  async closure(start: VirtualFile, root: string): Promise<Closure> {
    const deps = new Set<string>();
    const files: VirtualFile[] = [];
    const seen = new Set([start.path]);
    const realRoot = await this.realPath(root) ?? root;
    const queue = [start];
    while (queue.length) {
      const file = queue.shift()!;
      for (const candidate of await this.references(file, deps)) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        deps.add(candidate);
        if (!(await this.inside(candidate, realRoot))) continue;
        const read = await this.read(candidate);
        if (!read) continue;
        files.push(read);
        queue.push(read);
      }
    }
    return { files, deps };
  }

  private async references(file: VirtualFile, deps: Set<string>): Promise<string[]> {
    const dir = path.dirname(file.path);
    deps.add(dir);
    return referencesIn(file, await this.list(dir));
  }

  /** True when the path, links resolved, is inside the root; an open document not yet saved is judged by its path. */
  private async inside(candidate: string, realRoot: string): Promise<boolean> {
    const real = (await this.realPath(candidate)) ?? (this.overlay(candidate) ? candidate : undefined);
    if (!real) return false;
    return isInside(real, realRoot);
  }

  private async realPath(p: string): Promise<string | undefined> {
    const cached = this.realPaths.get(p);
    if (cached) return cached;
    // Only found paths are kept: a module that does not exist yet is looked for again next time.
    const real = await fs.realpath(p).catch(() => undefined);
    if (real) this.realPaths.set(p, real);
    return real;
  }
}

