/** Azure (cloud-provider-azure) Service annotations. Descriptions are ours. */
import type { AnnotationSpec, ValueType, Validator } from './types';
import { cidrList, intRange, ipList, ipv4, ipv6, keyValueList, oneOf } from './validators';

const P = 'service.beta.kubernetes.io/';
const DOCS = 'https://cloud-provider-azure.sigs.k8s.io/topics/loadbalancer/#loadbalancer-annotations';
const PLS_DOCS = 'https://cloud-provider-azure.sigs.k8s.io/topics/pls-integration/';

/** cloud-provider-azure compares booleans to "true" ignoring case; anything else means false. */
const azBool = oneOf(['true', 'false'], { caseSensitive: false, trim: true });

function z(key: string, type: ValueType, description: string, extra: { validate?: Validator; options?: string[]; default?: string; pattern?: RegExp; docs?: string; typeLabel?: string } = {}): AnnotationSpec {
  return {
    name: P + key,
    group: 'azure',
    appliesTo: ['Service'],
    type,
    status: { state: 'current' },
    description,
    docs: DOCS,
    ...(type === 'bool' ? { validate: azBool, options: ['true', 'false'] } : {}),
    ...extra,
  };
}

export const AZURE_ANNOTATIONS: AnnotationSpec[] = [
  z('azure-load-balancer-internal', 'bool', 'Puts the Service on the internal load balancer, with a private address from the VNet, instead of the public one.', { default: 'false' }),
  z('azure-load-balancer-internal-subnet', 'string', 'The subnet an internal load balancer takes its address from (with `azure-load-balancer-internal: "true"`).'),
  z('azure-load-balancer-mode', 'string', 'Which VM sets (availability sets or scale sets) back the load balancer: `__auto__` or a comma-separated list of names. Only for clusters with several VM sets.'),
  z('azure-dns-label-name', 'string', 'A DNS label for the public IP, giving a name `<label>.<region>.cloudapp.azure.com`.', { validate: (v) => (/^[a-z][a-z0-9-]{1,61}[a-z0-9]$/.test(v) ? undefined : 'a DNS label has 3 to 63 lower-case letters, digits and hyphens, starting with a letter') }),
  z('azure-load-balancer-resource-group', 'string', 'The resource group of a pre-created public IP used by the Service, when it is not the cluster\'s node resource group.'),
  z('azure-pip-ip-tags', 'string-map', 'IP tags of the public IP, as `key=value` pairs separated by commas.', { validate: keyValueList }),
  z('azure-allowed-service-tags', 'string-list', 'Azure service tags (comma-separated, e.g. `AzureFrontDoor.Backend`) allowed to reach the load balancer.'),
  z('azure-allowed-ip-ranges', 'cidr-list', 'Client CIDR blocks allowed to reach the load balancer, comma-separated.', { validate: cidrList }),
  z('azure-deny-all-except-load-balancer-source-ranges', 'bool', 'Adds a network security group rule denying all traffic except the allowed source ranges.', { default: 'false' }),
  z('azure-load-balancer-tcp-idle-timeout', 'int', 'Minutes an idle TCP connection stays open on the load balancer, 4 to 100.', { validate: intRange(4, 100, ' minutes'), typeLabel: 'int (minutes)' }),
  z('azure-load-balancer-enable-high-availability-ports', 'bool', 'Turns on HA ports on an internal Standard load balancer, balancing all ports at once.'),
  z('azure-load-balancer-health-probe-protocol', 'enum', 'The protocol of the health probe.', { options: ['Tcp', 'Http', 'Https'], validate: oneOf(['Tcp', 'Http', 'Https'], { caseSensitive: false, trim: true }) }),
  z('azure-load-balancer-health-probe-interval', 'int', 'Seconds between health probes, at least 5.', { validate: intRange(5, 2147483647, 's'), typeLabel: 'int (seconds)' }),
  z('azure-load-balancer-health-probe-num-of-probe', 'int', 'Consecutive failed probes before an endpoint is taken out; interval times this must stay within 120 seconds.', { validate: intRange(1, 2147483647) }),
  z('azure-load-balancer-health-probe-request-path', 'string', 'The path of HTTP/HTTPS health probes.', { default: '/' }),
  z('azure-pip-tags', 'string-map', 'Azure tags for the public IP, as `key=value` pairs separated by commas.', { validate: keyValueList }),
  z('azure-disable-load-balancer-floating-ip', 'bool', 'Turns off floating IP on the load-balancing rules, so nodes receive traffic on their own address.', { default: 'false' }),
  z('azure-disable-load-balancer-nsg-rule', 'bool', 'Stops the provider from writing network security group rules for this Service.', { default: 'false' }),
  z('azure-additional-public-ips', 'ip-list', 'Extra public IP addresses (comma-separated) that also lead to this Service, for example from another cluster\'s load balancer.', { validate: ipList('comma') }),
  z('azure-load-balancer-configurations', 'string-list', 'Which load balancers (by configuration name, comma-separated) may host this Service, in multi-load-balancer clusters.'),
  z('azure-load-balancer-disable-tcp-reset', 'bool', 'Turns off TCP reset on idle timeout (Standard load balancer).'),
  z('azure-load-balancer-ipv4', 'ip', 'The IPv4 address the load balancer should use (the replacement for `spec.loadBalancerIP`).', { validate: ipv4 }),
  z('azure-load-balancer-ipv6', 'ip', 'The IPv6 address the load balancer should use.', { validate: ipv6 }),
  z('azure-pip-name', 'string', 'The name of an existing public IP to use for the Service.'),
  z('azure-pip-name-ipv6', 'string', 'The name of an existing IPv6 public IP to use for the Service.'),
  z('azure-pip-prefix-id', 'string', 'The resource ID of a public IP prefix to take the public address from.'),
  z('azure-pip-prefix-id-ipv6', 'string', 'The resource ID of an IPv6 public IP prefix to take the public address from.'),
  z('azure-pls-create', 'bool', 'Creates a Private Link Service in front of the internal load balancer.', { docs: PLS_DOCS }),
  z('azure-pls-resource-group', 'string', 'The resource group of the Private Link Service.', { docs: PLS_DOCS }),
  z('azure-pls-name', 'string', 'The name of the Private Link Service.', { docs: PLS_DOCS }),
  z('azure-pls-ip-configuration-subnet', 'string', 'The subnet the Private Link Service takes its addresses from.', { docs: PLS_DOCS }),
  z('azure-pls-ip-configuration-ip-address-count', 'int', 'How many addresses the Private Link Service uses (1 to 8).', { validate: intRange(1, 8), docs: PLS_DOCS }),
  z('azure-pls-ip-configuration-ip-address', 'ip-list', 'Static addresses for the Private Link Service, space-separated.', { validate: ipList('space'), docs: PLS_DOCS }),
  z('azure-pls-fqdns', 'string-list', 'Domain names of the Private Link Service, space-separated.', { docs: PLS_DOCS }),
  z('azure-pls-proxy-protocol', 'bool', 'Turns on PROXY protocol on the Private Link Service.', { docs: PLS_DOCS }),
  z('azure-pls-visibility', 'string-list', 'Subscriptions (space-separated, or `*`) that can see the Private Link Service.', { docs: PLS_DOCS }),
  z('azure-pls-auto-approval', 'string-list', 'Subscriptions (space-separated) whose connections to the Private Link Service are approved automatically.', { docs: PLS_DOCS }),
  z('port_{port}_no_lb_rule', 'bool', 'Creates no load-balancing rule for the Service port with this number.', { pattern: /^service\.beta\.kubernetes\.io\/port_\d+_no_lb_rule$/ }),
  z('port_{port}_no_probe_rule', 'bool', 'Creates no health probe for the Service port with this number.', { pattern: /^service\.beta\.kubernetes\.io\/port_\d+_no_probe_rule$/ }),
  z('port_{port}_health-probe_{param}', 'string', 'A health probe setting for one Service port: `protocol`, `port`, `interval`, `num-of-probe` or `request-path`.', { pattern: /^service\.beta\.kubernetes\.io\/port_\d+_health-probe_(protocol|port|interval|num-of-probe|request-path)$/ }),
];
