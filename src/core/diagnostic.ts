import type { Span } from './span.js';

export type Level = 'error' | 'warning' | 'info';
export type LevelSetting = Level | 'off';
export const LEVELS: readonly LevelSetting[] = ['off', 'info', 'warning', 'error'];

export interface RelatedLocation {
  span: Span;
  message: string;
}

/** A text edit for --fix and editor quick fixes: replace [start, end) of the span's file with text. */
export interface TextEdit {
  span: Span;
  text: string;
}

export interface Fix {
  description: string;
  edits: TextEdit[];
}

/** A built-in Azure Policy definition that denies or audits the same thing as a finding. */
export interface PolicyRef {
  /** The definition id: `/providers/Microsoft.Authorization/policyDefinitions/<guid>`. */
  id: string;
  displayName: string;
}

/** The GUID at the end of a policy definition id. */
export function policyGuid(policy: PolicyRef): string {
  return policy.id.slice(policy.id.lastIndexOf('/') + 1);
}

export interface Diagnostic {
  ruleId: string;
  level: Level;
  message: string;
  span: Span;
  related: RelatedLocation[];
  fix?: Fix;
  /** The built-in Azure Policy that would also deny or audit this, when there is one. */
  policy?: PolicyRef;
  /** Set when an inline directive or resource metadata suppressed the finding. */
  suppression?: { kind: 'comment' | 'metadata'; justification?: string };
}
