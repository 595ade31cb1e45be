/**
 * A small lexical scan of Bicep text, independent of the tree-sitter grammar. It finds comments,
 * top-level statements (with their decorators) and postfix `!` operators, so the front end can rewrite
 * syntax the grammar does not know (same length, offsets preserved) and re-parse statement by statement
 * when error recovery goes wrong.
 */

export type TokenKind = 'word' | 'string' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Bracket depth (`{`, `[`, `(`) before the token. */
  depth: number;
}

export interface ScannedComment {
  marker: '//' | '/*' | '#';
  start: number;
  end: number;
  /** Text between the markers. */
  textStart: number;
  textEnd: number;
}

/** A top-level statement: its decorators (if any) and the declaration that follows them. */
export interface Statement {
  /** First token of the statement (a decorator's `@` or the keyword). */
  firstToken: number;
  /** Index of the keyword token, or -1 for decorators that are not followed by a declaration. */
  keywordToken: number;
  /** One past the last token of the statement. */
  endToken: number;
  keyword?: string;
}

export interface ScanResult {
  tokens: Token[];
  comments: ScannedComment[];
  statements: Statement[];
}

const STATEMENT_KEYWORDS = new Set([
  'targetScope',
  'param',
  'var',
  'resource',
  'module',
  'output',
  'func',
  'type',
  'metadata',
  'import',
  'extension',
  'provider',
  'using',
  'extends',
  'assert',
  'test',
]);

const OPENERS = '{[(';
const CLOSERS = '}])';
/** Two-character operators worth keeping whole, so `=` and `!` alone are recognisable. */
const TWO_CHAR = new Set(['==', '=>', '=~', '!=', '!~', '::', '.?', '??', '&&', '||', '<=', '>=']);

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNewline(c: number): boolean {
  return c === 10 || c === 13;
}

/** End of a string starting at `i` (`'…'`, `'''…'''`, `$'''…'''`); stops at a line end for unterminated `'…'`. */
export function skipString(text: string, i: number): number {
  if (text.startsWith("$'''", i)) i++;
  if (text.startsWith("'''", i)) {
    const close = text.indexOf("'''", i + 3);
    return close < 0 ? text.length : close + 3;
  }
  i++;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i += 2;
    else if (c === 39 /* ' */) return i + 1;
    else if (isNewline(c)) return i;
    else if (c === 36 /* $ */ && text.charCodeAt(i + 1) === 123 /* { */) i = skipInterpolation(text, i + 2);
    else i++;
  }
  return text.length;
}

/** End of a `${…}` interpolation whose body starts at `i`. */
function skipInterpolation(text: string, i: number): number {
  let depth = 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 39 /* ' */) {
      i = skipString(text, i);
      continue;
    }
    if (isNewline(c)) return i;
    if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i + 1;
    i++;
  }
  return text.length;
}

/** True when the word at `i` is followed by `:` (an object key such as `provider: …`, not a statement). */
function followedByColon(text: string, i: number): boolean {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === ':';
}

export function scanBicep(text: string): ScanResult {
  const tokens: Token[] = [];
  const comments: ScannedComment[] = [];
  const starts: number[] = [];
  let depth = 0;
  let lineStart = true;
  let i = 0;
  const n = text.length;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isNewline(c)) {
      lineStart = true;
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 0xfeff) {
      i++;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const end = lineEnd(text, i);
      comments.push({ marker: '//', start: i, end, textStart: i + 2, textEnd: end });
      i = end;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? n : close + 2;
      comments.push({ marker: '/*', start: i, end, textStart: i + 2, textEnd: close < 0 ? n : close });
      i = end;
      continue;
    }
    if (c === 35 /* # */) {
      const end = lineEnd(text, i);
      comments.push({ marker: '#', start: i, end, textStart: i + 1, textEnd: end });
      i = end;
      continue;
    }

    const start = i;
    let kind: TokenKind;
    if (c === 39 || (c === 36 && text.startsWith("'''", i + 1))) {
      kind = 'string';
      i = skipString(text, i);
    } else if (isDigit(c)) {
      kind = 'number';
      while (i < n && isDigit(text.charCodeAt(i))) i++;
    } else if (isWordStart(c)) {
      kind = 'word';
      while (i < n && isWordPart(text.charCodeAt(i))) i++;
    } else {
      kind = 'punct';
      i += TWO_CHAR.has(text.slice(i, i + 2)) ? 2 : 1;
    }

    const atColumn0 = start === 0 || isNewline(text.charCodeAt(start - 1));
    if (lineStart && (depth === 0 || atColumn0) && isStatementStart(text, kind, start, i)) {
      depth = 0;
      starts.push(tokens.length);
    }
    lineStart = false;

    const ch = text[start];
    if (kind === 'punct' && CLOSERS.includes(ch)) depth = Math.max(0, depth - 1);
    tokens.push({ kind, start, end: i, depth });
    if (kind === 'punct' && OPENERS.includes(ch)) depth++;
  }

  return { tokens, comments, statements: groupStatements(text, tokens, starts) };
}

function lineEnd(text: string, i: number): number {
  while (i < text.length && !isNewline(text.charCodeAt(i))) i++;
  return i;
}

function isStatementStart(text: string, kind: TokenKind, start: number, end: number): boolean {
  if (kind === 'punct') return text[start] === '@';
  return kind === 'word' && STATEMENT_KEYWORDS.has(text.slice(start, end)) && !followedByColon(text, end);
}

/** Joins decorator lines with the declaration they decorate. */
function groupStatements(text: string, tokens: Token[], starts: number[]): Statement[] {
  const statements: Statement[] = [];
  for (let s = 0; s < starts.length; s++) {
    const index = starts[s];
    const end = s + 1 < starts.length ? starts[s + 1] : tokens.length;
    const isDecorator = tokens[index].kind === 'punct';
    const last = statements[statements.length - 1];
    if (last && last.keywordToken < 0) {
      last.endToken = end;
      if (!isDecorator) {
        last.keywordToken = index;
        last.keyword = text.slice(tokens[index].start, tokens[index].end);
      }
      continue;
    }
    statements.push({
      firstToken: index,
      keywordToken: isDecorator ? -1 : index,
      endToken: end,
      keyword: isDecorator ? undefined : text.slice(tokens[index].start, tokens[index].end),
    });
  }
  return statements;
}
