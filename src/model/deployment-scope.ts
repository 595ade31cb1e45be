import type { Expr } from '../expr/ast.js';
import { objectGet } from '../expr/ast.js';
import { evaluate } from '../expr/evaluate.js';
import type { DeploymentContext } from '../expr/functions/types.js';
import type { Frame } from '../expr/scope.js';
import type { Value } from '../expr/value.js';
import { Unknown } from '../expr/value.js';
import type { ResourceDecl } from '../parse/ir.js';

/**
 * The deployment a resource or module is placed in: the caller's, unless the declaration names another
 * resource group or subscription — Bicep `scope: resourceGroup('rg')`, `resourceGroup(sub, 'rg')`,
 * `subscription(sub)`; ARM `resourceGroup` and `subscriptionId` on a deployment or an `existing` resource.
 * A scope written with a value gwlint cannot know is Unknown, so its resources join others only where the
 * join is unambiguous.
 */
export function scopedDeployment(decl: ResourceDecl, frame: Frame, base: DeploymentContext): DeploymentContext {
  const scope = objectGet(decl.body, 'scope');
  if (scope) return bicepScope(scope, frame, base);
  const rg = objectGet(decl.body, 'resourceGroup');
  const sub = objectGet(decl.body, 'subscriptionId');
  if (!rg && !sub) return base;
  return { ...base, ...(sub ? { subscriptionId: scopeName(evaluate(sub, frame)) } : {}), ...(rg ? { resourceGroupName: scopeName(evaluate(rg, frame)) } : {}) };
}

function bicepScope(scope: Expr, frame: Frame, base: DeploymentContext): DeploymentContext {
  // Other scopes (a resource for extension resources, tenant(), managementGroup()) leave the ids as they are.
  if (scope.kind !== 'call' || (scope.namespace !== undefined && scope.namespace.toLowerCase() !== 'az')) return base;
  const args = scope.args.map((a) => scopeName(evaluate(a, frame)));
  switch (scope.name.toLowerCase()) {
    case 'resourcegroup':
      if (args.length === 2) return { ...base, subscriptionId: args[0], resourceGroupName: args[1] };
      return args.length === 1 ? { ...base, resourceGroupName: args[0] } : base;
    case 'subscription':
      return args.length === 1 ? { ...base, subscriptionId: args[0] } : base;
    default:
      return base;
  }
}

function scopeName(v: Value): string | Unknown {
  if (typeof v === 'string') return v;
  return v instanceof Unknown ? v : new Unknown('the scope is not a name');
}
