import type { Reporter } from './types.js';

/** The output formats, in the order help text lists them; `stylish` is the default. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'azure-devops', 'junit', 'compact', 'html'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export const DEFAULT_FORMAT: FormatName = 'stylish';

export function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}

/**
 * Each reporter's module is loaded only when its format is asked for: a run prints one format. Colours
 * (chalk) are loaded only for a report in colour.
 */
const loaders: Record<FormatName, (color: boolean) => Promise<Reporter>> = {
  stylish: async (color) => {
    if (color) return (await import('./stylish-color.js')).stylish;
    const { stylishIn, PLAIN } = await import('./stylish.js');
    return stylishIn(PLAIN);
  },
  json: async () => (await import('./json.js')).json,
  sarif: async () => (await import('./sarif.js')).sarif,
  github: async () => (await import('./github.js')).github,
  'azure-devops': async () => (await import('./azure-devops.js')).azureDevOps,
  junit: async () => (await import('./junit.js')).junit,
  compact: async () => (await import('./compact.js')).compact,
  html: async () => (await import('./html.js')).html,
};

/** The reporter of a format; with `color` false, one that never colours (and loads no colour library). */
export function loadReporter(format: FormatName, color = true): Promise<Reporter> {
  return loaders[format](color);
}
