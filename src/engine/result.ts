import type { Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../core/source.js';
import type { NetworkSummary } from '../model/summary.js';
import type { RuleMeta } from './rule-meta.js';

export type FileKind = 'arm-template' | 'arm-parameters' | 'bicep' | 'bicepparam';

export interface FileResult {
  /** The path as given to lint(): absolute in the CLI. */
  path: string;
  source: SourceFile;
  kind: FileKind;
  /** Sorted by position; suppressed findings keep their `suppression` and are not counted. */
  diagnostics: Diagnostic[];
}

export interface LintResult {
  files: FileResult[];
  /** Every rule known to the run, for reporters that describe rules (SARIF). */
  rules: RuleMeta[];
  /** The VNets of the linted templates and their subnets, for reports that draw address plans (HTML). */
  networks?: NetworkSummary[];
  /**
   * The text with the run's secrets masked (same length), for output that shows source text lint()
   * did not return, such as a diff of fixes. Present on results of lint() itself, not on results read
   * back from worker threads or the cache.
   */
  mask?: (text: string) => string;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

/** Counts findings that are not suppressed (and that `select` accepts). */
export function countFindings(result: LintResult, select: (d: Diagnostic) => boolean = () => true): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of result.files)
    for (const d of f.diagnostics) {
      if (d.suppression || !select(d)) continue;
      if (d.level === 'error') c.errors++;
      else if (d.level === 'warning') c.warnings++;
      else c.infos++;
    }
  return c;
}
