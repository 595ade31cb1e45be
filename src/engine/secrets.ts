import type { Diagnostic, RelatedLocation } from '../core/diagnostic.js';
import { SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import type { Expr } from '../expr/ast.js';
import type { Value } from '../expr/value.js';
import { isObjectValue } from '../expr/value.js';
import { checkAddressPrefix } from '../model/address-prefix.js';
import type { Model } from '../model/model.js';
import type { ModelResource } from '../model/resource.js';
import type { NetworkSummary } from '../model/summary.js';
import type { ResourceDecl, TemplateIR } from '../parse/ir.js';
import { collectMentions } from './reached-resources.js';
import type { FileResult, LintResult } from './result.js';

/** Resource properties that hold a secret wherever they appear (connection keys, RADIUS secrets, passwords). */
const SECRET_PROPERTY_NAMES = ['sharedkey', 'authorizationkey', 'radiusserversecret', 'password', 'adminpassword'];
const SECRET_PROPERTY = new RegExp(`^(${SECRET_PROPERTY_NAMES.join('|')})$`, 'i');
/** Their lengths: every property of every resource is asked about, and its length settles almost all. */
const SECRET_PROPERTY_LENGTHS = new Set(SECRET_PROPERTY_NAMES.map((name) => name.length));
/**
 * The same names anywhere in a file's text, or an escape that may spell one (`"sh\u0061redKey"`, Bicep's
 * `'sh\u{61}redKey'`): a file with neither cannot hold a secret property.
 */
const SECRET_PROPERTY_TEXT = new RegExp([...SECRET_PROPERTY_NAMES, '\\\\u'].join('|'), 'i');
/** How deep in a resource body secret properties are looked for (`properties.vpnLinkConnections[i].properties.sharedKey`). */
const MAX_PROPERTY_DEPTH = 8;
/** Shorter secrets are masked only where they stand quoted ('abc'), so that ordinary words in messages survive. */
const MIN_BARE_LENGTH = 4;
/** The same for strings computed from a secret (`split()` pieces, …), which are more often ordinary words. */
const MIN_BARE_DERIVED_LENGTH = 8;
const MASK = '***';
/**
 * Secrets longer than this are masked by a plain search rather than in the regular expression: V8 refuses
 * a pattern with a literal of about 32,000 characters ("Regular expression too large").
 */
const LONGEST_IN_PATTERN = 16_384;
/** What an IPv4 or IPv6 address prefix looks like, before it is checked. */
const ADDRESS_PREFIX_TEXT = /^[\da-f.:]+\/\d{1,3}$/i;
/** Arrays and objects looked into for secrets per run: far more than any template holds. */
const MAX_VISITED = 100_000;

/**
 * The secret values of a run: values of secure parameters (defaults, parameters files, values passed into
 * modules and nested deployments) and of secret properties (`sharedKey`, …). No finding, related location,
 * fix or address plan may show them: `redact` replaces them in messages, and gives reporters that print
 * source lines a masked copy of the text (same length, so every offset, line and column stays the same).
 * Key Vault references and `getSecret()` are never resolved, so their values are never known.
 */
export class Secrets {
  private readonly values = new Set<string>();
  /** Strings computed from secrets (pieces, hashes, encodings): masked only where quoted while short, being arbitrary pieces of text. */
  private readonly derived = new Set<string>();
  /**
   * Names the templates define on their own, lower-case: parameter and variable names, and resource names
   * computed from no secure parameter. A secret that equals one, or stands inside one (a `GEN-UNIQUE`
   * placeholder used for keys and names alike), is not masked there: the name shows nothing of the key.
   */
  private readonly ownNames = new Set<string>();
  /** Models whose resource names join ownNames when a message is first searched for a secret (see names). */
  private readonly unnamed: Model[] = [];
  private readonly visited = new Set<object>();
  private readonly pathsByDecl = new Map<ResourceDecl, (string | number)[][]>();
  /** The secrets as matched: a regular expression for most, a list of the too long ones; null when none. */
  private pattern?: { re: RegExp | null; long: string[] } | null;

  get size(): number {
    return this.values.size + this.derived.size;
  }

  /** Collects the secrets a model knows. Never throws: a secret that cannot be evaluated is not known either. */
  collect(model: Model): void {
    try {
      for (const instance of model.instances) {
        for (const p of instance.template.parameters) if (p.secure) this.add(instance.parameter(p.name));
        for (const v of instance.paramFile?.values ?? []) for (const name of v.secretNames ?? []) this.add(name);
        for (const d of [...instance.template.parameters, ...instance.template.variables]) this.ownNames.add(d.name.toLowerCase());
      }
      // Resource names only matter to a message that holds a secret (see names). Evaluating them can derive a
      // secret from a secure parameter's value; where the model knows none, they wait until a secret is met.
      if (model.taint.values().next().done) this.unnamed.push(model);
      else this.collectResourceNames(model);
      // Looking for secret properties converts every resource body: only where one is named at all.
      if (model.mentions(SECRET_PROPERTY_TEXT)) for (const r of model.resources) for (const path of this.secretPaths(r.decl)) this.add(valueAt(r, path));
      // Values the templates compute from secrets (`substring()` of one, …), recorded as they were evaluated.
      for (const derived of model.taint.values()) if (!this.values.has(derived)) this.derived.add(derived);
    } catch {
      // Evaluation is budgeted and guarded; this only keeps a model bug from costing the file's findings.
    }
    this.addPrintedForms();
    this.pattern = undefined;
  }

  /**
   * Forms in which rules print a secret they computed from it, not the template: the prefix a host-bits
   * finding suggests (`10.10.10.0/16` → "Write 10.10.0.0/16").
   */
  private addPrintedForms(): void {
    for (const v of this.values) {
      if (!ADDRESS_PREFIX_TEXT.test(v)) continue;
      const check = checkAddressPrefix(v);
      if (check.kind === 'range' && check.expected) this.derived.add(check.expected);
    }
  }

  /**
   * Records the literal pieces a secret is written from (`concat('part1', 'part2')`, `'${prefix}key'`,
   * through variables), so that source lines shown next to findings mask them too, in templates that are
   * modelled or only parsed. Only pieces that end up in the value count: arguments of concat() and
   * format(), parts of an interpolation, not the arguments of other functions (an API version in
   * `listKeys(…)` is no secret).
   */
  collectWritten(template: TemplateIR): void {
    const variables = new Map(template.variables.map((v) => [v.name.toLowerCase(), v.value]));
    const pieces = new Set<string>();
    const budget = { nodes: MAX_VISITED };
    for (const p of template.parameters) if (p.secure && p.defaultValue) literalPieces(p.defaultValue, variables, pieces, budget);
    const visit = (d: ResourceDecl) => {
      for (const path of this.secretPaths(d)) {
        const e = exprAt(d.body, path);
        if (e) literalPieces(e, variables, pieces, budget);
      }
      d.children.forEach(visit);
    };
    if (SECRET_PROPERTY_TEXT.test(template.file.text)) template.resources.forEach(visit);
    for (const piece of pieces) if (piece.trim()) this.values.add(piece);
    this.pattern = undefined;
  }

  /**
   * Records a value's strings and numbers (every one inside an object or array). Evaluated values share arrays and
   * objects (`createArray(variables('v'), variables('v'))`), so each is visited once, and at most
   * MAX_VISITED of them per run: a wide, deep graph of shared values would otherwise take exponential time.
   */
  add(value: Value | undefined): void {
    const stack: { value: Value | undefined; depth: number }[] = [{ value, depth: 0 }];
    while (stack.length && this.visited.size < MAX_VISITED) {
      const { value: v, depth } = stack.pop()!;
      if (typeof v === 'string') {
        if (v.trim()) this.values.add(v);
        continue;
      }
      // A number inside a secure object (an ASN, a lifetime) is masked as its digits; a boolean tells nothing.
      if (typeof v === 'number') {
        if (Number.isFinite(v)) this.values.add(String(v));
        continue;
      }
      if (depth >= MAX_PROPERTY_DEPTH || v === null || typeof v !== 'object' || this.visited.has(v)) continue;
      this.visited.add(v);
      if (Array.isArray(v)) for (const item of v) stack.push({ value: item, depth: depth + 1 });
      else if (isObjectValue(v)) for (const item of Object.values(v)) stack.push({ value: item, depth: depth + 1 });
    }
    this.pattern = undefined;
  }

  /** Text with every secret replaced by `***`, except inside a quoted name the templates define on their own. */
  scrub(text: string): string {
    const matcher = this.matcher();
    if (!matcher) return text;
    const { re, long } = matcher;
    const masked = long.reduce((t, secret) => replaceEvery(t, secret, () => MASK), text);
    if (!re) return masked;
    return masked.replace(re, (m: string, ...rest: unknown[]) => {
      const q = rest[0];
      const offset = rest[rest.length - 2] as number;
      if (this.insideOwnName(masked, offset, m.length)) return m;
      return typeof q === 'string' ? `${q}${MASK}${q}` : MASK;
    });
  }

  /** True when [offset, offset + length) lies in a quoted `'name'` of the message that is one of the templates' own names. */
  private insideOwnName(text: string, offset: number, length: number): boolean {
    const names = this.names();
    if (!names.size) return false;
    const open = text.lastIndexOf("'", offset - 1);
    const close = text.indexOf("'", offset + length);
    if (open < 0 || close < 0) return false;
    return names.has(text.slice(open + 1, close).toLowerCase());
  }

  /**
   * The templates' own names, with the resource names of the models collected since last asked: they are
   * evaluated only once a message holds a secret to mask (most runs with findings know no secret value).
   */
  private names(): ReadonlySet<string> {
    // Asked for each secret a message holds: the pending list is emptied once, not copied each time.
    if (this.unnamed.length) {
      for (const model of this.unnamed.splice(0)) {
        try {
          this.collectResourceNames(model);
        } catch {
          // As in collect: a name that cannot be evaluated is not one of the templates' own.
        }
      }
    }
    return this.ownNames;
  }

  /** Evaluated names of resources whose name expression reaches no secure parameter (through variables too). */
  private collectResourceNames(model: Model): void {
    const secureByTemplate = new Map<TemplateIR, (e: Expr) => boolean>();
    for (const r of model.resources) {
      const template = r.instance.template;
      let reachesSecret = secureByTemplate.get(template);
      if (!reachesSecret) {
        reachesSecret = secretReach(template, r.instance.callSite !== undefined);
        secureByTemplate.set(template, reachesSecret);
      }
      if (!r.decl.name || reachesSecret(r.decl.name)) continue;
      for (const name of [r.name, r.shortName]) if (typeof name === 'string') for (const part of name.split('/')) this.ownNames.add(part.toLowerCase());
    }
  }

  /** Text with every secret replaced by as many `*`, so offsets are unchanged. */
  mask(text: string): string {
    const matcher = this.matcher();
    if (!matcher) return text;
    const { re, long } = matcher;
    const masked = long.reduce((t, secret) => replaceEvery(t, secret, (length) => '*'.repeat(length)), text);
    return re ? masked.replace(re, (m: string, q: unknown) => (typeof q === 'string' ? q + '*'.repeat(m.length - 2) + q : '*'.repeat(m.length))) : masked;
  }

  /** The result with secrets removed from every message, location text, fix and address plan. */
  redact(result: LintResult): LintResult {
    if (!this.matcher()) return result;
    const masked = new Map<SourceFile, SourceFile>();
    const maskedFile = (file: SourceFile): SourceFile => {
      let m = masked.get(file);
      if (!m) {
        const text = this.mask(file.text);
        m = text === file.text ? file : new SourceFile(file.path, text);
        masked.set(file, m);
      }
      return m;
    };
    const span = (s: Span): Span => {
      const file = maskedFile(s.file);
      return file === s.file ? s : { file, start: s.start, end: s.end };
    };
    const diagnostic = (d: Diagnostic): Diagnostic => {
      const out: Diagnostic = {
        ...d,
        message: this.scrub(d.message),
        span: span(d.span),
        related: d.related.map((r): RelatedLocation => ({ span: span(r.span), message: this.scrub(r.message) })),
      };
      if (d.fix) {
        // A fix that would write a secret into its edit is dropped rather than shown.
        if (d.fix.edits.some((e) => this.scrub(e.text) !== e.text)) delete out.fix;
        else out.fix = { ...d.fix, description: this.scrub(d.fix.description) };
      }
      if (d.suppression?.justification) out.suppression = { ...d.suppression, justification: this.scrub(d.suppression.justification) };
      return out;
    };
    return {
      ...result,
      files: result.files.map((f): FileResult => ({ ...f, diagnostics: f.diagnostics.map(diagnostic) })),
      networks: result.networks?.map((n) => this.redactNetwork(n)),
    };
  }

  private redactNetwork(n: NetworkSummary): NetworkSummary {
    const s = (v: string) => (this.names().has(v.toLowerCase()) ? v : this.scrub(v));
    return {
      ...n,
      name: n.name === undefined ? undefined : s(n.name),
      addressPrefixes: n.addressPrefixes.map(s),
      subnets: n.subnets.map((sub) => ({
        ...sub,
        name: sub.name === undefined ? undefined : s(sub.name),
        prefixes: sub.prefixes.map(s),
        gateways: sub.gateways.map(s),
      })),
    };
  }

  private matcher(): { re: RegExp | null; long: string[] } | null {
    if (this.pattern !== undefined) return this.pattern;
    const all = [...new Set([...this.values, ...this.derived])].sort((a, b) => b.length - a.length);
    const long = all.filter((v) => v.length > LONGEST_IN_PATTERN);
    const rest = all.slice(long.length);
    const isBare = (v: string) => v.length >= (this.derived.has(v) && !this.values.has(v) ? MIN_BARE_DERIVED_LENGTH : MIN_BARE_LENGTH);
    const bare = rest.filter(isBare).map(escape);
    const quoted = rest.filter((v) => !isBare(v)).map(escape);
    const parts: string[] = [];
    if (bare.length) parts.push(bare.join('|'));
    if (quoted.length) parts.push(`(['"])(?:${quoted.join('|')})\\1`);
    const re = parts.length ? new RegExp(parts.join('|'), 'gi') : null;
    this.pattern = re || long.length ? { re, long } : null;
    return this.pattern;
  }

  /** Paths of secret properties in a resource body, found once per declaration. */
  private secretPaths(decl: ResourceDecl): (string | number)[][] {
    let paths = this.pathsByDecl.get(decl);
    if (!paths) {
      paths = [];
      findSecretPaths(decl.body, [], paths);
      this.pathsByDecl.set(decl, paths);
    }
    return paths;
  }
}

/**
 * Whether an expression of the template refers to a secure parameter, directly or through variables. In a
 * module or nested deployment every parameter counts: its caller may pass a secret into a plain one.
 */
function secretReach(template: TemplateIR, called: boolean): (e: Expr) => boolean {
  // The names that lead to a secret: secure parameters, and variables whose values mention one of these
  // names, found once per template by walking the variables backwards from the secure parameters.
  const tainted = new Set(template.parameters.filter((p) => p.secure || called).map((p) => p.name.toLowerCase()));
  const usedBy = new Map<string, string[]>();
  for (const v of template.variables) {
    const mentions = { names: new Set<string>(), words: new Set<string>() };
    collectMentions(v.value, mentions);
    const name = v.name.toLowerCase();
    for (const used of mentions.names) {
      const users = usedBy.get(used);
      if (users) users.push(name);
      else usedBy.set(used, [name]);
    }
  }
  const pending = [...tainted];
  while (pending.length) {
    for (const user of usedBy.get(pending.pop()!) ?? []) {
      if (tainted.has(user)) continue;
      tainted.add(user);
      pending.push(user);
    }
  }
  // Resources of a copy loop share their name's expression: each is read once.
  const answers = new Map<Expr, boolean>();
  return (e) => {
    let reaches = answers.get(e);
    if (reaches === undefined) {
      const mentions = { names: new Set<string>(), words: new Set<string>() };
      collectMentions(e, mentions);
      reaches = [...mentions.names].some((n) => tainted.has(n));
      answers.set(e, reaches);
    }
    return reaches;
  };
}

/** `path` is extended and cut back as the walk goes: copied only for the few properties that are secret. */
function findSecretPaths(e: Expr, path: (string | number)[], out: (string | number)[][]): void {
  if (path.length >= MAX_PROPERTY_DEPTH) return;
  if (e.kind === 'object') {
    for (const p of e.props) {
      path.push(p.key);
      if (SECRET_PROPERTY_LENGTHS.has(p.key.length) && SECRET_PROPERTY.test(p.key)) out.push(path.slice());
      else findSecretPaths(p.value, path, out);
      path.pop();
    }
  } else if (e.kind === 'array') {
    const items = e.items;
    for (let i = 0; i < items.length; i++) {
      path.push(i);
      findSecretPaths(items[i], path, out);
      path.pop();
    }
  }
}

/** The expression at a path of object keys and array indexes, when it is written out that far. */
function exprAt(e: Expr, path: (string | number)[]): Expr | undefined {
  let at: Expr | undefined = e;
  for (const step of path) {
    if (at?.kind === 'object') at = at.props.find((p) => p.key === step)?.value;
    else if (at?.kind === 'array' && typeof step === 'number') at = at.items[step];
    else return undefined;
  }
  return at;
}

/** Adds the literal strings that become part of the value of `e` (see Secrets.collectWritten), within a node budget. */
function literalPieces(e: Expr, variables: ReadonlyMap<string, Expr>, out: Set<string>, budget: { nodes: number }, seen = new Set<string>()): void {
  if (--budget.nodes < 0) return;
  const variable = (name: string) => {
    const key = name.toLowerCase();
    const v = variables.get(key);
    if (v && !seen.has(key)) {
      seen.add(key);
      literalPieces(v, variables, out, budget, seen);
    }
  };
  switch (e.kind) {
    case 'literal':
      if (typeof e.value === 'string') out.add(e.value);
      break;
    case 'interpolation':
      for (const part of e.parts) if (typeof part === 'string') out.add(part);
      else literalPieces(part, variables, out, budget, seen);
      break;
    case 'call': {
      const name = e.name.toLowerCase();
      if (name === 'concat' || name === 'format') for (const a of e.args) literalPieces(a, variables, out, budget, seen);
      else if (name === 'variables' && e.args[0]?.kind === 'literal' && typeof e.args[0].value === 'string') variable(e.args[0].value);
      break;
    }
    case 'symbol':
      variable(e.name);
      break;
    case 'ternary':
      literalPieces(e.whenTrue, variables, out, budget, seen);
      literalPieces(e.whenFalse, variables, out, budget, seen);
      break;
    case 'array':
      for (const item of e.items) literalPieces(item, variables, out, budget, seen);
      break;
    case 'object':
      for (const p of e.props) literalPieces(p.value, variables, out, budget, seen);
      break;
  }
}

function valueAt(r: ModelResource, path: (string | number)[]): Value | undefined {
  return r.value(path);
}

/** `text` with every occurrence of `secret`, in any casing, replaced by `by(its length)`. */
function replaceEvery(text: string, secret: string, by: (length: number) => string): string {
  // Lower-casing keeps offsets unless a character changes length (İ): then only the exact casing is found.
  const lower = text.toLowerCase();
  const caseless = lower.length === text.length;
  const haystack = caseless ? lower : text;
  const needle = caseless ? secret.toLowerCase() : secret;
  let out = '';
  let from = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, from)) {
    out += text.slice(from, at) + by(needle.length);
    from = at + needle.length;
  }
  return from === 0 ? text : out + text.slice(from);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
