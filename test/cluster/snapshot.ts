/**
 * Reads a ServiceSnapshot straight over the API with the test helper's HTTP client.
 *
 * This is the fallback the scenario tests use while the product's ClusterReader
 * (client/src/cluster) does not exist; once it does, the scenarios run through it instead and
 * this file only serves to cross-check it. It reads exactly what issue 7 says the reader reads.
 */
import type { Cluster } from './apiserver';
import type { ServiceSnapshot, SnapshotGap } from '../../client/src/diagnose/types';

export async function rawSnapshot(c: Cluster, namespace: string, name: string, token?: string): Promise<ServiceSnapshot> {
  const gaps: SnapshotGap[] = [];
  const opts = token ? { token } : {};
  const list = async (resource: string, path: string): Promise<any[]> => {
    const items: any[] = [];
    let cont = '';
    for (;;) {
      const sep = path.includes('?') ? '&' : '?';
      const r = await c.request('GET', `${path}${sep}limit=100${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`, undefined, opts);
      if (r.status !== 200) {
        gaps.push({ verb: 'list', resource, namespace, message: r.body?.message ?? `HTTP ${r.status}`, reason: r.body?.reason ?? String(r.status) });
        return items;
      }
      items.push(...(r.body.items ?? []));
      cont = r.body.metadata?.continue ?? '';
      if (!cont) return items;
    }
  };
  const svc = await c.request('GET', `/api/v1/namespaces/${namespace}/services/${name}`, undefined, opts);
  if (svc.status !== 200 && svc.status !== 404) gaps.push({ verb: 'get', resource: 'services', namespace, message: svc.body?.message ?? `HTTP ${svc.status}`, reason: svc.body?.reason ?? '' });
  const ns = `/namespaces/${namespace}`;
  return {
    namespace,
    name,
    service: svc.status === 200 ? svc.body : null,
    endpointSlices: await list('endpointslices', `/apis/discovery.k8s.io/v1${ns}/endpointslices?labelSelector=${encodeURIComponent(`kubernetes.io/service-name=${name}`)}`),
    pods: await list('pods', `/api/v1${ns}/pods`),
    nodes: await list('nodes', '/api/v1/nodes'),
    ingresses: await list('ingresses', `/apis/networking.k8s.io/v1${ns}/ingresses`),
    ingressClasses: await list('ingressclasses', '/apis/networking.k8s.io/v1/ingressclasses'),
    networkPolicies: await list('networkpolicies', `/apis/networking.k8s.io/v1${ns}/networkpolicies`),
    events: await list('events', `/api/v1${ns}/events`),
    gaps,
  };
}
