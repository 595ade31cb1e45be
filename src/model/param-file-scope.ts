import { evaluate } from '../expr/evaluate.js';
import { Frame } from '../expr/scope.js';
import type { TemplateEnv } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { unknown } from '../expr/value.js';
import type { FunctionDecl, VarDecl } from '../parse/ir.js';
import type { TemplateInstance } from './instance.js';
import type { ValueSource } from './locate.js';
import { NamedValues } from './named-values.js';
import { origin } from './wording.js';

/**
 * What the values of a `.bicepparam` file are evaluated in: the file's own variables, never the
 * template's names, which a parameters file cannot read (a variable of the template with the same name
 * as one of the file's is another value).
 */
export class ParamFileScope implements TemplateEnv {
  readonly rootFrame: Frame;
  private readonly vars = new Map<string, VarDecl>();
  private readonly values: NamedValues;

  constructor(
    private readonly instance: TemplateInstance,
    variables: readonly VarDecl[],
  ) {
    for (const v of variables) this.vars.set(v.name.toLowerCase(), v);
    this.rootFrame = Frame.root(this);
    this.values = new NamedValues(instance.budget, 'variable');
  }

  get budget() {
    return this.instance.budget;
  }

  get deployment() {
    return this.instance.deployment;
  }

  get taint() {
    return this.instance.taint;
  }

  parameter(name: string): Value {
    return unknown(`a parameters file does not read parameter '${name}'`);
  }

  variable(name: string): Value {
    return unknown(`a parameters file does not read variable '${name}'`);
  }

  symbol(name: string, path?: string[]): Value | undefined {
    const decl = path ? undefined : this.vars.get(name.toLowerCase());
    return decl && this.values.get(decl.name, () => evaluate(decl.value, this.rootFrame));
  }

  reference(): Value {
    return unknown('a parameters file deploys no resource');
  }

  references(): Value {
    return unknown('a parameters file deploys no resource');
  }

  userFunction(): FunctionDecl | undefined {
    return undefined;
  }

  // Where its names were written, for locations (see SourceResolver).

  parameterSource(): ValueSource | undefined {
    return undefined;
  }

  variableSource(): ValueSource | undefined {
    return undefined;
  }

  symbolSource(name: string): ValueSource | undefined {
    const decl = this.vars.get(name.toLowerCase());
    return decl && { expr: decl.value, frame: this.rootFrame, description: origin.variable(decl.name) };
  }

  symbolKind(name: string): 'variable' | undefined {
    return this.vars.has(name.toLowerCase()) ? 'variable' : undefined;
  }
}
