/** gwlint's public API: the pure lint() core, its input and result types, the rules and the reporters. */
export { lint } from './engine/lint.js';
export type { LintInput } from './engine/lint.js';
export type { VirtualFile } from './engine/files.js';
export type { FileResult, LintResult } from './engine/result.js';
export { countFindings } from './engine/result.js';
export type { Diagnostic, Level, LevelSetting } from './core/diagnostic.js';
export type { RuleMeta } from './engine/rule-meta.js';
export { builtInRules } from '../rules/index.js';
export { parseConfig } from './engine/config.js';
export type { GwlintConfig } from './engine/config.js';
