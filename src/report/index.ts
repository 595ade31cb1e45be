import { azureDevOps } from './azure-devops.js';
import { compact } from './compact.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish-color.js';
import type { FormatName } from './formats.js';
import type { Reporter } from './types.js';

export type { Reporter, ReportOptions } from './types.js';

export { DEFAULT_FORMAT, FORMAT_NAMES, isFormatName, loadReporter } from './formats.js';
export type { FormatName } from './formats.js';

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
