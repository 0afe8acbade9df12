/** GCP / GKE Service annotations. Descriptions are ours. */
import type { AnnotationSpec, AnnotationStatus, ValueType, Validator } from './types';
import { json, oneOf } from './validators';

const DOCS = 'https://cloud.google.com/kubernetes-engine/docs/concepts/service-load-balancer-parameters';
const NEG_DOCS = 'https://cloud.google.com/kubernetes-engine/docs/how-to/standalone-neg';
const INGRESS_DOCS = 'https://cloud.google.com/kubernetes-engine/docs/how-to/ingress-configuration';

function g(name: string, type: ValueType, description: string, extra: { validate?: Validator; options?: string[]; default?: string; status?: AnnotationStatus; docs?: string } = {}): AnnotationSpec {
  return { name, group: 'gcp', appliesTo: ['Service'], type, status: { state: 'current' }, description, docs: DOCS, ...extra };
}
const onlyTrue = oneOf(['true'], { caseSensitive: true });

export const GCP_ANNOTATIONS: AnnotationSpec[] = [
  g('networking.gke.io/load-balancer-type', 'enum', 'Set to `Internal` to get an internal passthrough Network Load Balancer (reachable only from the VPC) instead of an external one.', { options: ['Internal'], validate: oneOf(['Internal', 'internal'], { caseSensitive: true }) }),
  g('cloud.google.com/load-balancer-type', 'enum', 'The old name of `networking.gke.io/load-balancer-type`: `Internal` makes the load balancer internal.', { options: ['Internal'], validate: oneOf(['Internal', 'internal'], { caseSensitive: true }), status: { state: 'deprecated', replacement: 'networking.gke.io/load-balancer-type' } }),
  g('networking.gke.io/internal-load-balancer-allow-global-access', 'bool', 'Lets clients in any region of the VPC reach an internal load balancer, not only the cluster\'s region.', { options: ['true'], validate: oneOf(['true', 'false'], { caseSensitive: true }) }),
  g('networking.gke.io/internal-load-balancer-subnet', 'string', 'The subnet an internal load balancer takes its address from, instead of the cluster subnet.'),
  g('cloud.google.com/network-tier', 'enum', 'The network tier of an external load balancer\'s address.', { options: ['Premium', 'Standard'], validate: oneOf(['Premium', 'Standard'], { caseSensitive: true }), default: 'Premium' }),
  g('cloud.google.com/l4-rbs', 'enum', 'Set to `enabled` to get a backend-service-based external passthrough Network Load Balancer.', { options: ['enabled'], validate: oneOf(['enabled'], { caseSensitive: true }) }),
  g('alpha.cloud.google.com/load-balancer-backend-share', 'bool', 'Lets internal load balancers of several Services share one backend service (alpha).', { options: ['true'], validate: onlyTrue, status: { state: 'current', note: 'alpha' } }),
  g('cloud.google.com/load-balancer-backend-share', 'bool', 'Lets internal load balancers of several Services share one backend service.', { options: ['true'], validate: onlyTrue, status: { state: 'deprecated' } }),
  g('cloud.google.com/neg', 'json', 'Creates network endpoint groups for the Service: `{"ingress": true}` for container-native load balancing behind a GKE Ingress, or `{"exposed_ports": {"80": {}}}` for standalone NEGs.', { validate: json, docs: NEG_DOCS, default: '{"ingress":true}' }),
  g('cloud.google.com/backend-config', 'json', 'Attaches BackendConfig objects (health check, timeouts, Cloud Armor, IAP…) to the Service ports used by a GKE Ingress: `{"default": "my-config"}` or `{"ports": {"http": "my-config"}}`.', { validate: json, docs: INGRESS_DOCS }),
  g('beta.cloud.google.com/backend-config', 'json', 'The older name of `cloud.google.com/backend-config`.', { validate: json, docs: INGRESS_DOCS, status: { state: 'deprecated', replacement: 'cloud.google.com/backend-config' } }),
  g('cloud.google.com/app-protocols', 'json', 'The protocol a GKE Ingress load balancer uses towards each Service port, by port name: `{"https-port": "HTTPS"}`; values `HTTP`, `HTTPS` or `HTTP2`.', { validate: json, docs: INGRESS_DOCS }),
  g('service.alpha.kubernetes.io/app-protocols', 'json', 'The old name of `cloud.google.com/app-protocols`.', { validate: json, docs: INGRESS_DOCS, status: { state: 'deprecated', replacement: 'cloud.google.com/app-protocols' } }),
  g('networking.gke.io/load-balancer-subnet', 'string', 'The subnet the load balancer forwarding rule takes its address from.'),
  g('networking.gke.io/weighted-load-balancing', 'enum', 'Set to `pods-per-node` to weight nodes by how many serving Pods they run (needs `externalTrafficPolicy: Local`).', { options: ['pods-per-node'], validate: oneOf(['pods-per-node'], { caseSensitive: true }) }),
  g('networking.gke.io/l4-strong-session-affinity', 'enum', 'Set to `enabled` for strong session affinity on the load balancer; only available to allow-listed projects.', { options: ['enabled'], validate: oneOf(['enabled'], { caseSensitive: true }), status: { state: 'current', note: 'restricted to allow-listed projects' } }),
  g('networking.gke.io/transparent-health-checker', 'json', 'Turns on the transparent health checker for the Service\'s backends: `{"enabled": true}`.', { validate: json }),
  g('cloud.google.com/neg-status', 'json', 'Written by GKE: the network endpoint groups created for the Service. Not meant to be set by hand.', { docs: NEG_DOCS, status: { state: 'current', note: 'written by the controller' } }),
];
