import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GwlintConfig } from '../engine/config.js';
import { CONFIG_FILE_NAME, ConfigError, EMPTY_CONFIG, parseConfig } from '../engine/config.js';

/** Finds and parses `gwlint.config.json` upward from each folder, once per folder. */
export class ConfigFinder {
  private readonly byDir = new Map<string, Promise<{ config: GwlintConfig; path?: string }>>();

  constructor(
    private readonly knownRuleIds: readonly string[],
    private readonly explicit?: string,
  ) {}

  async forFile(file: string): Promise<{ config: GwlintConfig; path?: string }> {
    if (this.explicit) return this.load(path.resolve(this.explicit));
    return this.forDir(path.dirname(file));
  }

  private forDir(dir: string): Promise<{ config: GwlintConfig; path?: string }> {
    let found = this.byDir.get(dir);
    if (!found) {
      found = (async () => {
        const candidate = path.join(dir, CONFIG_FILE_NAME);
        const exists = await fs.stat(candidate).then((s) => s.isFile(), () => false);
        if (exists) return this.load(candidate);
        const parent = path.dirname(dir);
        return parent === dir ? { config: EMPTY_CONFIG } : this.forDir(parent);
      })();
      this.byDir.set(dir, found);
    }
    return found;
  }

  private async load(file: string): Promise<{ config: GwlintConfig; path: string }> {
    const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new ConfigError(`the configuration file could not be read (${e.code ?? e.message})`, file);
    });
    return { config: parseConfig(text, file, this.knownRuleIds), path: file };
  }
}
