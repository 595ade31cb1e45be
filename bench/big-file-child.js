// Child process for the big-file benchmark, so peak RSS belongs to one task: `parse` or `lint` a file.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './lib.js';

const [mode, file] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const { lint } = await import(path.join(ROOT, 'dist/src/index.js'));
const t = performance.now();
let result;
if (mode === 'parse') JSON.parse(text);
else result = await lint({ files: [{ path: file, text }] });
const ms = performance.now() - t;
// A file that was refused (too large, unreadable) was not linted: that must not pass as a fast run.
// (Invalid expressions inside a template are findings, not a refusal: the merged corpus holds some.)
const refused = result?.files.flatMap((f) => f.diagnostics).find((d) => d.ruleId === 'parse-error' && /not linted|could not be (read|parsed)/.test(d.message));
if (refused) {
  process.stderr.write(`the big file was not linted: ${refused.message}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS * 1024 }));
