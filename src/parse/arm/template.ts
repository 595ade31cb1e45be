import type { SourceFile } from '../../core/source.js';
import type { Span } from '../../core/span.js';
import { joinSpans } from '../../core/span.js';
import type { CopyExpr, Expr, ObjectExpr, ObjectProp } from '../../expr/ast.js';
import { literalString, objectGet, objectProp } from '../../expr/ast.js';
import type {
  FrontEndProblem,
  FunctionDecl,
  NestedDeployment,
  OutputDecl,
  ParamDecl,
  ParamFileIR,
  ParamValue,
  ResourceDecl,
  TemplateIR,
  VarDecl,
} from '../ir.js';
import { parseJsonDocument } from './jsonc.js';

export type JsonKind = 'arm-template' | 'arm-parameters' | 'other';

/** Recognises a JSON document by content: a deployment-template or -parameters `$schema`, or the template shape. */
export function classifyJson(root: Expr | undefined): JsonKind {
  if (!root || root.kind !== 'object') return 'other';
  const schema = literalString(objectGet(root, '$schema'))?.toLowerCase() ?? '';
  if (schema.includes('deploymentparameters')) return 'arm-parameters';
  if (schema.includes('deploymenttemplate')) return 'arm-template';
  if (schema) return 'other';
  const resources = objectGet(root, 'resources');
  if (resources && (resources.kind === 'array' || resources.kind === 'object') && (objectProp(root, 'contentVersion') || objectProp(root, 'parameters') || objectProp(root, 'variables')))
    return 'arm-template';
  return 'other';
}

export interface ParsedJson {
  kind: JsonKind;
  template?: TemplateIR;
  parameters?: ParamFileIR;
  problems: FrontEndProblem[];
}

/** Parses a JSON file and lowers it to a template or parameter file IR according to its content. */
export function parseArmJson(file: SourceFile, hint?: 'parameters'): ParsedJson {
  // Parameter values are not expressions, so parameter files must not be parsed as such; the schema
  // decides, with a cheap text check first.
  const looksLikeParams = hint === 'parameters' || /deploymentParameters\.json/i.test(file.text.slice(0, 2000));
  const doc = parseJsonDocument(file, !looksLikeParams);
  const kind = doc.problems.length && !doc.root ? 'other' : classifyJson(doc.root);
  if (kind === 'arm-template' && doc.root?.kind === 'object') {
    const template = lowerTemplate(file, doc.root, doc.problems);
    template.comments = doc.comments;
    if (doc.invalidExpressions) template.deferredProblems = doc.invalidExpressions;
    return { kind, template, problems: doc.problems };
  }
  if (kind === 'arm-parameters' && doc.root?.kind === 'object') {
    return { kind, parameters: lowerParameterFile(file, doc.root, doc.problems, doc.comments), problems: doc.problems };
  }
  return { kind, problems: doc.problems };
}

/**
 * The template's parts are lowered when first read: most templates name nothing a rule looks at, and are
 * parsed only for their syntax errors and suppression comments.
 */
export function lowerTemplate(file: SourceFile, root: ObjectExpr, problems: FrontEndProblem[]): TemplateIR {
  return new LoweredTemplate(file, root, problems);
}

/**
 * A class rather than an object literal with getters: with such a literal, what it points to outlived every
 * young-generation collection until a full one (linting one small template 3,000 times copied 80 MB to the
 * old generation, and most of the collector's time went to that copying).
 */
class LoweredTemplate implements TemplateIR {
  readonly language = 'arm';
  readonly generator: string | undefined;
  readonly targetScope: TemplateIR['targetScope'];
  comments: TemplateIR['comments'] = [];
  deferredProblems?: TemplateIR['deferredProblems'];
  private lowered: { parameters?: ParamDecl[]; variables?: VarDecl[]; functions?: FunctionDecl[]; resources?: ResourceDecl[]; outputs?: OutputDecl[] } = {};

  constructor(
    readonly file: SourceFile,
    private readonly root: ObjectExpr,
    readonly problems: FrontEndProblem[],
  ) {
    const schema = literalString(objectGet(root, '$schema'))?.toLowerCase() ?? '';
    this.generator = literalString(objectGet(objectGet(objectGet(root, 'metadata'), '_generator'), 'name'));
    this.targetScope = schema.includes('tenantdeploymenttemplate')
      ? 'tenant'
      : schema.includes('managementgroupdeploymenttemplate')
        ? 'managementGroup'
        : schema.includes('subscriptiondeploymenttemplate')
          ? 'subscription'
          : 'resourceGroup';
  }

  get parameters(): ParamDecl[] {
    return (this.lowered.parameters ??= lowerParameters(objectGet(this.root, 'parameters')));
  }

  get variables(): VarDecl[] {
    return (this.lowered.variables ??= lowerVariables(objectGet(this.root, 'variables')));
  }

  get functions(): FunctionDecl[] {
    return (this.lowered.functions ??= lowerFunctions(objectGet(this.root, 'functions')));
  }

  get resources(): ResourceDecl[] {
    return (this.lowered.resources ??= lowerResources(objectGet(this.root, 'resources'), this.problems));
  }

  get outputs(): OutputDecl[] {
    return (this.lowered.outputs ??= lowerOutputs(objectGet(this.root, 'outputs')));
  }
}

function lowerParameters(params: Expr | undefined): ParamDecl[] {
  if (params?.kind !== 'object') return [];
  return params.props.map((p) => new ArmParamDecl(p));
}

/** Variable `copy` entries arrive from the JSON front end already as `copy` expressions named by the entry. */
function lowerVariables(vars: Expr | undefined): VarDecl[] {
  if (vars?.kind !== 'object') return [];
  return vars.props.map((p) => new ArmVarDecl(p));
}

/**
 * A parameter or variable read from its property: what it holds (an ARM expression, parsed when made) and
 * its span are made when first read. Finding one by name lowers them all, and parsing every default and
 * variable cost more than the look-up.
 */
class ArmDecl {
  private at?: Span;

  constructor(protected readonly prop: ObjectProp) {}

  get name(): string {
    return this.prop.key;
  }

  get nameSpan(): Span {
    return this.prop.keySpan;
  }

  get span(): Span {
    return (this.at ??= spanOf(this.prop));
  }
}

class ArmParamDecl extends ArmDecl implements ParamDecl {
  readonly type?: string;
  readonly secure: boolean;

  constructor(prop: ObjectProp) {
    super(prop);
    this.type = literalString(objectGet(prop.value, 'type'));
    this.secure = !!this.type && this.type.toLowerCase().startsWith('secure');
  }

  get defaultValue(): Expr | undefined {
    return objectGet(this.prop.value, 'defaultValue');
  }

  get allowedValues(): Expr | undefined {
    return objectGet(this.prop.value, 'allowedValues');
  }
}

class ArmVarDecl extends ArmDecl implements VarDecl {
  get value(): Expr {
    return this.prop.value;
  }
}

function lowerFunctions(fns: Expr | undefined): FunctionDecl[] {
  if (fns?.kind !== 'array') return [];
  const out: FunctionDecl[] = [];
  for (const ns of fns.items) {
    const namespace = literalString(objectGet(ns, 'namespace'))?.toLowerCase();
    const members = objectGet(ns, 'members');
    if (members?.kind !== 'object') continue;
    for (const m of members.props) {
      const body = objectGet(objectGet(m.value, 'output'), 'value');
      if (!body) continue;
      const params = objectGet(m.value, 'parameters');
      out.push({
        namespace,
        name: m.key.toLowerCase(),
        params: params?.kind === 'array' ? params.items.map((x) => literalString(objectGet(x, 'name')) ?? '') : [],
        body,
        span: spanOf(m),
      });
    }
  }
  return out;
}

function lowerOutputs(outputs: Expr | undefined): OutputDecl[] {
  if (outputs?.kind !== 'object') return [];
  const out: OutputDecl[] = [];
  for (const p of outputs.props) {
    const copy = objectGet(p.value, 'copy');
    const value = copy?.kind === 'object'
      ? toCopyExpr(p.key, copy, objectGet(copy, 'count'), objectGet(copy, 'input'))
      : objectGet(p.value, 'value');
    if (value) out.push({ name: p.key, nameSpan: p.keySpan, value, span: spanOf(p) });
  }
  return out;
}

function lowerResources(resources: Expr | undefined, problems: FrontEndProblem[]): ResourceDecl[] {
  if (!resources) return [];
  if (resources.kind === 'array') return resources.items.flatMap((r) => lowerResource(r, undefined, problems));
  if (resources.kind === 'object') return resources.props.flatMap((p) => lowerResource(p.value, p.key, problems));
  return [];
}

function lowerResource(node: Expr, symbolicName: string | undefined, problems: FrontEndProblem[]): ResourceDecl[] {
  if (node.kind !== 'object') return [];
  const type = objectGet(node, 'type');
  if (!type) return [];
  const body = node;
  const copy = objectGet(node, 'copy');
  const existing = objectGet(node, 'existing');
  const decl: ResourceDecl = {
    symbolicName,
    span: node.span,
    type,
    apiVersion: objectGet(node, 'apiVersion'),
    name: objectGet(node, 'name'),
    body,
    condition: objectGet(node, 'condition'),
    loop: copy?.kind === 'object'
      ? { kind: 'copy', name: literalString(objectGet(copy, 'name')) ?? '', count: objectGet(copy, 'count') ?? missing(copy), span: copy.span }
      : undefined,
    existing: existing?.kind === 'literal' && existing.value === true,
    children: lowerResources(objectGet(node, 'resources'), problems),
    deployment: isDeploymentType(type) ? lowerNestedDeployment(node, problems) : undefined,
  };
  return [decl];
}

function isDeploymentType(type: Expr): boolean {
  return literalString(type)?.toLowerCase() === 'microsoft.resources/deployments';
}

function lowerNestedDeployment(node: ObjectExpr, problems: FrontEndProblem[]): NestedDeployment {
  const props = objectGet(node, 'properties');
  const scope = literalString(objectGet(objectGet(props, 'expressionEvaluationOptions'), 'scope'))?.toLowerCase();
  const parameters = objectGet(props, 'parameters');
  const base = {
    scope: scope === 'inner' ? ('inner' as const) : ('outer' as const),
    parameters: parameters?.kind === 'object' ? parameters : undefined,
    parametersShape: 'arm' as const,
  };
  const inline = objectGet(props, 'template');
  if (inline?.kind === 'object') return { ...base, template: lowerTemplate(node.span.file, inline, problems) };
  const link = objectGet(props, 'templateLink');
  // expressionEvaluationOptions applies to inline templates only: a linked template has its own parameters.
  const linked = { ...base, scope: 'inner' as const };
  const relativePath = literalString(objectGet(link, 'relativePath'));
  if (relativePath) return { ...linked, modulePath: relativePath };
  const uri = objectGet(link, 'uri');
  if (uri) return { ...linked, linkUri: uri, unresolved: 'the linked template is not fetched' };
  if (link) return { ...linked, unresolved: 'the linked template is not fetched' };
  return { ...base, unresolved: 'the nested deployment has no inline template' };
}

export function lowerParameterFile(file: SourceFile, root: ObjectExpr, problems: FrontEndProblem[], comments: ParamFileIR['comments']): ParamFileIR {
  const params = objectGet(root, 'parameters');
  const values: ParamValue[] = [];
  if (params?.kind === 'object') {
    for (const p of params.props) {
      const reference = objectGet(p.value, 'reference');
      const value: ParamValue = {
        name: p.key,
        nameSpan: p.keySpan,
        value: reference ? undefined : objectGet(p.value, 'value'),
        keyVaultReference: !!reference,
        span: spanOf(p),
      };
      if (reference) value.secretNames = ['secretName', 'secretVersion'].map((k) => literalString(objectGet(reference, k))).filter((s): s is string => !!s);
      values.push(value);
    }
  }
  return { file, values, problems, comments };
}

function toCopyExpr(name: string, node: Expr, count: Expr | undefined, input: Expr | undefined): CopyExpr {
  return { kind: 'copy', name, count: count ?? missing(node), input: input ?? missing(node), span: node.span };
}

function missing(node: Expr): Expr {
  return { kind: 'error', message: 'missing value', span: node.span };
}

function spanOf(p: ObjectProp): Span {
  return joinSpans(p.keySpan, p.value.span);
}
