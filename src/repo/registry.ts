/**
 * Bicep registry modules (`br:` and `br/<alias>:`) read from the Bicep CLI's local module cache, where
 * `bicep restore` and `bicep build` keep each module's compiled template:
 * `<cacheRoot>/br/<registry>/<repository>/<encoded tag>/main.json`. Nothing is fetched.
 */
import * as path from 'node:path';

/** `moduleAliases.br` of a bicepconfig.json: alias → registry and module path prefix. */
export type RegistryAliases = Readonly<Record<string, { registry?: string; modulePath?: string }>>;

/** Bicep's built-in alias: `br/public:x` is `br:mcr.microsoft.com/bicep/x`. */
const BUILT_IN: RegistryAliases = { public: { registry: 'mcr.microsoft.com', modulePath: 'bicep' } };

/** Bicep's limit on tag length (OCI), which sizes the casing mask of an encoded tag. */
const MAX_TAG_LENGTH = 128;

export interface RegistryReference {
  registry: string;
  repository: string;
  tag: string;
}

/** Reads `br:registry/repo:tag` and `br/alias:path:tag`; undefined for digests, other schemes and unknown aliases. */
export function parseRegistryReference(ref: string, aliases: RegistryAliases = {}): RegistryReference | undefined {
  let m = /^br:([^/]+)\/([^@]+):([^:@/]+)$/i.exec(ref);
  if (m) return { registry: m[1], repository: m[2], tag: m[3] };
  m = /^br\/([^:]+):([^@]+):([^:@/]+)$/i.exec(ref);
  if (!m) return undefined;
  const alias = aliases[m[1]] ?? BUILT_IN[m[1].toLowerCase()];
  if (!alias?.registry) return undefined;
  return { registry: alias.registry, repository: alias.modulePath ? `${alias.modulePath.replace(/\/+$/, '')}/${m[2]}` : m[2], tag: m[3] };
}

/**
 * Bicep's TagEncoder: the tag, `$`, then a hexadecimal mask of the positions of its capital letters
 * (64 bits per component, the most significant first, leading zero components left out), so that tags
 * differing only in case get different folders on case-insensitive file systems.
 */
export function encodeTag(tag: string): string {
  const words = Array.from({ length: Math.ceil(MAX_TAG_LENGTH / 64) }, () => 0n);
  for (let i = 0; i < tag.length; i++) if (tag[i] !== tag[i].toLowerCase() && tag[i] === tag[i].toUpperCase()) words[Math.floor(i / 64)] |= 1n << BigInt(i % 64);
  let out = `${tag}$`;
  let leading = false;
  for (let i = words.length - 1; i >= 0; i--) {
    if (words[i] === 0n && !leading) continue;
    out += leading ? words[i].toString(16).padStart(16, '0') : words[i].toString(16);
    leading = true;
  }
  return out;
}

/** Where the module cache keeps a registry module's compiled template. */
export function cachedModulePath(ref: RegistryReference, cacheRoot: string): string {
  return path.join(cacheRoot, 'br', ref.registry.toLowerCase().replace(/:/g, '$'), ref.repository.toLowerCase().replace(/\//g, '$'), encodeTag(ref.tag), 'main.json');
}
