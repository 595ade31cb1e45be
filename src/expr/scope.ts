import type { Budget } from './budget.js';
import type { DeploymentContext } from './functions/types.js';
import type { SecretTaint } from './taint.js';
import type { Value } from './value.js';
import type { FunctionDecl } from '../parse/ir.js';

/**
 * What an expression can see in the template it belongs to. Implemented by the resource model, which knows
 * the parameters (defaults, parameter files, values passed into nested deployments), the variables and
 * the declared resources.
 */
export interface TemplateEnv {
  readonly budget: Budget;
  readonly deployment: DeploymentContext;
  /** Where values computed from secrets are recorded, so that output masks them too. */
  readonly taint?: SecretTaint;
  parameter(name: string): Value;
  variable(name: string): Value;
  /** A Bicep symbol that is not a local: parameter, variable, resource, module. Undefined when not declared. */
  symbol(name: string, path?: string[]): Value | undefined;
  /**
   * `symbol.member` for a resource symbol when it is read without the resource's whole view (`vnet.name`,
   * `pip.id`, `.type`, `.apiVersion`); undefined when the whole view must be evaluated to answer.
   */
  symbolMember?(name: string, path: string[] | undefined, member: string): Value | undefined;
  /** `reference(x)`: the declared view of a resource of this template set, or Unknown. */
  reference(target: Value, full: boolean): Value;
  /** `references(symbol)` over a resource loop. */
  references(target: Value): Value;
  userFunction(namespace: string | undefined, name: string): FunctionDecl | undefined;
}

/** Local bindings: copy indexes, Bicep loop variables and lambda parameters. */
export class Frame {
  private constructor(
    readonly env: TemplateEnv,
    private readonly parent: Frame | undefined,
    private readonly bindings: Map<string, Value> | undefined,
    private readonly copyIndexes: Map<string, Value> | undefined,
    readonly depth: number,
  ) {}

  static root(env: TemplateEnv): Frame {
    return new Frame(env, undefined, undefined, undefined, 0);
  }

  /** A child frame with local names bound (lambda parameters, loop variables). */
  withLocals(locals: Record<string, Value>): Frame {
    return new Frame(this.env, this, new Map(Object.entries(locals)), undefined, this.depth + 1);
  }

  /** A child frame where `copyIndex(name)` is bound for each name ('' binds the unnamed `copyIndex()`). */
  withCopyIndex(names: string[], index: Value): Frame {
    const map = new Map(names.map((n) => [n.toLowerCase(), index] as [string, Value]));
    return new Frame(this.env, this, undefined, map, this.depth + 1);
  }

  /** The same bindings seen from another template (a user function body sees none of the caller's). */
  static isolated(env: TemplateEnv, locals: Record<string, Value>, depth: number): Frame {
    return new Frame(env, undefined, new Map(Object.entries(locals)), undefined, depth + 1);
  }

  local(name: string): Value | undefined {
    // A local may be bound to null, so only `undefined` means "not bound here".
    const v = this.bindings?.get(name);
    return v !== undefined ? v : this.parent?.local(name);
  }

  copyIndex(name: string | undefined): Value | undefined {
    return this.copyIndexOf((name ?? '').toLowerCase());
  }

  /** copyIndex with the name lower-cased once for the whole chain of frames, not again at each level. */
  private copyIndexOf(key: string): Value | undefined {
    return this.copyIndexes?.get(key) ?? this.parent?.copyIndexOf(key);
  }
}
