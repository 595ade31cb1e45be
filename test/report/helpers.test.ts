import { describe, expect, it } from 'vitest';
import {
  escapeAzureDevOps,
  escapeGithubData,
  escapeGithubProperty,
  escapeXmlAttribute,
  escapeXmlText,
  oneLine,
} from '../../src/report/escape.js';
import { absolutePath, directoryUri, displayPath, fileUri, pathInside, relativeUri } from '../../src/report/paths.js';

describe('paths', () => {
  it('makes paths relative to cwd with forward slashes', () => {
    expect(pathInside('/repo/infra/main.json', '/repo')).toBe('infra/main.json');
    expect(pathInside('infra/main.json', '/repo')).toBe('infra/main.json');
    expect(pathInside('/repo/infra/main.json', '/repo/')).toBe('infra/main.json');
    expect(pathInside('/repo/..x/a.json', '/repo')).toBe('..x/a.json');
  });

  it('treats files outside cwd as outside', () => {
    expect(pathInside('/other/a.json', '/repo')).toBeUndefined();
    expect(pathInside('/repository/a.json', '/repo')).toBeUndefined();
    expect(pathInside('/repo', '/repo')).toBeUndefined();
    expect(displayPath('/other/a.json', '/repo')).toBe('/other/a.json');
    expect(displayPath('../other/a.json', '/repo')).toBe('/other/a.json');
    expect(absolutePath('a.json', '/repo')).toBe('/repo/a.json');
  });

  it('builds file URIs and relative URI references', () => {
    expect(directoryUri('/repo')).toBe('file:///repo/');
    expect(directoryUri('/repo/')).toBe('file:///repo/');
    expect(directoryUri('/')).toBe('file:///');
    expect(fileUri('/a b/c#d.json', '/')).toBe('file:///a%20b/c%23d.json');
    expect(relativeUri('infra/a b/c#d?.json')).toBe('infra/a%20b/c%23d%3F.json');
    expect(relativeUri('a:b/é.json')).toBe('a%3Ab/%C3%A9.json');
  });
});

describe('escaping', () => {
  const nasty = '100% a:b, c\r\nd ] ; <&> "q"';

  it('escapes GitHub workflow command data and properties', () => {
    expect(escapeGithubData(nasty)).toBe('100%25 a:b, c%0D%0Ad ] ; <&> "q"');
    expect(escapeGithubProperty(nasty)).toBe('100%25 a%3Ab%2C c%0D%0Ad ] ; <&> "q"');
    expect(escapeGithubData('%0A')).toBe('%250A');
  });

  it('escapes Azure DevOps logging command text', () => {
    expect(escapeAzureDevOps(nasty)).toBe('100%AZP25 a:b, c%0D%0Ad %5D %3B <&> "q"');
    expect(escapeAzureDevOps('%3B')).toBe('%AZP253B');
  });

  it('escapes XML and strips what XML cannot carry', () => {
    expect(escapeXmlText('a<b>&c\r\n"\'')).toBe('a&lt;b&gt;&amp;c&#13;\n"\'');
    expect(escapeXmlAttribute('a"b\n\tc')).toBe('a&quot;b&#10;&#9;c');
    expect(escapeXmlText('x\u0000\u0008\u000b\u001b\u007f\u0085\ufffe\uffffy')).toBe('xy');
    expect(escapeXmlText('lone \ud800 high, \udc00 low, pair 😀')).toBe('lone  high,  low, pair 😀');
    expect(escapeXmlText(']]>')).toBe(']]&gt;');
  });

  it('puts text on one line', () => {
    expect(oneLine('  a\r\n\tb   c\u001b[0m\u0007 ')).toBe('a b c[0m');
  });
});
