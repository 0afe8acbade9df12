/**
 * Completion under `metadata.annotations`: annotation keys for the resource kind (ingress-nginx and
 * cert-manager on an Ingress; cloud and MetalLB on a Service), and values for booleans (always
 * quoted), enumerations and references to workspace objects (Secrets, ConfigMaps, Services).
 *
 * Half-typed annotations are often not valid YAML yet (`nginx.ingress.kub` with no colon), so the
 * position is found from the text: the enclosing keys are read from the indentation above.
 */
import { annotationsForKind, keyFor, lookupAnnotation, nginxSuffix, type AnnotationSpec } from '../catalog/annotations';
import type { LineIndex } from '../text';
import { getIn, keyText, mapItems, str } from '../yaml/ast';
import type { CompletionItem, FeatureContext } from './types';

export interface AnnotationPosition {
  /** The cursor is on the key (or where a key goes) or on the value. */
  part: 'key' | 'value';
  /** The key text written so far on the line (whole key when on the value). */
  key: string;
  /** Offsets of the key on the line. */
  keyStart: number;
  keyEnd: number;
  /** The line already has `key:`. */
  hasColon: boolean;
  /** Offsets of the value text (without quotes) when on the value. */
  valueStart?: number;
  valueEnd?: number;
  /** The value is written inside quotes. */
  quoted?: boolean;
}

const KEY_LINE = /^(\s*)(["']?)([^\s"':#][^\s"':#]*)?\2(:[ \t]*)?(.*)$/;

/** The names of the keys that enclose a line, innermost first, read from indentation. */
export function enclosingKeys(lines: LineIndex, line: number, indent: number, depth = 2): string[] {
  const out: string[] = [];
  let current = indent;
  for (let i = line - 1; i >= 0 && out.length < depth; i--) {
    const t = lines.lineText(i);
    if (/^\s*(#.*)?$/.test(t)) continue;
    if (/^(---|\.\.\.)\s*$/.test(t)) break;
    const ind = t.length - t.trimStart().length;
    if (ind >= current) continue;
    const m = /^\s*(?:-\s+)?["']?([^"':#]+?)["']?\s*:\s*(#.*)?$/.exec(t);
    if (!m) return out.length ? out : [''];
    out.push(m[1]);
    current = ind;
    if (ind === 0) break;
  }
  return out;
}

/** Where the cursor is relative to an annotation of `metadata.annotations`, or undefined. */
export function annotationPosition(ctx: FeatureContext): AnnotationPosition | undefined {
  const lines = ctx.file.lines;
  const pos = lines.positionAt(ctx.offset);
  const lineStart = lines.lineStart(pos.line);
  const text = lines.lineText(pos.line);
  const col = pos.character;
  const m = KEY_LINE.exec(text);
  if (!m) return undefined;
  const indent = m[1].length;
  if (indent === 0) return undefined;
  const parents = enclosingKeys(lines, pos.line, indent);
  if (parents[0] !== 'annotations' || parents[1] !== 'metadata') return undefined;
  const q = m[2];
  const key = m[3] ?? '';
  const keyStart = lineStart + indent + q.length;
  const keyEnd = keyStart + key.length;
  const colonPart = m[4];
  if (!colonPart) {
    if (col < indent) return undefined;
    return { part: 'key', key: key.trimEnd(), keyStart, keyEnd, hasColon: false };
  }
  const afterKey = indent + q.length * 2 + key.length;
  if (col <= afterKey) return { part: 'key', key, keyStart, keyEnd, hasColon: true };
  const rest = m[5];
  const restStart = afterKey + colonPart.length;
  if (col < restStart) return undefined;
  const vq = rest[0] === '"' || rest[0] === "'" ? rest[0] : '';
  const raw = vq ? rest.slice(1).split(vq)[0] : rest.replace(/\s+#.*$/, '').trimEnd();
  const valueStart = lineStart + restStart + vq.length;
  return { part: 'value', key, keyStart, keyEnd, hasColon: true, valueStart, valueEnd: valueStart + raw.length, quoted: !!vq };
}

function riskText(a: AnnotationSpec): string {
  return a.risk ? ` · risk ${a.risk}` : '';
}

/** The documentation shown in completion and hover. */
export function annotationMarkdown(a: AnnotationSpec, key: string): string {
  const rows: string[] = [];
  rows.push(`| Type | ${a.typeLabel ?? a.type} |`);
  if (a.options?.length && a.type !== 'bool') rows.push(`| Values | ${a.options.map((o) => `\`${o}\``).join(', ')} |`);
  if (a.default !== undefined) rows.push(`| Default | \`${a.default}\` |`);
  const rule = a.validation ?? a.validate?.rule;
  if (rule) rows.push(`| Accepted | ${rule.replace(/\|/g, '\\|')} |`);
  if (a.risk) rows.push(`| Risk | ${a.risk}${a.risk === 'Critical' ? ' (refused by default since v1.12.0)' : ''} |`);
  if (a.scope) rows.push(`| Applies to | ${a.scope === 'ingress' ? 'the whole server (host)' : 'each path (location)'} |`);
  if (a.controllers) rows.push(`| Read by | ${a.controllers.map((c) => (c === 'in-tree' ? 'in-tree AWS cloud provider' : 'AWS Load Balancer Controller')).join(', ')} |`);
  rows.push(`| Status | ${statusText(a)} |`);
  return [`**${key}**`, '', a.description, '', '| | |', '|---|---|', ...rows, '', `[Documentation](${a.docs})`].join('\n');
}

export function statusText(a: AnnotationSpec): string {
  const s = a.status;
  let t = s.state;
  if (s.since) t += ` (${s.state === 'current' ? 'since' : s.state === 'removed' ? 'removed in' : 'since'} ${s.since})`;
  if (s.replacement) t += `, use \`${s.replacement}\``;
  if (s.note) t += ` — ${s.note}`;
  return t;
}

function quote(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function keyItems(ctx: FeatureContext, p: AnnotationPosition): CompletionItem[] {
  const kind = ctx.manifest?.kind;
  const prefix = ctx.settings.ingressNginxAnnotationPrefix;
  const present = new Set<string>();
  for (const pair of mapItems(getIn(ctx.manifest?.root, ['metadata', 'annotations']))) {
    const k = keyText(pair);
    if (k !== undefined && k !== p.key) present.add(k);
  }
  const out: CompletionItem[] = [];
  for (const a of annotationsForKind(kind)) {
    if (a.status.state === 'removed' || a.pattern || a.status.note === 'written by the controller') continue;
    const key = keyFor(a, prefix);
    if (present.has(key)) continue;
    const rank = a.status.state === 'deprecated' ? '2' : a.group === 'ingress-nginx' || a.group === 'aws' ? '0' : '1';
    const isBool = a.type === 'bool';
    out.push({
      label: key,
      kind: 'annotation',
      detail: `${a.typeLabel ?? a.type}${riskText(a)}${a.status.state === 'deprecated' ? ' · deprecated' : ''}`,
      documentation: annotationMarkdown(a, key),
      insertText: p.hasColon ? key : isBool ? `${key}: "\${1|true,false|}"` : `${key}: $0`,
      snippet: !p.hasColon,
      replace: [p.keyStart, p.keyEnd],
      filterText: key,
      sortText: `${rank}${key}`,
      deprecated: a.status.state === 'deprecated',
    });
  }
  return out;
}

/** Names of workspace objects a reference annotation may point to. */
function referenceNames(ctx: FeatureContext, kind: 'Secret' | 'ConfigMap' | 'Service', qualified: boolean): string[] {
  const ws = ctx.workspace;
  if (!ws) return [];
  const ns = ctx.manifest?.namespace ?? 'default';
  const out = new Set<string>();
  for (const m of ws.byKind(kind)) {
    const name = m.manifest.name;
    if (!name) continue;
    if (kind === 'Secret' && qualified === false) {
      // auth-secret holds users: an Opaque Secret; TLS Secrets are for the certificate annotations.
      const type = str(getIn(m.manifest.root, ['type']));
      if (type && type !== 'Opaque') continue;
    }
    if (qualified) out.add(`${m.namespace}/${name}`);
    else if (m.namespace === ns) out.add(name);
    else if (kind !== 'Service') out.add(`${m.namespace}/${name}`);
  }
  return [...out].sort();
}

const QUALIFIED_REFERENCES = new Set(['auth-tls-secret', 'proxy-ssl-secret']);

function valueItems(ctx: FeatureContext, p: AnnotationPosition): CompletionItem[] {
  const prefix = ctx.settings.ingressNginxAnnotationPrefix;
  const a = lookupAnnotation(p.key, prefix);
  if (!a || a.status.state === 'removed') return [];
  const replace: [number, number] = [p.valueStart! - (p.quoted ? 1 : 0), p.valueEnd! + (p.quoted ? 1 : 0)];
  const out: CompletionItem[] = [];
  const values = a.type === 'bool' ? a.options ?? ['true', 'false'] : a.options ?? [];
  values.forEach((v, i) => {
    out.push({
      label: quote(v),
      kind: a.type === 'bool' ? 'value' : 'enum',
      detail: a.default === v ? 'default' : a.typeLabel ?? a.type,
      insertText: quote(v),
      filterText: p.quoted ? `"${v}` : v,
      replace,
      sortText: String(i).padStart(3, '0'),
      preselect: a.default === v,
    });
  });
  if (a.references) {
    const suffix = nginxSuffix(p.key, prefix) ?? '';
    for (const name of referenceNames(ctx, a.references, QUALIFIED_REFERENCES.has(suffix))) {
      out.push({ label: name, kind: 'reference', detail: `${a.references} in the workspace`, insertText: quote(name), filterText: p.quoted ? `"${name}` : name, replace });
    }
  }
  return out;
}

export function annotationCompletion(ctx: FeatureContext): CompletionItem[] {
  const kind = ctx.manifest?.kind;
  if (kind !== 'Ingress' && kind !== 'Service') return [];
  const p = annotationPosition(ctx);
  if (!p) return [];
  return p.part === 'key' ? keyItems(ctx, p) : valueItems(ctx, p);
}
