import type { LintResult } from '../engine/result.js';

export interface ReportOptions {
  /** Base for repo-relative paths (SARIF, GitHub, Azure DevOps, compact). */
  cwd: string;
  color: boolean;
  /** The terminal's width in columns when the report goes to a terminal (stylish wraps to it); unset otherwise. */
  width?: number;
  /** gwlint's version, for tool descriptors. */
  version: string;
}

/** A reporter is a pure function from results to text. */
export type Reporter = (result: LintResult, options: ReportOptions) => string;
