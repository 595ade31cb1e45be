import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GwlintConfig } from '../engine/config.js';
import { CONFIG_FILE_NAME, ConfigError, EMPTY_CONFIG, parseConfig } from '../engine/config.js';

export interface ConfigProblem {
  /** The configuration file. */
  path: string;
  /** The message without the path prefix. */
  message: string;
  /** 1-based, when known. */
  line?: number;
  column?: number;
}

type Loaded = { mtimeMs: number; size: number } & ({ config: GwlintConfig } | { problem: ConfigProblem });

export function isConfigPath(p: string): boolean {
  return path.basename(p).toLowerCase() === CONFIG_FILE_NAME;
}

/**
 * `gwlint.config.json` files, found upward from each file as on the command line. Whether a folder has
 * one is remembered until a watched-file event says otherwise; a found file is parsed again when its
 * size or modification time changes. A broken configuration is a problem to show, and the files it
 * governs are linted with the default levels until it is fixed.
 */
export class ConfigStore {
  private readonly present = new Map<string, boolean>();
  private readonly loaded = new Map<string, Loaded>();

  constructor(private readonly knownRuleIds: readonly string[]) {}

  async forFile(file: string): Promise<{ config: GwlintConfig; path?: string }> {
    const found = await this.find(path.dirname(file));
    if (!found) return { config: EMPTY_CONFIG };
    const loaded = await this.load(found);
    return { config: loaded && 'config' in loaded ? loaded.config : EMPTY_CONFIG, path: found };
  }

  /** Reads and parses a configuration file now (it was opened or saved), returning its problem if any. */
  async load(file: string): Promise<Loaded | undefined> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile()) {
      this.loaded.delete(file);
      return undefined;
    }
    const cached = this.loaded.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    const text = await fs.readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    let entry: Loaded;
    try {
      entry = { mtimeMs: stat.mtimeMs, size: stat.size, config: parseConfig(text, file, this.knownRuleIds) };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      entry = { mtimeMs: stat.mtimeMs, size: stat.size, problem: toProblem(e) };
    }
    this.loaded.set(file, entry);
    return entry;
  }

  /** The problems of the configuration files read so far. */
  problems(): ConfigProblem[] {
    return [...this.loaded.values()].flatMap((l) => ('problem' in l ? [l.problem] : []));
  }

  /** A configuration file was created, changed or deleted. */
  invalidate(file: string): void {
    this.loaded.delete(file);
    this.present.clear();
  }

  private async find(dir: string): Promise<string | undefined> {
    for (let d = dir; ; d = path.dirname(d)) {
      const candidate = path.join(d, CONFIG_FILE_NAME);
      let has = this.present.get(d);
      if (has === undefined) {
        has = await fs.stat(candidate).then((s) => s.isFile(), () => false);
        this.present.set(d, has);
      }
      if (has) return candidate;
      if (path.dirname(d) === d) return undefined;
    }
  }
}

function toProblem(e: ConfigError): ConfigProblem {
  const prefix = `${e.path}${e.line ? `:${e.line}:${e.column ?? 1}` : ''}: `;
  const message = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return { path: e.path, message, line: e.line, column: e.column };
}
