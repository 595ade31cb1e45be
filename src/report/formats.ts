import type { Reporter } from './types.js';

/** The output formats, in the order help text lists them; `stylish` is the default. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'azure-devops', 'junit', 'compact', 'html'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export const DEFAULT_FORMAT: FormatName = 'stylish';

export function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}

/** Each reporter's module is loaded only when its format is asked for: a run prints one format. */
const loaders: Record<FormatName, () => Promise<Reporter>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  'azure-devops': async () => (await import('./azure-devops.js')).azureDevOps,
  junit: async () => (await import('./junit.js')).junit,
  compact: async () => (await import('./compact.js')).compact,
  html: async () => (await import('./html.js')).html,
};

export function loadReporter(format: FormatName): Promise<Reporter> {
  return loaders[format]();
}
