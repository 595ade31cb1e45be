import type { Expr } from '../expr/ast.js';
import { literalString } from '../expr/ast.js';
import type { ResourceDecl, TemplateIR } from '../parse/ir.js';

/**
 * What expressions refer to, in lower case: `names` of parameters, variables and Bicep symbols, and the
 * `words` of the string literals they write (split at `/`, as resource names and ids are).
 */
export interface Mentions {
  names: Set<string>;
  words: Set<string>;
}

function emptyMentions(): Mentions {
  return { names: new Set(), words: new Set() };
}

/** Adds what an expression refers to (ARM `parameters()`/`variables()` calls, Bicep symbols) and writes. */
export function collectMentions(e: Expr, out: Mentions): void {
  switch (e.kind) {
    case 'literal':
      if (typeof e.value === 'string') for (const w of e.value.toLowerCase().split('/')) if (w) out.words.add(w);
      return;
    case 'call': {
      const arg = e.args[0];
      if ((e.name === 'parameters' || e.name === 'variables') && arg?.kind === 'literal' && typeof arg.value === 'string') out.names.add(arg.value.toLowerCase());
      e.args.forEach((a) => collectMentions(a, out));
      return;
    }
    case 'symbol':
      out.names.add(e.name.toLowerCase());
      return;
    case 'object':
      e.props.forEach((p) => collectMentions(p.value, out));
      return;
    case 'array':
      e.items.forEach((i) => collectMentions(i, out));
      return;
    case 'member':
      return collectMentions(e.object, out);
    case 'index':
      collectMentions(e.object, out);
      return collectMentions(e.index, out);
    case 'unary':
      return collectMentions(e.operand, out);
    case 'binary':
      collectMentions(e.left, out);
      return collectMentions(e.right, out);
    case 'ternary':
      [e.condition, e.whenTrue, e.whenFalse].forEach((x) => collectMentions(x, out));
      return;
    case 'interpolation':
      e.parts.forEach((p) => typeof p !== 'string' && collectMentions(p, out));
      return;
    case 'for':
      [e.iterable, e.body, ...(e.filter ? [e.filter] : [])].forEach((x) => collectMentions(x, out));
      return;
    case 'copy':
      collectMentions(e.count, out);
      return collectMentions(e.input, out);
    case 'lambda':
      return collectMentions(e.body, out);
  }
}

/** Mentions of a declaration and everything declared inside it, with the variables it names followed. */
class TemplateMentions {
  private readonly variables = new Map<string, Expr>();
  /** What each variable's own value mentions, read once: many declarations name the same variables. */
  private readonly ofVariable = new Map<string, Mentions>();

  constructor(template: TemplateIR) {
    for (const v of template.variables) this.variables.set(v.name.toLowerCase(), v.value);
  }

  /** What the expressions mention, through the variables they name (each variable followed once). */
  of(exprs: Expr[]): Mentions {
    const out = emptyMentions();
    for (const e of exprs) collectMentions(e, out);
    const followed = new Set<string>();
    for (let grew = true; grew; ) {
      grew = false;
      for (const name of [...out.names]) {
        if (followed.has(name)) continue;
        const mentions = this.variableMentions(name);
        if (!mentions) continue;
        followed.add(name);
        for (const n of mentions.names) out.names.add(n);
        for (const w of mentions.words) out.words.add(w);
        grew = true;
      }
    }
    return out;
  }

  private variableMentions(name: string): Mentions | undefined {
    let mentions = this.ofVariable.get(name);
    if (!mentions) {
      const value = this.variables.get(name);
      if (!value) return undefined;
      collectMentions(value, (mentions = emptyMentions()));
      this.ofVariable.set(name, mentions);
    }
    return mentions;
  }
}

/** Every expression of a resource declaration and of the declarations nested in it. */
export function declExprs(d: ResourceDecl): Expr[] {
  const own = [d.body, d.type, ...(d.name ? [d.name] : []), ...(d.condition ? [d.condition] : []), ...(d.parent ? [d.parent] : [])];
  if (d.loop) own.push(d.loop.kind === 'copy' ? d.loop.count : d.loop.iterable);
  if (d.deployment?.parameters) own.push(d.deployment.parameters);
  return [...own, ...d.children.flatMap(declExprs)];
}

/** A top-level declaration with what it mentions and what names it (its symbol, and the words and names of its name). */
interface DeclFacts {
  decl: ResourceDecl;
  mentions: Mentions;
  identity: Set<string>;
}

/**
 * The template cut down to the resources whose declarations use one of `names` (parameters, directly or
 * through variables), and the resources those refer to or are referred to by (matched by symbolic name, or
 * by the words and parameters their names are written with), and the parents of those. Other resources
 * cannot change with the named parameters, so evaluating them again for each value tried would only cost time.
 */
export function templateReachedBy(template: TemplateIR, names: ReadonlySet<string>): TemplateIR {
  return new ReachIndex(template).templateReachedBy(names);
}

/** What each top-level declaration mentions, read once, for any number of `templateReachedBy` questions. */
export class ReachIndex {
  private readonly facts: DeclFacts[];
  private readonly bySymbol: Map<string, DeclFacts>;
  private index?: TokenIndex;

  constructor(readonly template: TemplateIR) {
    const mentionsOf = new TemplateMentions(template);
    this.facts = template.resources.map((decl) => {
      const nameMentions = mentionsOf.of(decl.name ? [decl.name] : []);
      const identity = new Set([...nameMentions.words, ...nameMentions.names, ...(decl.symbolicName ? [decl.symbolicName.toLowerCase()] : [])]);
      return { decl, mentions: mentionsOf.of(declExprs(decl)), identity };
    });
    this.bySymbol = new Map(this.facts.filter((f) => f.decl.symbolicName).map((f) => [f.decl.symbolicName!.toLowerCase(), f]));
  }

  /** See templateReachedBy. */
  templateReachedBy(names: ReadonlySet<string>): TemplateIR {
    const kept = this.reached(names);
    return withResources(this.template, this.facts.filter((f) => kept.has(f)).map((f) => f.decl));
  }

  /** The declarations reached by `names`: see templateReachedBy. */
  reachedDecls(names: ReadonlySet<string>): Set<ResourceDecl> {
    return new Set([...this.reached(names)].map((f) => f.decl));
  }

  private reached(names: ReadonlySet<string>): Set<DeclFacts> {
    const index = (this.index ??= new TokenIndex(this.facts));
    const kept = new Set<DeclFacts>();
    for (const n of names) index.add(kept, index.mentioningName, n);
    const reachedMentions = emptyMentions();
    const reachedIdentity = new Set<string>();
    for (const f of kept) {
      for (const n of f.mentions.names) reachedMentions.names.add(n);
      for (const w of f.mentions.words) reachedMentions.words.add(w);
      for (const i of f.identity) reachedIdentity.add(i);
    }
    // Those the reached ones refer to (by name or word), and those that refer to them.
    for (const t of reachedMentions.names) index.add(kept, index.named, t);
    for (const t of reachedMentions.words) index.add(kept, index.named, t);
    for (const t of reachedIdentity) {
      index.add(kept, index.mentioningName, t);
      index.add(kept, index.mentioningWord, t);
    }
    // Bicep `parent:` links: a kept subnet needs its VNet.
    for (const f of kept) {
      const parent = f.decl.parent?.kind === 'symbol' ? this.bySymbol.get(f.decl.parent.name.toLowerCase()) : undefined;
      if (parent) kept.add(parent);
    }
    return kept;
  }
}

/**
 * The declarations by each name and word they mention and each that names them, so that what a set of
 * parameters reaches is found from its own mentions, not by comparing it with every declaration.
 */
class TokenIndex {
  readonly mentioningName = new Map<string, DeclFacts[]>();
  readonly mentioningWord = new Map<string, DeclFacts[]>();
  readonly named = new Map<string, DeclFacts[]>();

  constructor(facts: readonly DeclFacts[]) {
    for (const f of facts) {
      for (const n of f.mentions.names) push(this.mentioningName, n, f);
      for (const w of f.mentions.words) push(this.mentioningWord, w, f);
      for (const i of f.identity) push(this.named, i, f);
    }
  }

  add(kept: Set<DeclFacts>, by: ReadonlyMap<string, DeclFacts[]>, token: string): void {
    for (const f of by.get(token) ?? []) kept.add(f);
  }
}

function push(map: Map<string, DeclFacts[]>, key: string, f: DeclFacts): void {
  const list = map.get(key);
  if (list) list.push(f);
  else map.set(key, [f]);
}

/**
 * The template cut down to the declarations that may deploy a resource of one of `types` (lower-case full
 * types): those of these types, those that declare one inside (child resources, inline nested templates),
 * deployments of a template that is not inline (a module is read later), and those whose type is not
 * written out. Rules that read only these types find the same in the cut template, except through
 * reference() to a resource left out, which gives Unknown, on which no rule reports.
 */
export function templateOfTypes(template: TemplateIR, types: ReadonlySet<string>): TemplateIR {
  return withResources(template, template.resources.filter((d) => mayDeploy(d, undefined, types)));
}

/** The template with other resources. Its parts are read here: a template may keep them behind getters, which a spread would not copy. */
function withResources(t: TemplateIR, resources: ResourceDecl[]): TemplateIR {
  const { file, language, generator, targetScope, parameters, variables, functions, outputs, problems, deferredProblems, comments } = t;
  return { file, language, generator, targetScope, parameters, variables, functions, resources, outputs, problems, deferredProblems, comments };
}

/** Whether templateOfTypes would keep a declaration: whether the template may deploy a resource of one of `types`. */
export function mayDeployOneOf(template: TemplateIR, types: ReadonlySet<string>): boolean {
  return template.resources.some((d) => mayDeploy(d, undefined, types));
}

function mayDeploy(d: ResourceDecl, parentType: string | undefined, types: ReadonlySet<string>): boolean {
  const written = literalString(d.type)?.split('@')[0].toLowerCase();
  if (written === undefined) return true;
  // Child declarations write their type relative to the parent's (`subnets` inside a VNet).
  const type = parentType !== undefined && !written.includes('.') ? `${parentType}/${written}` : written;
  if (types.has(type) || d.children.some((c) => mayDeploy(c, type, types))) return true;
  if (!d.deployment) return false;
  const inline = d.deployment.template;
  return !inline || inline.resources.some((n) => mayDeploy(n, undefined, types));
}
