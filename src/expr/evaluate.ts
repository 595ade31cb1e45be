import type { BinaryExpr, CallExpr, CopyExpr, Expr, ForExpr, InterpolationExpr } from './ast.js';
import { templateFunctions } from './functions/index.js';
import type { FunctionContext } from './functions/types.js';
import { Frame } from './scope.js';
import type { ObjectValue, Value } from './value.js';
import { LambdaValue, Unknown, evalError, expandedSize, getProperty, isObjectValue, joinStrings, typeName, unknown } from './value.js';

const LIMIT = new Unknown('evaluation limit reached');

/** Evaluates an expression to a Value. Never throws: failures are Unknown, limits are recorded in the budget. */
export function evaluate(e: Expr, frame: Frame): Value {
  // A literal costs nothing to read: values written as they are stay known after the budget is spent,
  // so a file's findings on them still come out.
  if (e.kind === 'literal') return e.value;
  const budget = frame.env.budget;
  const outer = budget.current;
  budget.current = e;
  // Past the step budget nothing is computed, but data written as it is (arrays and objects of literals)
  // is still read: one expensive expression must not hide the findings on the rest of the file.
  if (!budget.charge(1)) {
    budget.current = outer;
    return literalData(e) ?? LIMIT;
  }
  if (budget.depthNow >= budget.limits.depth) {
    budget.hit('depth', `expressions nested deeper than ${budget.limits.depth} levels were not evaluated`);
    budget.current = outer;
    return LIMIT;
  }
  budget.depthNow++;
  try {
    const v = evaluateNode(e, frame);
    // Every walk over a value (secrets, subnet references, equality, text) is bounded by its expanded size.
    if (typeof v === 'object' && v !== null && expandedSize(v, budget.limits.maxLength) > budget.limits.maxLength) {
      budget.hit('length', `a value holding more than ${budget.limits.maxLength} items (shared parts counted each time) exceeds the limit`);
      return LIMIT;
    }
    return v;
  } finally {
    budget.depthNow--;
    budget.current = outer;
  }
}

/** The value of an array or object written only with literals (nested up to 64 levels), else undefined. */
function literalData(e: Expr, depth = 0): Value | undefined {
  if (e.kind === 'literal') return e.value;
  if (depth > 64) return undefined;
  if (e.kind === 'array') {
    const out: Value[] = [];
    for (const item of e.items) {
      const v = literalData(item, depth + 1);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  if (e.kind === 'object') {
    const out: ObjectValue = {};
    for (const p of e.props) {
      const v = literalData(p.value, depth + 1);
      if (v === undefined) return undefined;
      out[p.key] = v;
    }
    return out;
  }
  return undefined;
}

function evaluateNode(e: Expr, frame: Frame): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'object': {
      const out: ObjectValue = {};
      for (const p of e.props) out[p.key] = evaluate(p.value, frame);
      return out;
    }
    case 'array':
      return e.items.map((i) => evaluate(i, frame));
    case 'call':
      return evaluateCall(e, frame);
    case 'member': {
      const direct = resourceMember(e.object, e.name, frame);
      return direct !== undefined ? direct : member(evaluate(e.object, frame), e.name, e.optional);
    }
    case 'index':
      return index(evaluate(e.object, frame), evaluate(e.index, frame), e.optional);
    case 'symbol': {
      const local = e.path ? undefined : frame.local(e.name);
      if (local !== undefined) return local;
      return frame.env.symbol(e.name, e.path) ?? unknown(`'${e.name}' is not declared in this file`);
    }
    case 'unary': {
      const v = evaluate(e.operand, frame);
      if (e.op === 'nonNull' || v instanceof Unknown) return v;
      if (e.op === '!') return typeof v === 'boolean' ? !v : evalError(`'!' needs a bool, got ${typeName(v)}`);
      return typeof v === 'number' ? -v : evalError(`'-' needs an int, got ${typeName(v)}`);
    }
    case 'binary':
      return evaluateBinary(e, frame);
    case 'ternary': {
      const c = evaluate(e.condition, frame);
      if (c instanceof Unknown) return c;
      return evaluate(c === true ? e.whenTrue : e.whenFalse, frame);
    }
    case 'interpolation':
      return interpolate(e, frame);
    case 'lambda':
      return new LambdaValue(e.params, e.body, frame);
    case 'for':
      return evaluateFor(e, frame);
    case 'copy':
      return evaluateCopy(e, frame);
    case 'error':
      return evalError(e.message);
  }
}

/**
 * `object.name` when `object` is a resource symbol and the member does not depend on the resource's body
 * (`vnet.name`, `pip.id`): read without evaluating the resource's whole view. Undefined otherwise.
 */
export function resourceMember(object: Expr, name: string, frame: Frame): Value | undefined {
  if (object.kind !== 'symbol' || (!object.path && frame.local(object.name) !== undefined)) return undefined;
  return frame.env.symbolMember?.(object.name, object.path, name);
}

export function member(obj: Value, name: string, optional?: boolean): Value {
  if (obj instanceof Unknown) return obj.error ? obj : unknown(`'.${name}' of an unknown value`);
  if (obj === null && optional) return null;
  if (isObjectValue(obj)) {
    const v = getProperty(obj, name);
    if (v !== undefined) return v;
    return optional ? null : evalError(`the object has no property '${name}'`);
  }
  return evalError(`cannot read '.${name}' of ${typeName(obj)}`);
}

export function index(obj: Value, key: Value, optional?: boolean): Value {
  if (obj instanceof Unknown) return obj.error ? obj : unknown('index into an unknown value');
  if (key instanceof Unknown) return key;
  if (obj === null && optional) return null;
  if (Array.isArray(obj) && typeof key === 'number') {
    if (key >= 0 && key < obj.length) return obj[key];
    return optional ? null : evalError(`index ${key} is out of range (length ${obj.length})`);
  }
  if (isObjectValue(obj) && typeof key === 'string') return member(obj, key, optional);
  return evalError(`cannot index ${typeName(obj)} with ${typeName(key)}`);
}

/** Functions that see the evaluator's scope or must not evaluate all their arguments. */
const SPECIAL_FORMS: Record<string, (e: CallExpr, frame: Frame) => Value> = {
  parameters: (e, f) => byName(e, f, (name) => f.local(`@param:${name.toLowerCase()}`) ?? f.env.parameter(name)),
  variables: (e, f) => byName(e, f, (name) => f.env.variable(name)),
  copyindex: (e, f) => {
    const args = e.args.map((a) => evaluate(a, f));
    const named = typeof args[0] === 'string';
    const offset = named ? args[1] : args[0];
    const i = f.copyIndex(named ? (args[0] as string) : undefined);
    if (i === undefined) return evalError('copyIndex() is used outside a copy loop');
    if (i instanceof Unknown || offset instanceof Unknown) return UNKNOWN_INDEX;
    return (i as number) + (typeof offset === 'number' ? offset : 0);
  },
  if: (e, f) => {
    if (e.args.length !== 3) return evalError('if() takes 3 arguments');
    const c = evaluate(e.args[0], f);
    if (c instanceof Unknown) return c;
    return evaluate(c === true ? e.args[1] : e.args[2], f);
  },
  and: (e, f) => shortCircuit(e, f, false),
  or: (e, f) => shortCircuit(e, f, true),
  reference: (e, f) => {
    const args = e.args.map((a) => evaluate(a, f));
    const full = args.some((a) => typeof a === 'string' && a.toLowerCase() === 'full');
    return f.env.reference(args[0] ?? null, full);
  },
  references: (e, f) => f.env.references(e.args[0] ? evaluate(e.args[0], f) : null),
  resourcegroup: (_e, f) => ({
    id: joinStrings(['/subscriptions/', f.env.deployment.subscriptionId, '/resourceGroups/', f.env.deployment.resourceGroupName]),
    name: f.env.deployment.resourceGroupName,
    type: 'Microsoft.Resources/resourceGroups',
    location: unknown('the resource group location is known only at deployment'),
    tags: unknown('resource group tags'),
    properties: { provisioningState: 'Succeeded' },
  }),
  subscription: (_e, f) => ({
    id: joinStrings(['/subscriptions/', f.env.deployment.subscriptionId]),
    subscriptionId: f.env.deployment.subscriptionId,
    tenantId: f.env.deployment.tenantId,
    displayName: unknown('subscription name'),
  }),
  tenant: (_e, f) => ({ tenantId: f.env.deployment.tenantId, countryCode: unknown('tenant'), displayName: unknown('tenant') }),
  managementgroup: () => unknown('the management group is known only at deployment'),
  deployment: (_e, f) => {
    const uri = f.env.deployment.templateLinkUri;
    if (!uri) return unknown('deployment() is known only at deployment');
    const runtime = unknown('deployment() is known only at deployment');
    return { name: runtime, location: runtime, properties: { templateLink: { uri, contentVersion: runtime }, template: runtime, parameters: runtime, mode: runtime, provisioningState: runtime } };
  },
  deployer: () => unknown('deployer() is known only at deployment'),
  environment: () => unknown('environment() is known only at deployment'),
  lambda: (e, f) => {
    const names = e.args.slice(0, -1).map((a) => (a.kind === 'literal' ? String(a.value) : ''));
    return new LambdaValue(names, e.args[e.args.length - 1] ?? { kind: 'error', message: 'empty lambda', span: e.span }, f);
  },
  lambdavariables: (e, f) => byName(e, f, (name) => f.local(`@lambda:${name}`) ?? unknown(`lambda variable '${name}'`)),
};

const UNKNOWN_INDEX = new Unknown('the loop index is unknown');

function byName(e: CallExpr, f: Frame, lookup: (name: string) => Value): Value {
  const name = e.args[0] ? evaluate(e.args[0], f) : evalError(`${e.name}() needs a name`);
  if (typeof name !== 'string') return name instanceof Unknown ? name : evalError(`${e.name}() needs a string name`);
  return lookup(name);
}

function shortCircuit(e: CallExpr, f: Frame, stopOn: boolean): Value {
  let sawUnknown: Unknown | undefined;
  for (const a of e.args) {
    const v = evaluate(a, f);
    if (v === stopOn) return stopOn;
    if (v instanceof Unknown) sawUnknown ??= v;
    else if (typeof v !== 'boolean') return evalError(`${e.name}() needs bool arguments, got ${typeName(v)}`);
  }
  return sawUnknown ?? !stopOn;
}

function evaluateCall(e: CallExpr, frame: Frame): Value {
  const ns = e.namespace;
  const builtinNamespace = ns === undefined || ns === 'az' || ns === 'sys';
  if (builtinNamespace) {
    const special = SPECIAL_FORMS[e.name];
    if (special) return special(e, frame);
    if (e.name.startsWith('list')) return unknown(`${e.name}() returns runtime secrets and is never evaluated`);
  }
  const user = frame.env.userFunction(builtinNamespace && ns !== undefined ? undefined : ns, e.name);
  if (user) return callUserFunction(user.params, user.body, e, frame);
  const fn = builtinNamespace ? templateFunctions.get(e.name) : undefined;
  if (!fn) return unknown(`${ns ? ns + '.' : ''}${e.name}() is not evaluated`);
  const args = e.args.map((a) => evaluate(a, frame));
  const result = fn(args, functionContext(frame));
  frame.env.taint?.derive(args, result);
  return result;
}

function callUserFunction(params: string[], body: Expr, e: CallExpr, frame: Frame): Value {
  const locals: Record<string, Value> = {};
  params.forEach((p, i) => {
    const v = e.args[i] ? evaluate(e.args[i], frame) : unknown(`argument '${p}'`);
    locals[p] = v;
    locals[`@param:${p.toLowerCase()}`] = v;
  });
  return evaluate(body, Frame.isolated(frame.env, locals, frame.depth));
}

export function functionContext(frame: Frame): FunctionContext {
  return {
    budget: frame.env.budget,
    deployment: frame.env.deployment,
    callLambda: (fn, args) => callLambda(fn, args),
  };
}

export function callLambda(fn: LambdaValue, args: Value[]): Value {
  const locals: Record<string, Value> = {};
  fn.params.forEach((p, i) => {
    locals[p] = args[i] ?? null;
    locals[`@lambda:${p}`] = args[i] ?? null;
  });
  return evaluate(fn.body, (fn.closure as Frame).withLocals(locals));
}

function evaluateBinary(e: BinaryExpr, frame: Frame): Value {
  const l = evaluate(e.left, frame);
  switch (e.op) {
    case '&&':
    case '||': {
      const stopOn = e.op === '||';
      if (l === stopOn) return stopOn;
      const r = evaluate(e.right, frame);
      if (r === stopOn) return stopOn;
      if (l instanceof Unknown) return l;
      if (r instanceof Unknown) return r;
      return !stopOn;
    }
    case '??':
      if (l instanceof Unknown) return l;
      return l === null ? evaluate(e.right, frame) : l;
  }
  const r = evaluate(e.right, frame);
  if (l instanceof Unknown) return l;
  if (r instanceof Unknown) return r;
  switch (e.op) {
    case '==':
      return deepEqual(l, r, false);
    case '!=':
      return !deepEqual(l, r, false);
    case '=~':
      return deepEqual(l, r, true);
    case '!~':
      return !deepEqual(l, r, true);
  }
  if (typeof l === 'number' && typeof r === 'number') {
    switch (e.op) {
      case '<': return l < r;
      case '<=': return l <= r;
      case '>': return l > r;
      case '>=': return l >= r;
      case '+': return l + r;
      case '-': return l - r;
      case '*': return l * r;
      case '/': return r === 0 ? evalError('division by zero') : Math.trunc(l / r);
      case '%': return r === 0 ? evalError('division by zero') : l % r;
    }
  }
  if (typeof l === 'string' && typeof r === 'string') {
    switch (e.op) {
      case '<': return l < r;
      case '<=': return l <= r;
      case '>': return l > r;
      case '>=': return l >= r;
    }
  }
  return evalError(`'${e.op}' cannot combine ${typeName(l)} and ${typeName(r)}`);
}

export function deepEqual(a: Value, b: Value, ignoreCase: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i], ignoreCase));
  if (isObjectValue(a) && isObjectValue(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k], ignoreCase));
  }
  return a === b;
}

function interpolate(e: InterpolationExpr, frame: Frame): Value {
  const parts = e.parts.map((p) => (typeof p === 'string' ? p : evaluate(p, frame)));
  const joined = joinStrings(parts);
  if (typeof joined === 'string' && !frame.env.budget.allowLength(joined.length)) return LIMIT;
  frame.env.taint?.derive(parts, joined);
  return joined;
}

function loopCount(count: Value, frame: Frame, at: Expr): number | Unknown {
  if (count instanceof Unknown) return count;
  if (typeof count !== 'number' || count < 0 || !Number.isInteger(count)) return evalError(`a loop count must be a non-negative integer, got ${typeof count === 'number' ? count : typeName(count)}`);
  return frame.env.budget.allowCopy(count, at.span) ? count : LIMIT;
}

function evaluateCopy(e: CopyExpr, frame: Frame): Value {
  const count = loopCount(evaluate(e.count, frame), frame, e.count);
  if (count instanceof Unknown) return count;
  const out: Value[] = [];
  for (let i = 0; i < count; i++) out.push(evaluate(e.input, frame.withCopyIndex([e.name], i)));
  return out;
}

function evaluateFor(e: ForExpr, frame: Frame): Value {
  const iterable = evaluate(e.iterable, frame);
  if (iterable instanceof Unknown) return iterable;
  const items = loopItems(iterable);
  if (items instanceof Unknown) return items;
  if (!frame.env.budget.allowCopy(items.length, e.iterable.span)) return LIMIT;
  const out: Value[] = [];
  for (let i = 0; i < items.length; i++) {
    const local = frame.withLocals(forLocals(e.itemVar, e.indexVar, items[i], i));
    if (e.filter) {
      const keep = evaluate(e.filter, local);
      if (keep instanceof Unknown) return unknown('a loop filter is unknown');
      if (keep !== true) continue;
    }
    out.push(evaluate(e.body, local));
  }
  return out;
}

/** The items a Bicep `for` iterates: an array, or an object's `{key, value}` entries. */
export function loopItems(iterable: Value): Value[] | Unknown {
  if (Array.isArray(iterable)) return iterable;
  if (isObjectValue(iterable))
    return Object.keys(iterable)
      .sort()
      .map((key) => ({ key, value: iterable[key] }));
  return evalError(`a loop needs an array, got ${typeName(iterable)}`);
}

export function forLocals(itemVar: string | undefined, indexVar: string | undefined, item: Value, i: number): Record<string, Value> {
  const locals: Record<string, Value> = {};
  if (itemVar) locals[itemVar] = item;
  if (indexVar) locals[indexVar] = i;
  return locals;
}
