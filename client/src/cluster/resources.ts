/** The resource kinds kube-expose reads, and how their API paths are built. */

export interface ResourceType {
  kind: string;
  /** The name kubectl and RBAC use, e.g. "pods". */
  plural: string;
  group: string;
  version: string;
  namespaced: boolean;
}

const r = (kind: string, plural: string, group: string, version: string, namespaced: boolean): ResourceType => ({ kind, plural, group, version, namespaced });

export const RESOURCES = {
  namespaces: r('Namespace', 'namespaces', '', 'v1', false),
  services: r('Service', 'services', '', 'v1', true),
  pods: r('Pod', 'pods', '', 'v1', true),
  events: r('Event', 'events', '', 'v1', true),
  secrets: r('Secret', 'secrets', '', 'v1', true),
  nodes: r('Node', 'nodes', '', 'v1', false),
  endpointslices: r('EndpointSlice', 'endpointslices', 'discovery.k8s.io', 'v1', true),
  ingresses: r('Ingress', 'ingresses', 'networking.k8s.io', 'v1', true),
  ingressclasses: r('IngressClass', 'ingressclasses', 'networking.k8s.io', 'v1', false),
  networkpolicies: r('NetworkPolicy', 'networkpolicies', 'networking.k8s.io', 'v1', true),
} as const;

export type ResourceName = keyof typeof RESOURCES;

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** The path of a collection or an object, e.g. /apis/networking.k8s.io/v1/namespaces/shop/ingresses/web. */
export function resourcePath(t: ResourceType, namespace?: string, name?: string): string {
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const ns = t.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${t.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

/** "in namespace shop" / "" — the words used in messages. */
export function scopeWords(t: ResourceType, namespace?: string): string {
  if (!t.namespaced) return '';
  return namespace ? ` in namespace ${namespace}` : ' in all namespaces';
}
