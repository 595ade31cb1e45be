import { createRequire } from 'node:module';
import type { Parser } from 'web-tree-sitter';

/**
 * Loads web-tree-sitter and the tree-sitter-bicep grammar on first use only: linting ARM JSON never pays
 * for the wasm. Both modules are imported dynamically so nothing is loaded at module top level.
 */
let parser: Parser | undefined;
let loading: Promise<void> | undefined;

export function loadBicepParser(): Promise<void> {
  loading ??= load().catch((err: unknown) => {
    loading = undefined;
    throw new Error(`could not load the Bicep grammar (tree-sitter-bicep.wasm): ${String(err)}`, { cause: err });
  });
  return loading;
}

async function load(): Promise<void> {
  const { Parser, Language } = await import('web-tree-sitter');
  await Parser.init();
  const wasmPath = createRequire(import.meta.url).resolve('tree-sitter-bicep/tree-sitter-bicep.wasm');
  const language = await Language.load(wasmPath);
  const p = new Parser();
  p.setLanguage(language);
  parser = p;
}

export function isBicepParserLoaded(): boolean {
  return parser !== undefined;
}

/** The loaded parser; throws when `loadBicepParser()` has not completed. */
export function bicepParser(): Parser {
  if (!parser) {
    throw new Error('The Bicep parser is not loaded: await loadBicepParser() before parsing .bicep or .bicepparam files.');
  }
  return parser;
}
