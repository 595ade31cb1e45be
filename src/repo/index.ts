/**
 * The repository index: a cheap text pre-scan of every template under the repository root, so that a file
 * linted alone (a pre-commit run, an editor) gets its context: the root templates that deploy it (its
 * callers) and the templates beside it that declare or refer to the same network (its siblings). The
 * pre-scan only proposes candidates; the engine joins resources exactly, by evaluated type and name.
 */
import * as path from 'node:path';
import type { VirtualFile } from '../engine/files.js';
import type { RepositoryContext } from '../engine/repository.js';
import { MAX_CALLERS } from '../engine/repository.js';
import type { RepoWalk } from './walk.js';
import { LINK_URI_TAIL, MODULE_REF, RELATIVE_PATH } from './references.js';

const TEMPLATE_EXTENSIONS = ['json', 'jsonc', 'bicep'];
/** Siblings evaluated with one template: the ones sharing the most names. */
const MAX_SIBLINGS = 4;
/** How far up the chain of callers the root templates are looked for. */
const MAX_CALLER_DEPTH = 4;
/** A name used in more templates than this (`default`, `vnet`) says nothing about which ones belong together. */
const MAX_NAME_FREQUENCY = 16;

/** Literal resource names: Bicep `name: '…'` and parameter defaults, ARM `"name": "…"` and defaults, resourceId() and id literals. */
const NAME_LITERALS = [
  /\bname:\s*'([^'$]+)'/g,
  /^\s*param\s+\w+\s+string\s*=\s*'([^'$]+)'/gm,
  /"(?:name|defaultValue)"\s*:\s*"([^"[\]]+)"/g,
  /resourceId\([^)]*?'Microsoft\.Network\/virtualNetworks(?:\/subnets)?'\s*,\s*'([^']+)'/gi,
  /\/virtualNetworks\/([\w.-]+)/gi,
];

/** A VNet or subnet declaration: Bicep `resource x '…/virtualNetworks@…' = ` (not `existing`), ARM `"type": "…/virtualNetworks"`. */
const DECLARES_NETWORK = /'Microsoft\.Network\/virtualNetworks(?:\/subnets)?@[^']*'\s*=|"type"\s*:\s*"Microsoft\.Network\/virtualNetworks(?:\/subnets)?"/i;

interface Entry {
  path: string;
  /** Local modules and linked templates it deploys. */
  calls: string[];
  /** Literal names it declares or refers to, when it is about VNets. */
  names: Set<string>;
  /** Declares a VNet or subnet (not `existing`) and names GatewaySubnet. */
  declaresGatewaySubnet: boolean;
  hasGateway: boolean;
}

/** The repository root: the nearest folder at or above `from` that holds `.git`, else `from` itself. */
export function repositoryRoot(from: string, walk: RepoWalk): string {
  for (let d = path.resolve(from); ; d = path.dirname(d)) {
    if (walk.kind(path.join(d, '.git')) !== undefined) return d;
    if (path.dirname(d) === d) return path.resolve(from);
  }
}

export class RepoIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly callers = new Map<string, string[]>();
  private readonly byName = new Map<string, string[]>();

  /**
   * Indexes the templates under `root` (honouring `.gitignore` and the ignore patterns). Files already
   * read for the run are passed in `known` and not read again.
   */
  constructor(
    readonly root: string,
    walk: RepoWalk,
    ignorePatterns: readonly string[],
    read: (p: string) => VirtualFile,
    known: ReadonlyMap<string, VirtualFile> = new Map(),
  ) {
    for (const p of walk.discover(root, { extensions: TEMPLATE_EXTENSIONS, ignorePatterns })) {
      const file = known.get(p) ?? read(p);
      if (file.readError) continue;
      const entry = scan(file);
      this.entries.set(p, entry);
      for (const callee of entry.calls) this.callers.set(callee, [...(this.callers.get(callee) ?? []), p]);
      for (const name of entry.names) this.byName.set(name, [...(this.byName.get(name) ?? []), p]);
    }
  }

  /** The context of the files to lint: callers and siblings, and the files lint() must be given to use them. */
  contextFor(targets: readonly string[]): { files: string[]; repository: Required<RepositoryContext> } {
    const callers: [string, string][] = [];
    const siblings: [string, string][] = [];
    for (const t of targets) {
      for (const root of this.rootsOf(t)) callers.push([t, root]);
      for (const s of this.siblingsOf(t)) siblings.push([t, s]);
    }
    const files = new Set([...callers, ...siblings].map(([, p]) => p));
    // A caller deploys the file through the templates between them: those are read too.
    for (const [t, root] of callers) for (const p of this.between(root, t)) files.add(p);
    return { files: [...files], repository: { callers, siblings } };
  }

  /** The root templates that deploy a file, directly or through other templates (bounded). */
  private rootsOf(file: string): string[] {
    const roots: string[] = [];
    const seen = new Set([file]);
    let level = [file];
    for (let depth = 0; depth < MAX_CALLER_DEPTH && level.length && roots.length < MAX_CALLERS; depth++) {
      const next: string[] = [];
      for (const f of level)
        for (const c of this.callers.get(f) ?? []) {
          if (seen.has(c)) continue;
          seen.add(c);
          if (this.callers.get(c)?.length) next.push(c);
          else if (roots.length < MAX_CALLERS) roots.push(c);
        }
      level = next;
    }
    return roots;
  }

  /** The templates on the call paths from `root` down to `file`. */
  private between(root: string, file: string): string[] {
    const out = new Set<string>();
    const visit = (p: string, depth: number): boolean => {
      if (p === file) return true;
      if (depth > MAX_CALLER_DEPTH) return false;
      let reaches = false;
      for (const c of this.entries.get(p)?.calls ?? []) if (visit(c, depth + 1)) reaches = true;
      if (reaches && p !== root) out.add(p);
      return reaches;
    };
    visit(root, 0);
    return [...out];
  }

  /**
   * Templates that may deploy the other half of a gateway set-up with this one: a gateway where this file
   * declares a GatewaySubnet, or a GatewaySubnet where this file has a gateway, sharing a literal VNet name.
   */
  private siblingsOf(file: string): string[] {
    const entry = this.entries.get(file);
    if (!entry || !(entry.declaresGatewaySubnet || entry.hasGateway)) return [];
    // Only the half this file lacks: two templates that both deploy a gateway are alternatives, not partners.
    const wants = (o: Entry) => (entry.declaresGatewaySubnet && !entry.hasGateway && o.hasGateway && !o.declaresGatewaySubnet) || (entry.hasGateway && !entry.declaresGatewaySubnet && o.declaresGatewaySubnet && !o.hasGateway);
    const related = new Set([file, ...entry.calls, ...(this.callers.get(file) ?? [])]);
    const shared = new Map<string, number>();
    for (const name of entry.names) {
      const holders = this.byName.get(name) ?? [];
      if (holders.length > MAX_NAME_FREQUENCY) continue;
      for (const other of holders) {
        if (related.has(other)) continue;
        const o = this.entries.get(other)!;
        if (!wants(o)) continue;
        shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    return [...shared]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_SIBLINGS)
      .map(([p]) => p);
  }
}

function scan(file: VirtualFile): Entry {
  const text = file.text;
  const dir = path.dirname(file.path);
  const calls: string[] = [];
  const bicep = /\.bicep$/i.test(file.path);
  for (const re of bicep ? [MODULE_REF] : [RELATIVE_PATH, LINK_URI_TAIL])
    for (const m of text.matchAll(re)) if (!/^[a-z]+:|^br\//i.test(m[1])) calls.push(path.resolve(dir, m[1]));
  const network = /virtualnetwork/i.test(text);
  const names = new Set<string>();
  if (network) for (const re of NAME_LITERALS) for (const m of text.matchAll(re)) names.add(m[1].toLowerCase());
  return {
    path: file.path,
    calls: calls.filter((c) => c !== file.path),
    names,
    declaresGatewaySubnet: network && /gatewaysubnet/i.test(text) && DECLARES_NETWORK.test(text),
    hasGateway: /microsoft\.network\/virtualnetworkgateways/i.test(text),
  };
}
