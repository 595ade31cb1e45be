import type { Expr } from '../expr/ast.js';
import { objectGet, objectProp } from '../expr/ast.js';
import type { Budget } from '../expr/budget.js';
import { evaluate } from '../expr/evaluate.js';
import type { DeploymentContext } from '../expr/functions/types.js';
import { Frame } from '../expr/scope.js';
import type { TemplateEnv } from '../expr/scope.js';
import type { SecretTaint } from '../expr/taint.js';
import type { Value } from '../expr/value.js';
import { unknown } from '../expr/value.js';
import type { FunctionDecl, NestedDeployment, ParamDecl, ParamFileIR, TemplateIR, VarDecl } from '../parse/ir.js';
import type { LoopVariables, ValueSource } from './locate.js';
import type { ModelResource } from './resource.js';
import { basename } from './paths.js';
import { handedOn, lazyDeploymentName, origin } from './wording.js';
import { NamedValues } from './named-values.js';
import { ParamFileScope } from './param-file-scope.js';

/** How a nested template is called: the deployment resource and the frame its parameters are evaluated in. */
export interface CallSite {
  instance: TemplateInstance;
  resource: ModelResource;
  nested: NestedDeployment;
}

/** Resource lookups the instance needs from the model (views of declared resources). */
export interface ResourceDirectory {
  symbolView(instance: TemplateInstance, name: string, path?: string[]): Value | undefined;
  symbolMember(instance: TemplateInstance, name: string, path: string[] | undefined, member: string): Value | undefined;
  reference(instance: TemplateInstance, target: Value, full: boolean): Value;
  references(instance: TemplateInstance, target: Value): Value;
  /** Values computed from secrets, across the model's instances. */
  readonly taint: SecretTaint;
}

/**
 * A root parameter's value instead of its own: an allowed value to try, or a literal that every caller of
 * a module passes alike (`by` says which calls, for the finding's wording).
 */
export type ParameterOverride = Expr | { expr: Expr; by: string };

/** A template's parameters and variables by lower-case name. */
interface Declarations {
  params: ReadonlyMap<string, ParamDecl>;
  vars: ReadonlyMap<string, VarDecl>;
}

/**
 * The declarations of a template, made once per template: every instance of it needs them, and the
 * allowed-value search makes one instance per combination it tries (a template of 60 parameters and
 * variables lower-cased them all for each).
 */
function declarationsOf(template: TemplateIR): Declarations {
  let found = declarations.get(template);
  if (!found) {
    found = { params: new Map(template.parameters.map((p) => [p.name.toLowerCase(), p])), vars: new Map(template.variables.map((v) => [v.name.toLowerCase(), v])) };
    declarations.set(template, found);
  }
  return found;
}

const declarations = new WeakMap<TemplateIR, Declarations>();

/**
 * One evaluation of a template: the root file, or a nested deployment / module with the parameters its
 * caller passes. It resolves parameters (parameters file ▸ value passed in ▸ default ▸ Unknown) and
 * variables, with cycle detection, and is the TemplateEnv its expressions are evaluated in.
 */
export class TemplateInstance implements TemplateEnv {
  readonly rootFrame: Frame;
  readonly resources: ModelResource[] = [];
  private readonly params: ReadonlyMap<string, ParamDecl>;
  private readonly vars: ReadonlyMap<string, VarDecl>;
  private readonly paramFileScopes = new Map<readonly VarDecl[], ParamFileScope>();
  private readonly paramValues: NamedValues;
  private readonly varValues: NamedValues;

  constructor(
    readonly template: TemplateIR,
    readonly budget: Budget,
    readonly deployment: DeploymentContext,
    private readonly directory: ResourceDirectory,
    readonly callSite?: CallSite,
    readonly paramFile?: ParamFileIR,
    /** Parameter values to use instead of the template's, by lower-case name; `null`: no value (Unknown). */
    private readonly overrides?: ReadonlyMap<string, ParameterOverride | null>,
  ) {
    ({ params: this.params, vars: this.vars } = declarationsOf(template));
    this.rootFrame = Frame.root(this);
    this.paramValues = new NamedValues(budget, 'parameter');
    this.varValues = new NamedValues(budget, 'variable');
  }

  get taint(): SecretTaint {
    return this.directory.taint;
  }

  /** Outer-scoped nested templates (ARM's default) see their caller's parameters and variables. */
  private get outer(): TemplateInstance | undefined {
    return this.callSite?.nested.scope === 'outer' ? this.callSite.instance : undefined;
  }

  /** Depth of nesting below the root file. */
  get depth(): number {
    return this.callSite ? this.callSite.instance.depth + 1 : 0;
  }

  parameterDecl(name: string): ParamDecl | undefined {
    return this.outer ? this.outer.parameterDecl(name) : this.params.get(name.toLowerCase());
  }

  parameterSource(name: string): ValueSource | undefined {
    if (this.outer) return this.outer.parameterSource(name);
    const decl = this.params.get(name.toLowerCase());
    const override = this.overrides?.get(name.toLowerCase());
    if (override === null) return undefined;
    if (override && 'by' in override) return { expr: override.expr, frame: this.rootFrame, description: origin.passed(decl?.name ?? name, override.by) };
    // Quoting the value locates it in its file: done only for a finding that prints it.
    if (override) return new WordedSource(override, this.rootFrame, () => ({ description: origin.allowedValue(override.span.file.text.slice(override.span.start, override.span.end), decl?.name ?? name) }));
    const fromFile = this.paramFile?.values.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (fromFile?.value)
      return { expr: fromFile.value, frame: this.paramFileFrame(fromFile.scope), description: origin.parametersFile(name, basename(fromFile.span.file.path)), brief: origin.parameter(name) };
    if (fromFile?.keyVaultReference) return undefined;
    const passed = this.passedValue(name);
    if (passed) return passed;
    if (decl?.defaultValue) return { expr: decl.defaultValue, frame: this.rootFrame, description: origin.defaultValue(decl.name) };
    return undefined;
  }

  /** The frame a parameters file's value is evaluated in: its `.bicepparam` file's variables, or (JSON values are literals) the template's. */
  private paramFileFrame(variables: readonly VarDecl[] | undefined): Frame {
    if (!variables) return this.rootFrame;
    let scope = this.paramFileScopes.get(variables);
    if (!scope) this.paramFileScopes.set(variables, (scope = new ParamFileScope(this, variables)));
    return scope.rootFrame;
  }

  private passedValue(name: string): ValueSource | undefined {
    const site = this.callSite;
    if (!site?.nested.parameters) return undefined;
    const prop = objectProp(site.nested.parameters, name);
    if (!prop) return undefined;
    const expr = site.nested.parametersShape === 'arm' ? objectGet(prop.value, 'value') : prop.value;
    if (!expr) return undefined;
    const caller = lazyDeploymentName(site.resource, this.template.language === 'bicep');
    const words = () => ({ description: origin.passed(prop.key, caller()), via: handedOn.passed(caller()) });
    return new WordedSource(expr, site.resource.frame, words, site.resource);
  }

  variableSource(name: string): ValueSource | undefined {
    if (this.outer) return this.outer.variableSource(name);
    const decl = this.vars.get(name.toLowerCase());
    return decl && { expr: decl.value, frame: this.rootFrame, description: origin.variable(decl.name) };
  }

  parameter(name: string): Value {
    if (this.outer) return this.outer.parameter(name);
    return this.paramValues.get(name, () => {
      const source = this.parameterSource(name);
      if (source) {
        const value = evaluate(source.expr, source.frame);
        if (this.params.get(name.toLowerCase())?.secure) this.taint.source(value);
        return value;
      }
      if (!this.params.has(name.toLowerCase())) return unknown(`parameter '${name}' is not declared`);
      return unknown(`parameter '${name}' has no value here`);
    });
  }

  variable(name: string): Value {
    if (this.outer) return this.outer.variable(name);
    return this.varValues.get(name, () => {
      const source = this.variableSource(name);
      return source ? evaluate(source.expr, source.frame) : unknown(`variable '${name}' is not declared`);
    });
  }

  /** Bicep symbols: parameters and variables first (they are values), then resources and modules. */
  symbol(name: string, path?: string[]): Value | undefined {
    const kind = path ? undefined : this.symbolKind(name);
    if (kind === 'parameter') return this.parameter(name);
    if (kind === 'variable') return this.variable(name);
    return this.directory.symbolView(this, name, path);
  }

  symbolMember(name: string, path: string[] | undefined, member: string): Value | undefined {
    if (!path && this.symbolKind(name) !== undefined) return undefined;
    return this.directory.symbolMember(this, name, path, member);
  }

  symbolSource(name: string): ValueSource | undefined {
    const kind = this.symbolKind(name);
    if (kind === 'parameter') return this.parameterSource(name);
    return kind === 'variable' ? this.variableSource(name) : undefined;
  }

  /** Whether a Bicep symbol names a parameter or a variable of this template. */
  symbolKind(name: string): 'parameter' | 'variable' | undefined {
    if (this.template.language !== 'bicep') return undefined;
    // Asked for every symbol a template refers to, as it is written: answered once per spelling.
    if (this.symbolKinds.has(name)) return this.symbolKinds.get(name);
    const lower = name.toLowerCase();
    const kind = this.params.has(lower) ? 'parameter' : this.vars.has(lower) ? 'variable' : undefined;
    this.symbolKinds.set(name, kind);
    return kind;
  }

  private readonly symbolKinds = new Map<string, 'parameter' | 'variable' | undefined>();

  reference(target: Value, full: boolean): Value {
    return this.directory.reference(this, target, full);
  }

  references(target: Value): Value {
    return this.directory.references(this, target);
  }

  userFunction(namespace: string | undefined, name: string): FunctionDecl | undefined {
    const lower = name.toLowerCase();
    return this.template.functions.find((f) => f.name.toLowerCase() === lower && (f.namespace ?? undefined) === namespace);
  }

  /** Evaluates an expression of this template at its top level. */
  evaluate(expr: Expr): Value {
    return evaluate(expr, this.rootFrame);
  }
}

/**
 * A value source worded only when a finding prints it (naming a deployment can mean evaluating its name).
 * A class, not an object literal with getters: what such a literal points to outlived young-generation
 * collections until a full one.
 */
export class WordedSource implements ValueSource {
  private worded?: { description: string; via?: string };

  constructor(
    readonly expr: Expr,
    readonly frame: Frame,
    private readonly words: () => { description: string; via?: string },
    /** The module or deployment resource whose loop variables the value is read with. */
    private readonly looped?: ModelResource,
  ) {}

  get description(): string {
    return (this.worded ??= this.words()).description;
  }

  get via(): string | undefined {
    return (this.worded ??= this.words()).via;
  }

  get loop(): LoopVariables | undefined {
    return this.looped?.loopVariables;
  }
}
