// Child process for the big-file benchmark, so peak RSS belongs to one task: `parse` or `lint` a file.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lib.js';

const [mode, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const { lint } = await import(path.join(ROOT, 'dist/src/index.js'));
const t = performance.now();
if (mode === 'parse') JSON.parse(text);
else await lint({ files: [{ path: file, text }] });
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS * 1024 }));
