/**
 * A small glob matcher for `ignorePatterns` (`**`, `*`, `?`, `{a,b}`, `[abc]`), matched against a
 * `/`-separated path relative to the workspace folder. As in the command line, a pattern that
 * matches a folder ignores everything below it.
 */
export function globMatcher(patterns: readonly string[]): (relative: string) => boolean {
  const res = patterns.map(globToRegExp);
  return (relative) => {
    const parts = relative.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (res.some((re) => re.test(prefix))) return true;
    }
    return false;
  };
}

export function globToRegExp(glob: string): RegExp {
  let p = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  if (p.startsWith('/')) p = p.slice(1);
  let re = '';
  let braces = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*' && p[i + 1] === '*') {
      const slashAfter = p[i + 2] === '/';
      const atStart = i === 0 || p[i - 1] === '/';
      if (atStart && slashAfter) {
        re += '(?:.*/)?';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = p.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += `[${p.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += /[.+^$()|\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`);
}
