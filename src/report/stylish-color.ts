import { Chalk } from 'chalk';
import { stylishIn } from './stylish.js';
import type { Reporter } from './types.js';

/** The stylish layout, coloured by chalk when `options.color` (a terminal without NO_COLOR). */
export const stylish: Reporter = (result, options) => stylishIn(new Chalk({ level: options.color ? 1 : 0 }))(result, options);
