/**
 * Collects the snapshot that diagnoseService judges: the Service and everything around it, read
 * with get/list only. A kind the user may not read (403) or that the cluster does not serve (404)
 * becomes a gap in the snapshot (a partial report); a failure of the whole cluster (unreachable,
 * TLS, 401, timeout) stops the collection with that error.
 */
import type { EndpointSlice, Ingress, IngressClass, KEvent, NetworkPolicy, Node, Pod, SecretMetadata, Service, ServiceSnapshot, SnapshotGap } from '../diagnose/types';
import { ClusterError } from './errors';
import type { ClusterReader } from './reader';
import type { ResourceName } from './resources';

export interface SnapshotRequest {
  namespace: string;
  name: string;
  signal?: AbortSignal;
  /** Bounds for namespaces with very many pods or events. */
  maxPods?: number;
  maxEvents?: number;
  /** Keep only events last seen at or after this time (the caller owns the clock). */
  eventsSince?: Date;
}

/** When an event was last seen (core/v1 and events.k8s.io/v1 shapes). */
export function eventTime(e: KEvent & { series?: { lastObservedTime?: string }; metadata?: { creationTimestamp?: string } }): number | undefined {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

export async function collectServiceSnapshot(reader: ClusterReader, req: SnapshotRequest): Promise<ServiceSnapshot> {
  const { namespace, name, signal } = req;
  const gaps: SnapshotGap[] = [];
  const soft = async <T>(resource: ResourceName, verb: 'get' | 'list', ns: string | undefined, read: () => Promise<T>, empty: T): Promise<T> => {
    try {
      return await read();
    } catch (e) {
      if (e instanceof ClusterError && !e.fatal) {
        gaps.push({ verb, resource, ...(ns ? { namespace: ns } : {}), message: e.message, reason: e.reason });
        return empty;
      }
      throw e;
    }
  };

  let service: Service | null = null;
  try {
    service = await reader.get<Service>('services', name, { namespace, signal });
  } catch (e) {
    if (!(e instanceof ClusterError) || e.fatal) throw e;
    if (e.reason === 'forbidden') gaps.push({ verb: 'get', resource: 'services', namespace, message: e.message, reason: e.reason });
  }

  const all = <T>(resource: ResourceName, ns: string | undefined, extra: { labelSelector?: string; fieldSelector?: string; maxItems?: number } = {}) =>
    soft(resource, 'list', ns, async () => (await reader.listAll<T>(resource, { namespace: ns, signal, ...extra })).items, [] as T[]);

  const [endpointSlices, pods, nodes, ingresses, ingressClasses, networkPolicies, events, secrets] = await Promise.all([
    all<EndpointSlice>('endpointslices', namespace, { labelSelector: `kubernetes.io/service-name=${name}` }),
    all<Pod>('pods', namespace, { maxItems: req.maxPods ?? 5000 }),
    all<Node>('nodes', undefined, { maxItems: 2000 }),
    all<Ingress>('ingresses', namespace),
    all<IngressClass>('ingressclasses', undefined),
    all<NetworkPolicy>('networkpolicies', namespace),
    all<KEvent>('events', namespace, { fieldSelector: 'type=Warning', maxItems: req.maxEvents ?? 2000 }),
    soft<SecretMetadata[] | undefined>(
      'secrets',
      'list',
      namespace,
      async () => (await reader.listAll<{ metadata?: { name?: string } }>('secrets', { namespace, signal })).items.map((s) => ({ name: s.metadata?.name ?? '', namespace })),
      undefined,
    ),
  ]);
  const since = req.eventsSince?.getTime();
  const recent = since === undefined ? events : events.filter((e) => (eventTime(e) ?? since) >= since);
  return { context: reader.context, namespace, name, service, endpointSlices, pods, nodes, ingresses, ingressClasses, networkPolicies, events: recent, secrets, gaps };
}
