import { compileGlob, type Glob } from '../core/glob.js';

/** One line of a `.gitignore`. */
interface Rule {
  glob: Glob;
  negated: boolean;
  folderOnly: boolean;
  /** Lines without a `/` match a name at any depth: the glob is matched against the last name only. */
  nameOnly: boolean;
}

/**
 * The lines of a `.gitignore`, read as git does: `#` comments, `!` re-includes, a trailing `/` matches
 * folders only, a `/` at the start or in the middle anchors the line to the file's folder, `\` escapes.
 * Globs are matched by `compileGlob`, in linear time, whatever the stars in them.
 */
export class GitignoreRules {
  private readonly rules: Rule[] = [];

  constructor(text: string) {
    for (let line of text.split(/\r?\n/)) {
      // Trailing spaces do not count unless escaped.
      const trimmed = line.trimEnd();
      line = trimmed.endsWith('\\') && trimmed.length < line.length ? `${trimmed} ` : trimmed;
      if (line === '' || line.startsWith('#')) continue;
      const negated = line.startsWith('!');
      if (negated) line = line.slice(1);
      const folderOnly = line.endsWith('/');
      if (folderOnly) line = line.slice(0, -1);
      const nameOnly = !line.includes('/');
      if (line.startsWith('/')) line = line.slice(1);
      if (line) this.rules.push({ glob: compileGlob(line), negated, folderOnly, nameOnly });
    }
  }

  /** What the last matching line says of a path relative to the file's folder: ignored, re-included, or nothing. */
  verdict(relative: string, isFolder: boolean): 'ignored' | 'unignored' | undefined {
    let verdict: 'ignored' | 'unignored' | undefined;
    const name = relative.slice(relative.lastIndexOf('/') + 1);
    for (const r of this.rules) {
      if (r.folderOnly && !isFolder) continue;
      if (r.glob.matches(r.nameOnly ? name : relative)) verdict = r.negated ? 'unignored' : 'ignored';
    }
    return verdict;
  }
}
