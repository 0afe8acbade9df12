/** Snippet text helpers: conversions write tab stops; clients without snippet edits get the defaults. */

/** Replaces `${1:default}` by `default`, `${1|a,b|}` by `a`, `$1`/`$0` by nothing, and `\$` by `$`. */
export function snippetToPlain(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && (s[i + 1] === '$' || s[i + 1] === '}' || s[i + 1] === '\\')) {
      out += s[i + 1];
      i++;
      continue;
    }
    if (c === '$') {
      const m = /^\$(\d+)/.exec(s.slice(i));
      if (m) {
        i += m[0].length - 1;
        continue;
      }
      const b = /^\$\{(\d+)([:|])/.exec(s.slice(i));
      if (b) {
        // Find the matching close brace, honouring nesting.
        let depth = 1;
        let j = i + b[0].length;
        const start = j;
        for (; j < s.length && depth > 0; j++) {
          if (s[j] === '\\') {
            j++;
            continue;
          }
          if (s[j] === '$' && s[j + 1] === '{') {
            depth++;
            j++;
          } else if (s[j] === '}') depth--;
        }
        const inner = s.slice(start, j - 1);
        out += b[2] === '|' ? inner.replace(/\|$/, '').split(',')[0] : snippetToPlain(inner);
        i = j - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Escapes text so that it is inserted literally inside a snippet. */
export function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => '\\' + c);
}
