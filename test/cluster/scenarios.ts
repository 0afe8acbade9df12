/**
 * The diagnosis scenarios, built on a real API server the way cluster simulators do it: with no
 * kubelet, scheduler or controllers, the test writes what they would have written — Nodes and
 * their status, a Deployment with its ReplicaSet and Pods (bound to a node, status set through the
 * status subresource), and the EndpointSlices the EndpointSlice controller would publish.
 *
 * Each scenario gets its own namespace so its NetworkPolicies and events stay its own.
 */
import type { Cluster } from './apiserver';

export type ScenarioId =
  | 'healthy'
  | 'no-matching-pods'
  | 'pods-not-ready'
  | 'named-target-port-missing'
  | 'loadbalancer-pending'
  | 'ingress-missing-service'
  | 'networkpolicy-blocking';

export interface Scenario {
  id: ScenarioId;
  namespace: string;
  /** The Service to diagnose. */
  service: string;
  /** What the diagnosis is expected to find, in words (for failure messages). */
  expect: string;
}

export const NODES = [
  { name: 'node-a', internalIP: '10.10.0.11' },
  { name: 'node-b', internalIP: '10.10.0.12' },
];

interface PodPlan {
  name: string;
  node: string;
  ip: string;
  ready: boolean;
  /** Container waiting reason when not ready, e.g. CrashLoopBackOff. */
  waitingReason?: string;
  labels?: Record<string, string>;
  /** Container ports; defaults to [{name: http, containerPort: 8080}]. */
  ports?: { name?: string; containerPort: number }[];
}

let ipCounter = 10;
const nextPodIP = () => `10.244.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 2}`;

export async function createNodes(c: Cluster): Promise<void> {
  for (const n of NODES) {
    await c.create('/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: n.name, labels: { 'kubernetes.io/hostname': n.name, 'kubernetes.io/os': 'linux' } },
    });
    const r = await c.request('PATCH', `/api/v1/nodes/${n.name}/status`, {
      status: {
        addresses: [
          { type: 'InternalIP', address: n.internalIP },
          { type: 'Hostname', address: n.name },
        ],
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: new Date().toISOString(), lastTransitionTime: new Date().toISOString() }],
      },
    }, { contentType: 'application/merge-patch+json' });
    if (r.status !== 200) throw new Error(`node status ${n.name}: ${r.status} ${r.text}`);
  }
}

/** A Deployment, its ReplicaSet and its Pods (bound to nodes, with status), like the controllers and kubelets would leave them. */
export async function createWorkload(
  c: Cluster,
  ns: string,
  name: string,
  labels: Record<string, string>,
  pods: Omit<PodPlan, 'ip'>[],
  templatePorts: { name?: string; containerPort: number }[] = [{ name: 'http', containerPort: 8080 }],
): Promise<PodPlan[]> {
  const template = {
    metadata: { labels },
    spec: { containers: [{ name: 'app', image: 'registry.example/app:1.0', ports: templatePorts }] },
  };
  const deploy = await c.create(`/apis/apps/v1/namespaces/${ns}/deployments`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: { replicas: pods.length, selector: { matchLabels: labels }, template },
  });
  const rsName = `${name}-5d8f9c7b6`;
  const rs = await c.create(`/apis/apps/v1/namespaces/${ns}/replicasets`, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: rsName,
      labels: { ...labels, 'pod-template-hash': '5d8f9c7b6' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name, uid: deploy.metadata.uid, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: pods.length,
      selector: { matchLabels: { ...labels, 'pod-template-hash': '5d8f9c7b6' } },
      template: { ...template, metadata: { labels: { ...labels, 'pod-template-hash': '5d8f9c7b6' } } },
    },
  });
  const planned: PodPlan[] = [];
  for (const p of pods) {
    const plan: PodPlan = { ...p, ip: nextPodIP() };
    await createPod(c, ns, plan, { ...labels, 'pod-template-hash': '5d8f9c7b6', ...(p.labels ?? {}) }, p.ports ?? templatePorts, {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: rsName,
      uid: rs.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    });
    planned.push(plan);
  }
  return planned;
}

async function createPod(c: Cluster, ns: string, plan: PodPlan, labels: Record<string, string>, ports: { name?: string; containerPort: number }[], owner?: unknown): Promise<void> {
  await c.create(`/api/v1/namespaces/${ns}/pods`, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: plan.name, labels, ...(owner ? { ownerReferences: [owner] } : {}) },
    spec: {
      nodeName: plan.node,
      containers: [{
        name: 'app',
        image: 'registry.example/app:1.0',
        ports,
        readinessProbe: { httpGet: { path: '/healthz', port: ports[0]?.name ?? ports[0]?.containerPort ?? 8080 }, periodSeconds: 5 },
      }],
    },
  });
  const now = new Date().toISOString();
  const node = NODES.find((n) => n.name === plan.node)!;
  const cond = (type: string, ok: boolean) => ({ type, status: ok ? 'True' : 'False', lastTransitionTime: now, ...(ok ? {} : { reason: 'ContainersNotReady', message: 'containers with unready status: [app]' }) });
  const r = await c.request('PATCH', `/api/v1/namespaces/${ns}/pods/${plan.name}/status`, {
    status: {
      phase: 'Running',
      hostIP: node.internalIP,
      hostIPs: [{ ip: node.internalIP }],
      podIP: plan.ip,
      podIPs: [{ ip: plan.ip }],
      startTime: now,
      conditions: [cond('PodScheduled', true), cond('Initialized', true), cond('ContainersReady', plan.ready), cond('Ready', plan.ready)],
      containerStatuses: [{
        name: 'app',
        image: 'registry.example/app:1.0',
        imageID: '',
        ready: plan.ready,
        started: plan.ready,
        restartCount: plan.waitingReason === 'CrashLoopBackOff' ? 7 : 0,
        state: plan.ready || !plan.waitingReason
          ? { running: { startedAt: now } }
          : { waiting: { reason: plan.waitingReason, message: plan.waitingReason === 'CrashLoopBackOff' ? 'back-off 5m0s restarting failed container=app' : 'image pull failed' } },
      }],
    },
  }, { contentType: 'application/merge-patch+json' });
  if (r.status !== 200) throw new Error(`pod status ${ns}/${plan.name}: ${r.status} ${r.text}`);
}

/** The EndpointSlice the EndpointSlice controller would publish for a Service over these pods. */
export async function createEndpointSlice(
  c: Cluster,
  ns: string,
  service: string,
  pods: PodPlan[],
  ports: { name?: string; port: number }[],
): Promise<void> {
  await c.create(`/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${service}-abc12`,
      labels: { 'kubernetes.io/service-name': service, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
    },
    addressType: 'IPv4',
    endpoints: pods.map((p) => ({
      addresses: [p.ip],
      conditions: { ready: p.ready, serving: p.ready, terminating: false },
      nodeName: p.node,
      targetRef: { kind: 'Pod', namespace: ns, name: p.name },
    })),
    ports: ports.map((p) => ({ ...(p.name !== undefined ? { name: p.name } : {}), port: p.port, protocol: 'TCP' })),
  });
}

export async function createService(c: Cluster, ns: string, name: string, spec: Record<string, unknown>): Promise<any> {
  return c.create(`/api/v1/namespaces/${ns}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
}

export async function createEvent(c: Cluster, ns: string, involved: { kind: string; name: string; uid?: string }, type: string, reason: string, message: string): Promise<void> {
  const now = new Date().toISOString();
  await c.create(`/api/v1/namespaces/${ns}/events`, {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${involved.name}.${reason.toLowerCase()}${Math.floor(Math.random() * 1e6)}` },
    involvedObject: { apiVersion: 'v1', kind: involved.kind, name: involved.name, namespace: ns, uid: involved.uid },
    type,
    reason,
    message,
    count: 3,
    firstTimestamp: now,
    lastTimestamp: now,
    source: { component: 'kubelet', host: 'node-a' },
    reportingComponent: 'kubelet',
    reportingInstance: 'node-a',
  });
}

const APP = (app: string) => ({ app });

/** Creates every scenario (and the nodes) on the cluster; returns them in a fixed order. */
export async function buildScenarios(c: Cluster): Promise<Scenario[]> {
  await createNodes(c);
  const out: Scenario[] = [];
  const ns = async (id: ScenarioId) => {
    const name = `sc-${id}`;
    await c.createNamespace(name);
    return name;
  };

  // 1. healthy: ClusterIP Service, 2 ready pods, slice agrees; an Ingress routes to it.
  {
    const n = await ns('healthy');
    const pods = await createWorkload(c, n, 'web', APP('web'), [
      { name: 'web-5d8f9c7b6-aaaaa', node: 'node-a', ready: true },
      { name: 'web-5d8f9c7b6-bbbbb', node: 'node-b', ready: true },
    ]);
    await createService(c, n, 'web', { selector: APP('web'), ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    await createEndpointSlice(c, n, 'web', pods, [{ name: 'http', port: 8080 }]);
    out.push({ id: 'healthy', namespace: n, service: 'web', expect: 'every check passes; reachable in cluster' });
  }

  // 2. no matching pods: the selector has a typo (app=web vs pods app=webapp).
  {
    const n = await ns('no-matching-pods');
    await createWorkload(c, n, 'webapp', APP('webapp'), [{ name: 'webapp-5d8f9c7b6-ccccc', node: 'node-a', ready: true }]);
    await createService(c, n, 'web', { selector: APP('web'), ports: [{ port: 80, targetPort: 8080 }] });
    // The controller publishes an empty slice for a Service that selects nothing.
    await createEndpointSlice(c, n, 'web', [], [{ port: 8080 }]);
    out.push({ id: 'no-matching-pods', namespace: n, service: 'web', expect: 'selector matches no pods; closest labels app=webapp' });
  }

  // 3. pods not ready: CrashLoopBackOff and a failing readiness probe.
  {
    const n = await ns('pods-not-ready');
    const pods = await createWorkload(c, n, 'api', APP('api'), [
      { name: 'api-5d8f9c7b6-ddddd', node: 'node-a', ready: false, waitingReason: 'CrashLoopBackOff' },
      { name: 'api-5d8f9c7b6-eeeee', node: 'node-b', ready: false },
    ]);
    await createService(c, n, 'api', { selector: APP('api'), ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    await createEndpointSlice(c, n, 'api', pods, [{ name: 'http', port: 8080 }]);
    const pod2 = await c.request('GET', `/api/v1/namespaces/${n}/pods/api-5d8f9c7b6-eeeee`);
    await createEvent(c, n, { kind: 'Pod', name: 'api-5d8f9c7b6-eeeee', uid: pod2.body.metadata.uid }, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503');
    out.push({ id: 'pods-not-ready', namespace: n, service: 'api', expect: 'pods selected but none ready (CrashLoopBackOff, readiness probe failed)' });
  }

  // 4. named targetPort missing on some pods: a rollout renamed the container port.
  {
    const n = await ns('named-target-port-missing');
    const oldPods = await createWorkload(c, n, 'shop', APP('shop'), [
      { name: 'shop-5d8f9c7b6-fffff', node: 'node-a', ready: true },
      { name: 'shop-5d8f9c7b6-ggggg', node: 'node-b', ready: true, ports: [{ name: 'web', containerPort: 8080 }] },
    ]);
    await createService(c, n, 'shop', { selector: APP('shop'), ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
    // The controller leaves a pod without the named port out of the slice.
    await createEndpointSlice(c, n, 'shop', oldPods.filter((p) => p.name.endsWith('fffff')), [{ name: 'http', port: 8080 }]);
    out.push({ id: 'named-target-port-missing', namespace: n, service: 'shop', expect: 'targetPort "http" not declared by pod shop-…-ggggg' });
  }

  // 5. LoadBalancer pending: no cloud controller, so status.loadBalancer stays empty.
  {
    const n = await ns('loadbalancer-pending');
    const pods = await createWorkload(c, n, 'front', APP('front'), [{ name: 'front-5d8f9c7b6-hhhhh', node: 'node-a', ready: true }]);
    await createService(c, n, 'front', { type: 'LoadBalancer', selector: APP('front'), ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    await createEndpointSlice(c, n, 'front', pods, [{ name: 'http', port: 8080 }]);
    out.push({ id: 'loadbalancer-pending', namespace: n, service: 'front', expect: 'LoadBalancer has no address (pending); NodePort still works' });
  }

  // 6. Ingress to a missing Service: the Ingress names "catalog-svc", the Service is "catalog".
  {
    const n = await ns('ingress-missing-service');
    const pods = await createWorkload(c, n, 'catalog', APP('catalog'), [{ name: 'catalog-5d8f9c7b6-iiiii', node: 'node-b', ready: true }]);
    await createService(c, n, 'catalog', { type: 'NodePort', selector: APP('catalog'), ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    await createEndpointSlice(c, n, 'catalog', pods, [{ name: 'http', port: 8080 }]);
    await c.create('/apis/networking.k8s.io/v1/ingressclasses', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: { name: 'nginx' },
      spec: { controller: 'k8s.io/ingress-nginx' },
    });
    await c.create(`/apis/networking.k8s.io/v1/namespaces/${n}/ingresses`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'catalog' },
      spec: {
        ingressClassName: 'nginx',
        rules: [{
          host: 'catalog.example.com',
          http: {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: { name: 'catalog', port: { number: 80 } } } },
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'catalog-svc', port: { number: 80 } } } },
            ],
          },
        }],
      },
    });
    out.push({ id: 'ingress-missing-service', namespace: n, service: 'catalog-svc', expect: 'Ingress catalog routes /api to Service catalog-svc, which does not exist' });
  }

  // 7. NetworkPolicy blocking: a default-deny ingress policy selects the pods.
  {
    const n = await ns('networkpolicy-blocking');
    const pods = await createWorkload(c, n, 'db-api', APP('db-api'), [{ name: 'db-api-5d8f9c7b6-jjjjj', node: 'node-a', ready: true }]);
    await createService(c, n, 'db-api', { selector: APP('db-api'), ports: [{ name: 'http', port: 80, targetPort: 8080 }] });
    await createEndpointSlice(c, n, 'db-api', pods, [{ name: 'http', port: 8080 }]);
    await c.create(`/apis/networking.k8s.io/v1/namespaces/${n}/networkpolicies`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-ingress' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    out.push({ id: 'networkpolicy-blocking', namespace: n, service: 'db-api', expect: 'NetworkPolicy default-deny-ingress blocks all ingress to the pods' });
  }
  return out;
}
