import type { RuleMeta } from './rule-meta.js';

/** Findings about the linter's own work on a file, configurable like any rule. */
export const PARSE_ERROR: RuleMeta = {
  id: 'parse-error',
  summary: 'A file could not be read or parsed, so it was not linted (or only in part).',
  description:
    'The file is not valid JSON/JSONC or Bicep, is not text, or could not be read. gwlint reports where parsing stopped and goes on with the other files; a file that could not be linted fails the run.',
  level: 'error',
  category: 'engine',
};

export const BICEP_SYNTAX: RuleMeta = {
  id: 'bicep-syntax',
  summary: 'Bicep syntax gwlint does not understand; the rest of the file is still linted.',
  description:
    'The Bicep grammar gwlint uses does not know this construct (newer syntax such as `extension`, spread, typed variables or `$\'\'\'` strings). The statement is skipped and everything it defines is treated as unknown, so no finding depends on it.',
  level: 'info',
  category: 'engine',
};

export const EVAL_LIMIT: RuleMeta = {
  id: 'eval-limit',
  summary: 'Evaluation stopped at a work limit (loop size, string size, nesting, recursion).',
  description:
    'Part of the template could not be evaluated within the per-file work budget: a copy count above the expansion limit, a string or array that grows beyond the size limit, expressions nested too deep, or a variable that refers to itself. Values past the limit are treated as unknown, so findings that depend on them are not reported.',
  level: 'warning',
  category: 'engine',
};

export const UNUSED_SUPPRESSION: RuleMeta = {
  id: 'unused-suppression',
  summary: 'A suppression comment or metadata entry that suppresses nothing.',
  description:
    'A `gwlint-disable-next-line`, `#disable-next-line` or `metadata.gwlint.suppress` entry names a gwlint rule that reports nothing there. Remove it, so it cannot hide a future finding by accident.',
  level: 'warning',
  category: 'engine',
};

export const ALLOWED_VALUES: RuleMeta = {
  id: 'allowed-values',
  summary: 'An allowed parameter value that can never deploy, whatever the other allowed values.',
  description:
    'gwlint tries each allowed value of the parameters that reach a gateway, connection or local network gateway (`allowedValues`, `@allowed`, literal-union types) with every combination of the other parameters\' allowed values, and reports the value when a gateway rule fails in all of them. A value that works with at least one combination is not reported.',
  level: 'warning',
  category: 'engine',
};

export const REGISTRY_MODULE_UNRESOLVED: RuleMeta = {
  id: 'registry-module-unresolved',
  summary: 'A Bicep registry module is not in the local module cache, so what it deploys was not linted.',
  description:
    "gwlint reads registry modules (`br:`, `br/public:`, aliases from bicepconfig.json) only from the Bicep CLI's local module cache, never from the network. A module that `bicep restore` has not fetched stays unknown: nothing it deploys is checked, and values passed to it are not judged.",
  level: 'info',
  category: 'engine',
};

export const MODULE_UNRESOLVED: RuleMeta = {
  id: 'module-unresolved',
  summary: 'A local module or linked template could not be read, so what it deploys was not linted.',
  description:
    "A Bicep module or an ARM templateLink.relativePath names a file that gwlint was not given: it does not exist, or it lies outside the folder the command line may read (the Git repository of the linted files, or the linted folder outside a repository). What it deploys stays unknown: nothing in it is checked, and values passed to it are not judged.",
  level: 'info',
  category: 'engine',
};

export const INTERNAL_ERROR: RuleMeta = {
  id: 'internal-error',
  summary: 'gwlint failed on this file; the other files were still linted.',
  description: 'A rule met a case it did not expect. The file is reported so the failure is visible; please report it with the template.',
  level: 'error',
  category: 'engine',
};
export const ENGINE_RULES: RuleMeta[] = [PARSE_ERROR, BICEP_SYNTAX, EVAL_LIMIT, UNUSED_SUPPRESSION, ALLOWED_VALUES, REGISTRY_MODULE_UNRESOLVED, MODULE_UNRESOLVED, INTERNAL_ERROR];
