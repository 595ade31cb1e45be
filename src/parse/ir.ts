import type { SourceFile } from '../core/source.js';
import type { Span } from '../core/span.js';
import type { Expr, ObjectExpr } from '../expr/ast.js';

/**
 * The template IR: what every front end (ARM JSON, Bicep source) lowers a file into. Every value is an
 * `Expr` with a source span; nothing is evaluated here.
 */
export interface TemplateIR {
  file: SourceFile;
  language: 'arm' | 'bicep';
  /** `metadata._generator.name` of ARM JSON (`bicep` for compiled Bicep). */
  generator?: string;
  targetScope: 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';
  parameters: ParamDecl[];
  variables: VarDecl[];
  functions: FunctionDecl[];
  resources: ResourceDecl[];
  outputs: OutputDecl[];
  /** Syntax problems met while lowering; the rest of the file is still lowered. */
  problems: FrontEndProblem[];
  /** Problems found only when asked, for the templates that are linted (ARM expressions that do not parse). */
  deferredProblems?: () => FrontEndProblem[];
  /** Comments, for inline suppression directives. */
  comments: Comment[];
}

export interface ParamDecl {
  name: string;
  nameSpan: Span;
  span: Span;
  /** `string`, `int`, `bool`, `object`, `array`, `securestring`, `secureobject`, or a Bicep type name. */
  type?: string;
  defaultValue?: Expr;
  /** `allowedValues` / `@allowed([...])`. */
  allowedValues?: Expr;
  secure: boolean;
}

export interface VarDecl {
  name: string;
  nameSpan: Span;
  value: Expr;
  span: Span;
}

/** A user-defined function (ARM `functions`, Bicep `func`), called as `namespace.name` or `name`. */
export interface FunctionDecl {
  namespace?: string;
  name: string;
  params: string[];
  body: Expr;
  span: Span;
}

export interface OutputDecl {
  name: string;
  nameSpan: Span;
  value: Expr;
  span: Span;
}

export type ResourceLoop =
  /** ARM `copy: { name, count }`; instances see `copyIndex()` and `copyIndex(name)`. */
  | { kind: 'copy'; name: string; count: Expr; span: Span }
  /** Bicep `for (item, index) in iterable: if (filter)`. */
  | { kind: 'for'; itemVar?: string; indexVar?: string; iterable: Expr; filter?: Expr; span: Span };

export interface ResourceDecl {
  /** Symbolic name: Bicep identifier, or the key of a languageVersion 2.0 `resources` object. */
  symbolicName?: string;
  /** The whole declaration. */
  span: Span;
  /** Type as written: full (`Microsoft.Network/virtualNetworks/subnets`) or relative to the parent (`subnets`). */
  type: Expr;
  apiVersion?: Expr;
  /** Name as written: full (`vnet/subnet`) at top level, the last segment when nested or with `parent:`. */
  name?: Expr;
  /**
   * The declaration body. ARM: the resource object itself (`name`, `properties`, `sku`, …).
   * Bicep: the object after `=` (`name`, `properties`, `parent`, …); for a module, its `params` etc.
   */
  body: ObjectExpr;
  condition?: Expr;
  loop?: ResourceLoop;
  existing: boolean;
  /** Resources declared inside this one (ARM nested `resources`, Bicep nested `resource`). */
  children: ResourceDecl[];
  /** Bicep `parent: symbol`. */
  parent?: Expr;
  /** Set on `Microsoft.Resources/deployments` and Bicep modules. */
  deployment?: NestedDeployment;
}

export interface NestedDeployment {
  /** Inline template (ARM), or filled in by the engine from `modulePath` (Bicep modules, relativePath links). */
  template?: TemplateIR;
  /** A local file this deployment runs, resolved against the declaring file's folder. */
  modulePath?: string;
  /**
   * `templateLink.uri`: followed when it evaluates to a path relative to the caller's own link
   * (`uri(deployment().properties.templateLink.uri, 'nested/x.json')`).
   */
  linkUri?: Expr;
  /** A Bicep registry module (`br:…`, `br/alias:…`), read from the local module cache when it is there. */
  registryRef?: string;
  /** Why the template cannot be resolved (registry module, URI link…): its parameters are then never evaluated. */
  unresolved?: string;
  /**
   * `inner`: the nested template's own parameters and variables; `outer`: the parent's (ARM's default for
   * inline templates). Linked templates and modules are always `inner`.
   */
  scope: 'inner' | 'outer';
  /**
   * Parameters passed in. `arm`: `{ name: { value } | { reference } }`. `bicep`: `{ name: value }`.
   */
  parameters?: ObjectExpr;
  parametersShape: 'arm' | 'bicep';
}

export interface FrontEndProblem {
  code: 'parse-error' | 'bicep-syntax';
  level: 'error' | 'warning' | 'info';
  message: string;
  span: Span;
}

export interface Comment {
  /** Text without the comment markers (`//`, `/* *\/`, `#`). */
  text: string;
  /** `#` for Bicep's `#disable-next-line` directive, `//` or `/*` for comments. */
  marker: '//' | '/*' | '#';
  span: Span;
}

/** A parameters file: `*.parameters.json` (deploymentParameters) or `.bicepparam`. */
export interface ParamFileIR {
  file: SourceFile;
  /** `.bicepparam`: the template named by `using`, resolved against the file's folder. */
  using?: string;
  values: ParamValue[];
  problems: FrontEndProblem[];
  comments: Comment[];
}

export interface ParamValue {
  name: string;
  nameSpan: Span;
  /** Absent for Key Vault references: those are Unknown. */
  value?: Expr;
  /** The variables of the `.bicepparam` file the value is written in, which it may read (and nothing else). */
  scope?: readonly VarDecl[];
  keyVaultReference: boolean;
  /** A Key Vault reference's secret name and version as written: never resolved, kept so that no output shows them. */
  secretNames?: string[];
  span: Span;
}
