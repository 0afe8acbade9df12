/**
 * Plain data for "Diagnose Service": the snapshot a reader collects from the cluster (objects as the
 * API server returns them, JSON), and the report the pure judgement produces from it.
 * Nothing here knows about HTTP, VS Code or the clock.
 */

// ---- Kubernetes objects (only the fields the diagnosis reads; everything optional) ----

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: { kind?: string; name?: string }[];
}

export interface KObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

export interface ServicePort {
  name?: string;
  protocol?: string;
  port?: number;
  targetPort?: number | string;
  nodePort?: number;
  appProtocol?: string;
}

export interface LoadBalancerIngress {
  ip?: string;
  hostname?: string;
  ports?: { port?: number; protocol?: string; error?: string }[];
}

export interface Service extends KObject {
  spec?: {
    type?: string;
    selector?: Record<string, string>;
    ports?: ServicePort[];
    clusterIP?: string;
    clusterIPs?: string[];
    externalName?: string;
    externalIPs?: string[];
    externalTrafficPolicy?: string;
    internalTrafficPolicy?: string;
    healthCheckNodePort?: number;
    loadBalancerClass?: string;
    loadBalancerSourceRanges?: string[];
    publishNotReadyAddresses?: boolean;
  };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; message?: string };
}

export interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export interface Pod extends KObject {
  spec?: {
    nodeName?: string;
    containers?: { name?: string; image?: string; ports?: ContainerPort[]; readinessProbe?: unknown }[];
  };
  status?: {
    phase?: string;
    podIP?: string;
    podIPs?: { ip?: string }[];
    hostIP?: string;
    reason?: string;
    message?: string;
    conditions?: PodCondition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface Endpoint {
  addresses?: string[];
  conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
  nodeName?: string;
  zone?: string;
  targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
}

export interface EndpointSlice extends KObject {
  addressType?: string;
  endpoints?: Endpoint[] | null;
  ports?: { name?: string; port?: number; protocol?: string }[] | null;
}

export interface Node extends KObject {
  spec?: { unschedulable?: boolean };
  status?: {
    addresses?: { type?: string; address?: string }[];
    conditions?: { type?: string; status?: string }[];
  };
}

export interface IngressBackend {
  service?: { name?: string; port?: { number?: number; name?: string } };
  resource?: { kind?: string; name?: string };
}

export interface Ingress extends KObject {
  spec?: {
    ingressClassName?: string;
    defaultBackend?: IngressBackend;
    tls?: { hosts?: string[]; secretName?: string }[];
    rules?: { host?: string; http?: { paths?: { path?: string; pathType?: string; backend?: IngressBackend }[] } }[];
  };
  status?: { loadBalancer?: { ingress?: LoadBalancerIngress[] } };
}

export interface IngressClass extends KObject {
  spec?: { controller?: string };
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr?: string; except?: string[] };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key?: string; operator?: string; values?: string[] }[];
}

export interface NetworkPolicy extends KObject {
  spec?: {
    podSelector?: LabelSelector;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: { port?: number | string; protocol?: string; endPort?: number }[] }[];
  };
}

export interface KEvent extends KObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  regarding?: { kind?: string; name?: string; namespace?: string; uid?: string };
  note?: string;
}

/** A Secret as metadata only (PartialObjectMetadata): never its data. */
export interface SecretMetadata {
  name: string;
  namespace?: string;
}

/** Something the reader could not read: the snapshot is then partial, and the report says so. */
export interface SnapshotGap {
  /** e.g. "list" */
  verb: string;
  /** e.g. "networkpolicies" */
  resource: string;
  namespace?: string;
  /** Plain words, already redacted. */
  message: string;
  reason: string;
}

/** Everything the diagnosis needs about one Service, as read from the cluster. */
export interface ServiceSnapshot {
  /** The kubeconfig context the snapshot came from (for the report title only). */
  context?: string;
  namespace: string;
  name: string;
  /** The Service itself; null when it does not exist. */
  service: Service | null;
  /** EndpointSlices labelled kubernetes.io/service-name=<name>. */
  endpointSlices: EndpointSlice[];
  /** Pods of the namespace (the selector is applied by the diagnosis, so near misses are visible). */
  pods: Pod[];
  nodes: Node[];
  ingresses: Ingress[];
  ingressClasses: IngressClass[];
  networkPolicies: NetworkPolicy[];
  /** Events of the namespace (the diagnosis keeps those of the Service and its pods). */
  events: KEvent[];
  /** Secret names of the namespace (for Ingress TLS); undefined when not read. */
  secrets?: SecretMetadata[];
  /** Cluster domain used for DNS names; "cluster.local" by default. */
  clusterDomain?: string;
  gaps: SnapshotGap[];
}

// ---- The report ----

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info' | 'skip';

/** The hops of the path from a client to the pods, in order. */
export type HopId = 'client' | 'loadBalancer' | 'nodePort' | 'ingress' | 'service' | 'endpointSlices' | 'pods';

export interface Check {
  /** Stable id, e.g. "selector-matches-pods". */
  id: string;
  title: string;
  status: CheckStatus;
  /** One sentence: what was found. */
  summary: string;
  /** The facts behind it, one per line. */
  evidence: string[];
  /** What to do, in plain words (absent when nothing is to be done). */
  fix?: string;
  hop: HopId;
}

export interface Hop {
  id: HopId;
  label: string;
  status: CheckStatus;
  detail: string;
}

export interface Verdict {
  status: 'pass' | 'warn' | 'fail';
  /** The first line of the report. */
  headline: string;
  inCluster: boolean;
  fromNodes: boolean | null;
  fromOutside: boolean | null;
  /** How to reach it from outside, when it is reachable. */
  urls: string[];
  /** The first hop (client side first) that is broken. */
  brokenHop?: HopId;
}

export interface Report {
  kind: 'ServiceDiagnosis';
  version: 1;
  target: { kind: 'Service'; namespace: string; name: string; context?: string; type?: string };
  verdict: Verdict;
  hops: Hop[];
  checks: Check[];
  /** What could not be read, so the report is partial. */
  gaps: SnapshotGap[];
  /** In-cluster DNS name, e.g. web.shop.svc.cluster.local */
  dnsName?: string;
}
