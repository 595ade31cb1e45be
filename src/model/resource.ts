import type { Expr } from '../expr/ast.js';
import { literalString } from '../expr/ast.js';
import { evaluate } from '../expr/evaluate.js';
import type { Frame } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { Unknown, joinStrings, unknown } from '../expr/value.js';
import type { ResourceDecl } from '../parse/ir.js';
import type { TemplateInstance } from './instance.js';
import type { Located, LoopVariables, PathSegment, Segment, SourceResolver } from './locate.js';
import { locate, writtenLength } from './locate.js';
import { deploymentScope, nameSegments, resourceIdOf, splitType } from './resource-id.js';
import { scopedDeployment } from './deployment-scope.js';
import { nameKey } from './network.js';
import type { Scope } from './scope.js';
import { scopeOfKey } from './scope.js';

/**
 * One resource instance of the model: a declaration, in the template instance it belongs to, with its
 * copy index or loop variables bound. Names, ids and conditions are evaluated on first use.
 */
export class ModelResource {
  readonly type: string;
  readonly typeLower: string;
  readonly apiVersion?: string;
  /** The declaration's `existing`, copied rather than behind a getter: rules ask it of every resource and subnet, a call each until V8 compiles the getter. */
  readonly existing: boolean;
  private nameValue?: Value;
  private idValue?: Value;
  private idKeyValue?: string | null;
  private scopeValue?: Scope;
  /** The members being computed (a bit per member, see GUARDED): a name or id that refers to itself is an error. */
  private computing = 0;

  constructor(
    readonly decl: ResourceDecl,
    readonly instance: TemplateInstance,
    readonly frame: Frame,
    readonly resolver: SourceResolver,
    readonly parent: ModelResource | undefined,
    /** The loop iteration, when the declaration is a loop that was expanded. */
    readonly loopIndex: number | undefined,
  ) {
    const written = typeAndApi(decl, frame);
    this.type = parent && isRelativeType(written.type) ? `${parent.type}/${written.type}` : written.type;
    this.typeLower = this.type.toLowerCase();
    this.apiVersion = written.apiVersion;
    this.existing = decl.existing;
  }

  get symbolicName(): string | undefined {
    return this.decl.symbolicName;
  }

  /** The full name (`vnet/subnet` for a subnet), composed with the parent's when written short. */
  get name(): Value {
    if (this.nameValue === undefined) this.nameValue = this.guard('name', () => this.computeName());
    return this.nameValue;
  }

  get id(): Value {
    // An `existing` resource may name another resource group or subscription (a deployed one is placed by its module).
    if (this.idValue === undefined) this.idValue = this.guard('id', () => resourceIdOf(this.type, this.name, this.decl.existing ? scopedDeployment(this.decl, this.frame, this.instance.deployment) : this.instance.deployment));
    return this.idValue;
  }

  /** The id as a comparison key (see nameKey): gateways, subnets and public IPs are looked up by id by several rules. */
  get idKey(): string | undefined {
    if (this.idKeyValue === undefined) this.idKeyValue = nameKey(this.id) ?? null;
    return this.idKeyValue ?? undefined;
  }

  /** The subscription and resource group the id names, where known (see scopeOfKey). */
  get scope(): Scope {
    return (this.scopeValue ??= this.scopeOfDeployment() ?? scopeOfKey(this.idKey));
  }

  /**
   * The scope of a declared resource's id, known from the deployment that makes it without making the id:
   * every VNet is asked its scope when gateways are placed. Undefined when only the id can tell.
   */
  private scopeOfDeployment(): Scope | undefined {
    if (this.decl.existing) return undefined;
    // A name that is an error makes the id that error, which names no scope.
    const name = this.name;
    return typeof name === 'string' || (name instanceof Unknown && !name.error) ? deploymentScope(this.instance.deployment) : undefined;
  }

  /** The last segment of the name (`GatewaySubnet` for `vnet/GatewaySubnet`). */
  get shortName(): Value {
    const segments = nameSegments(this.name);
    return segments[segments.length - 1];
  }

  /** `true` when deployed unconditionally, `false` when the condition is false, Unknown otherwise. */
  get condition(): Value {
    // Most resources are top-level and unconditional: no chain to walk.
    if (!this.decl.condition && !this.parent && !this.instance.callSite) return true;
    return deployedCondition(this);
  }

  /** The value at a path of the declaration body (`['properties', 'subnets', 0, 'name']`), located. */
  get(path: readonly Segment[]): Located {
    return locate(this.decl.body, this.frame, path, this.resolver, this.loopVariables);
  }

  /** The variables of a Bicep resource or module loop, or its ARM copy loop, bound to this instance's element (values through them are located per element). */
  get loopVariables(): LoopVariables | undefined {
    const loop = this.decl.loop;
    if (!loop || this.loopIndex === undefined) return undefined;
    if (loop.kind === 'copy') return { items: new Map(), indexes: new Map(), copy: { name: loop.name, count: loop.count, index: this.loopIndex } };
    const binding = { iterable: loop.iterable, frame: this.frame, index: this.loopIndex };
    return { items: new Map(loop.itemVar ? [[loop.itemVar, binding]] : []), indexes: new Map(loop.indexVar ? [[loop.indexVar, binding]] : []) };
  }

  /** How many elements the array at a path has (0 when it is absent or not an array), evaluating them only when it must. */
  length(path: readonly PathSegment[]): number {
    const written = writtenLength(this.decl.body, this.frame, path);
    if (written !== undefined) return written;
    const value = this.get(path).value;
    return Array.isArray(value) ? value.length : 0;
  }

  /** The value at a path, or undefined when absent. */
  value(path: readonly PathSegment[]): Value | undefined {
    return this.get(path).value;
  }

  /** The node to report on when the finding is about the resource as a whole. */
  get reportNode(): Expr {
    return this.decl.name ?? this.decl.body;
  }

  /** Where the API version is written: ARM's `apiVersion`, or the version part of Bicep's `type@version`. */
  get apiVersionNode(): Expr {
    return this.decl.apiVersion ?? this.decl.type;
  }

  private computeName(): Value {
    const written = this.decl.name ? evaluate(this.decl.name, this.frame) : new Unknown('the resource has no name');
    const typeDepth = splitType(this.type).segments.length;
    if (!this.parent || nameSegments(written).length >= typeDepth) return written;
    return joinStrings([this.parent.name, '/', written]);
  }

  private guard(what: 'name' | 'id', compute: () => Value): Value {
    const bit = GUARDED[what];
    if (this.computing & bit) return new Unknown(`the resource ${what} refers to itself`, undefined, true);
    this.computing |= bit;
    try {
      return compute();
    } finally {
      this.computing &= ~bit;
    }
  }
}

const GUARDED = { name: 1, id: 2 } as const;

function typeAndApi(decl: ResourceDecl, frame: Frame): { type: string; apiVersion?: string } {
  const type = literalString(decl.type) ?? evaluate(decl.type, frame);
  const api = decl.apiVersion ? (literalString(decl.apiVersion) ?? evaluate(decl.apiVersion, frame)) : undefined;
  const typeText = typeof type === 'string' ? type : 'unknown';
  // What `typeText.split('@')` gives first and second, without destructuring (an iterator, for every resource).
  const at = typeText.indexOf('@');
  const next = at < 0 ? -1 : typeText.indexOf('@', at + 1);
  const bare = at < 0 ? typeText : typeText.slice(0, at);
  const inlineApi = at < 0 ? undefined : typeText.slice(at + 1, next < 0 ? typeText.length : next);
  return { type: bare, apiVersion: typeof api === 'string' ? api : inlineApi };
}

function isRelativeType(type: string): boolean {
  return !type.includes('.') || !type.includes('/');
}

/**
 * Whether a resource is certainly declared: its condition is known true, and neither it, its parents nor
 * the module calls on the way are a loop whose count is unknown (the model keeps one instance of such a
 * loop, with unknown values, which may stand for no resource at all).
 */
export function isCertainlyDeclared(resource: ModelResource): boolean {
  if (resource.condition !== true) return false;
  // Most resources are top-level and outside modules: the chain is the resource alone, without a generator.
  if (!resource.parent && !resource.instance.callSite) return !(resource.decl.loop && resource.loopIndex === undefined);
  for (const r of deploymentChain(resource)) if (r === CYCLE || (r.decl.loop && r.loopIndex === undefined)) return false;
  return true;
}

const CYCLE = Symbol('cycle');

/**
 * The resource, then its parents and the module call sites that deploy it, outwards; ends with CYCLE when
 * the chain comes back to a resource it passed (a broken file can do that).
 */
function* deploymentChain(resource: ModelResource): Generator<ModelResource | typeof CYCLE> {
  const seen = new Set<ModelResource>();
  for (let at: ModelResource | undefined = resource; at; at = at.parent ?? at.instance.callSite?.resource) {
    if (seen.has(at)) {
      yield CYCLE;
      return;
    }
    seen.add(at);
    yield at;
  }
}

/** A resource is deployed when its own condition and those of its parents and module call sites hold. */
function deployedCondition(resource: ModelResource): Value {
  for (const at of deploymentChain(resource)) {
    if (at === CYCLE) return unknown('the resource is deployed by a chain of modules that comes back to it');
    const own = at.decl.condition ? evaluate(at.decl.condition, at.frame) : true;
    if (own !== true) return own;
  }
  return true;
}
