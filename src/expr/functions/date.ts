import { Unknown, evalError, type Value } from '../value.js';
import { define, type FunctionEntry, type Known } from './helpers.js';

/**
 * Date functions (template-functions-date.md). Times are UTC. `dateTimeAdd` counts a year as 365 days and
 * a month as 30 days, as documented; without a format it answers in the base value's shape (compact
 * `yyyyMMddTHHmmssZ` or ISO 8601 `yyyy-MM-ddTHH:mm:ssZ`). Format strings follow .NET with the invariant culture.
 */

const DATE =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

interface ParsedDate {
  ms: number;
  compact: boolean;
}

function parseDate(s: string): ParsedDate | undefined {
  const m = DATE.exec(s.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone = 'Z'] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, Math.round(Number(`0.${frac || '0'}`) * 1000));
  const check = new Date(ms);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +sec > 59) return undefined;
  if (zone.toUpperCase() !== 'Z') {
    const offset = zone.replace(':', '');
    ms -= (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(3))) * 60_000;
  }
  return { ms, compact: !s.includes('-') && !s.includes(':') };
}

const DURATION = /^(-)?P(?:([\d.]+)Y)?(?:([\d.]+)M)?(?:([\d.]+)W)?(?:([\d.]+)D)?(?:T(?:([\d.]+)H)?(?:([\d.]+)M)?(?:([\d.]+)S)?)?$/i;
const UNIT_MS = [365 * 86_400_000, 30 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

function parseDuration(s: string): number | undefined {
  const m = DURATION.exec(s.trim());
  if (!m || m.slice(2).every((x) => x === undefined) || /T$/i.test(s.trim())) return undefined;
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const part = m[i + 2];
    if (part === undefined) continue;
    const n = Number(part);
    if (!Number.isFinite(n)) return undefined;
    ms += n * UNIT_MS[i];
  }
  return m[1] ? -ms : ms;
}

const STANDARD_DATE_FORMATS: Record<string, string> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, dd MMMM yyyy HH:mm:ss',
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Formats a UTC time with a .NET standard or custom date format string. */
export function formatDate(ms: number, format: string): string {
  const pattern = format.length === 1 ? (STANDARD_DATE_FORMATS[format] ?? format) : format;
  const d = new Date(ms);
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const token = (c: string, n: number): string | undefined => {
    switch (c) {
      case 'y':
        return n === 2 ? pad(d.getUTCFullYear() % 100, 2) : pad(d.getUTCFullYear(), n);
      case 'M':
        return n >= 4 ? MONTHS[d.getUTCMonth()] : n === 3 ? MONTHS[d.getUTCMonth()].slice(0, 3) : pad(d.getUTCMonth() + 1, n);
      case 'd':
        return n >= 4 ? DAYS[d.getUTCDay()] : n === 3 ? DAYS[d.getUTCDay()].slice(0, 3) : pad(d.getUTCDate(), n);
      case 'H':
        return pad(d.getUTCHours(), n);
      case 'h':
        return pad(d.getUTCHours() % 12 || 12, n);
      case 'm':
        return pad(d.getUTCMinutes(), n);
      case 's':
        return pad(d.getUTCSeconds(), n);
      case 'f':
        return pad(d.getUTCMilliseconds(), 3).padEnd(n, '0').slice(0, n);
      case 't':
        return (d.getUTCHours() < 12 ? 'AM' : 'PM').slice(0, n);
      case 'K':
        return 'Z';
      default:
        return undefined;
    }
  };
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === "'" || c === '"') {
      const close = pattern.indexOf(c, i + 1);
      out += pattern.slice(i + 1, close < 0 ? pattern.length : close);
      i = close < 0 ? pattern.length : close + 1;
      continue;
    }
    if (c === '\\') {
      out += pattern[i + 1] ?? '';
      i += 2;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === c) n++;
    out += token(c, n) ?? c.repeat(n);
    i += n;
  }
  return out;
}

function isoString(ms: number, compact: boolean): string {
  return formatDate(ms, compact ? "yyyyMMdd'T'HHmmss'Z'" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'");
}

function dateTimeAdd([base, duration, format]: Known[]): Value {
  const date = parseDate(base as string);
  if (!date) return evalError(`dateTimeAdd() base '${base as string}' is not an ISO 8601 date and time`);
  const delta = parseDuration(duration as string);
  if (delta === undefined) return evalError(`dateTimeAdd() duration '${duration as string}' is not an ISO 8601 duration`);
  const ms = date.ms + delta;
  if (!Number.isFinite(new Date(ms).getTime())) return evalError('dateTimeAdd() result is out of range');
  return format === undefined ? isoString(ms, date.compact) : formatDate(ms, format as string);
}

function dateTimeFromEpoch([epoch]: Known[]): Value {
  const ms = (epoch as number) * 1000;
  if (!Number.isFinite(new Date(ms).getTime())) return evalError(`dateTimeFromEpoch() ${epoch as number} is out of range`);
  return isoString(ms, false);
}

function dateTimeToEpoch([s]: Known[]): Value {
  const date = parseDate(s as string);
  return date ? Math.floor(date.ms / 1000) : evalError(`dateTimeToEpoch() '${s as string}' is not an ISO 8601 date and time`);
}

export const dateFunctions: FunctionEntry[] = [
  define('dateTimeAdd', 'string, string, string?', dateTimeAdd),
  define('dateTimeFromEpoch', 'int', dateTimeFromEpoch),
  define('dateTimeToEpoch', 'string', dateTimeToEpoch),
  define('utcNow', 'string?', () => new Unknown('utcNow() is the deployment time')),
];
