import type { Expr } from './ast.js';

/**
 * Values are three-valued: a known JSON value, Unknown (runtime state, a parameter without a value,
 * anything we cannot evaluate), or an evaluation error (an Unknown with `error` set). Arrays and objects
 * may hold Unknown members. A string known only in part (a concat of a literal and an unknown) is an
 * Unknown with `parts`, so `…/subnets/GatewaySubnet` can still be recognised.
 */
export class Unknown {
  constructor(
    readonly reason: string = 'unknown',
    /** Known and unknown pieces of a string value, in order, when the value is a string known in part. */
    readonly parts?: readonly (string | Unknown)[],
    readonly error = false,
  ) {}

  /** The known text after the last unknown piece, when this is a partly known string. */
  get knownSuffix(): string | undefined {
    if (!this.parts) return undefined;
    let s = '';
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i];
      if (typeof p !== 'string') break;
      s = p + s;
    }
    return s;
  }
}

export const UNKNOWN = new Unknown();

export function unknown(reason: string): Unknown {
  return new Unknown(reason);
}

export function evalError(message: string): Unknown {
  return new Unknown(message, undefined, true);
}

/** A lambda closed over the scope it was written in. */
export class LambdaValue {
  constructor(
    readonly params: string[],
    readonly body: Expr,
    readonly closure: unknown,
  ) {}
}

export type Value =
  | null
  | boolean
  | number
  | string
  | Value[]
  | { [key: string]: Value }
  | Unknown
  | LambdaValue;

export type ObjectValue = { [key: string]: Value };

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function isKnown(v: Value): v is Exclude<Value, Unknown> {
  return !(v instanceof Unknown);
}

export function isObjectValue(v: Value | undefined): v is ObjectValue {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof LambdaValue);
}

/** True when the value and everything inside it is known. */
export function isFullyKnown(v: Value): boolean {
  if (v instanceof Unknown) return false;
  if (Array.isArray(v)) return v.every(isFullyKnown);
  if (isObjectValue(v)) return Object.values(v).every(isFullyKnown);
  return true;
}

const expandedSizes = new WeakMap<object, number>();

const isContainer = (v: Value | undefined): v is Value[] | ObjectValue => Array.isArray(v) || isObjectValue(v);

/**
 * How many values a value holds, itself included, counting a shared array or object each time it appears
 * (what any walk over the value visits), capped at `cap + 1`. Values share parts
 * (`createArray(variables('v'), variables('v'))`), so eight levels of twenty copies are small to build
 * and 20^8 to walk. Sizes are remembered per array and object, so each is counted once.
 */
export function expandedSize(v: Value, cap: number): number {
  if (!isContainer(v)) return 1;
  const known = expandedSizes.get(v);
  if (known !== undefined) return known;
  // The evaluator asks for each value it builds, so the arrays and objects inside were usually counted already.
  const total = sizeFromParts(v, cap);
  if (total === undefined) return measure(v, cap);
  expandedSizes.set(v, total);
  return total;
}

/** A container's size from its parts' sizes, or undefined when a part was not counted yet. */
function sizeFromParts(v: Value[] | ObjectValue, cap: number): number | undefined {
  let total = 1;
  for (const c of Array.isArray(v) ? v : Object.values(v)) {
    const size = isContainer(c) ? expandedSizes.get(c) : 1;
    if (size === undefined) return undefined;
    total = Math.min(cap + 1, total + size);
  }
  return total;
}

/** expandedSize over a value whose parts were not all counted: depth first, without recursion. */
function measure(v: Value[] | ObjectValue, cap: number): number {
  const stack: [Value[] | ObjectValue, boolean][] = [[v, false]];
  while (stack.length) {
    const [node, childrenDone] = stack.pop()!;
    if (expandedSizes.has(node)) continue;
    if (!childrenDone) {
      stack.push([node, true]);
      for (const c of Array.isArray(node) ? node : Object.values(node)) if (isContainer(c) && !expandedSizes.has(c)) stack.push([c, false]);
      continue;
    }
    // Every part was counted before its container is reached the second time.
    expandedSizes.set(node, sizeFromParts(node, cap)!);
  }
  return expandedSizes.get(v)!;
}

/** Property lookup as ARM does it: exact name first, then case-insensitive. */
export function getProperty(obj: ObjectValue, key: string): Value | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return obj[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(obj)) if (k.toLowerCase() === lower) return obj[k];
  return undefined;
}

/** `a string`, `an object`: a value's type name with its article, for messages. */
export function typeWithArticle(v: Value): string {
  const name = typeName(v);
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Unknown) return 'unknown';
  if (v instanceof LambdaValue) return 'lambda';
  return typeof v;
}

/** Joins string pieces; the result is a string, or a partly known string when any piece is Unknown. */
export function joinStrings(pieces: Value[]): Value {
  // Loops rather than map/find/some: every resource id is joined here, often before the code is optimised.
  const texts: (string | Unknown)[] = [];
  let partial = false;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    const text = typeof p === 'string' || p instanceof Unknown ? p : textOf(p);
    if (text instanceof Unknown) {
      if (text.error) return text;
      partial = true;
    }
    texts.push(text);
  }
  if (!partial) return texts.join('');
  const parts: (string | Unknown)[] = [];
  for (let i = 0; i < texts.length; i++) {
    const p = texts[i];
    if (!(p instanceof Unknown)) parts.push(p);
    else if (!p.parts) parts.push(p);
    else for (let j = 0; j < p.parts.length; j++) parts.push(p.parts[j]);
  }
  return new Unknown('partial', parts);
}

/** Longest text a value is turned into inside a string; longer ones are an error, not a crash or gigabytes. */
const MAX_TEXT = 64 * 1024 * 1024;

/**
 * A non-string value as it reads inside a string (its JSON), Unknown when part of it is unknown, an error
 * for a lambda (it has no text) or for text beyond MAX_TEXT.
 */
function textOf(v: Value): string | Unknown {
  let size = 0;
  let unknownPart = false;
  const stack: Value[] = [v];
  while (stack.length) {
    const x = stack.pop()!;
    if (x instanceof LambdaValue) return evalError('a lambda cannot be turned into text');
    if (x instanceof Unknown) unknownPart = true;
    else if (typeof x === 'string') size += x.length + 2;
    else if (Array.isArray(x)) {
      size += x.length + 2;
      for (const item of x) stack.push(item);
    } else if (isObjectValue(x)) {
      for (const [key, item] of Object.entries(x)) {
        size += key.length + 4;
        stack.push(item);
      }
    } else size += 24;
    if (size > MAX_TEXT) return evalError(`a value of more than ${MAX_TEXT} characters cannot be turned into text`);
  }
  return unknownPart ? new Unknown('a value with unknown parts, turned into text') : JSON.stringify(v);
}
