/**
 * AWS Service annotations, read by the in-tree cloud provider (cloud-provider-aws, Classic ELB
 * and NLB) and/or the AWS Load Balancer Controller (NLB). Descriptions are ours.
 */
import type { AnnotationSpec, AnnotationStatus, ValueType, Validator } from './types';
import { goBool, intRange, keyValueList, oneOf } from './validators';

const P = 'service.beta.kubernetes.io/';
const LBC_DOCS = 'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/';
const INTREE_DOCS = 'https://cloud-provider-aws.sigs.k8s.io/service_controller/';

type Ctl = 'T' | 'L' | 'TL';
const CTL: Record<Ctl, string[]> = { T: ['in-tree'], L: ['aws-load-balancer-controller'], TL: ['in-tree', 'aws-load-balancer-controller'] };

interface Extra {
  validate?: Validator;
  options?: string[];
  default?: string;
  typeLabel?: string;
  status?: AnnotationStatus;
  pattern?: RegExp;
}

function a(key: string, ctl: Ctl, type: ValueType, description: string, extra: Extra = {}): AnnotationSpec {
  const isBool = type === 'bool';
  return {
    name: P + key,
    group: 'aws',
    appliesTo: ['Service'],
    type,
    controllers: CTL[ctl],
    status: { state: 'current' },
    description,
    docs: ctl === 'T' ? INTREE_DOCS : LBC_DOCS,
    ...(isBool ? { validate: awsBool, options: ['true', 'false'] } : {}),
    ...extra,
  };
}

/** Both controllers parse booleans with Go's strconv.ParseBool. */
const awsBool: Validator = goBool;
const port = intRange(1, 65535);
const onOff = oneOf(['on', 'off'], { caseSensitive: true });
const healthPort: Validator = (v) => (v === 'traffic-port' || /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(v) ? undefined : port(v));
const toAttrs = 'use service.beta.kubernetes.io/aws-load-balancer-attributes';

export const AWS_ANNOTATIONS: AnnotationSpec[] = [
  a('aws-load-balancer-type', 'TL', 'enum', 'Which load balancer AWS creates. With the AWS Load Balancer Controller, `external` hands the Service to it (an NLB); `nlb` asks the in-tree provider for an NLB; without the annotation the in-tree provider makes a Classic ELB. `nlb-ip` is the controller\'s deprecated shortcut for `external` with IP targets.', { options: ['external', 'nlb', 'nlb-ip'], validate: oneOf(['external', 'nlb', 'nlb-ip'], { caseSensitive: true }) }),
  a('aws-load-balancer-internal', 'TL', 'bool', 'Makes the load balancer internal (reachable only inside the VPC). The AWS Load Balancer Controller prefers `aws-load-balancer-scheme: internal`.', { status: { state: 'current', note: 'deprecated by the AWS Load Balancer Controller since v2.2.0 in favour of aws-load-balancer-scheme' }, default: 'false' }),
  a('aws-load-balancer-scheme', 'L', 'enum', 'Whether the NLB is `internal` (VPC only) or `internet-facing`.', { options: ['internal', 'internet-facing'], validate: oneOf(['internal', 'internet-facing'], { caseSensitive: true }), default: 'internal' }),
  a('aws-load-balancer-nlb-target-type', 'L', 'enum', 'Whether the NLB sends traffic to nodes (`instance`, via NodePorts) or straight to Pod IPs (`ip`).', { options: ['instance', 'ip'], validate: oneOf(['instance', 'ip'], { caseSensitive: true }) }),
  a('aws-load-balancer-name', 'L', 'string', 'The name of the NLB (at most 32 characters); by default the controller generates one.', { validate: (v) => (v.length > 32 ? 'an AWS load balancer name may have at most 32 characters' : /^[A-Za-z0-9-]*$/.test(v) ? undefined : 'an AWS load balancer name may hold only letters, digits and hyphens') }),
  a('aws-load-balancer-proxy-protocol', 'TL', 'enum', 'Turns on PROXY protocol towards the targets so they see the client address. The only accepted value is `*` (all ports).', { options: ['*'], validate: oneOf(['*'], { caseSensitive: true }) }),
  a('aws-load-balancer-proxy-protocol-per-target-group', 'L', 'string', 'Turns PROXY protocol on only for some listeners, by port (comma-separated).'),
  a('aws-load-balancer-ip-address-type', 'L', 'enum', 'Whether the NLB gets only IPv4 addresses or IPv4 and IPv6 (`dualstack`).', { options: ['ipv4', 'dualstack'], validate: oneOf(['ipv4', 'dualstack'], { caseSensitive: true }), default: 'ipv4' }),
  a('aws-load-balancer-access-log-emit-interval', 'T', 'int', 'How often, in minutes, a Classic ELB publishes access logs: 5 or 60.', { options: ['5', '60'], validate: oneOf(['5', '60'], { caseSensitive: true }), typeLabel: 'int (minutes)' }),
  a('aws-load-balancer-access-log-enabled', 'TL', 'bool', 'Turns on access logs to S3. With the AWS Load Balancer Controller, use `aws-load-balancer-attributes` instead.', { status: { state: 'current', note: `deprecated by the AWS Load Balancer Controller since v2.3.0: ${toAttrs}` } }),
  a('aws-load-balancer-access-log-s3-bucket-name', 'TL', 'string', 'The S3 bucket that receives the access logs.', { status: { state: 'current', note: `deprecated by the AWS Load Balancer Controller since v2.3.0: ${toAttrs}` } }),
  a('aws-load-balancer-access-log-s3-bucket-prefix', 'TL', 'string', 'The key prefix of the access logs in the S3 bucket.', { status: { state: 'current', note: `deprecated by the AWS Load Balancer Controller since v2.3.0: ${toAttrs}` } }),
  a('aws-load-balancer-connection-draining-enabled', 'T', 'bool', 'Lets a Classic ELB finish open requests to a deregistering instance.'),
  a('aws-load-balancer-connection-draining-timeout', 'T', 'int', 'Seconds a Classic ELB keeps draining connections, 1 to 3600.', { validate: intRange(1, 3600, 's'), default: '300', typeLabel: 'int (seconds)' }),
  a('aws-load-balancer-connection-idle-timeout', 'T', 'int', 'Seconds a Classic ELB keeps an idle connection open, 1 to 4000.', { validate: intRange(1, 4000, 's'), default: '60', typeLabel: 'int (seconds)' }),
  a('aws-load-balancer-cross-zone-load-balancing-enabled', 'TL', 'bool', 'Spreads traffic over targets in every availability zone rather than only the zone the request arrived in.', { status: { state: 'current', note: `deprecated by the AWS Load Balancer Controller since v2.3.0: ${toAttrs}` } }),
  a('aws-load-balancer-extra-security-groups', 'T', 'string-list', 'Security groups added to the ones the provider creates for a Classic ELB, comma-separated IDs.'),
  a('aws-load-balancer-security-groups', 'TL', 'string-list', 'Security groups to use for the load balancer instead of the ones the provider would create, comma-separated IDs or names.'),
  a('aws-load-balancer-security-group-prefix-lists', 'L', 'string-list', 'Managed prefix lists allowed in the NLB security group, comma-separated.'),
  a('load-balancer-source-ranges', 'L', 'string-list', 'Client CIDR blocks allowed to reach the load balancer, comma-separated; `spec.loadBalancerSourceRanges` is the field for this and wins when both are set.'),
  a('aws-load-balancer-ssl-cert', 'TL', 'string-list', 'The ACM or IAM certificate ARN(s) for TLS listeners; with it, the ports in `aws-load-balancer-ssl-ports` terminate TLS.', { validate: (v) => v.split(',').every((x) => /^arn:aws[a-z-]*:(acm|iam):/.test(x.trim())) ? undefined : 'each certificate must be an ARN such as arn:aws:acm:<region>:<account>:certificate/<id>' }),
  a('aws-load-balancer-ssl-ports', 'TL', 'string-list', 'Which Service ports (numbers or names, comma-separated) get TLS listeners when `aws-load-balancer-ssl-cert` is set; `*` means all.', { default: '*' }),
  a('aws-load-balancer-ssl-negotiation-policy', 'TL', 'string', 'The TLS security policy of the TLS listeners, such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.', { default: 'ELBSecurityPolicy-2016-08' }),
  a('aws-load-balancer-backend-protocol', 'TL', 'enum', 'The protocol towards the targets: `http`/`https`/`ssl`/`tcp` on a Classic ELB; `ssl` or `tcp` on an NLB managed by the controller.', { options: ['tcp', 'ssl', 'http', 'https'], validate: oneOf(['tcp', 'ssl', 'http', 'https'], { caseSensitive: true }), default: 'tcp' }),
  a('aws-load-balancer-additional-resource-tags', 'TL', 'string-map', 'Extra AWS tags for the load balancer and its resources, as `key=value` pairs separated by commas.', { validate: keyValueList }),
  a('aws-load-balancer-healthcheck-protocol', 'TL', 'enum', 'The protocol of the target health check.', { options: ['tcp', 'http', 'https'], validate: oneOf(['tcp', 'http', 'https'], { caseSensitive: false }), default: 'tcp' }),
  a('aws-load-balancer-healthcheck-port', 'TL', 'string', 'The port the health check probes: `traffic-port` (the one traffic goes to), a number, or (with the controller) a Service port name.', { options: ['traffic-port'], validate: healthPort, default: 'traffic-port' }),
  a('aws-load-balancer-healthcheck-path', 'TL', 'string', 'The path of HTTP/HTTPS health checks.', { default: '/' }),
  a('aws-load-balancer-healthcheck-healthy-threshold', 'TL', 'int', 'Consecutive successful checks before a target counts as healthy (2 to 10).', { validate: intRange(2, 10) }),
  a('aws-load-balancer-healthcheck-unhealthy-threshold', 'TL', 'int', 'Consecutive failed checks before a target counts as unhealthy (2 to 10).', { validate: intRange(2, 10) }),
  a('aws-load-balancer-healthcheck-timeout', 'TL', 'int', 'Seconds before one health check counts as failed.', { validate: intRange(2, 120, 's'), typeLabel: 'int (seconds)' }),
  a('aws-load-balancer-healthcheck-interval', 'TL', 'int', 'Seconds between health checks.', { validate: intRange(5, 300, 's'), typeLabel: 'int (seconds)' }),
  a('aws-load-balancer-healthcheck-success-codes', 'L', 'string', 'HTTP codes that count as healthy, such as `200` or `200-399`.', { validate: (v) => (/^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$/.test(v.replace(/ /g, '')) ? undefined : 'use status codes or ranges such as "200" or "200-399"'), default: '200-399' }),
  a('aws-load-balancer-target-group-attributes', 'TL', 'string-map', 'Target group attributes as `key=value` pairs, such as `preserve_client_ip.enabled=true,deregistration_delay.timeout_seconds=30`.', { validate: keyValueList }),
  a('aws-load-balancer-eip-allocations', 'TL', 'string-list', 'Elastic IP allocation IDs for an internet-facing NLB, one per subnet, comma-separated.'),
  a('aws-load-balancer-private-ipv4-addresses', 'TL', 'string-list', 'Fixed private IPv4 addresses for an internal NLB, one per subnet, comma-separated.'),
  a('aws-load-balancer-ipv6-addresses', 'L', 'string-list', 'Fixed IPv6 addresses for a dual-stack NLB, one per subnet, comma-separated.'),
  a('aws-load-balancer-target-node-labels', 'TL', 'string-map', 'Only nodes with these labels (`key=value`, comma-separated) become targets.', { validate: keyValueList }),
  a('aws-load-balancer-subnets', 'TL', 'string-list', 'The subnets (IDs or Name tags, comma-separated) the load balancer lives in, instead of the discovered ones.'),
  a('aws-load-balancer-alpn-policy', 'L', 'enum', 'The ALPN policy of TLS listeners.', { options: ['HTTP1Only', 'HTTP2Only', 'HTTP2Optional', 'HTTP2Preferred', 'None'], validate: oneOf(['HTTP1Only', 'HTTP2Only', 'HTTP2Optional', 'HTTP2Preferred', 'None'], { caseSensitive: true }) }),
  a('aws-load-balancer-attributes', 'L', 'string-map', 'Load balancer attributes as `key=value` pairs, such as `access_logs.s3.enabled=true,load_balancing.cross_zone.enabled=true`.', { validate: keyValueList }),
  a('aws-load-balancer-manage-backend-security-group-rules', 'L', 'bool', 'Whether the controller adds the rules that let the NLB reach the targets.', { default: 'true' }),
  a('aws-load-balancer-inbound-sg-rules-on-private-link-traffic', 'L', 'enum', 'Whether the NLB security group rules also apply to PrivateLink traffic.', { options: ['on', 'off'], validate: onOff }),
  a('aws-load-balancer-listener-attributes.${Protocol}-${Port}', 'L', 'string-map', 'Attributes of one listener, named by protocol and port in the key (for example `...listener-attributes.TCP-80`), as `key=value` pairs.', { pattern: /^service\.beta\.kubernetes\.io\/aws-load-balancer-listener-attributes\.[A-Za-z]+-\d+$/, validate: keyValueList }),
  a('aws-load-balancer-multi-cluster-target-group', 'L', 'bool', 'Lets several clusters share the NLB target groups.', { default: 'false' }),
  a('aws-load-balancer-enable-prefix-for-ipv6-source-nat', 'L', 'enum', 'Turns on source NAT with IPv6 prefixes for a dual-stack UDP NLB.', { options: ['on', 'off'], validate: onOff, default: 'off' }),
  a('aws-load-balancer-source-nat-ipv6-prefixes', 'L', 'string-list', 'The IPv6 prefixes used for source NAT, one per subnet, comma-separated.'),
  a('aws-load-balancer-minimum-load-balancer-capacity', 'L', 'string-map', 'Reserved capacity for the NLB, as `CapacityUnits=<n>`.', { validate: keyValueList }),
  a('aws-load-balancer-enable-icmp-for-path-mtu-discovery', 'L', 'string', 'Adds security group rules for ICMP, so path MTU discovery works through the NLB.'),
  a('aws-load-balancer-enable-tcp-udp-listener', 'L', 'bool', 'Lets a TCP and a UDP Service port with the same number share one TCP_UDP listener.', { default: 'false' }),
  a('aws-load-balancer-disable-nlb-sg', 'L', 'bool', 'Creates the NLB without a security group.', { default: 'false' }),
  a('aws-load-balancer-quic-enabled-ports', 'L', 'string-list', 'UDP ports that get QUIC listeners, comma-separated.'),
  a('actions.${protocol}-${port}', 'L', 'string-map', 'Listener actions for one protocol and port, named in the key.', { pattern: /^service\.beta\.kubernetes\.io\/actions\.[A-Za-z]+-\d+$/ }),
];

