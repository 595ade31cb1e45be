import { azureDevOps } from './azure-devops.js';
import { compact } from './compact.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';
import type { Reporter } from './types.js';

export type { Reporter, ReportOptions } from './types.js';

/** The output formats, in the order help text lists them; `stylish` is the default. */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'azure-devops', 'junit', 'compact', 'html'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export const DEFAULT_FORMAT: FormatName = 'stylish';

export const reporters: Record<FormatName, Reporter> = {
  stylish,
  json,
  sarif,
  github,
  'azure-devops': azureDevOps,
  junit,
  compact,
  html,
};

export function isFormatName(s: string): s is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(s);
}
