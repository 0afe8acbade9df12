/**
 * Finds the Service manifests of a YAML file cheaply (no YAML parser: this runs for the CodeLens
 * at activation time). It reads top-level `kind:`, and `metadata.name` / `metadata.namespace`
 * from the metadata block's own indentation level. Templates with `{{ }}` in the name are skipped.
 */

export interface ServiceLocation {
  /** 0-based line of the document's `kind: Service` (or its first line). */
  line: number;
  name: string;
  namespace?: string;
}

export function locateServices(text: string): ServiceLocation[] {
  const lines = text.split(/\r?\n/);
  const out: ServiceLocation[] = [];
  let start = 0;
  const flush = (end: number) => {
    const found = scanDocument(lines, start, end);
    if (found) out.push(found);
  };
  for (let i = 0; i < lines.length; i++) {
    if (/^---(\s|$)/.test(lines[i]!) || /^\.\.\.\s*$/.test(lines[i]!)) {
      flush(i);
      start = i + 1;
    }
  }
  flush(lines.length);
  return out;
}

const unquote = (v: string) => v.replace(/\s+#.*$/, '').trim().replace(/^(["'])(.*)\1$/, '$2');

function scanDocument(lines: string[], start: number, end: number): ServiceLocation | undefined {
  let kindLine = -1;
  let apiVersion: string | undefined;
  let name: string | undefined;
  let namespace: string | undefined;
  for (let i = start; i < end; i++) {
    const l = lines[i]!;
    let m = /^kind:\s*(.*)$/.exec(l);
    if (m) {
      if (unquote(m[1]!) !== 'Service') return undefined;
      kindLine = i;
      continue;
    }
    m = /^apiVersion:\s*(.*)$/.exec(l);
    if (m) {
      apiVersion = unquote(m[1]!);
      continue;
    }
    if (/^metadata:\s*(#.*)?$/.test(l)) {
      let indent: number | undefined;
      for (let j = i + 1; j < end; j++) {
        const c = lines[j]!;
        if (/^\s*(#.*)?$/.test(c)) continue;
        const ind = /^(\s*)/.exec(c)![1]!.length;
        if (ind === 0) break;
        indent ??= ind;
        if (ind !== indent) continue;
        const kv = /^\s*(name|namespace):\s*(.*)$/.exec(c);
        if (kv?.[1] === 'name') name = unquote(kv[2]!);
        else if (kv?.[1] === 'namespace') namespace = unquote(kv[2]!);
      }
    }
  }
  if (kindLine < 0 || !name || (apiVersion && apiVersion !== 'v1')) return undefined;
  if (/[{}]/.test(name) || (namespace && /[{}]/.test(namespace))) return undefined;
  return { line: kindLine, name, ...(namespace ? { namespace } : {}) };
}
