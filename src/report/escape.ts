/** Escaping for the formats whose syntax a message could otherwise break. */

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A file name or other text from outside, for plain-text output: control characters (line breaks,
 * terminal escapes) and Unicode line separators are shown as escapes (`\n`, `\x1b`, `\u2028`), so a
 * name cannot start a line of its own, which CI systems read as a command (`::error …`, `##vso[…]`).
 */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (!isControl(code) && code !== 0x2028 && code !== 0x2029) out += ch;
    else out += NAMED_ESCAPES[ch] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`);
  }
  return out;
}

/**
 * One line of plain text for row-based formats (stylish, compact): whitespace runs, line breaks
 * included, become one space, and other control characters (terminal escapes among them) are dropped.
 */
export function oneLine(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ')) if (!isControl(ch.charCodeAt(0))) out += ch;
  return out.trim();
}

/** GitHub workflow command data, as actions/toolkit `escapeData`. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub workflow command property values, as actions/toolkit `escapeProperty`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Azure Pipelines logging command text, property values and message alike. `%` goes first so the
 * other escapes are not escaped again. The agent decodes all five tokens in the message too, so
 * escaping `]` and `;` there is harmless.
 */
export function escapeAzureDevOps(text: string): string {
  return text
    .replace(/%/g, '%AZP25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/]/g, '%5D')
    .replace(/;/g, '%3B');
}

/**
 * Drops what XML 1.0 cannot carry (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; lone
 * surrogates) and the discouraged DEL and C1 controls.
 */
function stripXmlInvalid(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const keep =
      code === 0x09 ||
      code === 0x0a ||
      code === 0x0d ||
      (!isControl(code) && code < 0xd800) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (keep) out += ch;
  }
  return out;
}

/** XML character data. CR is written as a reference so that parsers do not fold it into LF. */
export function escapeXmlText(text: string): string {
  return stripXmlInvalid(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** An XML attribute value in double quotes; tabs and line breaks survive attribute normalisation. */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}
