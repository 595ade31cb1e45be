import { nodeCrypto } from '../core/crypto.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { SourceFile } from '../core/source.js';

/** The text of a 0-based line, without its line break and surrounding whitespace. */
function trimmedLine(source: SourceFile, line: number): string {
  return source.text.slice(source.offsetAt(line, 0), source.offsetAt(line + 1, 0)).trim();
}

/**
 * SARIF `partialFingerprints.primaryLocationLineHash` for each diagnostic of one file, in GitHub's
 * `<hash>:<occurrence>` shape. The hash covers the rule id and the trimmed text of the line the
 * finding starts on, not its line number, so a finding keeps its fingerprint when unrelated lines
 * move; the occurrence (1, 2, …, in diagnostic order) tells apart findings of the same rule on lines
 * with the same text.
 */
export function lineHashes(diagnostics: readonly Diagnostic[]): string[] {
  const seen = new Map<string, number>();
  // Findings share lines (a minified template has one): each line is hashed once per rule, not per finding.
  const hashes = new Map<string, string>();
  return diagnostics.map((d) => {
    const { line } = d.span.file.position(d.span.start);
    const key = `${d.span.file.path}\0${line}\0${d.ruleId}`;
    let hash = hashes.get(key);
    if (hash === undefined) {
      hash = nodeCrypto().createHash('sha256').update(d.ruleId).update('\0').update(trimmedLine(d.span.file, line)).digest('hex').slice(0, 16);
      hashes.set(key, hash);
    }
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}
