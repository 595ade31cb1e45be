// Bundles the command line into dist/bundle so that it starts fast: one module graph to load instead of
// hundreds of files. Bicep's front end stays a separate chunk, loaded only when needed.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.ts', 'src/cli/worker.ts'],
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
  logLevel: 'warning',
});
