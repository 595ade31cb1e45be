import type { Span } from '../core/span.js';
import type { Expr, ForExpr } from '../expr/ast.js';
import { objectProp } from '../expr/ast.js';
import { evaluate, forLocals, index as indexValue, loopItems, resourceMember } from '../expr/evaluate.js';
import type { Frame } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { Unknown } from '../expr/value.js';
import { ID_NAME, mayStepThrough, stepThroughCall } from './locate-calls.js';

export { ID_NAME };
import { loopOrigin, USED_HERE } from './wording.js';

/**
 * A place a value came from or passed through on its way into a resource: a parameter, variable or module
 * input that wrote it, or (`passage`) a loop that picked it out of a collection.
 */
export interface Origin {
  span: Span;
  /** e.g. "set as the default of parameter 'gatewaySku'", or for a passage "iterated here, element 3". */
  description: string;
  /** True for a place the value passed through (a loop, the property using it), not one that wrote it. */
  passage?: boolean;
  /** How a named value reads when it only handed the value on (`passed to module 'net' here`). */
  via?: string;
  /** How it reads in a message about a finding in the file that wrote it (`parameter 'x'`, not `parameter 'x' in x.json`). */
  brief?: string;
  /** The node at `span`, when the origin was made from one. */
  at?: Expr;
}

/**
 * What is read only when asked for here is behind class getters, not an object literal's: what such a
 * literal points to outlived young-generation collections until a full one, and was copied to the old one.
 */

/** An origin at a node, its span read only when asked for (locating a JSON node costs a parse). */
export function originAt(at: Expr, fields: Omit<Origin, 'span' | 'at'>): Origin {
  return new OriginAt(at, fields.description, fields.passage, fields.via, fields.brief);
}

class OriginAt implements Origin {
  constructor(
    readonly at: Expr,
    readonly description: string,
    readonly passage?: boolean,
    readonly via?: string,
    readonly brief?: string,
  ) {}

  get span(): Span {
    return this.at.span;
  }
}

/**
 * An origin at a node that reads its wording from where the value came from, only when asked: naming a
 * module or deployment can mean evaluating its name or finding its line, and most origins are never printed.
 */
export function originWorded(at: Expr, words: Pick<Origin, 'description' | 'via' | 'brief'>): Origin {
  return new WordedOrigin(at, words);
}

class WordedOrigin implements Origin {
  constructor(
    readonly at: Expr,
    private readonly words: Pick<Origin, 'description' | 'via' | 'brief'>,
  ) {}

  get span(): Span {
    return this.at.span;
  }

  get description(): string {
    return this.words.description;
  }

  get via(): string | undefined {
    return this.words.via;
  }

  get brief(): string | undefined {
    return this.words.brief;
  }
}

/** How a template names a value it hands on: resolved by the model for `parameters()`, `variables()` and Bicep symbols. */
export interface ValueSource {
  expr: Expr;
  frame: Frame;
  description: string;
  /** How it reads when the value came from further away (see `Origin.via`), or in its own file (`Origin.brief`). */
  via?: string;
  brief?: string;
  /** The loop variables in scope at `expr`: a module call's own loop, when the value is an argument it passes. */
  loop?: LoopVariables;
}

export interface SourceResolver {
  parameterSource(frame: Frame, name: string): ValueSource | undefined;
  variableSource(frame: Frame, name: string): ValueSource | undefined;
  /** A Bicep symbol naming a parameter or variable (not a resource or a local). */
  symbolSource(frame: Frame, name: string): ValueSource | undefined;
  /**
   * An output of the template a module or deployment runs: the deployment named by a Bicep symbol (with its
   * loop index) or by what `reference()` was given.
   */
  outputSource(frame: Frame, deployment: { symbol: string; index?: number } | { reference: Value }, output: string): ValueSource | undefined;
  /** How a condition's Bicep symbol reads in a message: `parameter 'x'`, `variable 'x'`, or undefined for others. */
  symbolKind(frame: Frame, name: string): 'parameter' | 'variable' | undefined;
}

/** A loop or lambda variable: the collection it walks, evaluated in `frame`, and the element (or key) it holds. */
export interface LoopBinding {
  iterable: Expr;
  frame: Frame;
  index: number | string;
}

/** The variables of the Bicep loops a declaration is inside, by name, or the ARM `copy` loop it is an element of. */
export interface LoopVariables {
  items: ReadonlyMap<string, LoopBinding>;
  indexes: ReadonlyMap<string, LoopBinding>;
  copy?: CopyIteration;
}

/** An element of a resource's ARM `copy` loop: the loop's name, its count, and the element's index. */
export interface CopyIteration {
  name: string;
  count: Expr;
  index: number;
}

/** A value inside a resource, with the place the user wrote it. */
export interface Located {
  /** The value; `undefined` when the property is absent. */
  value: Value | undefined;
  /**
   * The node to report on: where the value was written (a literal, an element of a parameter default or a
   * variable, a parameters-file value, a module's argument); the property itself when the value is
   * computed there.
   */
  node: Expr;
  /** The places the value came through, outermost first; the last one that is not a passage wrote it. */
  origins: Origin[];
  /** The property of the declaration that holds the value: where it is used, wherever it was written. */
  property: Expr;
}

/**
 * The located value reported where it is used rather than where it was written: for findings about a
 * reference (a gateway placed in a subnet, a connection's gateway), which the user fixes at the use, not in
 * the shared variable that holds the id.
 */
export function asUsed(located: Located): Located {
  return { value: located.value, node: located.property, origins: located.origins, property: located.property };
}

export type PathSegment = string | number;

/** A segment of a path the walk follows: a member, an element, or the name at the end of a resource id. */
export type Segment = PathSegment | typeof ID_NAME;

/**
 * `[...base, key, ...rest]`, built with indexed loops: rules read every gateway's and subnet's properties,
 * often before the code is optimised, where a spread goes through an iterator and `concat` through the runtime.
 */
export function pathUnder<T extends Segment>(base: readonly T[], key: string, rest: readonly T[] = []): T[] {
  const out: T[] = [];
  for (let i = 0; i < base.length; i++) out.push(base[i]);
  out.push(key as T);
  for (let i = 0; i < rest.length; i++) out.push(rest[i]);
  return out;
}

/**
 * Finds the value at `path` under `expr`, following object literals, array literals, parameters,
 * variables and loops (ARM `copy`, `copyIndex()`, Bicep `for`) to the node that wrote each part, so that
 * findings point at the line the user must change. Seeing through function calls (`if()`, `union()`,
 * lambdas, module outputs…) evaluates their arguments again, so it is done only when the location is read:
 * most values are never reported.
 */
export function locate(expr: Expr, frame: Frame, path: readonly Segment[], resolver: SourceResolver, loop?: LoopVariables): Located {
  const found = literalPath(expr, path);
  const written = inPlace(found, frame);
  if (written) return written;
  // The walk starts where the literals end: through object and array literals it would only step as they do.
  const walk = new Walk(found.node, frame, path, resolver, loop, found.depth);
  const stop = walk.run(false);
  if (stop !== 'call') return walk.located(stop === 'absent' ? undefined : walk.value());
  return new LocatedThroughCalls(walk, walk.value());
}

/** A value found through function calls, whose places are found by walking through them again when first read. */
class LocatedThroughCalls implements Located {
  private done?: Located;

  constructor(
    private readonly walk: Walk,
    readonly value: Value | undefined,
  ) {}

  get node(): Expr {
    return this.finish().node;
  }

  get origins(): Origin[] {
    return this.finish().origins;
  }

  get property(): Expr {
    return this.finish().property;
  }

  private finish(): Located {
    return (this.done ??= this.walk.run(true) === 'absent' ? this.walk.located(undefined) : this.walk.located(this.value));
  }
}

/**
 * The common case, without a walk: the path leads through object and array literals to a value written
 * in place (a literal, an object or an array), or to a member or element that is absent. Undefined when
 * the path meets anything else (a name, a call, a loop…), which only the walk can follow, except the two
 * commonest shapes of a computed value written in place (see inPlace). From a node that literals lead to,
 * it answers as `locate` from the top would (see `writtenNode`).
 */
export function writtenInPlace(expr: Expr, frame: Frame, path: readonly Segment[]): Located | undefined {
  return inPlace(literalPath(expr, path), frame);
}

/**
 * writtenInPlace, from where literalPath stopped. Besides values written in place, what the walk answers
 * at once, without being made: a call it neither follows nor sees through (`resourceId(…)`), computed
 * where it is written, and a member of a resource symbol (`pip.id`, `vnet.name`), reported at the symbol.
 */
function inPlace(found: LiteralStep, frame: Frame): Located | undefined {
  const { node } = found;
  if (found.absent) return { value: undefined, node, origins: NO_ORIGINS, property: node };
  if (!found.whole) return undefined;
  if (node.kind === 'literal' || node.kind === 'object' || node.kind === 'array') return { value: evaluate(node, frame) ?? undefined, node, origins: NO_ORIGINS, property: node };
  if (node.kind === 'call' && !NAMED_VALUE_CALLS.has(node.name) && !mayStepThrough(node, NO_SEGMENTS))
    return { value: evaluate(node, frame), node, origins: NO_ORIGINS, property: node };
  if (node.kind !== 'member') return undefined;
  // Undefined for a parameter, variable, local, module or loop symbol, which the walk follows.
  const value = resourceMember(node.object, node.name, frame);
  return value === undefined ? undefined : { value, node: node.object, origins: NO_ORIGINS, property: node };
}

/** Calls that name a value the walk goes on to (see followName, localName). */
const NAMED_VALUE_CALLS = new Set(['parameters', 'variables', 'lambdavariables']);

const NO_SEGMENTS: readonly Segment[] = [];

/** The origins of a value written in place: none, one list shared by the many values read so (never changed). */
const NO_ORIGINS: Origin[] = Object.freeze([]) as readonly Origin[] as Origin[];

/**
 * How many elements the array at `path` has, when it is an array literal reached through object and array
 * literals: known without evaluating the elements. Undefined when only evaluation can tell.
 */
export function writtenLength(expr: Expr, frame: Frame, path: readonly Segment[]): number | undefined {
  const found = literalPath(expr, path);
  // Past the step budget an array evaluates to Unknown unless it is literal data: evaluation decides then.
  if (!(found.whole || found.absent) || frame.env.budget.exhausted) return undefined;
  if (found.absent) return 0;
  return found.node.kind === 'array' ? found.node.items.length : undefined;
}

/** The node that `path` leads to through object and array literals, when it is there (not absent). */
export function writtenNode(expr: Expr, path: readonly Segment[]): Expr | undefined {
  const found = literalPath(expr, path);
  return found.whole ? found.node : undefined;
}

/** How far a path leads through object and array literals. */
interface LiteralStep {
  /** The node reached: the end of the path, the literal that lacks the next member (`absent`), or another kind of node. */
  node: Expr;
  /** How many segments of the path led to `node`. */
  depth: number;
  /** The literal at `node` lacks the member or element the next segment names. */
  absent: boolean;
  /** The whole path led to `node`. */
  whole: boolean;
}

/**
 * Follows `path` through object and array literals: to its end, to the literal that lacks the next member
 * or element (`absent`), or to the first node of another kind on the way.
 */
function literalPath(expr: Expr, path: readonly Segment[]): LiteralStep {
  let node = expr;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const next =
      node.kind === 'object' && typeof segment === 'string' ? objectProp(node, segment)?.value : node.kind === 'array' && typeof segment === 'number' ? node.items[segment] : null;
    if (next === null) return { node, depth: i, absent: false, whole: false };
    if (next === undefined) return { node, depth: i, absent: true, whole: false };
    node = next;
  }
  return { node, depth: path.length, absent: false, whole: true };
}

/** The state of a walk down a path; `stepThroughCall` moves it through a function call. */
export class Walk {
  readonly origins: Origin[] = [];
  /** The loop variables the walk started with, copied into `loops` and `indexes` when those are first used. */
  private readonly loop?: LoopVariables;
  private loopItems?: Map<string, LoopBinding>;
  private loopIndexes?: Map<string, LoopBinding>;
  /** The resource's ARM `copy` loop, which `copyIndex()` and `copyIndex('its name')` count. */
  private copy?: CopyIteration;
  /** `reduce()` accumulators in scope: how to go back to the value they hold (made when a reduce() is met). */
  accumulators?: Map<string, () => void>;
  rest: Segment[];
  private primary: Expr;
  /** The last property of the declaration on the way (where the value is used), before any name was followed. */
  private usedAt: Expr;
  /** Set once the walk goes into the collection a loop walks: its elements are not where the value is used. */
  private inCollection = false;

  /** `from`: the walk starts at `node`, reached through the first `from` segments of `path`. */
  constructor(
    public node: Expr,
    public frame: Frame,
    path: readonly Segment[],
    readonly resolver: SourceResolver,
    loop?: LoopVariables,
    from = 0,
  ) {
    this.loop = loop;
    this.copy = loop?.copy;
    this.rest = path.slice(from);
    this.primary = node;
    this.usedAt = node;
  }

  /** Loop and lambda item variables in scope, made when first used: most walks meet none. */
  get loops(): Map<string, LoopBinding> {
    return (this.loopItems ??= new Map(this.loop?.items));
  }

  /** Loop index variables in scope (whose value is the element's index). */
  get indexes(): Map<string, LoopBinding> {
    return (this.loopIndexes ??= new Map(this.loop?.indexes));
  }

  /** A loop (or lambda) picked element `element` of the collection written at `span`. */
  passage(at: Expr, element: number | string): void {
    this.through(at, loopOrigin(element));
  }

  /** The walk goes into the collection a loop or lambda walks: its elements are not where the value is used. */
  intoCollection(): void {
    this.inCollection = true;
  }

  /** A place the value passed through; one met twice (a loop's body frame, then its variable) is listed once. */
  through(at: Expr, description: string): void {
    if (!this.origins.some((o) => o.passage && o.description === description && o.at === at)) this.origins.push(originAt(at, { description, passage: true }));
  }

  /** Walks on from `expr` in `frame`. */
  moveTo(expr: Expr, frame = this.frame): void {
    this.node = expr;
    this.frame = frame;
  }

  /**
   * Walks until the value's writer is reached ('done'), the path leads to nothing ('absent'), or, when not
   * `throughCalls`, a function call or conditional is met that could be seen through ('call').
   */
  run(throughCalls: boolean): 'done' | 'absent' | 'call' {
    // Bounded: each step consumes a path segment, follows a name, or goes into an argument; names are finite.
    for (let guard = 0; guard < 256; guard++) {
      const node = this.node;
      const hop = followName(node, this.frame, this.resolver);
      if (hop) {
        this.origins.push(originWorded(hop.expr, hop));
        this.moveTo(hop.expr, hop.frame);
        for (const [name, binding] of hop.loop?.items ?? []) this.loops.set(name, binding);
        for (const [name, binding] of hop.loop?.indexes ?? []) this.indexes.set(name, binding);
        if (hop.loop) this.copy = hop.loop.copy;
        continue;
      }
      if (this.followLocal()) continue;
      if (node.kind === 'member' || node.kind === 'index') {
        const key = node.kind === 'member' ? node.name : evaluate(node.index, this.frame);
        if (typeof key === 'string' || typeof key === 'number') {
          if (node.kind === 'index' && typeof key === 'number') this.pickedByLoop(node.index, key);
          this.rest = ([key] as Segment[]).concat(this.rest);
          this.node = node.object;
          continue;
        }
      }
      if (mayStepThrough(node, this.rest)) {
        if (!throughCalls) return 'call';
        if (stepThroughCall(this)) continue;
      }
      if (this.rest.length === 0) return 'done';
      // Indexing rather than destructuring: a destructuring goes through an iterator until the code is optimised.
      const head = this.rest[0];
      if (node.kind === 'copy' && typeof head === 'number') {
        this.passage(node.count, head);
        this.frame = this.frame.withCopyIndex([node.name], head);
        this.node = node.input;
        this.rest = this.rest.slice(1);
        continue;
      }
      if (node.kind === 'for' && typeof head === 'number') {
        const element = forElement(node, this.frame, head);
        if (!element) return 'done';
        this.passage(node.iterable, element.index);
        const binding = { iterable: node.iterable, frame: this.frame, index: element.index };
        if (node.itemVar) this.loops.set(node.itemVar, binding);
        if (node.indexVar) this.indexes.set(node.indexVar, binding);
        this.moveTo(node.body, element.frame);
        this.rest = this.rest.slice(1);
        continue;
      }
      const member = node.kind === 'object' && typeof head === 'string' ? objectProp(node, head)?.value : node.kind === 'array' && typeof head === 'number' ? node.items[head] : undefined;
      if (member) {
        this.node = member;
        this.rest = this.rest.slice(1);
        if (!this.origins.length) this.primary = member;
        if (this.inDeclaration()) this.usedAt = member;
        continue;
      }
      return (node.kind === 'object' && typeof head === 'string') || (node.kind === 'array' && typeof head === 'number') ? 'absent' : 'done';
    }
    return 'done';
  }

  /** A loop, lambda or accumulator variable: the walk goes back into what it holds. */
  private followLocal(): boolean {
    const name = localName(this.node);
    if (name === undefined || this.frame.local(name) === undefined) return false;
    const back = this.accumulators?.get(name);
    if (back) {
      back();
      return true;
    }
    const binding = this.loops.get(name);
    if (!binding) return false;
    this.passage(binding.iterable, binding.index);
    this.inCollection = true;
    this.rest = ([binding.index] as Segment[]).concat(this.rest);
    this.moveTo(binding.iterable, binding.frame);
    return true;
  }

  /** `list[copyIndex()]`, `list[i]` with `i` a loop's or lambda's index or a `range()` item (ARM: `lambdaVariables('i')`): an element picked by a loop. */
  private pickedByLoop(by: Expr, key: number): void {
    const name = localName(by);
    const bound = name !== undefined ? (this.loops.get(name) ?? this.indexes.get(name)) : undefined;
    if (by.kind === 'call' && by.name.toLowerCase() === 'copyindex') {
      if (this.copy && countsResourceLoop(by, this.copy)) this.passage(this.copy.count, this.copy.index);
      this.passage(by, key);
    }
    else if (bound) this.passage(bound.iterable, key);
    if (bound || by.kind === 'call') this.inCollection = true;
  }

  private inDeclaration(): boolean {
    return !this.inCollection && !this.origins.some((o) => !o.passage);
  }

  /** The value where the walk stopped, read along the rest of the path. */
  value(): Value | undefined {
    const head = this.rest[0];
    // `pip.id`, `vnet.name`: read without evaluating the resource's whole view.
    const direct = typeof head === 'string' ? resourceMember(this.node, head, this.frame) : undefined;
    let value: Value | undefined = direct !== undefined ? direct : evaluate(this.node, this.frame);
    for (let i = direct === undefined ? 0 : 1; i < this.rest.length; i++) {
      const key = this.rest[i];
      if (value instanceof Unknown) break;
      value = key === ID_NAME ? lastName(value) : indexValue(value, key, true);
      if (value === null) return undefined;
    }
    return value ?? undefined;
  }

  /**
   * The located value. When it was written away from the property that uses it (a parameter, a variable,
   * an element picked by a loop, a branch of a condition), the finding goes where it was written, and the
   * property becomes the first related location.
   */
  located(value: Value | undefined): Located {
    if (value === undefined && this.rest.length) return { value, node: this.origins.length ? this.primary : this.node, origins: this.origins, property: this.usedAt };
    // Spans are not read here: locating a JSON node costs a parse, and most values are never reported.
    const usedElsewhere = this.inCollection || this.origins.some((o) => !o.passage);
    const origins = usedElsewhere && this.node !== this.usedAt ? [originAt(this.usedAt, { description: USED_HERE, passage: true }), ...this.origins] : this.origins;
    return { value, node: this.node, origins: withWriter(origins, this.node), property: this.usedAt };
  }
}

/** `copyIndex()`, `copyIndex(1)` or `copyIndex('loop', …)` naming the resource's own loop (not a property or variable copy). */
function countsResourceLoop(call: Expr & { kind: 'call' }, copy: CopyIteration): boolean {
  const first = call.args[0];
  return first?.kind !== 'literal' || typeof first.value !== 'string' || first.value.toLowerCase() === copy.name.toLowerCase();
}

function localName(node: Expr): string | undefined {
  if (node.kind === 'symbol' && !node.path) return node.name;
  // ARM lambdas name their parameters with lambdaVariables('x'); they are bound as `@lambda:x` too.
  if (node.kind === 'call' && node.name === 'lambdavariables' && node.args[0]?.kind === 'literal') return String(node.args[0].value);
  return undefined;
}


/** The last segment of a resource id (`GatewaySubnet` of `…/virtualNetworks/vnet/subnets/GatewaySubnet`). */
function lastName(id: Value): Value {
  if (typeof id !== 'string') return new Unknown('not a resource id');
  return id.slice(id.lastIndexOf('/') + 1);
}

/** The element a `[for …]` produces at `position` (after its filter): the collection's index and the body's frame. */
function forElement(loop: ForExpr, frame: Frame, position: number): { index: number; frame: Frame } | undefined {
  const items = loopItems(evaluate(loop.iterable, frame));
  if (items instanceof Unknown) return undefined;
  let kept = -1;
  for (let i = 0; i < items.length; i++) {
    const local = frame.withLocals(forLocals(loop.itemVar, loop.indexVar, items[i], i));
    if (loop.filter && evaluate(loop.filter, local) !== true) continue;
    if (++kept === position) return { index: i, frame: local };
  }
  return undefined;
}

/** The last origin, when it wrote the value, is narrowed to the node that wrote it (a property inside a default object…). */
function withWriter(origins: Origin[], writer: Expr): Origin[] {
  const last = origins[origins.length - 1];
  if (!last || last.passage) return origins;
  return [...origins.slice(0, -1), originWorded(writer, last)];
}

function followName(node: Expr, frame: Frame, resolver: SourceResolver): ValueSource | undefined {
  if (node.kind === 'call' && (node.name === 'parameters' || node.name === 'variables') && node.args.length === 1 && !node.namespace) {
    const name = evaluate(node.args[0], frame);
    if (typeof name !== 'string') return undefined;
    if (frame.local(`@param:${name.toLowerCase()}`) !== undefined) return undefined;
    return node.name === 'parameters' ? resolver.parameterSource(frame, name) : resolver.variableSource(frame, name);
  }
  if (node.kind === 'symbol' && !node.path && frame.local(node.name) === undefined) return resolver.symbolSource(frame, node.name);
  return undefined;
}
