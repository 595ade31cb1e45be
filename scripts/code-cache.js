// Writes dist/bundle/cli.cjs.cache, the V8 code cache that bin/load-cli.js reads: the bundle is compiled,
// then run over the rules' JSON fixtures, so that the functions a run over templates calls are compiled
// too, and V8 serialises the lot. Run by scripts/bundle.js (`npm run build`).
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Writable } from 'node:stream';

const { CODE_CACHE_FILE, loadCli } = createRequire(import.meta.url)('../bin/load-cli.js');
const fixtures = readdirSync('fixtures', { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name.endsWith('.json'))
  .map((e) => path.join(e.parentPath, e.name));
const { cli, script } = loadCli({ useCache: false });
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
await cli.main([...fixtures, '--root', 'fixtures'], { stdout: discard(), stderr: discard(), cwd: process.cwd(), env: {} });
writeFileSync(CODE_CACHE_FILE, script.createCachedData());
