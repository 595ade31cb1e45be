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

export interface Diagnostic {
  ruleId: string;
  level: Level;
  message: string;
  span: Span;
  related: RelatedLocation[];
  fix?: Fix;
  /** Set when an inline directive or resource metadata suppressed the finding. */
  suppression?: { kind: 'comment' | 'metadata'; justification?: string };
}
