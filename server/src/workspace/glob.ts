/**
 * VS Code glob patterns (as in `files.exclude`): `*`, `**`, `?`, `[...]`, `{a,b}`, matched
 * against a path relative to the workspace folder with `/` separators.
 */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        while (glob[i + 1] === '*') i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      inGroup = true;
      out += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      out += ')';
    } else if (c === ',' && inGroup) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Compiles `files.exclude` (pattern → true/false or a `when` clause) into one predicate. */
export function excludeMatcher(excludes: Record<string, unknown> | null | undefined): (relPath: string) => boolean {
  const res: RegExp[] = [];
  for (const [pattern, on] of Object.entries(excludes ?? {})) {
    if (on !== true) continue; // `when` clauses about sibling files are not supported: keep those files
    try {
      res.push(globToRegExp(pattern.replace(/^\.\//, '').replace(/\/$/, '')));
    } catch {
      /* an invalid pattern excludes nothing */
    }
  }
  return (rel) => res.some((r) => r.test(rel));
}
