import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { VirtualFile } from '../../src/engine/files.js';
import type { BaseRevision } from '../../src/engine/base-revision.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
export const SHARED = path.resolve(import.meta.dirname, '../../../shared');

/** Every file below a folder, recursively, as lint() input. */
export function readTree(dir: string): VirtualFile[] {
  const out: VirtualFile[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...readTree(p));
    else out.push({ path: p, text: readFileSync(p, 'utf8') });
  }
  return out;
}

/** A rule's fixture folder as lint() input. */
export interface Fixture {
  /** The files of the folder (the head version). */
  files: VirtualFile[];
  /** For change rules: `base/` holds the base revision's version of the folder's files, at the same relative paths. */
  base?: BaseRevision;
  /** Base versions of files the head version no longer has: findings on them land there. */
  deleted: VirtualFile[];
}

export function readFixture(dir: string): Fixture {
  const baseDir = path.join(dir, 'base');
  const files = readTree(dir).filter((f) => !f.path.startsWith(baseDir + path.sep));
  if (!existsSync(baseDir)) return { files, deleted: [] };
  const head = new Map(files.map((f) => [f.path, f.text]));
  const old = readTree(baseDir).map((f) => ({ ...f, path: path.join(dir, path.relative(baseDir, f.path)) }));
  const deleted = old.filter((f) => !head.has(f.path));
  const added = files.filter((f) => !old.some((o) => o.path === f.path)).map((f) => f.path);
  const base = { label: 'base', files: old.filter((f) => head.get(f.path) !== f.text), added, deleted: deleted.map((f) => f.path) };
  return { files, base, deleted };
}

export interface Expectation {
  file: string;
  /** 1-based line. */
  line: number;
  ruleId: string;
  level?: string;
}

const EXPECT = /@expect\s+([a-z0-9-]+)(?::(error|warning|info))?/g;

/** `// @expect rule-id` or `// @expect rule-id:warning` on the line a finding must land on. */
export function expectations(files: VirtualFile[]): Expectation[] {
  const out: Expectation[] = [];
  for (const f of files)
    f.text.split(/\r?\n/).forEach((line, i) => {
      for (const m of line.matchAll(EXPECT)) out.push({ file: f.path, line: i + 1, ruleId: m[1], level: m[2] });
    });
  return out;
}

/** A stable, readable key for comparing findings with expectations. */
export function key(file: string, line: number, ruleId: string, level: string): string {
  return `${path.relative(FIXTURES, file)}:${line} ${ruleId} (${level})`;
}
