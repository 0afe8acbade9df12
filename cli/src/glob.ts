/**
 * A small glob matcher: `*` (any characters but `/`), `**` (any number of path segments), `?`,
 * `[abc]` / `[a-z]` / `[!abc]`, and `{a,b}` alternatives. Paths are compared with `/` separators.
 */

/** True when the text has glob syntax, so it is a pattern rather than a path. */
export function isGlob(text: string): boolean {
  return /[*?[\]{}]/.test(text);
}

/** Compiles a glob to a regular expression over a whole `/`-separated path. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob)}$`);
}

function translate(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**` as a whole segment matches zero or more segments.
        const atStart = i === 0 || glob[i - 1] === '/';
        let j = i + 2;
        while (glob[j] === '*') j++;
        if (atStart && glob[j] === '/') {
          out += '(?:[^/]+/)*';
          i = j + 1;
          continue;
        }
        if (atStart && j === glob.length) {
          out += '.*';
          i = j;
          continue;
        }
        out += '[^/]*';
        i = j;
        continue;
      }
      out += '[^/]*';
      i++;
    } else if (c === '?') {
      out += '[^/]';
      i++;
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        i++;
        continue;
      }
      let body = glob.slice(i + 1, close);
      let negate = false;
      if (body[0] === '!' || body[0] === '^') {
        negate = true;
        body = body.slice(1);
      }
      body = body.replace(/[\\\]^]/g, (m) => `\\${m}`);
      out += negate ? `[^/${body}]` : `[${body}]`;
      i = close + 1;
    } else if (c === '{') {
      const close = matchingBrace(glob, i);
      if (close < 0) {
        out += '\\{';
        i++;
        continue;
      }
      const alternatives = splitTopLevel(glob.slice(i + 1, close));
      out += `(?:${alternatives.map(translate).join('|')})`;
      i = close + 1;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeChar(glob[i + 1]);
      i += 2;
    } else {
      out += escapeChar(c);
      i++;
    }
  }
  return out;
}

function escapeChar(c: string): string {
  return /[.+^$()|{}[\]\\*?/]/.test(c) ? (c === '/' ? '/' : `\\${c}`) : c;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/**
 * Splits a pattern into the literal directory to start walking from and the rest.
 * `deploy/k8s/**\/*.yaml` → `deploy/k8s` + `**\/*.yaml`; `/abs/*.yml` → `/abs` + `*.yml`.
 */
export function globBase(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  const literal: string[] = [];
  let k = 0;
  for (; k < segments.length - 1; k++) {
    if (isGlob(segments[k])) break;
    literal.push(segments[k]);
  }
  const base = literal.length === 0 ? '.' : literal.join('/') || '/';
  return { base, rest: segments.slice(k).join('/') };
}
