/**
 * Value validators that mirror what the controllers themselves accept. Each returns `undefined`
 * for an accepted value, or a sentence saying what is wrong. All are pure and linear in the
 * length of the value (regexes that are ambiguous in Go's RE2 are rewritten into equivalent
 * unambiguous forms, because JavaScript regexes backtrack).
 */
import type { Validator } from './types';

/** Values Go's `strconv.ParseBool` accepts. */
export const GO_BOOL_VALUES = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];
const GO_BOOLS = new Set(GO_BOOL_VALUES);

/** Go's `strconv.ParseBool`: the only spellings ingress-nginx reads as a boolean. */
export const goBool: Validator = withRule((v) =>
  GO_BOOLS.has(v) ? undefined : `"${v}" is not a boolean the controller can read; use "true" or "false"`, 'Go strconv.ParseBool: true, false, 1, 0, t, f, TRUE, FALSE, True, False');

const INT64_MAX = 9223372036854775807n;

/** Go's `strconv.Atoi` on a 64-bit platform: an optional sign and decimal digits that fit in int64. */
export const goInt: Validator = withRule((v) => {
  if (!/^[+-]?\d+$/.test(v)) return `"${v}" is not a whole number`;
  const n = BigInt(v);
  if (n > INT64_MAX || n < -INT64_MAX - 1n) return `"${v}" is too large a number`;
  return undefined;
}, 'a whole number (Go strconv.Atoi)');

/** A whole number within bounds (inclusive). */
export function intRange(min: number, max: number, unit = ''): Validator {
  return withRule((v) => {
    const t = v.trim();
    if (!/^[+-]?\d+$/.test(t)) return `"${v}" is not a whole number`;
    const n = Number(t);
    if (n < min || n > max) return `${t}${unit} is out of range: use ${min}..${max}${unit}`;
    return undefined;
  }, `a whole number from ${min} to ${max}`);
}

/** Rejects line breaks, which ingress-nginx refuses in every regex-validated value. */
function lineBreak(v: string): string | undefined {
  return /[\r\n]/.test(v) ? 'the value contains a line break, which the controller always rejects' : undefined;
}

export interface RegexOptions {
  /** The controller removes spaces before matching. */
  removeSpaces?: boolean;
  /** What the value should look like, for the message. */
  expect?: string;
}

/** ingress-nginx's `ValidateRegex`: optional space removal, a regex match, and no `\r`/`\n`. */
export function goRegex(re: RegExp, opts: RegexOptions = {}): Validator {
  return withRule((v) => {
    const broken = lineBreak(v);
    if (broken) return broken;
    const s = opts.removeSpaces ? v.replace(/ /g, '') : v;
    if (re.test(s)) return undefined;
    return opts.expect ? `"${v}" is not accepted: expected ${opts.expect}` : `"${v}" has characters the controller does not accept here`;
  }, `regex \`${re.source}\`${describeRegexOptions(re, opts)}`);
}

export interface OptionsOptions {
  caseSensitive?: boolean;
  trim?: boolean;
}

/** ingress-nginx's `ValidateOptions`: one of a fixed list, lower-cased first when not case-sensitive. */
export function oneOf(options: string[], opts: OptionsOptions = {}): Validator {
  const accepted = new Set(opts.caseSensitive ? options : options.map((o) => o.toLowerCase()));
  return withRule((v) => {
    let s = opts.trim ? v.trim() : v;
    if (!opts.caseSensitive) s = s.toLowerCase();
    return accepted.has(s) ? undefined : `"${v}" is not one of ${options.map((o) => `"${o}"`).join(', ')}`;
  }, `one of ${options.join(', ')}${opts.caseSensitive ? ' (case-sensitive)' : ' (any case)'}`);
}

function describeRegexOptions(re: RegExp, opts: RegexOptions): string {
  const notes = [re.flags.includes('i') ? 'any case' : '', opts.removeSpaces ? 'spaces removed first' : ''].filter(Boolean);
  return notes.length ? ` (${notes.join(', ')})` : '';
}

/** Attaches the description of what a validator accepts. */
export function withRule(f: (value: string) => string | undefined, rule: string): Validator {
  return Object.assign(f, { rule });
}

/** An IPv4 address as Go's `net.ParseIP` reads it (no leading zeros). */
export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** An IPv6 address (with `::` compression and an optional trailing IPv4 part). */
export function isIPv6(s: string): boolean {
  if (!s.includes(':') || s.length > 45) return false;
  let head = s;
  let v4groups = 0;
  const lastColon = s.lastIndexOf(':');
  const tail = s.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return false;
    head = s.slice(0, lastColon + 1) + '0:0';
    v4groups = 0;
  }
  const dbl = head.split('::');
  if (dbl.length > 2) return false;
  const group = /^[0-9a-fA-F]{1,4}$/;
  const side = (x: string) => (x === '' ? [] : x.split(':'));
  const left = side(dbl[0]);
  const right = dbl.length === 2 ? side(dbl[1]) : [];
  if (![...left, ...right].every((g) => group.test(g))) return false;
  const count = left.length + right.length + v4groups;
  return dbl.length === 2 ? count <= 7 : count === 8;
}

export function isIP(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

/** `addr/bits` with the bit count valid for the family. */
export function isCIDR(s: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  if (!m) return false;
  const bits = Number(m[2]);
  if (isIPv4(m[1])) return bits <= 32;
  if (isIPv6(m[1])) return bits <= 128;
  return false;
}

/** A comma list of IP addresses or CIDR blocks, each trimmed (ingress-nginx's `ParseCIDRs`). */
export const cidrList: Validator = withRule((v) => {
  for (const raw of v.split(',')) {
    const item = raw.trim();
    if (!isIP(item) && !isCIDR(item)) return `"${item}" is not an IP address or CIDR block (e.g. 10.0.0.0/8)`;
  }
  return undefined;
}, 'comma-separated IP addresses or CIDR blocks (IPv4 or IPv6)');

/** A list of IP addresses split on commas or spaces. */
export function ipList(separator: 'comma' | 'space' = 'comma'): Validator {
  return (v) => {
    const items = separator === 'comma' ? v.split(',') : v.split(/\s+/);
    for (const raw of items) {
      const item = raw.trim();
      if (separator === 'space' && item === '') continue;
      if (!isIP(item)) return `"${item}" is not an IP address`;
    }
    return undefined;
  };
}

export const ipv4: Validator = (v) => (isIPv4(v.trim()) ? undefined : `"${v}" is not an IPv4 address`);
export const ipv6: Validator = (v) => (isIPv6(v.trim()) ? undefined : `"${v}" is not an IPv6 address`);

/** A DNS-1035 label: what a Service name must be. */
export const dns1035: Validator = withRule((v) =>
  v.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(v)
    ? undefined
    : `"${v}" is not a valid Service name: lower-case letters, digits and '-', starting with a letter, at most 63 characters`, 'a DNS-1035 label (a Service name)');

/** ingress-nginx's server-name check (`ValidateServerName`): trimmed, then a fixed character set. */
const SERVER_NAME = /^[/\-._~a-zA-Z0-9:^$[\]{}()*+?|&=\\]*$/;
export const serverName: Validator = withRule((v) => {
  const broken = lineBreak(v);
  if (broken) return broken;
  return SERVER_NAME.test(v.trim()) ? undefined : `"${v}" has characters the controller does not accept in a server name`;
}, 'server-name characters: letters, digits, - . _ ~ / : and regex characters');

/** `server-alias`: each comma item trimmed, then the server-name character set. */
export const serverAliasList: Validator = withRule((v) => {
  const broken = lineBreak(v);
  if (broken) return broken;
  for (const item of v.split(',')) {
    if (!SERVER_NAME.test(item.trim())) return `"${item.trim()}" has characters the controller does not accept in a server name`;
  }
  return undefined;
}, 'comma-separated server names (letters, digits, - . _ ~ / : and regex characters)');

/** `auth-tls-match-cn`: `CN=` followed by a regular expression that compiles. */
export const commonNameMatch: Validator = withRule((v) => {
  const broken = lineBreak(v);
  if (broken) return broken;
  if (!v.startsWith('CN=')) return `"${v}" must start with "CN=", followed by a regular expression for the client certificate's common name`;
  try {
    new RegExp(v.slice(3));
  } catch {
    return `"${v.slice(3)}" after "CN=" is not a valid regular expression`;
  }
  return undefined;
}, 'CN= followed by a regular expression');

/**
 * `cors-allow-origin`: the controller's regex allows `*`, or a run of origins
 * (`scheme://`, `*.`, host characters, `:port`, commas). This is an unambiguous equivalent.
 */
const CORS_ORIGINS = /^(?:[A-Za-z0-9.,-]|\*\.|:\d|[a-z]:\/\/)*$/;
export const corsOrigins: Validator = withRule((v) => {
  const broken = lineBreak(v);
  if (broken) return broken;
  const s = v.replace(/ /g, '');
  if (s === '*' || CORS_ORIGINS.test(s)) return undefined;
  return `"${v}" is not a list of origins: use "*" or comma-separated origins like "https://example.com, https://*.example.org:8443" (no paths)`;
}, '* or comma-separated origins: scheme://host[:port], optional *. wildcard, no path');

/** Go's `time.ParseDuration`. */
const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
export function goDurationMillis(v: string): number | undefined {
  if (v === '0' || v === '+0' || v === '-0') return 0;
  if (!GO_DURATION.test(v)) return undefined;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return v.startsWith('-') ? -total : total;
}

/** A Go duration with an optional minimum. */
export function goDuration(minMillis = 0, minText = ''): Validator {
  return (v) => {
    const ms = goDurationMillis(v.trim());
    if (ms === undefined) return `"${v}" is not a duration: use a number with a unit, e.g. "2160h" or "90m"`;
    if (ms < minMillis) return `"${v}" is shorter than the minimum of ${minText}`;
    return undefined;
  };
}

/** `key=value` pairs separated by commas. */
export const keyValueList: Validator = (v) => {
  for (const raw of v.split(',')) {
    const item = raw.trim();
    if (item === '') continue;
    if (!/^[^=]+=/.test(item)) return `"${item}" is not a key=value pair`;
  }
  return undefined;
};

/** A JSON value that parses. */
export const json: Validator = (v) => {
  try {
    JSON.parse(v);
    return undefined;
  } catch {
    return `the value is not valid JSON`;
  }
};

/** An absolute http(s) URL. */
export function isAbsoluteHttpUrl(v: string): boolean {
  return /^https?:\/\/[^/\s?#]+/i.test(v.trim());
}

/** Runs several validators in turn; the first complaint wins. */
export function all(...vs: Validator[]): Validator {
  return (v) => {
    for (const f of vs) {
      const r = f(v);
      if (r) return r;
    }
    return undefined;
  };
}
