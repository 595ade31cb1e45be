import type { Budget } from '../budget.js';
import type { LambdaValue, Unknown, Value } from '../value.js';

/** Stand-ins for deployment-time facts a static linter cannot know. */
export interface DeploymentContext {
  /** Unknown for a module deployed to a subscription or resource group that is not known (a parameter). */
  subscriptionId: string | Unknown;
  resourceGroupName: string | Unknown;
  tenantId: string;
  location: string;
  deploymentName: string;
  /**
   * `deployment().properties.templateLink.uri`: a stand-in URI for the template's own file, so that a
   * linked template's `uri` relative to it leads back to a local file (see linkedTemplatePath).
   */
  templateLinkUri?: string;
  /** Scope the template deploys at, for resourceId() shapes. */
  targetScope: 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';
}

export const PLACEHOLDER_DEPLOYMENT: DeploymentContext = {
  subscriptionId: '00000000-0000-0000-0000-000000000000',
  resourceGroupName: 'resourceGroup',
  tenantId: '00000000-0000-0000-0000-000000000000',
  location: 'location',
  deploymentName: 'deployment',
  targetScope: 'resourceGroup',
};

export interface FunctionContext {
  budget: Budget;
  deployment: DeploymentContext;
  /** Calls a lambda value (for map, filter, reduce, sort, toObject, groupBy, mapValues). */
  callLambda(fn: LambdaValue, args: Value[]): Value;
}

/**
 * A pure template function over evaluated arguments. Arguments may be Unknown; a function returns Unknown
 * (or an evaluation error, see `evalError`) rather than throwing.
 */
export type TemplateFunction = (args: Value[], ctx: FunctionContext) => Value;
