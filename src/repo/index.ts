/**
 * The repository index: a cheap text pre-scan of every template under the repository root, so that a file
 * linted alone (a pre-commit run, an editor) gets its context: the root templates that deploy it (its
 * callers) and the templates beside it that declare what it refers to, or refer to what it declares (its
 * siblings). The pre-scan only proposes candidates; the engine joins resources exactly, by evaluated type,
 * name and scope.
 */
import type { VirtualFile } from '../engine/files.js';
import type { MergedCalls, RepositoryContext } from '../engine/repository.js';
import { MAX_CALLERS, MAX_MERGED_CALLERS } from '../engine/repository.js';
import type { RepoWalk } from './walk.js';
import type { FileFacts } from './file-facts.js';
import { DEPLOYMENT_MARKERS, localDeployments } from './references.js';
import type { NetworkScan } from './network-scan.js';
import { scanNetwork } from './network-scan.js';

const TEMPLATE_EXTENSIONS = ['json', 'jsonc', 'bicep'];
/** Siblings evaluated with one template: the ones sharing the most resources with it. */
const MAX_SIBLINGS = 4;
/** How far up the chain of callers the root templates are looked for. */
const MAX_CALLER_DEPTH = 4;
/** A resource named in more templates than this (`vnet`) says nothing about which ones belong together. */
const MAX_NAME_FREQUENCY = 16;
/** Beyond this many focus files, scanning every template costs less than searching each for their names. */
const MAX_FOCUS = 16;
/** More names than this are not searched for (a regular expression tries each at every character): every template is scanned. */
const MAX_SEARCHED_NAMES = 32;
/** An entry's network scan as lists: one shared with the file's kept answers, not a Set per list (thousands of templates). */
interface NetworkLists {
  declaredTypes: readonly string[];
  declared: readonly string[];
  referred: readonly string[];
}

/** The network part of an entry scanned only for what it deploys (a possible caller). */
const NO_NETWORK: NetworkLists = { declaredTypes: [], declared: [], referred: [] };

interface Entry extends NetworkLists {
  path: string;
  /** Local modules and linked templates it deploys. */
  calls: string[];
}

export class RepoIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly callers = new Map<string, string[]>();
  /** `type|name` → the templates that deploy it, and those that refer to it. */
  private readonly byKey = new Map<string, { declared: string[]; referred: string[] }>();

  /**
   * Indexes the templates under `root` (honouring `.gitignore` and the ignore patterns). Files already
   * read for the run are passed in `known` and not read again. With `focus` (a run that lints a few files),
   * contextFor is only asked about those files: every template is still read, but only those whose text
   * can relate them to the focus are scanned (see focusOn), and contextFor answers as a scan of all would.
   * What a scan learns of a file is asked of `files`, which a result cache answers for unchanged files.
   */
  constructor(
    readonly root: string,
    walk: RepoWalk,
    ignorePatterns: readonly string[],
    private readonly files: FileFacts,
    known: ReadonlyMap<string, VirtualFile> = new Map(),
    focus?: readonly string[],
  ) {
    const paths = walk.discover(root, { extensions: TEMPLATE_EXTENSIONS, ignorePatterns });
    const load = (p: string) => {
      const file = known.get(p) ?? files.read(p, true);
      return file.readError ? undefined : file;
    };
    // A template alone in its tree has no callers and no siblings: nothing to scan it for.
    if (paths.length === 1 && focus?.length === 1 && paths[0] === focus[0]) return;
    const focused = focus !== undefined && focus.length <= MAX_FOCUS;
    const around = focused ? this.focusOn(new Set(paths), focus, load) : undefined;
    for (const p of paths) {
      if (this.entries.has(p)) continue;
      const file = load(p);
      if (!file) continue;
      if (!around) this.add(file, keptNetwork(this.files, file));
      else if (around.mayRelate(file)) this.add(file, around.holdsName(file.text) ? keptNetwork(this.files, file) : NO_NETWORK);
    }
    // The focus files came first: callers go back to path order, as a scan of every template in turn lists
    // them, since rootsOf keeps the first ones up to its bound.
    if (focused) for (const list of this.callers.values()) list.sort();
  }

  /**
   * Scans the focus files, and says which other templates must be scanned for their context to be complete:
   * those that deploy anything (callers, up the chain), scanned for the files they deploy; those whose text
   * holds a name the focus files deploy or refer to (the top-level name, written as it is in any case),
   * also scanned for their network resources. Undefined when the names are too many to search for.
   */
  private focusOn(paths: ReadonlySet<string>, focus: readonly string[], load: (p: string) => VirtualFile | undefined): { mayRelate: (file: VirtualFile) => boolean; holdsName: (text: string) => boolean } | undefined {
    const names = new Set<string>();
    for (const p of focus) {
      const file = paths.has(p) ? load(p) : undefined;
      if (!file) continue;
      const network = scanNetwork(file.text, isBicep(file.path));
      this.add(file, asLists(concealed(this.files, network)));
      for (const key of [...network.declared, ...network.referred]) names.add(key.slice(key.indexOf('|') + 1).split('/')[0]);
    }
    if (names.size > MAX_SEARCHED_NAMES) return undefined;
    const words = [...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const holds = (markers: readonly string[]) => new RegExp([...markers, ...words].join('|'), 'i');
    const json = holds(DEPLOYMENT_MARKERS.json);
    const bicep = holds(DEPLOYMENT_MARKERS.bicep);
    const name = words.length ? holds([]) : undefined;
    return { mayRelate: (file) => (isBicep(file.path) ? bicep : json).test(file.text), holdsName: (text) => name?.test(text) ?? false };
  }

  private add(file: VirtualFile, network: NetworkLists): void {
    const entry: Entry = { path: file.path, calls: callsKept(this.files, file), ...network };
    this.entries.set(file.path, entry);
    for (const callee of entry.calls) this.callers.set(callee, [...(this.callers.get(callee) ?? []), file.path]);
    for (const [keys, side] of [[entry.declared, 'declared'], [entry.referred, 'referred']] as const)
      for (const key of keys) {
        let holders = this.byKey.get(key);
        if (!holders) this.byKey.set(key, (holders = { declared: [], referred: [] }));
        holders[side].push(file.path);
      }
  }

  /** The context of the files to lint: callers and siblings, and the files lint() must be given to use them. */
  contextFor(targets: readonly string[]): { files: string[]; repository: Required<RepositoryContext> } {
    const callers: [string, string][] = [];
    const siblings: [string, string][] = [];
    const merged: MergedCalls[] = [];
    for (const t of targets) {
      const { roots, bounded } = this.rootsOf(t);
      for (const root of roots) callers.push([t, root]);
      if (bounded) merged.push(this.mergedCalls(t));
      for (const s of this.siblingsOf(t)) siblings.push([t, s]);
    }
    const files = new Set([...callers, ...siblings].map(([, p]) => p));
    for (const m of merged) for (const c of m.callers) files.add(c);
    // A caller deploys the file through the templates between them: those are read too.
    for (const [t, root] of callers) for (const p of this.between(root, t)) files.add(p);
    return { files: [...files], repository: { callers, siblings, merged } };
  }

  /**
   * The root templates that deploy a file, directly or through other templates, up to the bound; `bounded`
   * when some callers lie beyond it (more roots, or a chain longer than the depth looked at).
   */
  private rootsOf(file: string): { roots: string[]; bounded: boolean } {
    const roots: string[] = [];
    const seen = new Set([file]);
    let level = [file];
    let bounded = false;
    for (let depth = 0; level.length; depth++) {
      if (depth === MAX_CALLER_DEPTH) {
        bounded = true;
        break;
      }
      const next: string[] = [];
      for (const f of level)
        for (const c of this.callers.get(f) ?? []) {
          if (seen.has(c)) continue;
          seen.add(c);
          if (this.callers.get(c)?.length) next.push(c);
          else if (roots.length < MAX_CALLERS) roots.push(c);
          else bounded = true;
        }
      level = bounded ? [] : next;
    }
    return { roots, bounded };
  }

  /** Every template that calls the file directly, for one evaluation with the values they all pass alike. */
  private mergedCalls(file: string): MergedCalls {
    const direct = (this.callers.get(file) ?? []).filter((c) => c !== file);
    return { file, callers: direct.slice(0, MAX_MERGED_CALLERS), complete: direct.length <= MAX_MERGED_CALLERS };
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
   * Templates deployed beside this one that declare a network resource it refers to, or refer to one it
   * declares (a VNet and the gateway, NIC or subnet that uses it; a gateway and its connections; a public
   * IP and its gateway), by type and literal name. Two templates that both deploy the same kind of resource
   * (two gateways, a template and its variant in another language or environment) are alternatives, not partners.
   */
  private siblingsOf(file: string): string[] {
    const entry = this.entries.get(file);
    if (!entry) return [];
    const related = new Set([file, ...entry.calls, ...(this.callers.get(file) ?? [])]);
    const shared = new Map<string, number>();
    const count = (keys: readonly string[], side: 'declared' | 'referred') => {
      for (const key of keys) {
        const holders = this.byKey.get(key)!;
        if (holders.declared.length + holders.referred.length > MAX_NAME_FREQUENCY) continue;
        for (const other of holders[side]) {
          if (related.has(other) || intersects(entry.declaredTypes, this.entries.get(other)!.declaredTypes)) continue;
          shared.set(other, (shared.get(other) ?? 0) + 1);
        }
      }
    };
    count(entry.referred, 'declared');
    count(entry.declared, 'referred');
    return [...shared]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_SIBLINGS)
      .map(([p]) => p);
  }
}

/** Whether two short lists (an entry's declared types: seven at most) share an item. */
function intersects(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.includes(x));
}

/** Whether an index built for a run linting `count` files scans every template (see focusOn). */
export function indexScansEvery(count: number): boolean {
  return count > MAX_FOCUS;
}

/**
 * Asks `files` now what the index will ask of a file it scans: called as the file is first read, while its
 * text is held, so that a text over the held-texts budget is not read again for the index.
 */
export function learnForIndex(files: FileFacts, file: VirtualFile): void {
  keptNetwork(files, file);
  callsKept(files, file);
}

/** A file's network scan as `files` keeps it: lists, names concealed. */
function keptNetwork(files: FileFacts, file: VirtualFile): NetworkLists {
  return files.derive(file, 'index-network', (f) => asLists(concealed(files, scanNetwork(f.text, isBicep(f.path)))));
}

function asLists(network: NetworkScan): NetworkLists {
  return { declaredTypes: [...network.declaredTypes], declared: [...network.declared], referred: [...network.referred] };
}

function concealed(files: FileFacts, network: NetworkScan): NetworkScan {
  const conceal = (keys: Set<string>) => new Set([...keys].map((k) => files.conceal(k)));
  return { declaredTypes: network.declaredTypes, declared: conceal(network.declared), referred: conceal(network.referred) };
}

function callsKept(files: FileFacts, file: VirtualFile): string[] {
  return files.derive(file, 'index-calls', callsOf);
}

/** The local modules and linked templates a template deploys. */
function callsOf(file: VirtualFile): string[] {
  return localDeployments(file).filter((c) => c !== file.path);
}

function isBicep(p: string): boolean {
  return /\.bicep$/i.test(p);
}
