/**
 * Questions cross-resource checks, navigation and completion ask the workspace, in Kubernetes
 * terms: which workloads does this Service select, which Ingresses route to it, which Services
 * select this workload. Pure functions over a `WorkspaceView`.
 */
import type { Manifest } from '../yaml/parse';
import { ingressBackends, mapSelects, podTemplate, serviceFacts, WORKLOAD_KINDS, type IngressBackend, type Labels, type PodTemplate } from './resources';
import type { IndexedManifest, WorkspaceView } from './view';

export interface Workload {
  item: IndexedManifest;
  template: PodTemplate;
}

/** Whether an indexed entry is the manifest being looked at (same file, same document). */
export function isSelf(item: IndexedManifest, uri: string, manifest: Manifest): boolean {
  return item.manifest === manifest || (item.uri === uri && item.manifest.index === manifest.index);
}

/** Every workload (pod template) of a namespace; every namespace when `namespace` is undefined. */
export function workloads(ws: WorkspaceView, namespace?: string): Workload[] {
  const out: Workload[] = [];
  for (const kind of WORKLOAD_KINDS) {
    for (const item of ws.byKind(kind)) {
      if (namespace !== undefined && item.namespace !== namespace) continue;
      const template = podTemplate(item.manifest);
      if (template) out.push({ item, template });
    }
  }
  return out;
}

/** The workloads whose pod template a Service selector selects. */
export function selectedWorkloads(ws: WorkspaceView, namespace: string, selector: Labels): Workload[] {
  if (Object.keys(selector).length === 0) return [];
  return workloads(ws, namespace).filter((w) => mapSelects(selector, w.template.labels));
}

/** Services (of the workload's namespace) whose selector selects a workload's pods. */
export function servicesSelecting(ws: WorkspaceView, namespace: string, labels: Labels): IndexedManifest[] {
  const out: IndexedManifest[] = [];
  for (const item of ws.byKind('Service')) {
    if (item.namespace !== namespace) continue;
    if (mapSelects(serviceFacts(item.manifest).selector, labels)) out.push(item);
  }
  return out;
}

export interface Route {
  item: IndexedManifest;
  backend: IngressBackend;
}

/** The Ingress backends of a namespace that route to the named Service. */
export function routesTo(ws: WorkspaceView, namespace: string, serviceName: string): Route[] {
  const out: Route[] = [];
  for (const item of ws.byKind('Ingress')) {
    if (item.namespace !== namespace) continue;
    for (const backend of ingressBackends(item.manifest)) {
      if (backend.serviceName === serviceName) out.push({ item, backend });
    }
  }
  return out;
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
