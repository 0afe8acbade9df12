/**
 * What cross-resource checks and navigation read from a manifest, in Kubernetes terms: the pod
 * template of a workload, the ports of a Service, the backends of an Ingress, the pods a
 * NetworkPolicy selects. Pure; tolerant of half-typed manifests (missing parts are just absent).
 */
import { get, getIn, isMap, mapItems, num, scalarText, seqItems, str, keyText, type AnyNode } from '../yaml/ast';
import type { Manifest } from '../yaml/parse';
import { noteRead, replicasKey } from './reads';

/** Kinds that carry a pod template, and where it lives. */
const TEMPLATE_PATH: Record<string, ReadonlyArray<string>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const WORKLOAD_KINDS = [...Object.keys(TEMPLATE_PATH), 'Pod'];

/** Kinds that live outside namespaces; the index files them under the namespace `''`. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace', 'IngressClass', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass',
  'PersistentVolume', 'PriorityClass', 'GatewayClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration',
  'Node', 'APIService', 'RuntimeClass', 'IngressClassParams',
]);

export type Labels = Record<string, string>;

/** A string map (labels, selector) as plain data; non-scalar values are skipped. */
export function labelMap(node: AnyNode): Labels {
  const out: Labels = {};
  for (const pair of mapItems(node)) {
    const k = keyText(pair);
    const v = scalarText(pair.value);
    if (k !== undefined && v !== undefined) out[k] = v;
  }
  return out;
}

export interface ContainerPort {
  container: string;
  name?: string;
  containerPort?: number;
  protocol: string;
  /** The port's entry in the containers list (for navigation). */
  node: AnyNode;
  nameNode?: AnyNode;
}

export interface PodTemplate {
  kind: string;
  name: string;
  labels: Labels;
  labelsNode: AnyNode;
  ports: ContainerPort[];
  /** Declared replicas (default 1 for replicated kinds); undefined for DaemonSets, Jobs and CronJobs. */
  replicas?: number;
}

// Memoized by the document's top-level node, which an incremental re-parse keeps for documents it
// did not touch (their manifests are new objects on every parse). Facts hold nodes, not offsets,
// so a document moved by an edit above it keeps correct facts.
const templates = new WeakMap<object, PodTemplate | undefined>();
const services = new WeakMap<object, ServiceFacts>();
const backends = new WeakMap<object, IngressBackend[]>();
const classNames = new WeakMap<object, { name?: string; node: AnyNode }>();

/** `read(m)`, computed once per document (see above). */
function memo<T>(cache: WeakMap<object, T>, m: Manifest, read: (m: Manifest) => T): T {
  const key = m.root && typeof m.root === 'object' ? m.root : m;
  let v = cache.get(key);
  if (v === undefined && !cache.has(key)) cache.set(key, (v = read(m)));
  return v as T;
}

/** The pod template of a workload (or a bare Pod), or undefined for other kinds. Memoized per manifest. */
export function podTemplate(m: Manifest): PodTemplate | undefined {
  return memo(templates, m, readPodTemplate);
}

function readPodTemplate(m: Manifest): PodTemplate | undefined {
  if (!m.kind) return undefined;
  let meta: AnyNode;
  let podSpec: AnyNode;
  if (m.kind === 'Pod') {
    meta = get(m.root, 'metadata');
    podSpec = get(m.root, 'spec');
  } else {
    const path = TEMPLATE_PATH[m.kind];
    if (!path) return undefined;
    const template = getIn(m.root, path);
    meta = get(template, 'metadata');
    podSpec = get(template, 'spec');
  }
  const labelsNode = get(meta, 'labels');
  const ports: ContainerPort[] = [];
  for (const list of ['containers', 'initContainers']) {
    for (const c of seqItems(get(podSpec, list))) {
      // Init containers only count when they run for the pod's life (native sidecars).
      if (list === 'initContainers' && str(get(c, 'restartPolicy')) !== 'Always') continue;
      const container = str(get(c, 'name')) ?? '';
      for (const p of seqItems(get(c, 'ports'))) {
        ports.push({
          container,
          name: str(get(p, 'name')),
          containerPort: num(get(p, 'containerPort')),
          protocol: str(get(p, 'protocol')) ?? 'TCP',
          node: p,
          nameNode: get(p, 'name'),
        });
      }
    }
  }
  let replicas: number | undefined;
  if (['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(m.kind)) {
    replicas = num(getIn(m.root, ['spec', 'replicas'])) ?? 1;
  } else if (m.kind === 'Pod') replicas = 1;
  const template: PodTemplate = { kind: m.kind, name: m.name ?? '', labels: labelMap(labelsNode), labelsNode, ports, replicas };
  // Reading the replica count is noted, so a check that never reads it is not re-run when it changes.
  const key = replicasKey(m.kind);
  Object.defineProperty(template, 'replicas', {
    enumerable: true,
    get() {
      noteRead(key);
      return replicas;
    },
  });
  return template;
}

/** A label selector in the `matchLabels` + `matchExpressions` form (NetworkPolicy, workloads). */
export interface LabelSelector {
  matchLabels: Labels;
  matchExpressions: Array<{ key: string; operator: string; values: string[] }>;
}

export function labelSelector(node: AnyNode): LabelSelector | undefined {
  if (!isMap(node)) return node === null || node === undefined ? undefined : { matchLabels: {}, matchExpressions: [] };
  const matchExpressions = seqItems(get(node, 'matchExpressions')).map((e) => ({
    key: str(get(e, 'key')) ?? '',
    operator: str(get(e, 'operator')) ?? '',
    values: seqItems(get(e, 'values')).map((v) => scalarText(v) ?? ''),
  }));
  return { matchLabels: labelMap(get(node, 'matchLabels')), matchExpressions };
}

/** Whether a set-based selector selects these labels (an empty selector selects everything). */
export function selectorMatches(sel: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(sel.matchLabels)) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    switch (e.operator) {
      case 'In': if (!has || !e.values.includes(labels[e.key])) return false; break;
      case 'NotIn': if (has && e.values.includes(labels[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Whether a Service-style selector (plain map, all must match) selects these labels. */
export function mapSelects(selector: Labels, labels: Labels): boolean {
  const entries = Object.entries(selector);
  if (entries.length === 0) return false;
  return entries.every(([k, v]) => labels[k] === v);
}

export interface ServicePort {
  name?: string;
  port?: number;
  /** The targetPort as written (number or name); absent means the same as `port`. */
  targetPort?: number | string;
  nodePort?: number;
  protocol: string;
  node: AnyNode;
  nameNode?: AnyNode;
  portNode?: AnyNode;
  targetPortNode?: AnyNode;
  nodePortNode?: AnyNode;
}

export interface ServiceFacts {
  type: string;
  selector: Labels;
  selectorNode: AnyNode;
  ports: ServicePort[];
  externalTrafficPolicy?: string;
  externalTrafficPolicyNode?: AnyNode;
  typeNode?: AnyNode;
}

export function serviceFacts(m: Manifest): ServiceFacts {
  return memo(services, m, readServiceFacts);
}

function readServiceFacts(m: Manifest): ServiceFacts {
  const spec = get(m.root, 'spec');
  const selectorNode = get(spec, 'selector');
  const ports = seqItems(get(spec, 'ports')).map((p): ServicePort => {
    const tp = get(p, 'targetPort');
    return {
      name: str(get(p, 'name')),
      port: num(get(p, 'port')),
      targetPort: num(tp) ?? str(tp),
      nodePort: num(get(p, 'nodePort')),
      protocol: str(get(p, 'protocol')) ?? 'TCP',
      node: p,
      nameNode: get(p, 'name'),
      portNode: get(p, 'port'),
      targetPortNode: tp ?? undefined,
      nodePortNode: get(p, 'nodePort') ?? undefined,
    };
  });
  return {
    type: str(get(spec, 'type')) ?? 'ClusterIP',
    typeNode: get(spec, 'type') ?? undefined,
    selector: labelMap(selectorNode),
    selectorNode,
    ports,
    externalTrafficPolicy: str(get(spec, 'externalTrafficPolicy')),
    externalTrafficPolicyNode: get(spec, 'externalTrafficPolicy') ?? undefined,
  };
}

export interface IngressBackend {
  /** Where the backend is: a rule path, or the Ingress's defaultBackend. */
  isDefault: boolean;
  host: string;
  path?: string;
  pathType?: string;
  pathNode?: AnyNode;
  serviceName?: string;
  nameNode: AnyNode;
  portNumber?: number;
  portName?: string;
  portNode: AnyNode;
  /** The `service:` map of the backend. */
  serviceNode: AnyNode;
}

/** Every Service backend of an Ingress (rule paths and the default backend). */
export function ingressBackends(m: Manifest): IngressBackend[] {
  return memo(backends, m, readIngressBackends);
}

function readIngressBackends(m: Manifest): IngressBackend[] {
  const spec = get(m.root, 'spec');
  const out: IngressBackend[] = [];
  const backend = (b: AnyNode, base: Omit<IngressBackend, 'serviceName' | 'nameNode' | 'portNumber' | 'portName' | 'portNode' | 'serviceNode'>) => {
    const svc = get(b, 'service');
    if (!isMap(svc)) return;
    const port = get(svc, 'port');
    const numberNode = get(port, 'number');
    const nameNode = get(port, 'name');
    out.push({
      ...base,
      serviceName: str(get(svc, 'name')),
      nameNode: get(svc, 'name'),
      portNumber: num(numberNode),
      portName: str(nameNode),
      portNode: numberNode ?? nameNode,
      serviceNode: svc,
    });
  };
  const def = get(spec, 'defaultBackend');
  if (def) backend(def, { isDefault: true, host: '' });
  for (const rule of seqItems(get(spec, 'rules'))) {
    const host = str(get(rule, 'host')) ?? '';
    for (const p of seqItems(getIn(rule, ['http', 'paths']))) {
      const pathNode = get(p, 'path');
      backend(get(p, 'backend'), {
        isDefault: false,
        host,
        path: str(pathNode) ?? '/',
        pathType: str(get(p, 'pathType')),
        pathNode: pathNode ?? undefined,
      });
    }
  }
  return out;
}

export interface IngressTls {
  secretName?: string;
  secretNode: AnyNode;
}

export function ingressTls(m: Manifest): IngressTls[] {
  return seqItems(getIn(m.root, ['spec', 'tls'])).map((t) => ({ secretName: str(get(t, 'secretName')), secretNode: get(t, 'secretName') }));
}

export function ingressClassName(m: Manifest): { name?: string; node: AnyNode } {
  return memo(classNames, m, readIngressClassName);
}

function readIngressClassName(m: Manifest): { name?: string; node: AnyNode } {
  const node = getIn(m.root, ['spec', 'ingressClassName']);
  const annotation = getIn(m.root, ['metadata', 'annotations', 'kubernetes.io/ingress.class']);
  if (node !== undefined && node !== null) return { name: str(node), node };
  return { name: str(annotation), node: annotation };
}

export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

export function annotation(m: Manifest, key: string): AnyNode {
  return getIn(m.root, ['metadata', 'annotations', key]);
}

export function isDefaultIngressClass(m: Manifest): boolean {
  return scalarText(annotation(m, DEFAULT_CLASS_ANNOTATION)) === 'true';
}

/** A short human description of a Service's ports: `http 80→8080/TCP, 443/TCP`. */
export function describePorts(ports: ServicePort[]): string {
  if (!ports.length) return 'no ports';
  return ports
    .map((p) => {
      const target = p.targetPort !== undefined && p.targetPort !== p.port ? `→${p.targetPort}` : '';
      const node = p.nodePort !== undefined ? ` (nodePort ${p.nodePort})` : '';
      return `${p.name ? `${p.name} ` : ''}${p.port ?? '?'}${target}/${p.protocol}${node}`;
    })
    .join(', ');
}
