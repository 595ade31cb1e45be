import type { SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import { objectGet } from '../expr/ast.js';
import { Budget } from '../expr/budget.js';
import type { BudgetLimits } from '../expr/budget.js';
import { evaluate, forLocals, loopItems } from '../expr/evaluate.js';
import type { DeploymentContext } from '../expr/functions/types.js';
import { PLACEHOLDER_DEPLOYMENT } from '../expr/functions/types.js';
import type { Frame } from '../expr/scope.js';
import { SecretTaint } from '../expr/taint.js';
import type { ObjectValue, Value } from '../expr/value.js';
import { Unknown, isObjectValue, joinStrings, unknown } from '../expr/value.js';
import type { ParamFileIR, ResourceDecl, TemplateIR } from '../parse/ir.js';
import type { ResourceDirectory } from './instance.js';
import { TemplateInstance, WordedSource } from './instance.js';
import type { ParamFileScope } from './param-file-scope.js';
import type { ParameterOverride } from './instance.js';
import type { SourceResolver, ValueSource } from './locate.js';
import { resolveRelative } from './paths.js';
import { linkedTemplatePath, templateLinkUri } from './template-link.js';
import { ModelResource } from './resource.js';
import { Memo } from './memo.js';
import { scopedDeployment } from './deployment-scope.js';
import { ResourceIndex } from './resource-index.js';
import { parseResourceId } from './resource-id.js';
import { handedOn, lazyDeploymentName, origin } from './wording.js';

/** Loads the IR of a local file a template refers to (Bicep module, `templateLink.relativePath`). */
export type TemplateLoader = (path: string) => TemplateIR | undefined;

export interface ModelOptions {
  paramFile?: ParamFileIR;
  /** Values to use for root parameters instead of their own (allowed-value combinations); `null`: no value. */
  overrides?: ReadonlyMap<string, ParameterOverride | null>;
  loadTemplate?: TemplateLoader;
  /** The cached compiled template of a registry module used by a file, if the local module cache holds it. */
  registryModule?: (fromFile: string, ref: string) => string | undefined;
  /**
   * Other root templates of the repository deployed beside this one (siblings that declare or refer to
   * the same resources), each with its parameters file: their resources join this model, so that a
   * gateway in one file meets the subnet it uses in another. Findings are filtered by the engine.
   */
  siblings?: { template: TemplateIR; paramFile?: ParamFileIR }[];
  /** Told of each registry module use that the module cache cannot supply. */
  onUnresolvedRegistryModule?: (ref: string, at: Span) => void;
  /** Told of each local module or linked template (by its written path) that loadTemplate cannot supply. */
  onUnresolvedModule?: (modulePath: string, at: Span) => void;
  limits?: BudgetLimits;
  deployment?: DeploymentContext;
}

const MAX_NESTING = 16;
/**
 * Template instances (the root, each module or nested deployment, each copy of one) one model builds:
 * loops of deployments inside loops of deployments multiply (30 × 30 × 30 × 30 exhausted the heap).
 */
const MAX_INSTANCES = 2_000;

/** The members of a resource symbol that do not depend on its body. */
const VIEW_MEMBERS = new Set(['name', 'id', 'type', 'apiVersion']);

/** No resources by that symbol (shared: what bySymbol returns is never changed). */
const NO_RESOURCES: readonly ModelResource[] = [];

/** Nested declarations are reached only through `parent::child`; a top-level one with `parent:` is a plain symbol. */
function byPlainName(r: ModelResource): boolean {
  return r.decl.parent !== undefined || !r.parent?.symbolicName;
}

/**
 * The resource model of one template and everything it deploys: resources of the root file, of inline
 * nested deployments and of local modules, with loops expanded where the count is known. Built once per
 * template set; rules only query it.
 */
export class Model implements ResourceDirectory, SourceResolver {
  readonly budget: Budget;
  readonly taint = new SecretTaint();
  /** What helpers work out once per model (the network view, look-up indexes). */
  readonly memo = new Memo();
  readonly root: TemplateInstance;
  readonly instances: TemplateInstance[] = [];
  readonly resources: ModelResource[] = [];
  private readonly views = new Map<ModelResource, { props: Value; full: Value }>();
  private readonly names = new Map<TemplateInstance, ResourceIndex>();

  constructor(
    template: TemplateIR,
    private readonly options: ModelOptions = {},
  ) {
    this.budget = new Budget(options.limits);
    const deployment = { ...(options.deployment ?? PLACEHOLDER_DEPLOYMENT), targetScope: template.targetScope, templateLinkUri: templateLinkUri(template.file.path) };
    this.root = this.instantiate(new TemplateInstance(template, this.budget, deployment, this, undefined, options.paramFile, options.overrides));
    for (const s of options.siblings ?? [])
      this.instantiate(new TemplateInstance(s.template, this.budget, { ...deployment, targetScope: s.template.targetScope, templateLinkUri: templateLinkUri(s.template.file.path) }, this, undefined, s.paramFile));
  }

  /**
   * The files of the instances that run `file` (the root file, a module, a linked template) and of
   * everything they deploy: where findings about that file's deployment may sit.
   */
  filesUnder(file: string): Set<string> {
    const out = new Set<string>();
    for (const i of this.instances) {
      for (let a: TemplateInstance | undefined = i; a; a = a.callSite?.instance)
        if (a.template.file.path === file) {
          out.add(i.template.file.path);
          break;
        }
    }
    return out;
  }

  /** The call sites (module or deployment declarations) through which `file` is deployed in this model. */
  callSitesOf(file: string): Span[] {
    return this.instances.filter((i) => i.template.file.path === file && i.callSite).map((i) => i.callSite!.resource.decl.span);
  }

  /**
   * True when some file of this template set (templates, modules, parameters file) contains the pattern.
   * A cheap test before costly work: a subnet named GatewaySubnet can be referred to only where its name is
   * written somewhere.
   */
  mentions(pattern: RegExp): boolean {
    const files = new Set([...this.instances.map((i) => i.template.file), ...(this.options.paramFile ? [this.options.paramFile.file] : [])]);
    for (const f of files) if (fileMentions(f, pattern)) return true;
    return false;
  }

  /** The paths of the files this model read: templates, modules and the parameters file. */
  files(): string[] {
    return [...this.instances.map((i) => i.template.file.path), ...(this.options.paramFile ? [this.options.paramFile.file.path] : [])];
  }

  /** Resources of a type (case-insensitive), deployed or possibly deployed (condition not known false). */
  ofType(type: string): ModelResource[] {
    const lower = type.toLowerCase();
    let found = this.byType.get(lower);
    if (!found) this.byType.set(lower, (found = (this.allOfType().get(lower) ?? []).filter((r) => r.condition !== false)));
    return found;
  }

  /** Whether the model has a resource of a type, given in lower case, deployed or not: nothing is evaluated. */
  declares(lowerCaseType: string): boolean {
    return this.allOfType().has(lowerCaseType);
  }

  /** ofType's answers: the resources are all known once the model is built, and rules ask often. */
  private readonly byType = new Map<string, ModelResource[]>();
  private grouped?: Map<string, ModelResource[]>;

  /** Every resource by lower-case type, in model order, grouped in one pass: rules ask for a dozen types. */
  private allOfType(): Map<string, ModelResource[]> {
    if (!this.grouped) {
      this.grouped = new Map();
      for (const r of this.resources) {
        const list = this.grouped.get(r.typeLower);
        if (list) list.push(r);
        else this.grouped.set(r.typeLower, [r]);
      }
    }
    return this.grouped;
  }

  private instantiate(instance: TemplateInstance): TemplateInstance {
    this.instances.push(instance);
    this.expand(instance, instance.template.resources, undefined, instance.rootFrame);
    this.resolveParents(instance);
    return instance;
  }

  private expand(instance: TemplateInstance, decls: ResourceDecl[], parent: ModelResource | undefined, frame: Frame): void {
    // Indexed loops: this runs for every declaration, mostly before it is optimised, where `for…of` makes an iterator and a result object per step.
    for (let d = 0; d < decls.length; d++) {
      const decl = decls[d];
      const frames = this.loopFrames(decl, frame);
      for (let i = 0; i < frames.length; i++) {
        const f = frames[i].frame;
        const resource = new ModelResource(decl, instance, f, this, parent, frames[i].index);
        instance.resources.push(resource);
        this.resources.push(resource);
        if (decl.symbolicName !== undefined) this.indexSymbol(instance, decl.symbolicName, resource);
        // Most declarations have no children: a call for each would make this function hot enough to be optimised on its own.
        if (decl.children.length) this.expand(instance, decl.children, resource, f);
        if (decl.deployment) this.nest(instance, resource);
      }
    }
  }

  /** One frame per loop iteration; a loop whose count is unknown becomes one instance with an unknown index. */
  private loopFrames(decl: ResourceDecl, frame: Frame): { frame: Frame; index?: number }[] {
    const loop = decl.loop;
    if (!loop) return [{ frame }];
    if (loop.kind === 'copy') {
      const count = evaluate(loop.count, frame);
      if (typeof count === 'number' && Number.isInteger(count) && count >= 0 && this.budget.allowCopy(count, loop.count.span))
        return Array.from({ length: count }, (_, i) => ({ frame: frame.withCopyIndex(['', loop.name], i), index: i }));
      return [{ frame: frame.withCopyIndex(['', loop.name], unknown('the copy count is unknown')) }];
    }
    const iterable = evaluate(loop.iterable, frame);
    const items = iterable instanceof Unknown ? iterable : loopItems(iterable);
    if (items instanceof Unknown || !this.budget.allowCopy(items.length, loop.iterable.span)) {
      const unknownItem = unknown('the loop is over an unknown collection');
      const locals: Record<string, Value> = {};
      for (const name of [loop.itemVar, loop.indexVar]) if (name) locals[name] = unknownItem;
      return [{ frame: frame.withLocals(locals) }];
    }
    const out: { frame: Frame; index?: number }[] = [];
    items.forEach((item, i) => {
      const f = frame.withLocals(forLocals(loop.itemVar, loop.indexVar, item, i));
      if (loop.filter && evaluate(loop.filter, f) === false) return;
      out.push({ frame: f, index: i });
    });
    return out;
  }

  private nest(instance: TemplateInstance, resource: ModelResource): void {
    const nested = resource.decl.deployment!;
    if (instance.depth >= MAX_NESTING) {
      this.budget.hit('depth', `deployments nested deeper than ${MAX_NESTING} levels were not followed`, resource.decl.span);
      return;
    }
    if (this.instances.length >= MAX_INSTANCES) {
      this.budget.hit('copy', `deployments past the first ${MAX_INSTANCES} were not followed`, resource.decl.span);
      return;
    }
    const modulePath = nested.modulePath ?? (nested.linkUri && linkedTemplatePath(evaluate(nested.linkUri, resource.frame)));
    const template = nested.template ?? (modulePath ? this.loadModule(instance, modulePath, resource.decl, nested.modulePath !== undefined) : nested.registryRef ? this.loadRegistryModule(instance, nested.registryRef, resource) : undefined);
    if (!template) return;
    const deployment = { ...scopedDeployment(resource.decl, resource.frame, instance.deployment), targetScope: template.targetScope, templateLinkUri: templateLinkUri(template.file.path) };
    this.instantiate(new TemplateInstance(template, this.budget, deployment, this, { instance, resource, nested }));
  }

  /** `written`: the path is written as it is (a Bicep module, `relativePath`), not computed from a `templateLink.uri`. */
  private loadModule(instance: TemplateInstance, modulePath: string, decl: ResourceDecl, written: boolean): TemplateIR | undefined {
    const file = resolveRelative(instance.template.file.path, modulePath);
    for (let i: TemplateInstance | undefined = instance; i; i = i.callSite?.instance)
      if (i.template.file.path === file) {
        this.budget.hit('cycle', `module '${modulePath}' includes itself`, decl.span);
        return undefined;
      }
    const template = this.options.loadTemplate?.(file);
    // Only a written path is one the files given could have held (a computed one, gwlint's callers may not have
    // looked for); it is reported where it is written: ARM's relativePath, or a Bicep module's path (where a type would be).
    if (!template && written) this.options.onUnresolvedModule?.(modulePath, (objectGet(objectGet(objectGet(decl.body, 'properties'), 'templateLink'), 'relativePath') ?? decl.type).span);
    return template;
  }

  private loadRegistryModule(instance: TemplateInstance, ref: string, resource: ModelResource): TemplateIR | undefined {
    const cached = this.options.registryModule?.(instance.template.file.path, ref);
    const template = cached ? this.options.loadTemplate?.(cached) : undefined;
    // The module path is written where the declaration's type would be.
    if (!template) this.options.onUnresolvedRegistryModule?.(ref, resource.decl.type.span);
    return template;
  }

  /** Bicep `parent: symbol` links a top-level declaration to its parent resource. */
  private resolveParents(instance: TemplateInstance): void {
    for (const r of instance.resources) {
      if (!r.decl.parent || r.parent) continue;
      const parent = this.resourceForExpr(instance, r.decl.parent, r.frame);
      if (parent) (r as { parent?: ModelResource }).parent = parent;
    }
  }

  /** `vnet`, `vnets[i]` or `a::b` written where a resource is expected. */
  private resourceForExpr(instance: TemplateInstance, expr: Expr, frame: Frame): ModelResource | undefined {
    if (expr.kind === 'symbol') {
      const found = this.bySymbol(instance, expr.name, expr.path);
      return found.length === 1 ? found[0] : undefined;
    }
    if (expr.kind === 'index' && expr.object.kind === 'symbol') {
      const i = evaluate(expr.index, frame);
      const found = this.bySymbol(instance, expr.object.name, expr.object.path);
      return typeof i === 'number' ? found.find((r) => r.loopIndex === i) : undefined;
    }
    return undefined;
  }

  private bySymbol(instance: TemplateInstance, name: string, path?: string[]): readonly ModelResource[] {
    const named = (symbol: string) => this.symbols.get(instance)?.get(symbol) ?? NO_RESOURCES;
    const own = named(name);
    // The common case, a plain symbol declared once, without a filtered copy.
    if (!path && own.length === 1 && byPlainName(own[0])) return own;
    let found = own.filter(byPlainName);
    for (const child of path ?? []) found = named(child).filter((r) => r.parent && found.includes(r.parent));
    return found;
  }

  /** Each instance's resources by symbolic name, in declaration order: symbol look-ups stay cheap in large files. */
  private readonly symbols = new Map<TemplateInstance, Map<string, ModelResource[]>>();

  private indexSymbol(instance: TemplateInstance, name: string, resource: ModelResource): void {
    let byName = this.symbols.get(instance);
    if (!byName) this.symbols.set(instance, (byName = new Map()));
    const list = byName.get(name);
    if (list) list.push(resource);
    else byName.set(name, [resource]);
  }

  private namesOf(instance: TemplateInstance): ResourceIndex {
    let index = this.names.get(instance);
    if (!index) this.names.set(instance, (index = new ResourceIndex(instance.resources)));
    return index;
  }

  // ResourceDirectory: what expressions see of declared resources.

  symbolView(instance: TemplateInstance, name: string, path?: string[]): Value | undefined {
    const found = this.bySymbol(instance, name, path);
    if (!found.length) {
      const declared = instance.template.resources.some((d) => d.symbolicName === name);
      return declared ? unknown(`'${name}' has no instance here`) : undefined;
    }
    const looped = found[0].decl.loop !== undefined;
    const views = found.map((r) => (r.decl.deployment ? this.moduleView(r) : this.view(r).full));
    return looped ? views : views[0];
  }

  /**
   * `vnet.name`, `pip.id`, `.type`, `.apiVersion` of one declared resource (not a loop, not a module): the
   * same value its view holds, without evaluating its body (a subnet id names thousands of VNets by name
   * in a large file). Undefined when the view must answer, or is being built (a resource refers to itself).
   */
  symbolMember(instance: TemplateInstance, name: string, path: string[] | undefined, member: string): Value | undefined {
    if (!VIEW_MEMBERS.has(member)) return undefined;
    const found = this.bySymbol(instance, name, path);
    if (found.length !== 1) return undefined;
    const r = found[0];
    if (r.decl.loop || r.decl.deployment || this.views.has(r)) return undefined;
    if (member === 'name') return r.name;
    if (member === 'id') return r.id;
    if (member === 'type') return r.type;
    return r.apiVersion ?? null;
  }

  reference(instance: TemplateInstance, target: Value, full: boolean): Value {
    if (typeof target !== 'string') return unknown('reference() to an unknown resource');
    const r = this.findReferenced(instance, target);
    if (!r) return unknown(`reference('${target}') is runtime state`);
    if (r.decl.deployment) return { outputs: this.outputsOf(r, true) };
    const view = this.view(r);
    return full ? view.full : view.props;
  }

  references(instance: TemplateInstance, target: Value): Value {
    if (typeof target !== 'string') return unknown('references() to an unknown collection');
    const found = this.bySymbol(instance, target);
    return found.length ? found.map((r) => this.view(r).full) : unknown(`references('${target}')`);
  }

  private findReferenced(instance: TemplateInstance, target: string): ModelResource | undefined {
    const bySymbol = this.bySymbol(instance, target);
    if (bySymbol.length === 1) return bySymbol[0];
    const lower = target.toLowerCase();
    if (lower.includes('/providers/')) {
      const parsed = parseResourceId(target);
      if (!parsed) return undefined;
      const name = parsed.names.join('/').toLowerCase();
      return this.namesOf(instance).withName(name).find((r) => r.typeLower === parsed.type);
    }
    return this.namesOf(instance).withName(lower).find((r) => !r.existing);
  }

  /**
   * What a resource looks like to `reference()` and Bicep symbols: its declared properties, with the
   * runtime ids ARM gives to named items of its property arrays (`subnets[i].id`, `ipConfigurations[i].id`).
   */
  private view(r: ModelResource): { props: Value; full: Value } {
    const cached = this.views.get(r);
    if (cached) return cached;
    const placeholder = { props: unknown('a resource refers to itself'), full: unknown('a resource refers to itself') };
    this.views.set(r, placeholder);
    const props = r.existing ? unknown(`'${String(r.symbolicName)}' is an existing resource: its properties are runtime state`) : withChildIds(r.value(['properties']), r.id);
    const body = r.existing ? {} : evaluate(r.decl.body, r.frame);
    const full: ObjectValue = { ...(isObjectValue(body) ? body : {}), id: r.id, name: r.name, type: r.type, apiVersion: r.apiVersion ?? null, properties: props ?? {} };
    const result = { props: props ?? {}, full };
    this.views.set(r, result);
    return result;
  }

  private moduleView(r: ModelResource): Value {
    return { name: r.name, outputs: this.outputsOf(r, false) };
  }

  /** Outputs of the template a deployment resource runs: `{ x: value }` (Bicep) or `{ x: { value } }` (ARM). */
  private outputsOf(r: ModelResource, armShape: boolean): Value {
    const nested = this.instances.find((i) => i.callSite?.resource === r);
    if (!nested) return unknown('the outputs of a template that is not resolved');
    const out: ObjectValue = {};
    for (const o of nested.template.outputs) {
      const v = nested.evaluate(o.value);
      out[o.name] = armShape ? { value: v } : v;
    }
    return out;
  }

  // SourceResolver: where a named value was written, for locations.

  parameterSource(frame: Frame, name: string): ValueSource | undefined {
    return namesOf(frame).parameterSource(name);
  }

  variableSource(frame: Frame, name: string): ValueSource | undefined {
    return namesOf(frame).variableSource(name);
  }

  symbolSource(frame: Frame, name: string): ValueSource | undefined {
    return namesOf(frame).symbolSource(name);
  }

  symbolKind(frame: Frame, name: string): 'parameter' | 'variable' | undefined {
    return namesOf(frame).symbolKind(name);
  }

  outputSource(frame: Frame, deployment: { symbol: string; index?: number } | { reference: Value }, output: string): ValueSource | undefined {
    const instance = frame.env;
    if (!(instance instanceof TemplateInstance)) return undefined;
    let resource: ModelResource | undefined;
    if ('symbol' in deployment) {
      const found = this.bySymbol(instance, deployment.symbol);
      resource = deployment.index === undefined ? (found.length === 1 ? found[0] : undefined) : found.find((r) => r.loopIndex === deployment.index);
    } else if (typeof deployment.reference === 'string') resource = this.findReferenced(instance, deployment.reference);
    const nested = resource?.decl.deployment ? this.instances.find((i) => i.callSite?.resource === resource) : undefined;
    const lower = output.toLowerCase();
    const decl = nested?.template.outputs.find((o) => o.name.toLowerCase() === lower);
    if (!nested || !decl) return undefined;
    const caller = lazyDeploymentName(resource!, nested.template.language === 'bicep');
    return new WordedSource(decl.value, nested.rootFrame, () => ({ description: origin.output(decl.name, caller()), via: handedOn.output(decl.name, caller()) }));
  }
}

/** Each file's answers to `mentions`, by pattern: the allowed-value combinations build a model of the same files many times. */
const mentionsByFile = new WeakMap<SourceFile, Map<string, boolean>>();

function fileMentions(file: SourceFile, pattern: RegExp): boolean {
  let answers = mentionsByFile.get(file);
  if (!answers) mentionsByFile.set(file, (answers = new Map()));
  const key = `${pattern.source}/${pattern.flags}`;
  let found = answers.get(key);
  if (found === undefined) answers.set(key, (found = pattern.test(file.text)));
  return found;
}

function withChildIds(props: Value | undefined, parentId: Value): Value | undefined {
  if (!isObjectValue(props)) return props;
  const out: ObjectValue = { ...props };
  for (const [key, value] of Object.entries(props)) {
    if (!Array.isArray(value)) continue;
    out[key] = value.map((item) =>
      isObjectValue(item) && item.name !== undefined && item.id === undefined ? { ...item, id: joinStrings([parentId, `/${key}/`, item.name]) } : item,
    );
  }
  return out;
}

/** Where the names a frame's expressions read were written: its template instance, or a `.bicepparam` file's own variables. */
function namesOf(frame: Frame): TemplateInstance | ParamFileScope {
  return frame.env as TemplateInstance | ParamFileScope;
}
