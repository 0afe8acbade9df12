/**
 * Questions cross-resource checks, navigation and completion ask the workspace, in Kubernetes
 * terms: which workloads does this Service select, which Ingresses route to it, which Services
 * select this workload. Pure functions over a `WorkspaceView`.
 */
import type { Manifest } from '../yaml/parse';
import { ingressBackends, ingressClassName, mapSelects, podTemplate, serviceFacts, WORKLOAD_KINDS, type IngressBackend, type Labels, type PodTemplate } from './resources';
import type { IndexedManifest, WorkspaceView } from './view';

export interface Workload {
  item: IndexedManifest;
  template: PodTemplate;
}

/** Whether an indexed entry is the manifest being looked at (same file, same document). */
export function isSelf(item: IndexedManifest, uri: string, manifest: Manifest): boolean {
  return item.manifest === manifest || (item.uri === uri && item.manifest.index === manifest.index);
}

/**
 * Lookup tables derived from a workspace, built once per index version so that checking a file of
 * thousands of manifests stays linear (each Service looks up its workloads, routes and nodePorts).
 */
interface Tables {
  workloads: Workload[];
  workloadsByNs: Map<string, Workload[]>;
  /** `ns \0 key \0 value` → workloads whose pod template has that label. */
  workloadsByLabel: Map<string, Workload[]>;
  servicesByNs: Map<string, IndexedManifest[]>;
  routes: Map<string, Route[]>;
  nodePorts: Map<number, IndexedManifest[]>;
  /** `class \0 host \0 path \0 pathType` → Ingresses whose rules claim it. */
  claims: Map<string, IndexedManifest[]>;
}

/** The kinds the tables are made of. */
const TABLE_KINDS = [...WORKLOAD_KINDS, 'Service', 'Ingress'];
/**
 * Per view and version: the tables once something needed them all, and before that the
 * workloads of the namespaces asked about. Completion in a large file (where the checks that
 * build the tables are skipped) then reads one namespace's pod templates, not every one.
 */
interface Derived {
  version: unknown;
  tables?: Tables;
  workloadsByNs: Map<string, Workload[]>;
}
const tableCache = new WeakMap<WorkspaceView, Derived>();

function derived(ws: WorkspaceView): Derived {
  const source = ws.source ?? ws;
  const version = versionOf(source);
  let d = tableCache.get(source);
  if (!d || d.version !== version) {
    d = { version, workloadsByNs: new Map() };
    tableCache.set(source, d);
  }
  return d;
}

function versionOf(ws: WorkspaceView): unknown {
  const v = (ws as { version?: unknown }).version;
  if (v !== undefined) return v;
  const all = ws.all();
  return Array.isArray(all) ? all.length : NaN; // NaN never equals itself: no caching
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

export function tables(ws: WorkspaceView): Tables {
  // Cached on the view a recording view wraps (analyze.ts), read through `ws` so that a check
  // using the tables is noted as reading the kinds they are made of.
  for (const kind of TABLE_KINDS) ws.byKind(kind);
  const d = derived(ws);
  if (!d.tables) d.tables = buildTables(ws);
  return d.tables;
}

function buildTables(ws: WorkspaceView): Tables {
  const t: Tables = { workloads: [], workloadsByNs: new Map(), workloadsByLabel: new Map(), servicesByNs: new Map(), routes: new Map(), nodePorts: new Map(), claims: new Map() };
  for (const kind of WORKLOAD_KINDS) {
    for (const item of ws.byKind(kind)) {
      const template = podTemplate(item.manifest);
      if (!template) continue;
      const w = { item, template };
      t.workloads.push(w);
      push(t.workloadsByNs, item.namespace, w);
      for (const [k, v] of Object.entries(template.labels)) push(t.workloadsByLabel, `${item.namespace}\0${k}\0${v}`, w);
    }
  }
  for (const item of ws.byKind('Service')) {
    push(t.servicesByNs, item.namespace, item);
    for (const p of serviceFacts(item.manifest).ports) if (p.nodePort !== undefined) push(t.nodePorts, p.nodePort, item);
  }
  for (const item of ws.byKind('Ingress')) {
    const cls = ingressClassName(item.manifest).name ?? '';
    const seen = new Set<string>();
    for (const backend of ingressBackends(item.manifest)) {
      if (backend.serviceName) push(t.routes, `${item.namespace}\0${backend.serviceName}`, { item, backend });
      if (backend.isDefault) continue;
      const key = claimKey(cls, backend);
      if (!seen.has(key)) push(t.claims, key, item);
      seen.add(key);
    }
  }
  return t;
}

/** What an Ingress rule path claims on its controller: class, host, path and path type. */
export function claimKey(ingressClass: string, b: { host: string; path?: string; pathType?: string }): string {
  return `${ingressClass}\0${b.host}\0${b.path ?? '/'}\0${b.pathType ?? 'ImplementationSpecific'}`;
}

/** The Ingresses claiming a class/host/path/pathType. */
export function ingressesClaiming(ws: WorkspaceView, key: string): IndexedManifest[] {
  return tables(ws).claims.get(key) ?? [];
}

/** Every workload (pod template) of a namespace; every namespace when `namespace` is undefined. */
export function workloads(ws: WorkspaceView, namespace?: string): Workload[] {
  if (namespace === undefined) return tables(ws).workloads;
  for (const kind of WORKLOAD_KINDS) ws.byKind(kind); // noted as read (a recording view)
  const d = derived(ws);
  if (d.tables) return d.tables.workloadsByNs.get(namespace) ?? [];
  let list = d.workloadsByNs.get(namespace);
  if (!list) {
    // The same entries in the same order as the tables would hold.
    list = [];
    for (const kind of WORKLOAD_KINDS) {
      for (const item of ws.byKind(kind)) {
        if (item.namespace !== namespace) continue;
        const template = podTemplate(item.manifest);
        if (template) list.push({ item, template });
      }
    }
    d.workloadsByNs.set(namespace, list);
  }
  return list;
}

/** The workloads whose pod template a Service selector selects. */
export function selectedWorkloads(ws: WorkspaceView, namespace: string, selector: Labels): Workload[] {
  const entries = Object.entries(selector);
  if (entries.length === 0) return [];
  const [k, v] = entries[0];
  const candidates = tables(ws).workloadsByLabel.get(`${namespace}\0${k}\0${v}`) ?? [];
  return candidates.filter((w) => mapSelects(selector, w.template.labels));
}

/** The Services of a namespace. */
export function servicesIn(ws: WorkspaceView, namespace: string): IndexedManifest[] {
  return tables(ws).servicesByNs.get(namespace) ?? [];
}

/** Services using a nodePort. */
export function servicesWithNodePort(ws: WorkspaceView, nodePort: number): IndexedManifest[] {
  return tables(ws).nodePorts.get(nodePort) ?? [];
}

/** Services (of the workload's namespace) whose selector selects a workload's pods. */
export function servicesSelecting(ws: WorkspaceView, namespace: string, labels: Labels): IndexedManifest[] {
  return servicesIn(ws, namespace).filter((item) => mapSelects(serviceFacts(item.manifest).selector, labels));
}

export interface Route {
  item: IndexedManifest;
  backend: IngressBackend;
}

/** The Ingress backends of a namespace that route to the named Service. */
export function routesTo(ws: WorkspaceView, namespace: string, serviceName: string): Route[] {
  return tables(ws).routes.get(`${namespace}\0${serviceName}`) ?? [];
}

/** A workload as a user names it: `Deployment web` (with its namespace when asked). */
export function workloadName(w: { kind?: string; name?: string }): string {
  return `${w.kind ?? '?'} \`${w.name || '?'}\``;
}

/** Where an entry lives, for messages about another file. */
export function whereIs(item: IndexedManifest, fromUri: string): string {
  if (item.uri === fromUri) return 'in this file';
  const base = item.uri.slice(item.uri.lastIndexOf('/') + 1);
  return `in ${decodeSafe(base)}`;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Edit distance, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The candidate closest to `name`, when it is close enough to be a likely typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(name, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(name.length, best.length) / 3));
  return bestD <= limit || best.startsWith(name) || name.startsWith(best) ? best : undefined;
}

/** A YAML scalar for a label value or name: quoted when plain text would read as another type. */
export function yamlScalar(value: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(value) && !/^(true|false|yes|no|y|n|on|off|null|~|[-+]?[0-9][0-9_.eE+-]*|0x[0-9a-f]+)$/i.test(value)) return value;
  return JSON.stringify(value);
}
