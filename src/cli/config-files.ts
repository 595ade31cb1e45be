import * as path from 'node:path';
import type { GwlintConfig } from '../engine/config.js';
import { CONFIG_FILE_NAME, ConfigError, EMPTY_CONFIG, parseConfig } from '../engine/config.js';
import { RepoWalk } from '../repo/walk.js';

/** Finds and parses `gwlint.config.json` upward from each folder, from the walk's listings, once per file found. */
export class ConfigFinder {
  private readonly byFile = new Map<string, { config: GwlintConfig; path: string }>();
  /** The configuration file found for each folder asked about (every file of a folder shares it). */
  private readonly byFolder = new Map<string, string | undefined>();

  constructor(
    private readonly knownRuleIds: readonly string[],
    private readonly explicit?: string,
    private readonly walk = new RepoWalk(),
  ) {}

  forFile(file: string): { config: GwlintConfig; path?: string } {
    if (this.explicit) return this.load(path.resolve(this.explicit));
    const found = this.nearest(path.dirname(file));
    if (found && !this.staysInside(found)) {
      throw new ConfigError('the configuration file is a symbolic link that leads out of its repository (or folder), which gwlint does not follow; copy the file instead', found);
    }
    return found ? this.load(found) : { config: EMPTY_CONFIG };
  }

  /** The nearest configuration file at or above a folder: the folder's own, else its parent's (asked once per folder). */
  private nearest(dir: string): string | undefined {
    if (this.byFolder.has(dir)) return this.byFolder.get(dir);
    const own = path.join(dir, CONFIG_FILE_NAME);
    const parent = path.dirname(dir);
    const found = this.walk.isFile(own) ? own : parent === dir ? undefined : this.nearest(parent);
    this.byFolder.set(dir, found);
    return found;
  }

  /** A configuration file found by the search (not named with --config) may be a link only to a file in its repository, or below its folder outside one. */
  private staysInside(file: string): boolean {
    if (this.walk.kind(file) !== 'link') return true;
    const dir = path.dirname(file);
    const root = this.walk.repositoryRoot(dir) ?? dir;
    return this.walk.isInside(file, this.walk.realPath(root) ?? root);
  }

  private load(file: string): { config: GwlintConfig; path: string } {
    let loaded = this.byFile.get(file);
    if (!loaded) {
      let text: string;
      try {
        text = this.walk.readText(file);
      } catch (e) {
        throw new ConfigError(`the configuration file could not be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
      }
      this.byFile.set(file, (loaded = { config: parseConfig(text, file, this.knownRuleIds), path: file }));
    }
    return loaded;
  }
}
