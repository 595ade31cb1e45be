// Bundles the command line into dist/bundle so that it starts fast: one script to load instead of hundreds
// of files, and its V8 code cache.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

rmSync('dist/bundle', { recursive: true, force: true });
// One stamp for every bundle of this build: the result cache trusts only results of the same build.
const GWLINT_BUILD = JSON.stringify(`${Date.now()}-${process.pid}`);
// gwlint's version, so that a run that prints it does not look for package.json.
const GWLINT_VERSION = JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version);
/**
 * jsonc-parser's formatter, which gwlint never calls, builds 1,200 indentation strings as its table module
 * (impl/string-intern.js) loads: about 7 M instructions of every start, a young-generation collection among them.
 * esbuild keeps a module's top-level code unless told that it has no side effects.
 */
const jsoncFormatterTablesDropped = {
  name: 'jsonc-formatter-tables-dropped',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/string-intern$/ }, async ({ path, importer, kind, resolveDir, pluginData }) => {
      // The look-up below comes back here: esbuild's own resolution answers it.
      if (pluginData === jsoncFormatterTablesDropped || !importer.includes('jsonc-parser')) return undefined;
      const resolved = await plugin.resolve(path, { importer, kind, resolveDir, pluginData: jsoncFormatterTablesDropped });
      return { ...resolved, sideEffects: false };
    });
  },
};
/** A CommonJS bundle of one entry point, with the build stamp. */
const commonJs = (entry, outfile) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    mainFields: ['module', 'main'],
    // The module's URL is made when first read: most runs never read it.
    define: { 'import.meta.url': '__gwlintModule.url', GWLINT_BUILD, GWLINT_VERSION },
    banner: { js: "const __gwlintModule = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
    plugins: [jsoncFormatterTablesDropped],
    logLevel: 'warning',
  });
// The command line as one CommonJS script: bin/load-cli.js runs it with a V8 code cache (scripts/code-cache.js).
await commonJs('src/cli/main.ts', 'dist/bundle/cli.cjs');
// What bin/gwlint.js tries first for --cache: a run answered from its record needs none of the rest.
await commonJs('src/cli/replay.ts', 'dist/bundle/replay.cjs');
// A script run through node:vm has no import(): built-in modules are loaded lazily with createRequire.
const script = readFileSync('dist/bundle/cli.cjs', 'utf8');
if (/[^\w$.]import\(/.test(script)) throw new Error('dist/bundle/cli.cjs calls import(): load the module with createRequire instead');
// ASCII only (the few other characters left, in comments, escaped), so that bin/load-cli.js reads it as
// latin1: one byte per character, without decoding UTF-8 on every start.
const hex = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
// eslint-disable-next-line no-control-regex
writeFileSync('dist/bundle/cli.cjs', script.replace(/[^\x00-\x7f]/g, hex));
// Worker threads (--jobs) start from an ES module.
await build({
  entryPoints: ['src/cli/worker.ts'],
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // jsonc-parser's UMD build does not bundle; its ES module build does.
  mainFields: ['module', 'main'],
  // Bundled CommonJS dependencies call require().
  banner: { js: "import { createRequire as __gwlintCreateRequire } from 'node:module'; const require = __gwlintCreateRequire(import.meta.url);" },
  plugins: [jsoncFormatterTablesDropped],
  logLevel: 'warning',
});
await import('./code-cache.js');
