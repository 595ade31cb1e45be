import type {
  ArtifactLocation,
  Location,
  Log,
  ReportingDescriptor,
  Result,
  Run,
} from 'sarif';
import { policyGuid, type Diagnostic, type Level } from '../core/diagnostic.js';
import { toLineColumn, type Span } from '../core/span.js';
import type { FileResult, LintResult } from '../engine/result.js';
import { docsUrl, type RuleMeta } from '../engine/rule-meta.js';
import { lineHashes } from './fingerprint.js';
import { fileUri, directoryUri, pathInside, relativeUri } from './paths.js';
import type { ReportOptions, Reporter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/gwlint/gwlint';
/** The URI base id that repo-relative artifact URIs are resolved against. */
export const SRCROOT = '%SRCROOT%';

const SARIF_LEVEL: Record<Level, Result.level> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Level, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

/**
 * SARIF 2.1.0 as GitHub code scanning takes it: one run, a descriptor per rule, repo-relative URIs
 * under `%SRCROOT%` (the working directory), UTF-16 columns with an exclusive end column, line-hash
 * fingerprints, and suppressed findings kept with an `inSource` suppression.
 */
export const sarif: Reporter = (result, options) => {
  const log: Log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [sarifRun(result, options)] };
  return JSON.stringify(log, null, 2) + '\n';
};

function sarifRun(result: LintResult, options: ReportOptions): Run {
  const rules = new RuleTable(result.rules);
  const results = result.files.flatMap((f) => fileResults(f, rules, options.cwd));
  return {
    tool: {
      driver: {
        name: 'gwlint',
        semanticVersion: options.version,
        informationUri: INFORMATION_URI,
        rules: rules.descriptors,
      },
    },
    automationDetails: { id: 'gwlint/' },
    columnKind: 'utf16CodeUnits',
    originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
    results,
  };
}

/** Rule descriptors in `result.rules` order; a rule id missing there gets a plain descriptor at the end. */
class RuleTable {
  readonly descriptors: ReportingDescriptor[] = [];
  private readonly index = new Map<string, number>();

  constructor(rules: readonly RuleMeta[]) {
    for (const meta of rules) this.add(meta);
  }

  indexOf(d: Diagnostic): number {
    return (
      this.index.get(d.ruleId) ??
      this.add({ id: d.ruleId, summary: d.ruleId, description: d.ruleId, level: d.level })
    );
  }

  private add(meta: DescribedRule): number {
    const at = this.index.get(meta.id);
    if (at !== undefined) return at;
    this.index.set(meta.id, this.descriptors.length);
    return this.descriptors.push(descriptor(meta)) - 1;
  }
}

/** What a descriptor is made of: a rule's metadata, or a stand-in for a rule the run did not list. */
type DescribedRule = Omit<RuleMeta, 'category'> & Partial<Pick<RuleMeta, 'category'>>;

function descriptor(meta: DescribedRule): ReportingDescriptor {
  const url = docsUrl(meta.id);
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.description}\n\nDocumentation: ${url}`,
      markdown: `${meta.description}\n\n[Documentation for \`${meta.id}\`](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { level: SARIF_LEVEL[meta.level] },
    properties: {
      tags: [...(meta.category ? ['azure', meta.category] : ['azure']), ...policyTags(meta)],
      precision: 'very-high',
      'problem.severity': PROBLEM_SEVERITY[meta.level],
    },
  };
}

/** One tag per built-in Azure Policy the rule's findings align with: `azure-policy:<definition guid>`. */
function policyTags(meta: DescribedRule): string[] {
  return (meta.policies ?? []).map((p) => `azure-policy:${policyGuid(p)}`);
}

/** `gateway-subnet-size` → `GatewaySubnetSize`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function fileResults(file: FileResult, rules: RuleTable, cwd: string): Result[] {
  const hashes = lineHashes(file.diagnostics);
  return file.diagnostics.map((d, i): Result => ({
    ruleId: d.ruleId,
    ruleIndex: rules.indexOf(d),
    level: SARIF_LEVEL[d.level],
    message: { text: d.message },
    locations: [location(d.span, cwd)],
    relatedLocations:
      d.related.length > 0
        ? d.related.map((r, j) => ({ id: j + 1, ...location(r.span, cwd), message: { text: r.message } }))
        : undefined,
    partialFingerprints: { primaryLocationLineHash: hashes[i] },
    suppressions: d.suppression
      ? [{ kind: 'inSource', justification: d.suppression.justification }]
      : undefined,
    properties: d.policy ? { policy: { id: d.policy.id, displayName: d.policy.displayName } } : undefined,
  }));
}

function location(span: Span, cwd: string): Location {
  const at = toLineColumn(span);
  return {
    physicalLocation: {
      artifactLocation: artifactLocation(span.file.path, cwd),
      region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
    },
  };
}

/** Repo-relative under `%SRCROOT%`; a file outside the working directory gets its absolute file URI. */
function artifactLocation(filePath: string, cwd: string): ArtifactLocation {
  const inside = pathInside(filePath, cwd);
  return inside === undefined ? { uri: fileUri(filePath, cwd) } : { uri: relativeUri(inside), uriBaseId: SRCROOT };
}
