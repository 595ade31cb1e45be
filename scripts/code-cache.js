// Writes dist/bundle/cli.cjs.cache, the V8 code cache that bin/load-cli.js reads: the bundle is compiled,
// then run on one template with a VNet and a gateway and no finding, the run most pre-commit hooks make,
// in JSON and in Bicep source, so that the functions such runs call are compiled too (the Bicep front end
// and the evaluation paths of Bicep symbols), and V8 serialises the lot. Every start reads the whole
// cache: code other runs need (findings, reporters) is compiled when first called, as it would be
// without the cache. The training runs are too small for a large run's V8 flags (src/cli/v8-tuning.ts): the
// cache is made under V8's defaults, which every run reads it under. Run by scripts/bundle.js (`npm run build`).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';

const TEMPLATE_FOLDER = 'fixtures/gateway-subnet-size';
const { CODE_CACHE_FILE, loadCli } = createRequire(import.meta.url)('../bin/load-cli.js');
const { cli, script } = loadCli({ useCache: false });
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
for (const template of ['valid.json', 'valid.bicep'])
  await cli.main([`${TEMPLATE_FOLDER}/${template}`, '--root', TEMPLATE_FOLDER], { stdout: discard(), stderr: discard(), cwd: process.cwd(), env: {} });
writeFileSync(CODE_CACHE_FILE, script.createCachedData());
