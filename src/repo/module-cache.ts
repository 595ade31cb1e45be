/**
 * Finds the registry modules that Bicep files use in the local Bicep module cache (read only): the
 * nearest bicepconfig.json gives `moduleAliases.br` and `cacheRootDirectory`; `--module-cache` overrides
 * the cache root. The command line and the language server hand the result to lint().
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import type { VirtualFile } from '../engine/files.js';
import type { FileFacts } from './file-facts.js';
import { matchesOf } from './references.js';
import type { RegistryAliases } from './registry.js';
import { cachedModulePath, parseRegistryReference } from './registry.js';
import { RepoWalk } from './walk.js';

const REGISTRY_MODULE = /^\s*module\s+\S+\s+'(br[:/][^']+)'/gm;

interface BicepConfig {
  aliases: RegistryAliases;
  cacheRoot?: string;
}

export interface RegistryModules {
  /** The cached compiled templates, to add to lint()'s context. */
  files: VirtualFile[];
  /** [file that uses it, reference as written, cached template path], for lint()'s `registryModules`. */
  uses: [string, string, string][];
}

export class ModuleCache {
  private readonly configs = new Map<string, BicepConfig>();
  private readonly read = new Map<string, VirtualFile | undefined>();

  constructor(
    private readonly files: FileFacts,
    /** `--module-cache`: the cache root for every file. */
    private readonly root?: string,
    private readonly home: string = os.homedir(),
    /** Answers whether files exist (the run's walk, so that its journal notes the questions). */
    private readonly walk = new RepoWalk(),
  ) {}

  /** The registry modules the Bicep files among `files` use that the cache holds. */
  modulesFor(files: readonly VirtualFile[]): RegistryModules {
    const out: RegistryModules = { files: [], uses: [] };
    const added = new Set<string>();
    for (const f of files) {
      if (!/\.bicep$/i.test(f.path)) continue;
      for (const ref of this.files.derive(f, 'registry-modules', registryReferences)) {
        const cached = this.locate(f.path, ref);
        const file = cached && this.load(cached);
        if (!file) continue;
        out.uses.push([f.path, ref, file.path]);
        if (!added.has(file.path)) out.files.push(file);
        added.add(file.path);
      }
    }
    return out;
  }

  private locate(from: string, ref: string): string | undefined {
    const config = this.configFor(path.dirname(from));
    const parsed = parseRegistryReference(ref, config.aliases);
    if (!parsed) return undefined;
    return cachedModulePath(parsed, this.root ?? config.cacheRoot ?? path.join(this.home, '.bicep'));
  }

  private load(p: string): VirtualFile | undefined {
    if (!this.read.has(p)) {
      const file = this.walk.isFile(p) ? this.files.read(p) : undefined;
      this.read.set(p, file && !file.readError ? file : undefined);
    }
    return this.read.get(p);
  }

  /** The nearest bicepconfig.json at or above a folder, as Bicep finds it. */
  private configFor(dir: string): BicepConfig {
    const known = this.configs.get(dir);
    if (known) return known;
    const file = path.join(dir, 'bicepconfig.json');
    let config: BicepConfig;
    if (this.walk.isFile(file)) config = readBicepConfig(file, this.walk);
    else {
      const parent = path.dirname(dir);
      config = parent === dir ? { aliases: {} } : this.configFor(parent);
    }
    this.configs.set(dir, config);
    return config;
  }
}

/** The registry references (`br:…`, `br/alias:…`) of a Bicep file's modules. */
function registryReferences(file: VirtualFile): string[] {
  return matchesOf(file.text, 'br', REGISTRY_MODULE).map((m) => m[1]);
}

function readBicepConfig(file: string, walk: RepoWalk): BicepConfig {
  let json: unknown;
  try {
    json = parseJsonc(walk.readText(file));
  } catch {
    return { aliases: {} };
  }
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const root = obj(json);
  const aliases: Record<string, { registry?: string; modulePath?: string }> = {};
  for (const [name, value] of Object.entries(obj(obj(root.moduleAliases).br))) {
    const a = obj(value);
    aliases[name] = { registry: typeof a.registry === 'string' ? a.registry : undefined, modulePath: typeof a.modulePath === 'string' ? a.modulePath : undefined };
  }
  const dir = root.cacheRootDirectory;
  const cacheRoot = typeof dir === 'string' && dir ? path.resolve(path.dirname(file), dir.replace(/^~(?=$|[\\/])/, os.homedir())) : undefined;
  return { aliases, cacheRoot };
}
