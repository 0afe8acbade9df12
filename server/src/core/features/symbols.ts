/** The outline: each manifest as `Kind/name`, with a Service's ports and an Ingress's rules beneath. */
import { getIn, isMap, nodeSpan, scalarText, seqItems, str, type AnyNode } from '../yaml/ast';
import type { ParsedFile } from '../yaml/parse';

export type SymbolKind = 'object' | 'port' | 'rule' | 'path' | 'tls' | 'backend';

export interface DocumentSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** Offsets of the whole element and of its name. */
  span: [number, number];
  selection: [number, number];
  children: DocumentSymbol[];
}

export function documentSymbols(file: ParsedFile): DocumentSymbol[] {
  if (!file.hasKubernetes) return [];
  const out: DocumentSymbol[] = [];
  for (const m of file.manifests) {
    if (!m.isKubernetes) continue;
    const nameNode = getIn(m.root, ['metadata', 'name']);
    const kindNode = getIn(m.root, ['kind']);
    const span: [number, number] = [m.start, Math.max(m.start, m.end)];
    const selection = nodeSpan(nameNode) ?? nodeSpan(kindNode) ?? span;
    const children: DocumentSymbol[] = [];
    if (m.kind === 'Service') children.push(...servicePorts(m.root));
    if (m.kind === 'Ingress') children.push(...ingressRules(m.root));
    out.push({
      name: `${m.kind ?? '?'}/${m.name ?? '(unnamed)'}`,
      detail: [m.apiVersion, m.namespace ? `ns ${m.namespace}` : undefined].filter(Boolean).join(' · '),
      kind: 'object',
      span,
      selection: clampInside(selection, span),
      children,
    });
  }
  return out;
}

function servicePorts(root: AnyNode): DocumentSymbol[] {
  return seqItems(getIn(root, ['spec', 'ports'])).flatMap((p) => {
    const span = nodeSpan(p);
    if (!span || !isMap(p)) return [];
    const port = scalarText(getIn(p, ['port']));
    const name = str(getIn(p, ['name']));
    const target = scalarText(getIn(p, ['targetPort']));
    const proto = str(getIn(p, ['protocol'])) ?? 'TCP';
    return [{
      name: name ? `${name} ${port ?? '?'}/${proto}` : `${port ?? '?'}/${proto}`,
      detail: target ? `→ ${target}` : undefined,
      kind: 'port' as const,
      span,
      selection: nodeSpan(getIn(p, ['port'])) ?? span,
      children: [],
    }];
  });
}

function ingressRules(root: AnyNode): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  const def = getIn(root, ['spec', 'defaultBackend']);
  const defSpan = nodeSpan(def);
  if (defSpan) out.push({ name: 'default backend', detail: backendText(def), kind: 'backend', span: defSpan, selection: defSpan, children: [] });
  for (const rule of seqItems(getIn(root, ['spec', 'rules']))) {
    const span = nodeSpan(rule);
    if (!span) continue;
    const host = str(getIn(rule, ['host']));
    const paths = seqItems(getIn(rule, ['http', 'paths'])).flatMap((p) => {
      const ps = nodeSpan(p);
      if (!ps) return [];
      return [{
        name: `${str(getIn(p, ['path'])) ?? '/'} (${str(getIn(p, ['pathType'])) ?? 'no pathType'})`,
        detail: backendText(getIn(p, ['backend'])),
        kind: 'path' as const,
        span: ps,
        selection: nodeSpan(getIn(p, ['path'])) ?? ps,
        children: [],
      }];
    });
    out.push({ name: host ?? '* (any host)', kind: 'rule', span, selection: nodeSpan(getIn(rule, ['host'])) ?? span, children: paths });
  }
  for (const tls of seqItems(getIn(root, ['spec', 'tls']))) {
    const span = nodeSpan(tls);
    if (!span) continue;
    const hosts = seqItems(getIn(tls, ['hosts'])).map(str).filter(Boolean).join(', ');
    out.push({ name: `TLS ${str(getIn(tls, ['secretName'])) ?? '(no secret)'}`, detail: hosts, kind: 'tls', span, selection: span, children: [] });
  }
  return out;
}

function backendText(b: AnyNode): string | undefined {
  const svc = str(getIn(b, ['service', 'name']));
  if (!svc) return undefined;
  const port = scalarText(getIn(b, ['service', 'port', 'number'])) ?? str(getIn(b, ['service', 'port', 'name']));
  return `→ ${svc}:${port ?? '?'}`;
}

function clampInside(sel: [number, number], span: [number, number]): [number, number] {
  const s = Math.max(span[0], Math.min(sel[0], span[1]));
  const e = Math.max(s, Math.min(sel[1], span[1]));
  return [s, e];
}

