import type { CallExpr, Expr, InterpolationExpr, SymbolExpr } from '../expr/ast.js';
import { subExpressions } from '../expr/ast.js';
import { callLambda, deepEqual, evaluate } from '../expr/evaluate.js';
import type { Frame } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { LambdaValue, Unknown, getProperty, isObjectValue } from '../expr/value.js';
import type { LoopBinding, Segment, ValueSource, Walk } from './locate.js';
import { originWorded } from './locate.js';
import { chosenBy } from './wording.js';

/** A path segment that stands for the last name of a resource id (`GatewaySubnet` of `…/subnets/GatewaySubnet`). */
export const ID_NAME: unique symbol = Symbol('the last name of a resource id');

/*
 * How a located value is followed through function calls and conditionals to the argument that supplies
 * it: `if()` and `?:` (the chosen branch), `coalesce()` and `??`, `first()`, `last()`, `skip()`, `take()`,
 * `union()`, `concat()`, spread, `items()`, the lambda functions,
 * module and nested deployment outputs, and the name at the end of a resource id. Each step evaluates
 * arguments again, so it runs only when a finding's location is read.
 */

type Step = (walk: Walk, call: CallExpr) => boolean;

/** True when `stepThroughCall` may move the walk on from `node`. */
export function mayStepThrough(node: Expr, rest: readonly Segment[]): boolean {
  switch (node.kind) {
    case 'ternary':
      return true;
    case 'binary':
      return node.op === '??';
    case 'interpolation':
      return rest[0] === ID_NAME;
    case 'symbol':
      return !node.path && (rest[0] === 'outputs' || rest[1] === 'outputs');
    case 'call':
      if (!isBuiltin(node) || !Object.hasOwn(STEPS, node.name)) return false;
      // The chosen branch, the accumulator and the element picked carry the whole value; the others a member, an element or an id's name.
      if (WHOLE_VALUE_STEPS.has(node.name)) return true;
      return rest.length > 0 && (!NAME_STEPS.has(node.name) || rest[0] === ID_NAME);
    default:
      return false;
  }
}

/** Steps that lead to the whole value, not only to a member or element of it. */
const WHOLE_VALUE_STEPS = new Set(['if', 'reduce', 'coalesce', 'first', 'last']);

/** Steps that only find the name at the end of a resource id. */
const NAME_STEPS = new Set(['format', 'resourceid', 'subscriptionresourceid', 'tenantresourceid', 'extensionresourceid', 'managementgroupresourceid']);

/** Moves the walk into the argument, branch, lambda body or module output that supplies the value; false when it cannot tell. */
export function stepThroughCall(walk: Walk): boolean {
  const node = walk.node;
  switch (node.kind) {
    case 'ternary':
      return choose(walk, node.condition, node.whenTrue, node.whenFalse);
    case 'binary':
      return node.op === '??' && firstNotNull(walk, [node.left, node.right]);
    case 'interpolation':
      return idNameOfInterpolation(walk, node);
    case 'symbol':
      return moduleOutput(walk, node);
    case 'call':
      return isBuiltin(node) && Object.hasOwn(STEPS, node.name) ? STEPS[node.name](walk, node) : false;
    default:
      return false;
  }
}

function isBuiltin(call: CallExpr): boolean {
  return call.namespace === undefined || call.namespace === 'az' || call.namespace === 'sys';
}

const idName: Step = (walk, call) => {
  if (walk.rest[0] !== ID_NAME || !call.args.length) return false;
  walk.moveTo(call.args[call.args.length - 1]);
  walk.rest = walk.rest.slice(1);
  return true;
};

const STEPS: Record<string, Step> = {
  if: (walk, call) => call.args.length === 3 && choose(walk, call.args[0], call.args[1], call.args[2]),
  coalesce: (walk, call) => firstNotNull(walk, call.args),
  first: (walk, call) => elementAt(walk, call, () => 0),
  last: (walk, call) => elementAt(walk, call, (list) => list.length - 1),
  skip: skipStep,
  take: takeStep,
  createarray: createArray,
  createobject: createObject,
  union,
  concat,
  flatten,
  shallowmerge: shallowMerge,
  items,
  map: mapStep,
  filter: filterStep,
  sort: sortStep,
  reduce: reduceStep,
  toobject: toObjectStep,
  mapvalues: mapValuesStep,
  groupby: groupByStep,
  reference: referenceOutput,
  format: formatIdName,
  resourceid: idName,
  subscriptionresourceid: idName,
  tenantresourceid: idName,
  extensionresourceid: idName,
  managementgroupresourceid: idName,
};

/** `if(c, a, b)` and `c ? a : b`: the branch the condition chose, with the condition as a place passed through. */
function choose(walk: Walk, condition: Expr, whenTrue: Expr, whenFalse: Expr): boolean {
  const c = evaluate(condition, walk.frame);
  if (c instanceof Unknown) return false;
  walk.through(condition, chosenBy(namesIn(condition, walk), c === true));
  walk.moveTo(c === true ? whenTrue : whenFalse);
  return true;
}

/** The parameters and variables a condition reads, as messages name them (at most two, in order). */
function namesIn(condition: Expr, walk: Walk): string[] {
  const names: string[] = [];
  const stack: Expr[] = [condition];
  for (let visited = 0; stack.length && visited < 64 && names.length < 2; visited++) {
    const e = stack.pop()!;
    let name: string | undefined;
    if (e.kind === 'call' && (e.name === 'parameters' || e.name === 'variables') && e.args[0]?.kind === 'literal')
      name = `${e.name === 'parameters' ? 'parameter' : 'variable'} '${String(e.args[0].value)}'`;
    else if (e.kind === 'symbol' && !e.path && walk.frame.local(e.name) === undefined) {
      const kind = walk.resolver.symbolKind(walk.frame, e.name);
      if (kind) name = `${kind} '${e.name}'`;
    } else {
      // Children in reverse onto the stack, so they are read in order; the node's own arrays are never reordered.
      const next = subExpressions(e);
      for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]);
    }
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

function argValues(walk: Walk, call: CallExpr): Value[] {
  return call.args.map((a) => evaluate(a, walk.frame));
}

/** Walks on into argument `arg`, at `path` inside it. */
function into(walk: Walk, arg: Expr, path: Segment[]): true {
  walk.moveTo(arg);
  walk.rest = path;
  return true;
}

/** Walks on into element `index` of the collection argument `arg`, which a loop or lambda picked. */
function intoElement(walk: Walk, arg: Expr, index: number, tail: Segment[]): true {
  walk.passage(arg, index);
  walk.intoCollection();
  return into(walk, arg, [index, ...tail]);
}

/** `coalesce(a, b, …)` and `a ?? b`: the first argument that is not null (none when one before it is unknown). */
function firstNotNull(walk: Walk, args: readonly Expr[]): boolean {
  for (const arg of args) {
    const v = evaluate(arg, walk.frame);
    if (v instanceof Unknown) return false;
    if (v !== null) {
      walk.moveTo(arg);
      return true;
    }
  }
  return false;
}

/** `first(list)`, `last(list)`: the element of the array argument at the position `pick` gives. */
function elementAt(walk: Walk, call: CallExpr, pick: (list: Value[]) => number): boolean {
  const list = call.args.length === 1 ? evaluate(call.args[0], walk.frame) : undefined;
  return Array.isArray(list) && list.length > 0 && into(walk, call.args[0], [pick(list), ...walk.rest]);
}

/** `skip(list, n)[i]`: element `n + i` of the array. */
function skipStep(walk: Walk, call: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  const [list, count] = argValues(walk, call);
  if (typeof head !== 'number' || !Array.isArray(list) || typeof count !== 'number') return false;
  return into(walk, call.args[0], [Math.max(0, count) + head, ...tail]);
}

/** `take(list, n)[i]`: element `i` of the array. */
function takeStep(walk: Walk, call: CallExpr): boolean {
  const [head] = walk.rest;
  const [list, count] = argValues(walk, call);
  return typeof head === 'number' && Array.isArray(list) && typeof count === 'number' && head < count && into(walk, call.args[0], walk.rest);
}

/** `createArray(a, b)`: the argument at the position. */
function createArray(walk: Walk, call: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  const arg = typeof head === 'number' ? call.args[head] : undefined;
  return arg !== undefined && into(walk, arg, tail);
}

/** `createObject('k', v, …)`: the value after the key (the last one, when a key is written twice). */
function createObject(walk: Walk, call: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  if (typeof head !== 'string') return false;
  for (let i = call.args.length - 2; i >= 0; i -= 2) {
    const key = evaluate(call.args[i], walk.frame);
    if (typeof key === 'string' && key.toLowerCase() === head.toLowerCase()) return into(walk, call.args[i + 1], tail);
  }
  return false;
}

/** `union()` of arrays (the first of equal elements is kept) or of objects (the last argument that has the member supplies it). */
function union(walk: Walk, call: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  const values = argValues(walk, call);
  if (typeof head === 'number' && values.every(Array.isArray)) {
    const kept: Value[] = [];
    const keys = new Set<string>();
    for (let a = 0; a < values.length; a++)
      for (let j = 0; j < (values[a] as Value[]).length; j++) {
        const v = (values[a] as Value[])[j];
        if (v instanceof Unknown) return false;
        const key = typeof v === 'object' && v !== null ? undefined : JSON.stringify(v);
        if (key !== undefined ? keys.has(key) : kept.some((k) => deepEqual(k, v, false))) continue;
        if (kept.length + keys.size === head) return into(walk, call.args[a], [j, ...tail]);
        if (key !== undefined) keys.add(key);
        else kept.push(v);
      }
    return false;
  }
  if (typeof head === 'string' && values.every(isObjectValue))
    for (let a = values.length - 1; a >= 0; a--) if (resolves(values[a], walk.rest)) return into(walk, call.args[a], walk.rest);
  return false;
}

/** Whether `value` has something at `path` (a resource id's name counts as there). */
function resolves(value: Value, path: readonly Segment[]): boolean {
  let v: Value | undefined = value;
  for (const key of path) {
    if (key === ID_NAME) return typeof v === 'string';
    if (typeof key === 'number') v = Array.isArray(v) ? v[key] : undefined;
    else v = isObjectValue(v) ? getProperty(v, key) : undefined;
    if (v === undefined) return false;
  }
  return true;
}

/** `concat()` of arrays: the argument that holds the element. Of strings, only a resource id's last name is followed. */
function concat(walk: Walk, call: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  if (head === ID_NAME) return idNameOfPieces(walk, call.args);
  if (typeof head !== 'number') return false;
  const at = elementOf(argValues(walk, call), head);
  return at !== undefined && into(walk, call.args[at.part], [at.index, ...tail]);
}

/** Which part of a list of arrays holds element `position` of their concatenation. */
function elementOf(parts: readonly Value[], position: number): { part: number; index: number } | undefined {
  let offset = 0;
  for (let part = 0; part < parts.length; part++) {
    const p = parts[part];
    if (!Array.isArray(p)) return undefined;
    if (position < offset + p.length) return { part, index: position - offset };
    offset += p.length;
  }
  return undefined;
}

/** Bicep array spread, lowered as `flatten([[…], spread, […]])`. */
function flatten(walk: Walk, call: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  if (typeof head !== 'number' || call.args.length !== 1) return false;
  const parts = evaluate(call.args[0], walk.frame);
  const at = Array.isArray(parts) ? elementOf(parts, head) : undefined;
  return at !== undefined && into(walk, call.args[0], [at.part, at.index, ...tail]);
}

/** Bicep object spread, lowered as `shallowMerge([{…}, spread, {…}])`: later members win. */
function shallowMerge(walk: Walk, call: CallExpr): boolean {
  const [head] = walk.rest;
  if (typeof head !== 'string' || call.args.length !== 1) return false;
  const parts = evaluate(call.args[0], walk.frame);
  if (!Array.isArray(parts)) return false;
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i];
    if (!isObjectValue(part)) return false;
    if (getProperty(part, head) !== undefined) return into(walk, call.args[0], [i, ...walk.rest]);
  }
  return false;
}

/** `items(obj)[i].value`: member `key` of the object. */
function items(walk: Walk, call: CallExpr): boolean {
  const [head, field, ...tail] = walk.rest;
  if (typeof head !== 'number' || field !== 'value' || call.args.length !== 1) return false;
  const entries = evaluate(call, walk.frame);
  const entry = Array.isArray(entries) ? entries[head] : undefined;
  const key = isObjectValue(entry) ? entry.key : undefined;
  return typeof key === 'string' && into(walk, call.args[0], [key, ...tail]);
}

/** A lambda written inline: Bicep `x => …` or ARM `lambda('x', …)`. */
function lambdaOf(e: Expr | undefined): Lambda | undefined {
  if (e?.kind === 'lambda') return { params: e.params, body: e.body };
  if (e?.kind === 'call' && e.name === 'lambda' && e.args.length >= 1 && e.args.slice(0, -1).every((a) => a.kind === 'literal'))
    return { params: e.args.slice(0, -1).map((a) => String((a as { value: unknown }).value)), body: e.args[e.args.length - 1] };
  return undefined;
}

/** Calls a lambda as the evaluator does, for the walk to tell which element a lambda function kept. */
function call(lambda: Lambda, frame: Frame, args: Value[]): Value {
  return callLambda(new LambdaValue(lambda.params, lambda.body, frame), args);
}

type Lambda = { params: string[]; body: Expr };

/**
 * Walks into a lambda's body as called from `frame` with `args`; the parameter at `element` holds element
 * `index` (or member `index`) of the collection `arg`, so the walk can go back into it.
 */
function intoBody(walk: Walk, lambda: Lambda, frame: Frame, arg: Expr, index: number | string, args: Value[], element: 0 | 1 = 0): void {
  const locals: Record<string, Value> = {};
  lambda.params.forEach((p, i) => {
    locals[p] = args[i] ?? null;
    locals[`@lambda:${p}`] = args[i] ?? null;
  });
  const binding: LoopBinding = { iterable: arg, frame, index };
  if (lambda.params[element]) walk.loops.set(lambda.params[element], binding);
  if (element === 0 && lambda.params[1] && typeof index === 'number') walk.indexes.set(lambda.params[1], binding);
  walk.moveTo(lambda.body, frame.withLocals(locals));
}

/** intoBody for the lambda of map(), toObject() and mapValues(), whose result's member is the body's value. */
function intoMapped(walk: Walk, lambda: Lambda, arg: Expr, index: number | string, args: Value[]): true {
  intoBody(walk, lambda, walk.frame, arg, index, args);
  walk.rest = walk.rest.slice(1);
  return true;
}

/** The array argument of a lambda function and its lambda, when both are known. */
function arrayAndLambda(walk: Walk, c: CallExpr, lambdaArg: number): { list: Value[]; lambda: Lambda } | undefined {
  const list = c.args[0] && evaluate(c.args[0], walk.frame);
  const lambda = lambdaOf(c.args[lambdaArg]);
  return Array.isArray(list) && lambda ? { list, lambda } : undefined;
}

function mapStep(walk: Walk, c: CallExpr): boolean {
  const [head] = walk.rest;
  const found = typeof head === 'number' ? arrayAndLambda(walk, c, 1) : undefined;
  if (!found || typeof head !== 'number' || head >= found.list.length) return false;
  return intoMapped(walk, found.lambda, c.args[0], head, [found.list[head], head]);
}

/** The indices of the elements a predicate keeps, or undefined when one is unknown. */
function keptBy(walk: Walk, found: { list: Value[]; lambda: Lambda }): number[] | undefined {
  const kept: number[] = [];
  for (let i = 0; i < found.list.length; i++) {
    const keep = call(found.lambda, walk.frame, [found.list[i], i]);
    if (typeof keep !== 'boolean') return undefined;
    if (keep) kept.push(i);
  }
  return kept;
}

function filterStep(walk: Walk, c: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  const found = typeof head === 'number' ? arrayAndLambda(walk, c, 1) : undefined;
  const kept = found && keptBy(walk, found);
  const index = kept && typeof head === 'number' ? kept[head] : undefined;
  return index !== undefined && intoElement(walk, c.args[0], index, tail);
}

function sortStep(walk: Walk, c: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  const found = typeof head === 'number' ? arrayAndLambda(walk, c, 1) : undefined;
  if (!found || typeof head !== 'number') return false;
  let unknown = false;
  const before = (a: number, b: number) => {
    const v = call(found.lambda, walk.frame, [found.list[a], found.list[b]]);
    if (typeof v !== 'boolean') unknown = true;
    return v === true;
  };
  // A stable sort by the same comparison orders the indices as the evaluator's merge sort orders the elements.
  const order = found.list.map((_, i) => i).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  return !unknown && head < order.length && intoElement(walk, c.args[0], order[head], tail);
}

/** `reduce(list, initial, (acc, x) => …)`: the last call's body; its accumulator leads back to the call before. */
function reduceStep(walk: Walk, c: CallExpr): boolean {
  const found = arrayAndLambda(walk, c, 2);
  if (!found || !c.args[1]) return false;
  const { list, lambda } = found;
  const frame = walk.frame;
  const accumulators: Value[] = [evaluate(c.args[1], frame)];
  for (let i = 0; i < list.length; i++) accumulators.push(call(lambda, frame, [accumulators[i], list[i], i]));
  const step = (i: number): void => {
    if (i < 0) return walk.moveTo(c.args[1], frame);
    intoBody(walk, lambda, frame, c.args[0], i, [accumulators[i], list[i], i], 1);
    if (lambda.params[0]) (walk.accumulators ??= new Map()).set(lambda.params[0], () => step(i - 1));
  };
  step(list.length - 1);
  return true;
}

/** The string keys a key lambda gives each element, or undefined when one is not a known string. */
function keysBy(walk: Walk, found: { list: Value[]; lambda: Lambda }): string[] | undefined {
  const keys: string[] = [];
  for (let i = 0; i < found.list.length; i++) {
    const k = call(found.lambda, walk.frame, [found.list[i], i]);
    if (typeof k !== 'string') return undefined;
    keys.push(k);
  }
  return keys;
}

function toObjectStep(walk: Walk, c: CallExpr): boolean {
  const [head, ...tail] = walk.rest;
  const found = typeof head === 'string' ? arrayAndLambda(walk, c, 1) : undefined;
  const keys = found && keysBy(walk, found);
  // Later elements with the same key win.
  const index = keys ? keys.lastIndexOf(head as string) : -1;
  if (!found || index < 0) return false;
  const valueLambda = lambdaOf(c.args[2]);
  if (valueLambda) return intoMapped(walk, valueLambda, c.args[0], index, [found.list[index], index]);
  return c.args.length < 3 && intoElement(walk, c.args[0], index, tail);
}

function mapValuesStep(walk: Walk, c: CallExpr): boolean {
  const [head] = walk.rest;
  const obj = c.args[0] && evaluate(c.args[0], walk.frame);
  const lambda = lambdaOf(c.args[1]);
  if (typeof head !== 'string' || !isObjectValue(obj) || !lambda) return false;
  const keys = Object.keys(obj);
  const key = keys.find((k) => k === head) ?? keys.find((k) => k.toLowerCase() === head.toLowerCase());
  return key !== undefined && intoMapped(walk, lambda, c.args[0], key, [obj[key], keys.indexOf(key)]);
}

function groupByStep(walk: Walk, c: CallExpr): boolean {
  const [head, position, ...tail] = walk.rest;
  const found = typeof head === 'string' && typeof position === 'number' ? arrayAndLambda(walk, c, 1) : undefined;
  const keys = found && keysBy(walk, found);
  if (!keys) return false;
  const members = keys.flatMap((k, i) => (k === head ? [i] : []));
  const index = members[position as number];
  return index !== undefined && intoElement(walk, c.args[0], index, tail);
}

/** `reference(deployment).outputs.x.value`: the output of a nested deployment or linked template. */
function referenceOutput(walk: Walk, c: CallExpr): boolean {
  const [outputs, name, value, ...tail] = walk.rest;
  if (outputs !== 'outputs' || typeof name !== 'string' || value !== 'value' || !c.args[0]) return false;
  const source = walk.resolver.outputSource(walk.frame, { reference: evaluate(c.args[0], walk.frame) }, name);
  return source !== undefined && intoOutput(walk, source, tail);
}

/** `net.outputs.x` or `nets[1].outputs.x` of a Bicep module. */
function moduleOutput(walk: Walk, symbol: SymbolExpr): boolean {
  if (walk.frame.local(symbol.name) !== undefined) return false;
  const looped = typeof walk.rest[0] === 'number';
  const [outputs, name, ...tail] = looped ? walk.rest.slice(1) : walk.rest;
  if (outputs !== 'outputs' || typeof name !== 'string') return false;
  const source = walk.resolver.outputSource(walk.frame, { symbol: symbol.name, index: looped ? (walk.rest[0] as number) : undefined }, name);
  return source !== undefined && intoOutput(walk, source, tail);
}

function intoOutput(walk: Walk, source: ValueSource, tail: Segment[]): true {
  walk.origins.push(originWorded(source.expr, source));
  walk.moveTo(source.expr, source.frame);
  walk.rest = tail;
  return true;
}

/** `format('{0}/subnets/{1}', vnetId, name)`: the argument that ends a resource id. */
function formatIdName(walk: Walk, c: CallExpr): boolean {
  const template = c.args[0]?.kind === 'literal' ? c.args[0].value : undefined;
  const item = walk.rest[0] === ID_NAME && typeof template === 'string' ? /\/\{(\d+)\}$/.exec(template) : null;
  const arg = item ? c.args[Number(item[1]) + 1] : undefined;
  return arg !== undefined && into(walk, arg, walk.rest.slice(1));
}

/** `concat(vnetId, '/subnets/', name)`: the last piece, when the text before it ends a segment. */
function idNameOfPieces(walk: Walk, pieces: readonly (string | Expr)[]): boolean {
  const last = pieces[pieces.length - 1];
  if (last === undefined || typeof last === 'string') return false;
  if (last.kind === 'literal') return into(walk, last, walk.rest);
  const before = pieces[pieces.length - 2];
  const text = typeof before === 'string' ? before : before?.kind === 'literal' ? before.value : undefined;
  return typeof text === 'string' && text.endsWith('/') && into(walk, last, walk.rest.slice(1));
}

function idNameOfInterpolation(walk: Walk, node: InterpolationExpr): boolean {
  return idNameOfPieces(walk, node.parts);
}
