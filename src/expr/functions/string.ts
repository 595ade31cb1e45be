import { excessiveNesting } from '../../parse/arm/nesting.js';
import { Unknown, evalError, isObjectValue, type Value } from '../value.js';
import { align, formatNumber, parseComposite } from './format.js';
import { armGuid, armUniqueString } from './hash.js';
import {
  overLimit,
  StringParts,
  define,
  firstError,
  firstUnknown,
  toArmString,
  toJson,
  typeError,
  type FunctionEntry,
  type Known,
} from './helpers.js';
import type { FunctionContext } from './types.js';

/** String functions. `concat` is here too, for arrays as well as strings. */

function concat(args: Value[], ctx: FunctionContext): Value {
  const error = firstError(args);
  if (error) return error;
  if (args.some(Array.isArray)) return concatArrays(args, ctx);
  const parts = new StringParts();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a instanceof Unknown) parts.add(a);
    else if (a === null || typeof a !== 'object') parts.add(toArmString(a, ctx) as string);
    else return typeError('concat', i, 'string or array', a);
  }
  if (!parts.hasKnown && args.every((a) => a instanceof Unknown && !a.parts)) return firstUnknown(args) as Unknown;
  return parts.result(ctx);
}

function concatArrays(args: Value[], ctx: FunctionContext): Value {
  const bad = args.findIndex((a) => !Array.isArray(a) && !(a instanceof Unknown && !a.parts));
  if (bad >= 0) return typeError('concat', bad, 'an array like the other arguments', args[bad]);
  const u = firstUnknown(args);
  if (u) return u;
  const arrays = args as Value[][];
  const total = arrays.reduce((n, a) => n + a.length, 0);
  if (!ctx.budget.allowLength(total) || !ctx.budget.charge(total)) return overLimit();
  return arrays.flat(1);
}

function format(args: Value[], ctx: FunctionContext): Value {
  const [fmt, ...values] = args;
  const error = firstError(args);
  if (error) return error;
  if (fmt instanceof Unknown) return firstUnknown([fmt]) as Unknown;
  const segments = parseComposite(fmt as string);
  if (typeof segments === 'string') return evalError(`format(): ${segments}`);
  const parts = new StringParts();
  for (const seg of segments) {
    if (typeof seg === 'string') {
      parts.add(seg);
      continue;
    }
    if (seg.index >= values.length) {
      return evalError(`format(): item {${seg.index}} refers to a missing argument (${values.length} given)`);
    }
    const v = values[seg.index];
    const text = typeof v === 'number' ? formatNumber(v, seg.spec) : toArmString(v, ctx);
    if (text instanceof Unknown && text.error) return text;
    // An alignment of two billion would build the text before any length check.
    if (!ctx.budget.allowLength(Math.abs(seg.alignment))) return overLimit();
    parts.add(typeof text === 'string' ? align(text, seg.alignment) : text);
  }
  return parts.result(ctx);
}

/** `string()`; an Unknown passes through (a partial string stays partial). */
function toString([v]: Value[], ctx: FunctionContext): Value {
  return toArmString(v, ctx);
}

function substring([s, start, length]: Known[]): Value {
  const str = s as string;
  const from = start as number;
  if (from < 0 || from > str.length) return evalError(`substring() start index ${from} is outside the string (length ${str.length})`);
  if (length === undefined) return str.slice(from);
  const n = length as number;
  if (n < 0 || from + n > str.length) {
    return evalError(`substring() length ${n} from index ${from} runs past the end of the string (length ${str.length})`);
  }
  return str.slice(from, from + n);
}

/** A case transform that keeps the known pieces of a partial string. */
function mapString(name: string, f: (s: string) => string) {
  return define(
    name,
    'string',
    ([s], ctx) => {
      if (!(s instanceof Unknown)) return f(s as string);
      if (!s.parts || s.error) return firstUnknown([s]) as Unknown;
      return s.parts.reduce((acc, p) => acc.add(typeof p === 'string' ? f(p) : p), new StringParts()).result(ctx);
    },
    { lenient: true },
  );
}

function replace(args: Value[], ctx: FunctionContext): Value {
  const u = firstUnknown(args.slice(1));
  if (u) return u;
  const [s, oldValue, newValue] = args as [string | Unknown, string, string];
  if (!oldValue) return evalError('replace() cannot replace an empty string');
  const whole = (str: string): string | Unknown => {
    const pieces = str.split(oldValue);
    const length = str.length + (pieces.length - 1) * (newValue.length - oldValue.length);
    return ctx.budget.allowLength(length) ? pieces.join(newValue) : overLimit();
  };
  if (typeof s === 'string') return whole(s);
  // In a partial string only a one-character match cannot straddle an unknown piece.
  if (s instanceof Unknown && s.parts && !s.error && oldValue.length === 1) {
    const parts = new StringParts();
    for (const p of s.parts) parts.add(typeof p === 'string' ? whole(p) : p);
    return parts.result(ctx);
  }
  return firstUnknown([s]) as Unknown;
}

function split([s, delimiter]: Known[], ctx: FunctionContext): Value {
  const str = s as string;
  const delimiters = Array.isArray(delimiter) ? delimiter : [delimiter];
  if (!delimiters.every((d): d is string => typeof d === 'string')) {
    return evalError('split() delimiter must be a string or an array of strings');
  }
  const out: string[] = [];
  let from = 0;
  for (let i = 0; i <= str.length; ) {
    const d = i < str.length ? delimiters.find((x) => x && str.startsWith(x, i)) : undefined;
    if (d === undefined) {
      i++;
      continue;
    }
    out.push(str.slice(from, i));
    i += d.length;
    from = i;
  }
  out.push(str.slice(from));
  return ctx.budget.charge(out.length) ? out : overLimit();
}

function join(args: Value[], ctx: FunctionContext): Value {
  const u = firstUnknown(args);
  if (u) return u;
  const [items, delimiter] = args as [Value[], string];
  const parts = new StringParts();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (i > 0) parts.add(delimiter);
    if (item instanceof Unknown) {
      if (item.error) return item;
      parts.add(item);
    } else if (item === null || typeof item !== 'object') parts.add(toArmString(item, ctx) as string);
    else return evalError(`join() element ${i} is ${Array.isArray(item) ? 'an array' : 'an object'}, not a string`);
  }
  return parts.result(ctx);
}

/** startsWith / endsWith, case-insensitive; decided on a partial string when its known end is long enough. */
function affix(name: string, atEnd: boolean) {
  return define(
    name,
    'string, string',
    ([s, affixValue]) => {
      if (affixValue instanceof Unknown) return firstUnknown([affixValue]) as Unknown;
      const needle = (affixValue as string).toLowerCase();
      let known: string | undefined = s as string;
      if (s instanceof Unknown) {
        if (!s.parts || s.error) return firstUnknown([s]) as Unknown;
        known = atEnd ? s.knownSuffix : knownPrefix(s);
        if (known === undefined || known.length < needle.length) return firstUnknown([s]) as Unknown;
      }
      const hay = known.toLowerCase();
      return atEnd ? hay.endsWith(needle) : hay.startsWith(needle);
    },
    { lenient: true },
  );
}

function knownPrefix(u: Unknown): string | undefined {
  const first = u.parts?.[0];
  return typeof first === 'string' ? first : '';
}

function padLeft([value, width, padChar]: Known[], ctx: FunctionContext): Value {
  const s = typeof value === 'number' ? String(value) : (value as string);
  const pad = padChar === undefined ? ' ' : (padChar as string);
  if (pad.length !== 1) return evalError(`padLeft() padding must be a single character, got '${pad}'`);
  const n = width as number;
  if (n <= s.length) return s;
  return ctx.budget.allowLength(n) ? s.padStart(n, pad) : overLimit();
}

function base64([s]: Known[], ctx: FunctionContext): Value {
  const bytes = Buffer.from(s as string, 'utf8');
  return ctx.budget.allowLength(Math.ceil(bytes.length / 3) * 4) ? bytes.toString('base64') : overLimit();
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(name: string, s: string): Buffer | Unknown {
  const compact = s.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return evalError(`${name}() argument is not valid base64`);
  return Buffer.from(compact, 'base64');
}

/** Numbers such as `.25` that ARM's JSON reader accepts and JSON.parse does not (no two ways to split a digit run). */
const LOOSE_NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

function parseJson(name: string, text: string, ctx: FunctionContext): Value {
  // Values are walked recursively (equality, subnet references, text): nesting is bounded as in expressions.
  if (excessiveNesting(text, ctx.budget.limits.depth) !== undefined) {
    ctx.budget.hit('depth', `${name}() of a value nested deeper than ${ctx.budget.limits.depth} levels was not read`);
    return overLimit();
  }
  try {
    return JSON.parse(text) as Value;
  } catch (e) {
    if (LOOSE_NUMBER.test(text)) return Number(text);
    return evalError(`${name}() argument is not valid JSON: ${(e as Error).message}`);
  }
}

function dataUri([v]: Known[], ctx: FunctionContext): Value {
  const isText = typeof v === 'string';
  const text = isText ? v : isObjectValue(v) || Array.isArray(v) ? toJson(v, ctx) : toArmString(v, ctx);
  if (text instanceof Unknown) return text;
  const type = isText ? 'text/plain;charset=utf8' : 'application/json;charset=utf8';
  return `data:${type};base64,${Buffer.from(text, 'utf8').toString('base64')}`;
}

function dataUriToString([s]: Known[]): Value {
  const uri = s as string;
  const comma = uri.indexOf(',');
  if (!/^data:/i.test(uri) || comma < 0) return evalError('dataUriToString() argument is not a data URI');
  const meta = uri.slice(5, comma).split(';');
  const data = uri.slice(comma + 1);
  const charset = meta.find((m) => /^charset=/i.test(m))?.slice(8).toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return evalError(`dataUriToString() does not support charset '${charset}'`);
  if (meta[meta.length - 1].toLowerCase() !== 'base64') return decodeComponent('dataUriToString', data);
  const bytes = decodeBase64('dataUriToString', data);
  return bytes instanceof Unknown ? bytes : bytes.toString('utf8');
}

function decodeComponent(name: string, s: string): Value {
  try {
    return decodeURIComponent(s);
  } catch {
    return evalError(`${name}() argument is not a valid URI-encoded string`);
  }
}

function uri([base, relative]: Known[]): Value {
  try {
    return new URL(relative as string, base as string).href;
  } catch {
    return evalError(`uri() cannot combine '${base as string}' and '${relative as string}'`);
  }
}

/** Escapes like .NET Uri.EscapeDataString: everything but RFC 3986 unreserved characters. */
function uriComponent([s]: Known[]): Value {
  return encodeURIComponent(s as string).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const runtime = (reason: string) => () => new Unknown(reason);

export const stringFunctions: FunctionEntry[] = [
  define('concat', 'any, any...', concat, { lenient: true }),
  define('format', 'string, any...', format, { lenient: true }),
  define('string', 'any', toString, { lenient: true }),
  define('substring', 'string, int, int?', substring),
  mapString('toLower', (s) => s.toLowerCase()),
  mapString('toUpper', (s) => s.toUpperCase()),
  define('trim', 'string', ([s]) => (s as string).trim()),
  define('replace', 'string, string, string', replace, { lenient: true }),
  define('split', 'string, string|array', split),
  define('join', 'array, string', join, { lenient: true }),
  affix('startsWith', false),
  affix('endsWith', true),
  define('padLeft', 'string|int, int, string?', padLeft),
  define('base64', 'string', base64),
  define('base64ToString', 'string', ([s]) => {
    const bytes = decodeBase64('base64ToString', s as string);
    return bytes instanceof Unknown ? bytes : bytes.toString('utf8');
  }),
  define('base64ToJson', 'string', ([s], ctx) => {
    const bytes = decodeBase64('base64ToJson', s as string);
    return bytes instanceof Unknown ? bytes : parseJson('base64ToJson', bytes.toString('utf8'), ctx);
  }),
  define('json', 'string', ([s], ctx) => parseJson('json', s as string, ctx)),
  define('dataUri', 'any', dataUri),
  define('dataUriToString', 'string', dataUriToString),
  define('uri', 'string, string', uri),
  define('uriComponent', 'string', uriComponent),
  define('uriComponentToString', 'string', ([s]) => decodeComponent('uriComponentToString', s as string)),
  define('guid', 'string, string...', (args) => armGuid(args as string[])),
  define('uniqueString', 'string, string...', (args) => armUniqueString(args as string[])),
  define('newGuid', '', runtime('newGuid() returns a new value at every deployment')),
];
