/**
 * Service rules: what the API server's `ValidateService` (pkg/apis/core/validation) and the
 * node-port allocator reject beyond the schema, plus warnings for what works but hurts.
 * Structural problems (types, required fields, enum values) belong to the schema rules; these
 * checks look only at values of the right type.
 */
import type { Fix } from '../findings';
import { parseNodePortRange } from '../settings';
import { addKey, removeKey } from '../validation/edits';
import { objectsOf } from '../validation/objects';
import { cidr, isPlaceholder, labelValue, dns1035Label, dns1123Label, dns1123Subdomain, ianaServiceName, ipFamily, isIP, isPortNumber, qualifiedName, specialIP } from '../validation';
import { findPair, get, getIn, isMap, isScalar, isSeq, mapItems, num, scalarText, seqItems, str, type AnyNode } from '../yaml/ast';
import type { Checker, RuleContext, RuleMeta } from './types';

const R = {
  nameFormat: { id: 'service/name-format', severity: 'error', summary: 'Service name is not a valid DNS label', description: 'A Service name becomes a DNS name in the cluster: at most 63 lowercase letters, digits and hyphens, ending with a letter or digit. Up to Kubernetes 1.35 it must start with a letter (DNS-1035 label); from 1.36 it may start with a digit (DNS-1123 label).' },
  portsRequired: { id: 'service/ports-required', severity: 'error', summary: 'Service has no ports', description: 'Every Service except a headless one (clusterIP: None) and an ExternalName Service must list at least one port.' },
  portRange: { id: 'service/port-range', severity: 'error', summary: 'Port number outside 1-65535', description: 'Service ports, target ports and node ports must be between 1 and 65535.' },
  portNameFormat: { id: 'service/port-name-format', severity: 'error', summary: 'Service port name is not a DNS-1123 label', description: 'Service port names must be DNS-1123 labels: lowercase letters, digits and hyphens, at most 63 characters.' },
  portNameRequired: { id: 'service/port-name-required', severity: 'error', summary: 'Port without a name in a Service with several ports', description: 'When a Service has more than one port, every port needs a name so that Endpoints and Ingress backends can refer to it.' },
  duplicatePortName: { id: 'service/duplicate-port-name', severity: 'error', summary: 'Two ports of a Service share a name', description: 'Port names must be unique within a Service.' },
  duplicatePort: { id: 'service/duplicate-port', severity: 'error', summary: 'Two ports of a Service share a port number and protocol', description: 'Each (port, protocol) pair may appear only once in a Service.' },
  duplicateNodePort: { id: 'service/duplicate-node-port', severity: 'error', summary: 'Two ports of a Service share a node port and protocol', description: 'Each (nodePort, protocol) pair may appear only once in a Service.' },
  targetPort: { id: 'service/target-port', severity: 'error', summary: 'targetPort is neither a valid port number nor a valid port name', description: 'targetPort is a number between 1 and 65535 or the name of a container port (an IANA service name: at most 15 lowercase letters, digits and hyphens, with at least one letter). A quoted number is read as a name and rejected.' },
  appProtocol: { id: 'service/app-protocol-format', severity: 'error', summary: 'appProtocol is not a qualified name', description: "appProtocol is a standard name such as 'http' or 'kubernetes.io/h2c', or a domain-prefixed name such as 'example.com/proto'." },
  nodePortNotAllowed: { id: 'service/node-port-not-allowed', severity: 'error', summary: 'nodePort on a Service type that has no node ports', description: 'Only NodePort and LoadBalancer Services open node ports: the API server refuses nodePort on a ClusterIP Service (headless included), and an ExternalName Service ignores it (a warning). Remove nodePort or change the type.' },
  nodePortRange: { id: 'service/node-port-range', severity: 'error', summary: "nodePort outside the cluster's node-port range", description: "The API server allocates node ports only from its --service-node-port-range (30000-32767 by default; the kubeExpose.nodePortRange setting). Remove nodePort to let the cluster pick one, or use a port in the range." },
  fieldForType: { id: 'service/field-not-allowed-for-type', severity: 'error', summary: 'Field that this Service type does not allow', description: 'externalTrafficPolicy needs an externally reachable Service (NodePort, LoadBalancer or externalIPs); healthCheckNodePort needs a LoadBalancer with externalTrafficPolicy Local; loadBalancerSourceRanges, loadBalancerClass and allocateLoadBalancerNodePorts need type LoadBalancer.' },
  headless: { id: 'service/headless-type', severity: 'error', summary: 'clusterIP: None on a NodePort or LoadBalancer Service', description: 'A headless Service has no cluster IP, so it cannot be of type NodePort or LoadBalancer, which forward to the cluster IP.' },
  externalName: { id: 'service/external-name', severity: 'error', summary: 'ExternalName Service without a valid externalName', description: 'An ExternalName Service answers DNS queries with a CNAME to externalName, which must be a DNS-1123 subdomain (a trailing dot is allowed). IP addresses are not resolved by DNS servers as CNAME targets.' },
  externalNameFields: { id: 'service/external-name-fields', severity: 'error', summary: 'Cluster IP fields on an ExternalName Service', description: 'An ExternalName Service has no cluster IP: clusterIP, clusterIPs, ipFamilies and ipFamilyPolicy must not be set.' },
  sessionAffinity: { id: 'service/session-affinity', severity: 'error', summary: 'sessionAffinityConfig out of bounds or without ClientIP affinity', description: 'sessionAffinityConfig.clientIP.timeoutSeconds must be between 1 and 86400, and sessionAffinityConfig is only allowed when sessionAffinity is ClientIP.' },
  ipFormat: { id: 'service/ip-format', severity: 'error', summary: 'Invalid IP address', description: 'clusterIP, clusterIPs, externalIPs and loadBalancerIP must be valid IPv4 or IPv6 addresses (externalIPs also not loopback, link-local, multicast or unspecified).' },
  cidrFormat: { id: 'service/cidr-format', severity: 'error', summary: 'Invalid CIDR in loadBalancerSourceRanges', description: "loadBalancerSourceRanges entries are IP ranges in CIDR notation, such as '203.0.113.0/24'." },
  clusterIPs: { id: 'service/cluster-ips', severity: 'error', summary: 'clusterIP and clusterIPs disagree', description: "clusterIPs[0] must equal clusterIP when both are set; 'None' must be the only value; two clusterIPs must be one IPv4 and one IPv6 address." },
  ipFamilies: { id: 'service/ip-families', severity: 'error', summary: 'ipFamilies or ipFamilyPolicy inconsistent', description: 'ipFamilies holds at most two different families, in the same order as clusterIPs; more than one family needs ipFamilyPolicy PreferDualStack or RequireDualStack.' },
  selectorFormat: { id: 'service/selector-format', severity: 'error', summary: 'Invalid label key or value in the selector', description: "Selector keys are qualified names (an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.'); values are at most 63 such characters, starting and ending with a letter or digit." },
  loadBalancerIP: { id: 'service/load-balancer-ip-deprecated', severity: 'warning', summary: 'loadBalancerIP is deprecated', description: "spec.loadBalancerIP is deprecated since Kubernetes 1.24: it cannot express dual-stack and its meaning differs between providers. Use your load balancer implementation's annotation (e.g. metallb.io/loadBalancerIPs) instead." },
  externalIPs: { id: 'service/external-ips-deprecated', severity: 'warning', summary: 'externalIPs is deprecated', description: 'spec.externalIPs lets anyone who can create a Service intercept traffic to any IP (CVE-2020-8554) and is deprecated in Kubernetes 1.36; many clusters block it with the DenyServiceExternalIPs admission plugin. Use a LoadBalancer Service instead.' },
  nodePortExposure: { id: 'service/nodeport-exposure', severity: 'info', summary: 'NodePort Service opens a port on every node', description: 'A NodePort Service listens on the same port on every node of the cluster, on all their addresses. Fine for tests; for production prefer a LoadBalancer or an Ingress.' },
  loadBalancerOpen: { id: 'service/load-balancer-open', severity: 'warning', summary: 'LoadBalancer without loadBalancerSourceRanges', description: 'Without loadBalancerSourceRanges a LoadBalancer Service is reachable from any address its load balancer is exposed to, usually the whole internet. List the client ranges that need it.' },
} satisfies Record<string, RuleMeta>;

const NODE_PORT_TYPES = new Set(['NodePort', 'LoadBalancer']);

interface PortEntry {
  item: AnyNode;
  port?: number;
  portNode: AnyNode;
  protocol: string;
  name?: string;
  nameNode: AnyNode;
}

function messages(list: string[]): string {
  return list.join('; ');
}

function checkService(ctx: RuleContext): void {
  const { manifest } = ctx;
  const root = manifest.root;
  const spec = get(root, 'spec');
  const nameNode = getIn(root, ['metadata', 'name']);
  const name = str(nameNode);
  if (name !== undefined && !isPlaceholder(name)) {
    // Since Kubernetes 1.36 (RelaxedServiceNameValidation, KEP-5311) a Service name may start with
    // a digit: a DNS-1123 label; before, a DNS-1035 label. A real 1.37 API server accepts `1web`.
    const relaxed = minorOf(ctx.settings.kubernetesVersion) >= 36;
    const p = relaxed ? dns1123Label(name) : dns1035Label(name);
    const since = !relaxed && dns1123Label(name).length === 0 ? ` (Kubernetes 1.36 and later accept it; kubeExpose.kubernetesVersion is ${ctx.settings.kubernetesVersion})` : '';
    if (p.length) ctx.report({ rule: R.nameFormat.id, node: nameNode, message: `Service name '${name}' is not valid: it ${messages(p)}${since}. It becomes a DNS name, e.g. '${suggestLabel(name)}'.` });
  }
  if (!isMap(spec)) {
    // No spec at all is a ClusterIP Service without ports, which the API server refuses too.
    if (spec === undefined || spec === null || (isScalar(spec) && spec.value === null)) {
      const at = findPair(root, 'spec')?.key ?? findPair(root, 'kind')?.value;
      ctx.report({ rule: R.portsRequired.id, node: at as AnyNode, message: 'This Service has no spec and so no ports: add spec.ports with at least one port (only headless Services with clusterIP: None and ExternalName Services may have none).' });
    }
    return;
  }

  const typeNode = get(spec, 'type');
  const type = str(typeNode) ?? 'ClusterIP';
  const clusterIPNode = get(spec, 'clusterIP');
  const clusterIP = str(clusterIPNode);
  const clusterIPsNode = get(spec, 'clusterIPs');
  const firstClusterIP = str(seqItems(clusterIPsNode)[0]);
  const headless = clusterIP === 'None' || firstClusterIP === 'None';
  const externalIPsNode = get(spec, 'externalIPs');
  const hasExternalIPs = seqItems(externalIPsNode).length > 0;

  // Selector labels.
  for (const pair of mapItems(get(spec, 'selector'))) {
    const key = scalarText(pair.key as AnyNode);
    if (key !== undefined && !isPlaceholder(key)) {
      const p = qualifiedName(key);
      if (p.length) ctx.report({ rule: R.selectorFormat.id, node: pair.key as AnyNode, message: `Selector key '${key}' is not a valid label key: ${messages(p)}.` });
    }
    const v = str(pair.value);
    if (v !== undefined && !isPlaceholder(v)) {
      const p = labelValue(v);
      if (p.length) ctx.report({ rule: R.selectorFormat.id, node: pair.value, message: `Selector value '${v}' is not a valid label value: it ${messages(p)}.` });
    }
  }

  // Ports.
  const portsNode = get(spec, 'ports');
  const items = seqItems(portsNode);
  if (items.length === 0 && !headless && type !== 'ExternalName' && (findPair(spec, 'ports') === undefined || isSeq(portsNode) || portsNode === null || (isScalar(portsNode) && portsNode.value === null))) {
    const pair = findPair(spec, 'ports');
    ctx.report({
      rule: R.portsRequired.id,
      node: pair ? (pair.value && isSeq(pair.value) ? pair.value : (pair.key as AnyNode)) : (findPair(root, 'spec')?.key as AnyNode),
      message: 'This Service has no ports: list at least one under spec.ports (only headless Services with clusterIP: None and ExternalName Services may have none).',
    });
  }
  const entries: PortEntry[] = [];
  const names = new Map<string, AnyNode>();
  const pairs = new Map<string, AnyNode>();
  const nodePairs = new Map<string, AnyNode>();
  const range = parseNodePortRange(ctx.settings.nodePortRange) ?? { min: 30000, max: 32767 };
  const several = items.length > 1;
  for (const item of items) {
    if (!isMap(item)) continue;
    const portNode = get(item, 'port');
    const port = num(portNode);
    const protocol = str(get(item, 'protocol')) ?? 'TCP';
    const pn = get(item, 'name');
    const pname = str(pn);
    entries.push({ item, port, portNode, protocol, name: pname, nameNode: pn });
    if (port !== undefined && !isPortNumber(port)) {
      ctx.report({ rule: R.portRange.id, node: portNode, message: `Port ${port} is outside 1-65535: use a port number between 1 and 65535.` });
    }
    if (pname !== undefined && pname !== '' && !isPlaceholder(pname)) {
      const p = dns1123Label(pname);
      if (p.length) ctx.report({ rule: R.portNameFormat.id, node: pn, message: `Port name '${pname}' is not valid: it ${messages(p)}.` });
      if (names.has(pname)) ctx.report({ rule: R.duplicatePortName.id, node: pn, message: `Port name '${pname}' is already used by another port of this Service: give each port its own name.` });
      else names.set(pname, pn);
    }
    if (port !== undefined) {
      const key = `${port}/${protocol}`;
      if (pairs.has(key)) ctx.report({ rule: R.duplicatePort.id, node: portNode, message: `Port ${port}/${protocol} is listed twice in this Service: each port and protocol pair may appear once.` });
      else pairs.set(key, portNode);
    }
    // targetPort: a number or a container port name.
    const tpNode = get(item, 'targetPort');
    if (isScalar(tpNode)) {
      const v = tpNode.value;
      if (typeof v === 'number') {
        if (v !== 0 && !isPortNumber(v)) ctx.report({ rule: R.targetPort.id, node: tpNode, message: `targetPort ${v} is outside 1-65535: use a port number between 1 and 65535 or a container port name.` });
      } else if (typeof v === 'string' && v !== '' && !isPlaceholder(v)) {
        const p = ianaServiceName(v);
        if (p.length) {
          const quotedNumber = /^\d+$/.test(v);
          ctx.report({
            rule: R.targetPort.id,
            node: tpNode,
            message: quotedNumber
              ? `targetPort "${v}" is a quoted number, which the API server reads as a port name and rejects: write it without quotes (${v}).`
              : `targetPort '${v}' is not a valid container port name: it ${messages(p)}.`,
            fixes: quotedNumber && isPortNumber(Number(v)) ? [{ title: `Write targetPort as the number ${v}`, edits: [{ start: tpNode.range![0], end: tpNode.range![1], newText: v }], preferred: true }] : undefined,
          });
        }
      }
    }
    const apNode = get(item, 'appProtocol');
    const ap = str(apNode);
    if (ap !== undefined && ap !== '') {
      const p = qualifiedName(ap);
      if (p.length) ctx.report({ rule: R.appProtocol.id, node: apNode, message: `appProtocol '${ap}' is not valid: ${messages(p)}.` });
    }
    // nodePort.
    const npNode = get(item, 'nodePort');
    const np = num(npNode);
    if (np !== undefined && np !== 0) {
      const remove = removeKey(ctx.text, item, 'nodePort');
      const fixes: Fix[] | undefined = remove ? [{ title: 'Remove nodePort', edits: [remove], preferred: true }] : undefined;
      if (type === 'ExternalName') {
        ctx.report({ rule: R.nodePortNotAllowed.id, node: npNode, severity: 'warning', message: 'nodePort has no effect on an ExternalName Service, which is only a DNS alias: remove it.', fixes });
      } else if (!NODE_PORT_TYPES.has(type)) {
        const why = headless && type === 'ClusterIP' ? 'a headless ClusterIP Service' : `type ${type}`;
        ctx.report({ rule: R.nodePortNotAllowed.id, node: npNode, message: `nodePort is not allowed on ${why}: only NodePort and LoadBalancer Services open node ports. Remove it or change the type.`, fixes });
      } else if (!isPortNumber(np)) {
        ctx.report({ rule: R.portRange.id, node: npNode, message: `nodePort ${np} is outside 1-65535: remove it to let the cluster pick one.`, fixes });
      } else if (np < range.min || np > range.max) {
        ctx.report({ rule: R.nodePortRange.id, node: npNode, message: `nodePort ${np} is outside the cluster's node-port range ${range.min}-${range.max}: remove it to let the cluster allocate one, or pick a port in the range.`, fixes });
      }
      if (isPortNumber(np)) {
        const key = `${np}/${protocol}`;
        if (nodePairs.has(key)) ctx.report({ rule: R.duplicateNodePort.id, node: npNode, message: `nodePort ${np}/${protocol} is used by another port of this Service: each node port may appear once.` });
        else nodePairs.set(key, npNode);
      }
    }
  }
  if (several) {
    for (const e of entries) {
      if (e.name !== undefined && e.name !== '') continue;
      const proto = e.protocol.toLowerCase();
      const suggestion = e.port !== undefined ? `${proto}-${e.port}` : undefined;
      const edit = suggestion && !names.has(suggestion) ? addKey(ctx.text, e.item, [`name: ${suggestion}`]) : undefined;
      const atNode: AnyNode = (findPair(e.item, 'name')?.key as AnyNode) ?? (findPair(e.item, 'port')?.key as AnyNode) ?? e.item;
      ctx.report({
        rule: R.portNameRequired.id,
        node: atNode,
        message: 'This Service has several ports, so each needs a name: add a name (lowercase letters, digits and hyphens) to this port.',
        fixes: edit ? [{ title: `Name this port '${suggestion}'`, edits: [edit], preferred: true }] : undefined,
      });
    }
  }

  // Fields that only some types allow.
  const notAllowed = (key: string, why: string) => {
    const pair = findPair(spec, key);
    if (!pair || pair.value === null || pair.value === undefined || (isScalar(pair.value) && pair.value.value === null)) return;
    const edit = removeKey(ctx.text, spec, key);
    ctx.report({ rule: R.fieldForType.id, node: pair.key as AnyNode, message: `${key} ${why}`, fixes: edit ? [{ title: `Remove ${key}`, edits: [edit] }] : undefined });
  };
  const externallyReachable = type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && hasExternalIPs);
  if (!externallyReachable && str(get(spec, 'externalTrafficPolicy')) !== undefined) {
    notAllowed('externalTrafficPolicy', `only applies to externally reachable Services (NodePort, LoadBalancer, or ClusterIP with externalIPs), not to ${headless ? 'a headless Service' : `type ${type}`}: remove it.`);
  }
  const etp = str(get(spec, 'externalTrafficPolicy'));
  const hc = num(get(spec, 'healthCheckNodePort'));
  if (hc !== undefined && hc !== 0) {
    if (!(type === 'LoadBalancer' && etp === 'Local')) notAllowed('healthCheckNodePort', "is only allowed when type is LoadBalancer and externalTrafficPolicy is Local: remove it.");
    else if (!isPortNumber(hc)) ctx.report({ rule: R.portRange.id, node: get(spec, 'healthCheckNodePort'), message: `healthCheckNodePort ${hc} is outside 1-65535: remove it to let the cluster pick one.` });
  }
  if (type !== 'LoadBalancer') {
    notAllowed('allocateLoadBalancerNodePorts', `is only allowed when type is LoadBalancer (this Service is ${type}): remove it.`);
    notAllowed('loadBalancerClass', `is only allowed when type is LoadBalancer (this Service is ${type}): remove it.`);
  }
  const lbsrNode = get(spec, 'loadBalancerSourceRanges');
  const lbsr = seqItems(lbsrNode);
  const lbsrAnnotation = str(getIn(root, ['metadata', 'annotations', 'service.beta.kubernetes.io/load-balancer-source-ranges']));
  if (lbsr.length > 0 && type !== 'LoadBalancer') {
    notAllowed('loadBalancerSourceRanges', `is only allowed when type is LoadBalancer (this Service is ${type}): remove it or change the type.`);
  }
  if (lbsr.length === 0 && lbsrAnnotation !== undefined) {
    const annNode = getIn(root, ['metadata', 'annotations', 'service.beta.kubernetes.io/load-balancer-source-ranges']);
    if (type !== 'LoadBalancer') {
      ctx.report({ rule: R.fieldForType.id, node: annNode, message: `The service.beta.kubernetes.io/load-balancer-source-ranges annotation is only allowed when type is LoadBalancer (this Service is ${type}): remove it.` });
    }
    for (const part of lbsrAnnotation.split(',')) {
      const v = part.trim();
      if (v === '' || isPlaceholder(v)) continue;
      if (cidr(v).length) ctx.report({ rule: R.cidrFormat.id, node: annNode, message: `'${v}' in the load-balancer-source-ranges annotation is not a valid IP range: use CIDR notation such as '203.0.113.0/24', separated by commas.` });
    }
  }
  for (const r of lbsr) {
    const v = str(r);
    if (v === undefined || isPlaceholder(v)) continue;
    const p = cidr(v.trim());
    if (p.length) ctx.report({ rule: R.cidrFormat.id, node: r, message: `'${v}' is not a valid source range: it ${messages(p)}.` });
  }
  const lbClassNode = get(spec, 'loadBalancerClass');
  const lbClass = str(lbClassNode);
  if (lbClass !== undefined && type === 'LoadBalancer') {
    const p = qualifiedName(lbClass);
    if (p.length) ctx.report({ rule: R.fieldForType.id, node: lbClassNode, message: `loadBalancerClass '${lbClass}' is not a valid qualified name: ${messages(p)}.` });
  }

  // Headless.
  if (headless && (type === 'NodePort' || type === 'LoadBalancer')) {
    ctx.report({ rule: R.headless.id, node: clusterIP === 'None' ? clusterIPNode : seqItems(clusterIPsNode)[0], message: `clusterIP: None (headless) is not allowed with type ${type}: a ${type} Service forwards to its cluster IP. Remove clusterIP: None or use type ClusterIP.` });
  }

  // ExternalName.
  if (type === 'ExternalName') {
    const enNode = get(spec, 'externalName');
    const en = str(enNode);
    if (en === undefined || en === '') {
      ctx.report({ rule: R.externalName.id, node: enNode ?? typeNode, message: 'An ExternalName Service needs spec.externalName: the DNS name it points to, e.g. db.example.com.' });
    } else if (!isPlaceholder(en)) {
      const cname = en.endsWith('.') ? en.slice(0, -1) : en;
      if (isIP(cname)) {
        ctx.report({ rule: R.externalName.id, node: enNode, severity: 'warning', message: `externalName '${en}' is an IP address: it is served as a CNAME to a name made of digits, which DNS clients do not resolve. Use a DNS name, or a Service without selector plus an EndpointSlice for an IP.` });
      } else {
        const p = dns1123Subdomain(cname);
        if (p.length) ctx.report({ rule: R.externalName.id, node: enNode, message: `externalName '${en}' is not a valid DNS name: it ${messages(p)}.` });
      }
    }
    for (const key of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) {
      const pair = findPair(spec, key);
      if (!pair) continue;
      const v = pair.value;
      if (v === null || v === undefined || (isScalar(v) && (v.value === null || v.value === ''))) continue;
      if (isSeq(v) && v.items.length === 0) continue;
      const edit = removeKey(ctx.text, spec, key);
      ctx.report({ rule: R.externalNameFields.id, node: pair.key as AnyNode, message: `${key} must not be set on an ExternalName Service, which has no cluster IP: remove it.`, fixes: edit ? [{ title: `Remove ${key}`, edits: [edit], preferred: true }] : undefined });
    }
  }

  // Session affinity.
  const saNode = get(spec, 'sessionAffinity');
  const sa = str(saNode) ?? 'None';
  const sacPair = findPair(spec, 'sessionAffinityConfig');
  if (sacPair && isMap(sacPair.value)) {
    if (sa !== 'ClientIP') {
      ctx.report({ rule: R.sessionAffinity.id, node: sacPair.key as AnyNode, message: `sessionAffinityConfig is only allowed with sessionAffinity: ClientIP (here it is ${sa}): set sessionAffinity: ClientIP or remove sessionAffinityConfig.` });
    } else {
      const tNode = getIn(sacPair.value, ['clientIP', 'timeoutSeconds']);
      const t = num(tNode);
      if (t !== undefined && (t < 1 || t > 86400)) ctx.report({ rule: R.sessionAffinity.id, node: tNode, message: `timeoutSeconds ${t} is out of bounds: use 1 to 86400 seconds (one day); the default is 10800.` });
    }
  }

  // IP formats and dual-stack consistency.
  if (clusterIP !== undefined && clusterIP !== '' && clusterIP !== 'None' && !isIP(clusterIP) && !isPlaceholder(clusterIP)) {
    ctx.report({ rule: R.ipFormat.id, node: clusterIPNode, message: `clusterIP '${clusterIP}' is not an IP address: use an address from the cluster's service range, 'None' for a headless Service, or leave it out.` });
  }
  const cips = seqItems(clusterIPsNode);
  cips.forEach((n, i) => {
    const v = str(n);
    if (v === undefined || v === '') return;
    if (v === 'None') {
      if (i > 0 || cips.length > 1) ctx.report({ rule: R.clusterIPs.id, node: n, message: "'None' must be the first and only value of clusterIPs." });
      return;
    }
    if (!isIP(v) && !isPlaceholder(v)) ctx.report({ rule: R.ipFormat.id, node: n, message: `clusterIPs entry '${v}' is not an IP address.` });
  });
  if (cips.length > 0 && clusterIP !== undefined && clusterIP !== '' && firstClusterIP !== undefined && firstClusterIP !== clusterIP) {
    ctx.report({ rule: R.clusterIPs.id, node: cips[0], message: `clusterIPs[0] '${firstClusterIP}' must equal clusterIP '${clusterIP}': make them the same or remove one.` });
  }
  if (cips.length > 2) ctx.report({ rule: R.clusterIPs.id, node: cips[2], message: 'clusterIPs holds at most two addresses (one IPv4 and one IPv6).' });
  const fam0 = ipFamily(str(cips[0]) ?? '');
  const fam1 = ipFamily(str(cips[1]) ?? '');
  if (fam0 && fam1 && fam0 === fam1) ctx.report({ rule: R.clusterIPs.id, node: cips[1], message: `Both clusterIPs are ${fam0}: a dual-stack Service needs one IPv4 and one IPv6 address.` });
  const famsNode = get(spec, 'ipFamilies');
  const fams = seqItems(famsNode).map((n) => ({ n, v: str(n) }));
  const seenFam = new Set<string>();
  fams.forEach(({ n, v }, i) => {
    if (!v) return;
    if (seenFam.has(v)) ctx.report({ rule: R.ipFamilies.id, node: n, message: `ipFamilies lists ${v} twice: list each family once.` });
    seenFam.add(v);
    const cf = ipFamily(str(cips[i]) ?? '');
    if (cf && (v === 'IPv4' || v === 'IPv6') && cf !== v) ctx.report({ rule: R.ipFamilies.id, node: n, message: `ipFamilies[${i}] is ${v} but clusterIPs[${i}] is an ${cf} address: list the families in the order of clusterIPs.` });
  });
  if (fams.length > 2) ctx.report({ rule: R.ipFamilies.id, node: fams[2].n, message: 'ipFamilies holds at most two families (IPv4 and IPv6).' });
  const policyNode = get(spec, 'ipFamilyPolicy');
  const policy = str(policyNode);
  if (policy === 'SingleStack' && (fams.length > 1 || cips.length > 1)) {
    ctx.report({ rule: R.ipFamilies.id, node: policyNode, message: 'ipFamilyPolicy SingleStack allows one IP family, but this Service lists two: use PreferDualStack or RequireDualStack, or list one family.' });
  }

  const lbIPNode = get(spec, 'loadBalancerIP');
  const lbIP = str(lbIPNode);
  if (lbIP !== undefined && lbIP !== '') {
    if (!isIP(lbIP) && !isPlaceholder(lbIP)) ctx.report({ rule: R.ipFormat.id, node: lbIPNode, message: `loadBalancerIP '${lbIP}' is not an IP address.` });
    ctx.report({ rule: R.loadBalancerIP.id, node: findPair(spec, 'loadBalancerIP')!.key as AnyNode, tags: ['deprecated'], message: "loadBalancerIP is deprecated since Kubernetes 1.24 (no dual-stack, provider-specific meaning): use your load balancer's annotation instead, e.g. metallb.io/loadBalancerIPs or service.beta.kubernetes.io/azure-load-balancer-ipv4." });
  }
  const eips = seqItems(externalIPsNode);
  for (const n of eips) {
    const v = str(n);
    if (v === undefined || isPlaceholder(v)) continue;
    if (!isIP(v)) ctx.report({ rule: R.ipFormat.id, node: n, message: `externalIPs entry '${v}' is not an IP address.` });
    else {
      const special = specialIP(v);
      if (special) ctx.report({ rule: R.ipFormat.id, node: n, message: `externalIPs entry '${v}' is ${special}, which the API server refuses: use an address that routes to your nodes.` });
    }
  }
  if (eips.length > 0) {
    ctx.report({ rule: R.externalIPs.id, node: findPair(spec, 'externalIPs')!.key as AnyNode, tags: ['deprecated'], message: 'externalIPs is deprecated in Kubernetes 1.36: anyone allowed to create Services can use it to intercept traffic to any IP (CVE-2020-8554), and many clusters block it. Use a LoadBalancer Service instead.' });
  }

  // What works but hurts.
  if (type === 'NodePort') {
    ctx.report({ rule: R.nodePortExposure.id, node: typeNode, message: 'A NodePort Service opens its port on every node of the cluster, on all node addresses: fine for testing; in production prefer a LoadBalancer or an Ingress, and firewall the node-port range.' });
  }
  if (type === 'LoadBalancer' && lbsr.length === 0 && !lbsrAnnotation && !isInternalLoadBalancer(root)) {
    ctx.report({ rule: R.loadBalancerOpen.id, node: typeNode, message: 'This LoadBalancer has no loadBalancerSourceRanges, so it accepts traffic from any address (usually the whole internet): list the client ranges under spec.loadBalancerSourceRanges, or ignore this for a public endpoint.' });
  }
}

/** Annotations that make a cloud load balancer internal (not reachable from the internet). */
function isInternalLoadBalancer(root: AnyNode): boolean {
  const ann = getIn(root, ['metadata', 'annotations']);
  if (!isMap(ann)) return false;
  const v = (k: string) => (scalarText(get(ann, k)) ?? '').toLowerCase();
  return (
    v('service.beta.kubernetes.io/azure-load-balancer-internal') === 'true' ||
    v('networking.gke.io/load-balancer-type') === 'internal' ||
    v('cloud.google.com/load-balancer-type') === 'internal' ||
    v('service.beta.kubernetes.io/aws-load-balancer-internal') === 'true' ||
    v('service.beta.kubernetes.io/aws-load-balancer-scheme') === 'internal' ||
    v('service.beta.kubernetes.io/openstack-internal-load-balancer') === 'true' ||
    v('service.beta.kubernetes.io/oci-load-balancer-internal') === 'true'
  );
}

/** A DNS-1035 form of a name, to show in the message. */
export function suggestLabel(name: string): string {
  let s = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '').slice(0, 63).replace(/-+$/, '');
  if (!s) s = 'svc';
  return s;
}

const E = {
  address: { id: 'endpointslice/address-format', severity: 'error', summary: 'EndpointSlice address does not match its addressType', description: 'Every address of an EndpointSlice is of its addressType: an IPv4 or IPv6 address (not loopback, link-local or unspecified), or a fully qualified domain name for FQDN.' },
  portName: { id: 'endpointslice/ports', severity: 'error', summary: 'Invalid or duplicate EndpointSlice port', description: 'EndpointSlice port names are DNS-1123 labels, unique within the slice (they match the Service port names); port numbers are 1-65535.' },
  names: { id: 'endpointslice/endpoint-names', severity: 'error', summary: 'Invalid hostname or nodeName of an endpoint', description: 'An endpoint hostname is a DNS-1123 label; nodeName names a Node, a DNS-1123 subdomain.' },
} satisfies Record<string, RuleMeta>;

function checkEndpointSlice(ctx: RuleContext): void {
  const root = ctx.manifest.root;
  const type = str(get(root, 'addressType'));
  for (const ep of seqItems(get(root, 'endpoints'))) {
    for (const a of seqItems(get(ep, 'addresses'))) {
      const v = str(a);
      if (v === undefined || v === '' || isPlaceholder(v)) continue;
      let problem: string | undefined;
      if (type === 'IPv4' || type === 'IPv6') {
        const fam = ipFamily(v);
        if (fam !== type) problem = fam ? `is an ${fam} address, but addressType is ${type}` : `is not an ${type} address`;
        else problem = specialIP(v) ? `is ${specialIP(v)}, which endpoints may not use` : undefined;
      } else if (type === 'FQDN') {
        const p = dns1123Subdomain(v.endsWith('.') ? v.slice(0, -1) : v);
        if (p.length || !v.includes('.')) problem = `is not a fully qualified domain name (${p.length ? p.join('; ') : 'it needs at least two labels'})`;
      }
      if (problem) ctx.report({ rule: E.address.id, node: a, message: `Address '${v}' ${problem}.` });
    }
    const hn = get(ep, 'hostname');
    const host = str(hn);
    if (host && !isPlaceholder(host)) {
      const p = dns1123Label(host);
      if (p.length) ctx.report({ rule: E.names.id, node: hn, message: `hostname '${host}' is not valid: it ${messages(p)}.` });
    }
    const nn = get(ep, 'nodeName');
    const node = str(nn);
    if (node && !isPlaceholder(node)) {
      const p = dns1123Subdomain(node);
      if (p.length) ctx.report({ rule: E.names.id, node: nn, message: `nodeName '${node}' is not a valid Node name: it ${messages(p)}.` });
    }
  }
  const seen = new Set<string>();
  for (const port of seqItems(get(root, 'ports'))) {
    const nNode = get(port, 'name');
    const name = str(nNode);
    if (name !== undefined && name !== '' && !isPlaceholder(name)) {
      const p = dns1123Label(name);
      if (p.length) ctx.report({ rule: E.portName.id, node: nNode, message: `Port name '${name}' is not valid: it ${messages(p)}.` });
      else if (seen.has(name)) ctx.report({ rule: E.portName.id, node: nNode, message: `Port name '${name}' appears twice in this EndpointSlice: each port name once.` });
      seen.add(name);
    }
    const pNode = get(port, 'port');
    const n = num(pNode);
    if (n !== undefined && !isPortNumber(n)) ctx.report({ rule: E.portName.id, node: pNode, message: `Port ${n} is outside 1-65535.` });
    const apNode = get(port, 'appProtocol');
    const ap = str(apNode);
    if (ap) {
      const p = qualifiedName(ap);
      if (p.length) ctx.report({ rule: R.appProtocol.id, node: apNode, message: `appProtocol '${ap}' is not valid: ${messages(p)}.` });
    }
  }
}

export const SERVICE_RULES: readonly RuleMeta[] = [...Object.values(R), ...Object.values(E)];

/** The minor version of a `1.NN` Kubernetes version string. */
function minorOf(version: string): number {
  const m = /^1\.(\d+)/.exec(version);
  return m ? Number(m[1]) : 0;
}

export const serviceCheckers: Checker[] = [
  {
    name: 'service',
    kinds: ['Service', 'List'],
    rules: Object.values(R),
    check(ctx) {
      for (const c of objectsOf(ctx, ['Service'])) if (c.manifest.apiVersion === 'v1') checkService(c);
    },
  },
  {
    name: 'endpointslice',
    kinds: ['EndpointSlice', 'List'],
    rules: [...Object.values(E), R.appProtocol],
    check(ctx) {
      for (const c of objectsOf(ctx, ['EndpointSlice'])) if (c.manifest.apiVersion === 'discovery.k8s.io/v1') checkEndpointSlice(c);
    },
  },
];
