/**
 * Cases for the validation agreement test: every Service, Ingress, IngressClass and Deployment in
 * the fixture corpus, plus mutated copies of each (wrong types, bad ports, bad hosts, missing and
 * unknown fields...). Pure: text in, cases out; the test sends them to the API server.
 */
import { parseDocument, type Document } from 'yaml';
import { parseFile } from '../../server/src/core';

export const KINDS: Record<string, { plural: string; namespaced: boolean }> = {
  Service: { plural: 'services', namespaced: true },
  Ingress: { plural: 'ingresses', namespaced: true },
  IngressClass: { plural: 'ingressclasses', namespaced: false },
  Deployment: { plural: 'deployments', namespaced: true },
};

export interface Case {
  /** Stable id: `<file> <Kind>/<name>` (plus ` (2)`... for repeats) and `~<mutation>` for a mutated copy. */
  id: string;
  kind: string;
  /** One YAML document. */
  text: string;
}

type Path = (string | number)[];

interface Mutation {
  id: string;
  kinds: string[];
  /** Changes the document; returns false when it does not apply to this manifest. */
  apply(doc: Document): boolean;
}

const has = (doc: Document, path: Path) => path.length === 0 || doc.hasIn(path);
/** Sets a value where its parent already exists (a mutation of what is there, not a new tree). */
const setAt = (path: Path, value: unknown) => (doc: Document) => {
  if (!has(doc, path.slice(0, -1))) return false;
  doc.setIn(path, doc.createNode(value));
  return true;
};
const deleteAt = (path: Path) => (doc: Document) => {
  if (!has(doc, path)) return false;
  doc.deleteIn(path);
  return true;
};
const all = (...steps: ((doc: Document) => boolean)[]) => (doc: Document) => steps.every((s) => s(doc));
const get = (doc: Document, path: Path) => doc.getIn(path) as unknown;
const when = (cond: (doc: Document) => boolean, step: (doc: Document) => boolean) => (doc: Document) => cond(doc) && step(doc);

const PORT0 = ['spec', 'ports', 0];
const BACKEND = ['spec', 'rules', 0, 'http', 'paths', 0, 'backend'];
const PATH0 = ['spec', 'rules', 0, 'http', 'paths', 0];
const C0 = ['spec', 'template', 'spec', 'containers', 0];
const notHeadlessOrExternal = (doc: Document) => get(doc, ['spec', 'clusterIP']) !== 'None' && get(doc, ['spec', 'type']) !== 'ExternalName';

export const MUTATIONS: Mutation[] = [
  // ---- Service ----
  { id: 'port-as-word', kinds: ['Service'], apply: setAt([...PORT0, 'port'], 'eighty') },
  { id: 'port-too-big', kinds: ['Service'], apply: setAt([...PORT0, 'port'], 70000) },
  { id: 'port-zero', kinds: ['Service'], apply: setAt([...PORT0, 'port'], 0) },
  { id: 'target-port-too-big', kinds: ['Service'], apply: setAt([...PORT0, 'targetPort'], 65536) },
  { id: 'target-port-name-too-long', kinds: ['Service'], apply: setAt([...PORT0, 'targetPort'], 'http-port-name-too-long') },
  { id: 'target-port-name-underscore', kinds: ['Service'], apply: setAt([...PORT0, 'targetPort'], 'web_port') },
  { id: 'protocol-lowercase', kinds: ['Service'], apply: setAt([...PORT0, 'protocol'], 'tcp') },
  { id: 'type-miscased', kinds: ['Service'], apply: setAt(['spec', 'type'], 'Nodeport') },
  { id: 'node-port-below-range', kinds: ['Service'], apply: all(setAt(['spec', 'type'], 'NodePort'), setAt([...PORT0, 'nodePort'], 80)) },
  { id: 'node-port-on-cluster-ip', kinds: ['Service'], apply: all(setAt(['spec', 'type'], 'ClusterIP'), setAt([...PORT0, 'nodePort'], 30080)) },
  { id: 'unknown-port-field', kinds: ['Service'], apply: setAt([...PORT0, 'tragetPort'], 8080) },
  { id: 'unknown-spec-field', kinds: ['Service'], apply: setAt(['spec', 'selectors'], { app: 'web' }) },
  { id: 'ports-missing', kinds: ['Service'], apply: when(notHeadlessOrExternal, deleteAt(['spec', 'ports'])) },
  { id: 'ports-not-a-list', kinds: ['Service'], apply: setAt(['spec', 'ports'], '80') },
  {
    id: 'duplicate-port',
    kinds: ['Service'],
    apply: (doc) => {
      const p = doc.getIn(PORT0) as { toJSON(): Record<string, unknown> } | undefined;
      if (!p || typeof p.toJSON !== 'function') return false;
      const first = p.toJSON();
      doc.setIn([...PORT0, 'name'], 'first');
      doc.addIn(['spec', 'ports'], doc.createNode({ ...first, name: 'second' }));
      return true;
    },
  },
  {
    id: 'two-ports-unnamed',
    kinds: ['Service'],
    apply: when(notHeadlessOrExternal, (doc) => {
      if (!has(doc, ['spec'])) return false;
      doc.setIn(['spec', 'ports'], doc.createNode([{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }]));
      return true;
    }),
  },
  { id: 'selector-value-invalid', kinds: ['Service'], apply: setAt(['spec', 'selector'], { app: 'bad value!' }) },
  { id: 'cluster-ip-malformed', kinds: ['Service'], apply: when(notHeadlessOrExternal, setAt(['spec', 'clusterIP'], '10.96.0.300')) },
  { id: 'cluster-ip-outside-service-range', kinds: ['Service'], apply: when(notHeadlessOrExternal, setAt(['spec', 'clusterIP'], '192.168.77.10')) },
  { id: 'session-affinity-unknown', kinds: ['Service'], apply: setAt(['spec', 'sessionAffinity'], 'Sticky') },
  { id: 'external-traffic-policy-on-cluster-ip', kinds: ['Service'], apply: all(setAt(['spec', 'type'], 'ClusterIP'), setAt(['spec', 'externalTrafficPolicy'], 'Local')) },
  { id: 'external-name-missing', kinds: ['Service'], apply: all(setAt(['spec', 'type'], 'ExternalName'), (doc) => (doc.deleteIn(['spec', 'externalName']), doc.deleteIn(['spec', 'clusterIP']), true)) },
  { id: 'source-range-bad-cidr', kinds: ['Service'], apply: all(setAt(['spec', 'type'], 'LoadBalancer'), setAt(['spec', 'loadBalancerSourceRanges'], ['10.0.0.0/33'])) },
  { id: 'api-version-unknown', kinds: ['Service'], apply: setAt(['apiVersion'], 'v2') },
  // ---- Ingress ----
  { id: 'host-uppercase', kinds: ['Ingress'], apply: setAt(['spec', 'rules', 0, 'host'], 'Shop.Example.com') },
  { id: 'host-ip-address', kinds: ['Ingress'], apply: setAt(['spec', 'rules', 0, 'host'], '10.1.2.3') },
  { id: 'host-with-port', kinds: ['Ingress'], apply: setAt(['spec', 'rules', 0, 'host'], 'shop.example.com:443') },
  { id: 'host-double-wildcard', kinds: ['Ingress'], apply: setAt(['spec', 'rules', 0, 'host'], '*.*.example.com') },
  { id: 'host-underscore', kinds: ['Ingress'], apply: setAt(['spec', 'rules', 0, 'host'], 'my_shop.example.com') },
  { id: 'path-type-unknown', kinds: ['Ingress'], apply: when((d) => has(d, PATH0), setAt([...PATH0, 'pathType'], 'Prefixed')) },
  { id: 'path-type-missing', kinds: ['Ingress'], apply: deleteAt([...PATH0, 'pathType']) },
  { id: 'path-relative', kinds: ['Ingress'], apply: when((d) => has(d, PATH0), all(setAt([...PATH0, 'pathType'], 'Prefix'), setAt([...PATH0, 'path'], 'api'))) },
  { id: 'path-dot-dot', kinds: ['Ingress'], apply: when((d) => has(d, PATH0), all(setAt([...PATH0, 'pathType'], 'Prefix'), setAt([...PATH0, 'path'], '/a/../b'))) },
  { id: 'backend-port-number-as-string', kinds: ['Ingress'], apply: when((d) => has(d, [...BACKEND, 'service', 'port', 'number']), setAt([...BACKEND, 'service', 'port', 'number'], '80')) },
  { id: 'backend-port-zero', kinds: ['Ingress'], apply: when((d) => has(d, [...BACKEND, 'service', 'port']), all(deleteAt([...BACKEND, 'service', 'port']), setAt([...BACKEND, 'service', 'port'], { number: 0 }))) },
  { id: 'backend-port-name-and-number', kinds: ['Ingress'], apply: when((d) => has(d, [...BACKEND, 'service', 'port']), setAt([...BACKEND, 'service', 'port'], { name: 'http', number: 80 })) },
  { id: 'backend-missing', kinds: ['Ingress'], apply: deleteAt(BACKEND) },
  { id: 'backend-service-name-invalid', kinds: ['Ingress'], apply: when((d) => has(d, [...BACKEND, 'service', 'name']), setAt([...BACKEND, 'service', 'name'], 'Bad_Name')) },
  { id: 'unknown-rule-field', kinds: ['Ingress'], apply: setAt(['spec', 'rules', 0, 'hosts'], ['shop.example.com']) },
  { id: 'tls-host-invalid', kinds: ['Ingress'], apply: setAt(['spec', 'tls'], [{ hosts: ['bad host'], secretName: 'shop-tls' }]) },
  { id: 'ingress-class-name-invalid', kinds: ['Ingress'], apply: setAt(['spec', 'ingressClassName'], 'Nginx_Class') },
  { id: 'no-rules-no-default-backend', kinds: ['Ingress'], apply: (doc) => has(doc, ['spec']) && (doc.deleteIn(['spec', 'rules']), doc.deleteIn(['spec', 'defaultBackend']), true) },
  { id: 'api-version-removed', kinds: ['Ingress'], apply: setAt(['apiVersion'], 'networking.k8s.io/v1beta1') },
  // ---- IngressClass ----
  { id: 'controller-missing', kinds: ['IngressClass'], apply: deleteAt(['spec', 'controller']) },
  { id: 'controller-not-domain-prefixed', kinds: ['IngressClass'], apply: setAt(['spec', 'controller'], 'nginx') },
  { id: 'unknown-spec-field', kinds: ['IngressClass'], apply: setAt(['spec', 'controler'], 'k8s.io/ingress-nginx') },
  { id: 'parameters-kind-missing', kinds: ['IngressClass'], apply: setAt(['spec', 'parameters'], { name: 'external-lb' }) },
  // ---- Deployment ----
  { id: 'replicas-as-word', kinds: ['Deployment'], apply: setAt(['spec', 'replicas'], 'three') },
  { id: 'replicas-negative', kinds: ['Deployment'], apply: setAt(['spec', 'replicas'], -1) },
  { id: 'selector-mismatch', kinds: ['Deployment'], apply: when((d) => has(d, ['spec', 'selector']), setAt(['spec', 'selector'], { matchLabels: { app: 'something-else' } })) },
  { id: 'selector-missing', kinds: ['Deployment'], apply: deleteAt(['spec', 'selector']) },
  { id: 'containers-missing', kinds: ['Deployment'], apply: deleteAt(['spec', 'template', 'spec', 'containers']) },
  { id: 'container-port-too-big', kinds: ['Deployment'], apply: setAt([...C0, 'ports'], [{ containerPort: 70000 }]) },
  { id: 'container-port-name-too-long', kinds: ['Deployment'], apply: setAt([...C0, 'ports'], [{ name: 'this-is-too-long-name', containerPort: 8080 }]) },
  { id: 'container-name-invalid', kinds: ['Deployment'], apply: setAt([...C0, 'name'], 'App_1') },
  { id: 'image-missing', kinds: ['Deployment'], apply: deleteAt([...C0, 'image']) },
  { id: 'unknown-container-field', kinds: ['Deployment'], apply: setAt([...C0, 'imagePullPolicyy'], 'Always') },
  { id: 'restart-policy-never', kinds: ['Deployment'], apply: setAt(['spec', 'template', 'spec', 'restartPolicy'], 'Never') },
  { id: 'api-version-removed', kinds: ['Deployment'], apply: setAt(['apiVersion'], 'extensions/v1beta1') },
  // ---- every kind ----
  { id: 'name-invalid', kinds: ['Service', 'Ingress', 'IngressClass', 'Deployment'], apply: setAt(['metadata', 'name'], 'Web_Service') },
  { id: 'name-missing', kinds: ['Service', 'Ingress', 'IngressClass', 'Deployment'], apply: deleteAt(['metadata', 'name']) },
  { id: 'name-starts-with-digit', kinds: ['Service'], apply: setAt(['metadata', 'name'], '1web') },
  { id: 'name-too-long', kinds: ['Service'], apply: setAt(['metadata', 'name'], `web-${'x'.repeat(60)}`) },
  { id: 'label-value-too-long', kinds: ['Service', 'Ingress', 'Deployment'], apply: setAt(['metadata', 'labels'], { app: 'x'.repeat(64) }) },
  { id: 'annotation-key-invalid', kinds: ['Service', 'Ingress'], apply: setAt(['metadata', 'annotations'], { 'bad key!': 'x' }) },
  { id: 'unknown-top-level-field', kinds: ['Service', 'Ingress', 'IngressClass', 'Deployment'], apply: setAt(['specs'], {}) },
];

/** Comment directives would silence our findings; the comparison is about the validator itself. */
export function stripDirectives(text: string): string {
  return text.replace(/^.*#\s*kube-expose-disable.*$/gm, '');
}

/** Base documents of the wanted kinds in one fixture file (templates and non-Kubernetes YAML skipped). */
export function baseCases(file: string, text: string): Case[] {
  const parsed = parseFile(text);
  const out: Case[] = [];
  const seen = new Map<string, number>();
  for (const m of parsed.manifests) {
    if (!m.isKubernetes || m.isTemplate || !m.kind || !KINDS[m.kind]) continue;
    if (m.syntax.some((s) => s.severity === 'error')) continue; // YAML syntax is not what this test compares
    // Named by kind and name, so adding a document to a fixture file does not rename the others.
    let id = `${file} ${m.kind}/${m.name ?? '(no name)'}`;
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    if (n > 1) id += ` (${n})`;
    out.push({ id, kind: m.kind, text: stripDirectives(text.slice(m.start, m.end)) });
  }
  return out;
}

/** The mutated copies of one base case. */
export function mutatedCases(base: Case): Case[] {
  const out: Case[] = [];
  for (const mut of MUTATIONS) {
    if (!mut.kinds.includes(base.kind)) continue;
    const doc = parseDocument(base.text);
    if (doc.errors.length) continue;
    let applied = false;
    try {
      applied = mut.apply(doc);
    } catch {
      applied = false; // the shape did not allow it (e.g. a scalar where a map was expected)
    }
    if (!applied) continue;
    const text = doc.toString();
    if (text === base.text) continue;
    out.push({ id: `${base.id}~${mut.id}`, kind: base.kind, text });
  }
  return out;
}

/** The REST collection a manifest is created in, or why it cannot be sent. */
export function collectionPath(doc: { apiVersion?: unknown; kind?: unknown; metadata?: { namespace?: unknown } }, defaultNamespace: string): { path: string; namespace?: string } | { error: string } {
  const kind = typeof doc.kind === 'string' ? KINDS[doc.kind] : undefined;
  if (!kind) return { error: `kind ${String(doc.kind)} is not handled` };
  if (typeof doc.apiVersion !== 'string' || !doc.apiVersion) return { error: 'no apiVersion: kubectl cannot send it' };
  const base = doc.apiVersion.includes('/') ? `/apis/${doc.apiVersion}` : `/api/${doc.apiVersion}`;
  if (!kind.namespaced) return { path: `${base}/${kind.plural}` };
  const ns = typeof doc.metadata?.namespace === 'string' && doc.metadata.namespace ? doc.metadata.namespace : defaultNamespace;
  return { path: `${base}/namespaces/${encodeURIComponent(ns)}/${kind.plural}`, namespace: ns };
}
