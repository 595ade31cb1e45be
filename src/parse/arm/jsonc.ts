import { parse as parseJsonc, printParseErrorCode, visit } from 'jsonc-parser';
import type { ParseError } from 'jsonc-parser';
import type { SourceFile } from '../../core/source.js';
import type { Span } from '../../core/span.js';
import { DeferredSpan, span } from '../../core/span.js';
import type { ArrayExpr, CopyExpr, Expr, LiteralExpr, ObjectExpr, ObjectProp } from '../../expr/ast.js';
import { looksLikeExpression, parseArmString } from '../../expr/arm-parser.js';
import type { Comment, FrontEndProblem } from '../ir.js';
import { MAX_JSON_NESTING, excessiveNesting, nestedDeeperThan, stringEnd } from './nesting.js';
import { OffsetTree } from './offset-tree.js';

export interface JsonDocument {
  root?: Expr;
  problems: FrontEndProblem[];
  comments: Comment[];
  /** ARM expressions (`"[…]"`) that do not parse, found on request: templates ask, other JSON does not. */
  invalidExpressions?: () => FrontEndProblem[];
}

const JSONC_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/**
 * ARM accepts "extended JSON": comments, trailing commas and raw line breaks inside strings. jsonc-parser
 * handles the first two; raw line breaks are masked with spaces of the same length so offsets stay exact.
 */
export function maskRawLineBreaksInStrings(text: string): string {
  let out: string[] | undefined;
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      else if (c === 10 || c === 13) {
        out ??= [];
        out.push(text.slice(last, i), ' ');
        last = i + 1;
      }
    } else if (c === 34) inString = true;
    else if (c === 47 /* / */) {
      const n = text.charCodeAt(i + 1);
      if (n === 47) {
        const eol = text.indexOf('\n', i);
        i = eol < 0 ? text.length : eol;
      } else if (n === 42 /* * */) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? text.length : close + 1;
      }
    }
  }
  if (!out) return text;
  out.push(text.slice(last));
  return out.join('');
}

/**
 * Parses JSON(C) into the expression IR. Strict JSON, the common case, is read with JSON.parse; anything
 * else (comments, trailing commas, line breaks in strings, errors) with jsonc-parser. Either way, offsets
 * are found only when a span is read — by a finding — so files without findings cost little more than
 * parsing them. With `expressions`, strings in ARM expression syntax (`"[…]"`) become expressions;
 * parameter files keep every string literal, as ARM does.
 */
export function parseJsonDocument(file: SourceFile, expressions: boolean): JsonDocument {
  const text = file.text.charCodeAt(0) === 0xfeff ? ' ' + file.text.slice(1) : file.text;
  const problems: FrontEndProblem[] = [];
  const comments: Comment[] = [];
  let value: unknown;
  let parsedText = text;
  let strict = true;
  try {
    // JSON.parse reads any depth without recursing; for strict JSON, how deep it nests is found in the value.
    value = text.trim() ? JSON.parse(text) : undefined;
  } catch {
    strict = false;
  }
  const tooDeep = !strict || nestedDeeperThan(value, text) ? excessiveNesting(text) : undefined;
  if (tooDeep !== undefined) {
    // jsonc-parser and the walks over the expression tree are recursive: a file this deep is reported, not read.
    const message = `Invalid JSON: objects and arrays are nested more than ${MAX_JSON_NESTING} levels deep here; gwlint does not read files nested this deeply.`;
    return { problems: [{ code: 'parse-error', level: 'error', message, span: span(file, tooDeep, tooDeep + 1) }], comments };
  }
  if (!strict) {
    parsedText = maskRawLineBreaksInStrings(text);
    const errors: ParseError[] = [];
    value = parseJsonc(parsedText, errors, JSONC_OPTIONS);
    if (errors.length) {
      const e = errors[0];
      problems.push({
        code: 'parse-error',
        level: 'error',
        message: `Invalid JSON: ${describeParseError(printParseErrorCode(e.error))}${errors.length > 1 ? ` (and ${errors.length - 1} more errors)` : ''}. What precedes it is still linted.`,
        span: span(file, Math.min(e.offset, file.text.length), Math.min(e.offset + Math.max(e.length, 1), file.text.length)),
      });
    }
    collectComments(file, parsedText, comments);
  }
  if (value === undefined) return { problems, comments };
  const locator = new Locator(file, parsedText, strict);
  // A string may open with an escaped bracket (`\u005b`): such texts are walked. Asked only of templates that are modelled.
  const invalid = expressions ? () => (strict && !ESCAPED_BRACKET.test(text) ? invalidExpressionsInText(text, value, locator) : invalidExpressions(value, locator)) : undefined;
  return { root: new ExprFactory(locator, expressions).node(value, ROOT), problems, comments, invalidExpressions: invalid };
}

/**
 * Every expression string of a parsed document that does not parse, as a problem on the string. ARM
 * rejects a template with one anywhere, used or not; expression nodes are not built for the rest.
 */
function invalidExpressions(value: unknown, locator: Locator): FrontEndProblem[] {
  const out: FrontEndProblem[] = [];
  const keys: (string | number)[] = [];
  const check = expressionChecker(locator.file);
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const error = check(v);
      if (error === undefined) return;
      let path = ROOT;
      for (const key of keys) path = { parent: path, key };
      out.push(invalidExpression(error, locator, path));
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        keys.push(i);
        walk(v[i]);
        keys.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      // for…in lists a parsed object's keys in Object.keys order, without building the array.
      for (const key in v) {
        keys.push(key);
        walk((v as Record<string, unknown>)[key]);
        keys.pop();
      }
    }
  };
  walk(value);
  return out;
}

/**
 * invalidExpressions for strict JSON, found from the text rather than by a walk over every value of the
 * parsed document: each string token that opens with `[` and is not a property name is read, which is
 * most of the work the walk did. A token the parsed value does not hold (an earlier value of a duplicate
 * key) is not reported, as the walk did not see it; the problem sits where the path is located, as before.
 */
function invalidExpressionsInText(text: string, value: unknown, locator: Locator): FrontEndProblem[] {
  const out: FrontEndProblem[] = [];
  const check = expressionChecker(locator.file);
  for (let open = text.indexOf('"['); open >= 0; open = text.indexOf('"[', open + 1)) {
    // A quote after an odd number of backslashes is inside a string; a closing quote is never followed by `[`.
    if (escapedAt(text, open)) continue;
    const close = stringEnd(text, open);
    const at = open;
    open = close;
    if (isPropertyName(text, close + 1)) continue;
    const written = text.slice(at + 1, close);
    const raw = written.includes('\\') ? (JSON.parse(text.slice(at, close + 1)) as string) : written;
    const error = check(raw);
    if (error === undefined) continue;
    let path = ROOT;
    for (const key of locator.pathAt(at + 1)) path = { parent: path, key };
    if (valueAt(value, pathOf(path)) === raw) out.push(invalidExpression(error, locator, path));
  }
  return out;
}

/**
 * The syntax error of a string in ARM expression syntax, or undefined (also for other strings). A template
 * repeats many expressions (`[parameters('location')]`…): each valid text is checked once.
 */
function expressionChecker(file: SourceFile): (raw: string) => string | undefined {
  const probe: Span = { file, start: 0, end: 0 };
  const valid = new Set<string>();
  return (raw) => {
    if (!looksLikeExpression(raw) || valid.has(raw)) return undefined;
    const e = parseArmString(raw, probe, true);
    if (e.kind === 'error') return e.message;
    valid.add(raw);
    return undefined;
  };
}

function invalidExpression(error: string, locator: Locator, path: PathNode): FrontEndProblem {
  return { code: 'parse-error', level: 'error', message: `Invalid template expression: ${error}. Azure rejects the template.`, span: locator.valueSpan(path) };
}

const ESCAPED_BRACKET = /\\u005b/i;

function escapedAt(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let i = quote - 1; i >= 0 && text.charCodeAt(i) === 92 /* \ */; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Whether the next character after spaces is `:`, which follows a property name. */
function isPropertyName(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13 || text.charCodeAt(i) === 9)) i++;
  return text.charCodeAt(i) === 58 /* : */;
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let v = value;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[key] : undefined;
  return v;
}

/** `CloseBraceExpected` as `close brace expected`. */
export function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function collectComments(file: SourceFile, text: string, out: Comment[]): void {
  if (!text.includes('/')) return;
  visit(
    text,
    {
      onComment: (offset, length) => {
        const raw = file.text.slice(offset, offset + length);
        const block = raw.startsWith('/*');
        out.push({
          marker: block ? '/*' : '//',
          text: block ? raw.slice(2, raw.endsWith('*/') ? -2 : undefined) : raw.slice(2),
          span: span(file, offset, offset + length),
        });
      },
    },
    JSONC_OPTIONS,
  );
}

/** A JSON path as a linked list, so building a child's path costs one small object. */
interface PathNode {
  parent?: PathNode;
  key: string | number;
}

const ROOT: PathNode = { key: '' };

function pathOf(node: PathNode): (string | number)[] {
  const out: (string | number)[] = [];
  for (let n: PathNode | undefined = node; n && n !== ROOT; n = n.parent) out.push(n.key);
  return out.reverse();
}

/** Finds offsets of JSON paths, building the offset tree once, on the first request. */
class Locator {
  private tree?: OffsetTree;

  /** `strict`: the text is strict JSON (see OffsetTree). */
  constructor(
    readonly file: SourceFile,
    private readonly text: string,
    private readonly strict: boolean,
  ) {}

  valueSpan(path: PathNode): Span {
    return new PathSpan(this, path, false);
  }

  keySpan(path: PathNode): Span {
    return new PathSpan(this, path, true);
  }

  locate(path: PathNode, key: boolean): readonly [number, number] | undefined {
    return this.offsets().locate(pathOf(path), key);
  }

  /** The path of the value holding an offset (see OffsetTree.pathAt). */
  pathAt(offset: number): (string | number)[] {
    return this.offsets().pathAt(offset);
  }

  private offsets(): OffsetTree {
    return (this.tree ??= new OffsetTree(this.text, JSONC_OPTIONS, this.strict));
  }
}

/** The span of a value (or its property key) at a JSON path, located when first read. */
class PathSpan extends DeferredSpan {
  constructor(
    private readonly locator: Locator,
    private readonly path: PathNode,
    private readonly key: boolean,
  ) {
    super(locator.file);
  }

  protected resolve(): readonly [number, number] {
    return this.locator.locate(this.path, this.key) ?? [0, 0];
  }
}

/**
 * An object whose properties become expression nodes when first read. Spans are made when first read too:
 * most nodes of a template are never reported on, and a span per node was a good part of the memory.
 */
class LazyObjectExpr implements ObjectExpr {
  readonly kind = 'object';
  private built?: ObjectProp[];
  private at?: Span;

  constructor(
    private readonly factory: ExprFactory,
    private readonly value: Record<string, unknown>,
    private readonly path: PathNode,
  ) {}

  get props(): ObjectProp[] {
    return (this.built ??= this.factory.props(this.value, this.path));
  }

  get span(): Span {
    return (this.at ??= this.factory.locator.valueSpan(this.path));
  }
}

/** An array whose items become expression nodes when first read. */
class LazyArrayExpr implements ArrayExpr {
  readonly kind = 'array';
  private built?: Expr[];
  private at?: Span;

  constructor(
    private readonly factory: ExprFactory,
    private readonly values: unknown[],
    private readonly path: PathNode,
  ) {}

  get items(): Expr[] {
    return (this.built ??= this.values.map((v, i) => this.factory.node(v, { parent: this.path, key: i })));
  }

  get span(): Span {
    return (this.at ??= this.factory.locator.valueSpan(this.path));
  }
}

/** A string, number, boolean or null that is not an expression. */
class LiteralNode implements LiteralExpr {
  readonly kind = 'literal';
  private at?: Span;

  constructor(
    private readonly locator: Locator,
    readonly value: string | number | boolean | null,
    private readonly path: PathNode,
  ) {}

  get span(): Span {
    return (this.at ??= this.locator.valueSpan(this.path));
  }
}

/**
 * An object property whose value becomes an expression node (an ARM expression is parsed) when first read.
 * It is also the JSON path of its value.
 */
class LazyProp implements ObjectProp, PathNode {
  private node?: Expr;
  private at?: Span;

  constructor(
    private readonly factory: ExprFactory,
    readonly key: string,
    private readonly raw: unknown,
    readonly parent: PathNode,
  ) {}

  get value(): Expr {
    return (this.node ??= this.factory.node(this.raw, this));
  }

  get keySpan(): Span {
    return (this.at ??= this.factory.locator.keySpan(this));
  }
}

/**
 * Turns a parsed JSON value into expression nodes lazily: an object's properties and an array's items
 * become nodes when first read, so the parts of a template no rule looks at are never converted.
 */
class ExprFactory {
  constructor(
    readonly locator: Locator,
    private readonly expressions: boolean,
  ) {}

  node(value: unknown, path: PathNode): Expr {
    if (typeof value === 'string') {
      if (this.expressions && value.charCodeAt(0) === 91 /* [ */) return parseArmString(value, this.locator.valueSpan(path));
      return new LiteralNode(this.locator, value, path);
    }
    if (Array.isArray(value)) return new LazyArrayExpr(this, value, path);
    if (value !== null && typeof value === 'object') return new LazyObjectExpr(this, value as Record<string, unknown>, path);
    return new LiteralNode(this.locator, value as number | boolean | null, path);
  }

  /**
   * Property and variable `copy` arrays (`"copy": [{ "name": "subnets", "count": n, "input": {…} }]`)
   * become `copy` expressions bound to the property they produce. A resource's own `copy` is an object,
   * not an array, and is left alone.
   */
  props(value: Record<string, unknown>, path: PathNode): ObjectProp[] {
    const keys = Object.keys(value);
    // Every object a rule reads keeps its list of properties: one of the exact length (map), not one grown
    // by push, which holds room for 17 after the first.
    if (!keys.some((key) => this.isCopyProperty(key, value[key]))) return keys.map((key) => new LazyProp(this, key, value[key], path));
    const out: ObjectProp[] = [];
    for (const key of keys) {
      const v = value[key];
      if (this.isCopyProperty(key, v)) {
        const child: PathNode = { parent: path, key };
        v.forEach((entry, i) => out.push(this.copy(entry, { parent: child, key: i })));
        continue;
      }
      out.push(new LazyProp(this, key, v, path));
    }
    return out;
  }

  private isCopyProperty(key: string, v: unknown): v is CopyEntry[] {
    // The array test first: it settles almost every property without lower-casing its key.
    return this.expressions && Array.isArray(v) && key.length === 4 && key.toLowerCase() === 'copy' && v.every(isCopyEntry);
  }

  private copy(entry: CopyEntry, path: PathNode): ObjectProp {
    const s = this.locator.valueSpan(path);
    const missing: Expr = { kind: 'error', message: 'missing value', span: s };
    const value: CopyExpr = {
      kind: 'copy',
      name: entry.name,
      count: 'count' in entry ? this.node(entry.count, { parent: path, key: 'count' }) : missing,
      input: this.node(entry.input, { parent: path, key: 'input' }),
      span: s,
    };
    return { key: entry.name, keySpan: this.locator.valueSpan({ parent: path, key: 'name' }), value };
  }
}

interface CopyEntry {
  name: string;
  count?: unknown;
  input: unknown;
}

function isCopyEntry(v: unknown): v is CopyEntry {
  return v !== null && typeof v === 'object' && typeof (v as CopyEntry).name === 'string' && 'input' in (v as object);
}
