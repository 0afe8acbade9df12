/** MetalLB Service annotations, under `metallb.io/` and the deprecated `metallb.universe.tf/`. Descriptions are ours. */
import type { AnnotationSpec, ValueType, Validator } from './types';
import { ipList } from './validators';

const DOCS = 'https://metallb.universe.tf/usage/';

const ITEMS: Array<[string, ValueType, string, Validator?]> = [
  ['address-pool', 'string', 'The IPAddressPool MetalLB takes this LoadBalancer Service\'s address from.'],
  ['loadBalancerIPs', 'ip-list', 'The exact addresses (comma-separated, one per IP family) MetalLB gives this Service; they must belong to one of its pools.', ipList('comma')],
  ['allow-shared-ip', 'string', 'A sharing key: Services with the same key may share one address when their ports do not clash.'],
  ['ip-allocated-from-pool', 'string', 'Written by MetalLB: the pool the address came from. Not meant to be set by hand.'],
];

export const METALLB_ANNOTATIONS: AnnotationSpec[] = ITEMS.flatMap(([key, type, description, validate]) => [
  { name: `metallb.io/${key}`, group: 'metallb', appliesTo: ['Service'], type, validate, status: { state: 'current', since: 'v0.14.9' }, description, docs: DOCS },
  {
    name: `metallb.universe.tf/${key}`,
    group: 'metallb',
    appliesTo: ['Service'],
    type,
    validate,
    status: { state: 'deprecated', since: 'v0.14.9', replacement: `metallb.io/${key}` },
    description,
    docs: DOCS,
  },
] satisfies AnnotationSpec[]);
