import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';

let loaded: typeof Crypto | undefined;

/**
 * `node:crypto`, loaded on first use: a run without a cache, fingerprints or `guid()` hashes nothing, and
 * loading the module costs milliseconds of every start.
 */
export function nodeCrypto(): typeof Crypto {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto);
}
