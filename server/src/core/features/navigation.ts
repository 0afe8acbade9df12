/**
 * Navigation fed by the workspace index, as pure functions of (file, offset, workspace):
 * go to definition, find references, hovers on selectors and backends, and the CodeLens data above
 * each Service. Locations carry offsets into their own file and, when the index holds that file,
 * the line/character range.
 */
import type { Range } from '../text';
import { get, getIn, nodeSpan, type AnyNode } from '../yaml/ast';
import type { Manifest, ParsedFile } from '../yaml/parse';
import { namespaceIn } from '../workspace';
import { describePorts, ingressBackends, podTemplate, serviceFacts } from '../workspace/resources';
import { routesTo, selectedWorkloads, servicesSelecting, whereIs, type Workload } from '../workspace/query';
import type { IndexedManifest, WorkspaceView } from '../workspace/view';
import { featureContext } from './context';
import type { FeatureContext, HoverResult } from './types';
import { normalizeSettings } from '../settings';

export interface Location {
  uri: string;
  start: number;
  end: number;
  /** Present when the target file's line index is known. */
  range?: Range;
}

export interface CodeLensData {
  /** Offsets of the line the lens sits above (the Service's first key). */
  span: [number, number];
  title: string;
  /** The workloads and Ingresses the title names, for a "show references" command. */
  locations: Location[];
}

function locationOf(item: IndexedManifest | { uri: string; file?: ParsedFile }, node: AnyNode, current?: { uri: string; file: ParsedFile }): Location | undefined {
  const span = nodeSpan(node);
  if (!span) return undefined;
  const file = item.file ?? (current && current.uri === item.uri ? current.file : undefined);
  return { uri: item.uri, start: span[0], end: span[1], range: file?.lines.rangeOf(span[0], span[1]) };
}

function nameNode(m: Manifest): AnyNode {
  return getIn(m.root, ['metadata', 'name']) ?? m.root;
}

function compact<T>(list: Array<T | undefined>): T[] {
  return list.filter((x): x is T => x !== undefined);
}

/** Path of the position inside its manifest, and whether it is on a value. */
function where(file: ParsedFile, offset: number) {
  const ctx = featureContext(file, offset, normalizeSettings({}));
  return ctx;
}

function endsWith(path: ReadonlyArray<string | number>, tail: ReadonlyArray<string | number | '*'>): boolean {
  if (path.length < tail.length) return false;
  const off = path.length - tail.length;
  return tail.every((t, i) => t === '*' || path[off + i] === t);
}

function backendAt(m: Manifest, path: ReadonlyArray<string | number>) {
  // [..., 'backend' | 'defaultBackend', 'service', 'name' | 'port', ...]
  const i = path.lastIndexOf('service');
  if (i < 1) return undefined;
  const parent = path[i - 1];
  if (parent !== 'backend' && parent !== 'defaultBackend') return undefined;
  const serviceNode = getIn(m.root, path.slice(0, i + 1));
  return ingressBackends(m).find((b) => b.serviceNode === serviceNode);
}

/** Go to definition. */
export function definition(file: ParsedFile, offset: number, uri: string, ws: WorkspaceView): Location[] {
  const ctx = where(file, offset);
  const m = ctx.manifest;
  if (!m?.isKubernetes || !m.kind) return [];
  const path = ctx.hit.path;
  const current = { uri, file };
  const ns = namespaceIn(ws, uri, m);
  if (m.kind === 'Ingress') {
    const b = backendAt(m, path);
    if (!b?.serviceName) return [];
    const services = ws.get('Service', ns, b.serviceName);
    if (endsWith(path, ['service', 'name'])) return compact(services.map((s) => locationOf(s, nameNode(s.manifest), current)));
    if (endsWith(path, ['port', 'name']) || endsWith(path, ['port', 'number'])) {
      const out: Location[] = [];
      for (const s of services) {
        for (const p of serviceFacts(s.manifest).ports) {
          if (b.portName !== undefined && p.name === b.portName) out.push(...compact([locationOf(s, p.nameNode, current)]));
          if (b.portNumber !== undefined && p.port === b.portNumber) out.push(...compact([locationOf(s, p.portNode, current)]));
        }
      }
      return out;
    }
    return [];
  }
  if (m.kind === 'Service') {
    const svc = serviceFacts(m);
    const selected = selectedWorkloads(ws, ns, svc.selector);
    if (endsWith(path, ['spec', 'ports', '*', 'targetPort'])) {
      const idx = path[path.length - 2] as number;
      const tp = svc.ports[idx]?.targetPort;
      if (tp === undefined) return [];
      return compact(selected.flatMap((w) => w.template.ports
        .filter((c) => (typeof tp === 'string' ? c.name === tp : c.containerPort === tp))
        .map((c) => locationOf(w.item, typeof tp === 'string' ? c.nameNode : get(c.node, 'containerPort'), current))));
    }
    if (path[0] === 'spec' && path[1] === 'selector') {
      return compact(selected.map((w) => locationOf(w.item, w.template.labelsNode ?? nameNode(w.item.manifest), current)));
    }
  }
  return [];
}

/** Find references: Service → the Ingress backends that route to it; workload → the Services that select it. */
export function references(file: ParsedFile, offset: number, uri: string, ws: WorkspaceView, includeDeclaration = false): Location[] {
  const ctx = where(file, offset);
  const m = ctx.manifest;
  if (!m?.isKubernetes || !m.kind || !m.name) return [];
  const current = { uri, file };
  const ns = namespaceIn(ws, uri, m);
  const path = ctx.hit.path;
  const onIdentity = (path[0] === 'metadata' && path[1] === 'name') || path[0] === 'kind' || path.length === 0;
  const decl = includeDeclaration ? compact([locationOf(current, nameNode(m), current)]) : [];
  if (m.kind === 'Service' && onIdentity) {
    return [...decl, ...compact(routesTo(ws, ns, m.name).map((r) => locationOf(r.item, r.backend.nameNode, current)))];
  }
  const t = podTemplate(m);
  if (t && (onIdentity || endsWith(path, ['template', 'metadata', 'labels']) || path.includes('labels'))) {
    return [...decl, ...compact(servicesSelecting(ws, ns, t.labels).map((s) => locationOf(s, serviceFacts(s.manifest).selectorNode, current)))];
  }
  return [];
}

function podCount(selected: Workload[]): string {
  const known = selected.every((w) => w.template.replicas !== undefined);
  if (!known) return 'pods';
  const n = selected.reduce((a, w) => a + (w.template.replicas ?? 0), 0);
  return `${n} pod${n === 1 ? '' : 's'}`;
}

/** CodeLens above each Service: what it selects and which Ingresses route to it. */
export function codeLenses(file: ParsedFile, uri: string, ws: WorkspaceView): CodeLensData[] {
  const out: CodeLensData[] = [];
  const current = { uri, file };
  for (const m of file.manifests) {
    if (!m.isKubernetes || m.isTemplate || m.kind !== 'Service') continue;
    const ns = namespaceIn(ws, uri, m);
    const svc = serviceFacts(m);
    const parts: string[] = [];
    const locations: Location[] = [];
    if (svc.type === 'ExternalName') parts.push('external name');
    else if (Object.keys(svc.selector).length === 0) parts.push('no selector (endpoints managed by hand)');
    else {
      const selected = selectedWorkloads(ws, ns, svc.selector);
      if (selected.length === 0) parts.push('selects no pods');
      else parts.push(`selects ${podCount(selected)} from ${selected.map((w) => `${w.template.kind} ${w.template.name}`).join(', ')}`);
      locations.push(...compact(selected.map((w) => locationOf(w.item, nameNode(w.item.manifest), current))));
    }
    const routes = m.name ? routesTo(ws, ns, m.name) : [];
    if (routes.length) {
      const names = [...new Set(routes.map((r) => r.item.manifest.name ?? '?'))];
      parts.push(`routed from Ingress ${names.join(', ')}`);
      locations.push(...compact(routes.map((r) => locationOf(r.item, r.backend.nameNode, current))));
    }
    const line = file.lines.positionAt(m.contentStart).line;
    out.push({ span: [file.lines.lineStart(line), file.lines.lineEnd(line)], title: parts.join(' · '), locations });
  }
  return out;
}

// ---------- hovers (registered in providers.ts) ----------

/** Hover on a Service selector: the workloads it selects, or that none does. */
export function selectorHover(ctx: FeatureContext): HoverResult | undefined {
  const m = ctx.manifest;
  const ws = ctx.workspace;
  if (!ws || m?.kind !== 'Service' || ctx.hit.path[0] !== 'spec' || ctx.hit.path[1] !== 'selector') return undefined;
  const ns = namespaceIn(ws, ctx.uri, m);
  const svc = serviceFacts(m);
  const span = nodeSpan(ctx.hit.path.length === 2 && ctx.hit.onKey ? ctx.hit.node : ctx.hit.pair?.value ?? ctx.hit.node);
  if (Object.keys(svc.selector).length === 0) return { markdown: 'This Service has no selector: its endpoints are managed by hand (or by a controller).', span };
  const selected = selectedWorkloads(ws, ns, svc.selector);
  if (selected.length === 0) {
    return { markdown: `**No workload** in namespace \`${ns}\` has these labels on its pod template, so this Service has no endpoints.`, span };
  }
  const lines = selected.map((w) => `- ${w.template.kind} \`${w.template.name}\`${w.template.replicas !== undefined ? ` (${w.template.replicas} replica${w.template.replicas === 1 ? '' : 's'})` : ''} — ${whereIs(w.item, ctx.uri)}`);
  return { markdown: `**Selects the pods of** (namespace \`${ns}\`):\n\n${lines.join('\n')}`, span };
}

/** Hover on an Ingress backend's service name: a summary of the Service. */
export function backendHover(ctx: FeatureContext): HoverResult | undefined {
  const m = ctx.manifest;
  const ws = ctx.workspace;
  if (!ws || m?.kind !== 'Ingress' || ctx.hit.onKey || !endsWith(ctx.hit.path, ['service', 'name'])) return undefined;
  const b = backendAt(m, ctx.hit.path);
  if (!b?.serviceName) return undefined;
  const ns = namespaceIn(ws, ctx.uri, m);
  const span = nodeSpan(b.nameNode);
  const found = ws.get('Service', ns, b.serviceName);
  if (found.length === 0) return { markdown: `No Service \`${b.serviceName}\` in namespace \`${ns}\` in the workspace.`, span };
  const s = found[0];
  const svc = serviceFacts(s.manifest);
  const selected = selectedWorkloads(ws, ns, svc.selector);
  const sel = Object.keys(svc.selector).length === 0
    ? 'no selector'
    : selected.length === 0
      ? 'selects no pods'
      : `selects ${selected.map((w) => `${w.template.kind} \`${w.template.name}\``).join(', ')}`;
  return {
    markdown: `**Service \`${b.serviceName}\`** (namespace \`${ns}\`, ${whereIs(s, ctx.uri)})\n\n- type: ${svc.type}\n- ports: ${describePorts(svc.ports)}\n- ${sel}`,
    span,
  };
}

