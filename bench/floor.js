// The floor the command line is measured against: walk a folder, read every JSON file and JSON.parse it,
// in a fresh process as gwlint runs. `node bench/floor.js <folder>`.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (entry.isFile() && entry.name.endsWith('.json')) {
      try {
        JSON.parse(readFileSync(p, 'utf8'));
      } catch {
        /* the floor ignores invalid files */
      }
    }
  }
};
walk(process.argv[2]);
