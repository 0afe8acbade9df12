/**
 * Ingress and IngressClass rules: what the API server's `ValidateIngressCreate` and
 * `ValidateIngressClass` (pkg/apis/networking/validation) reject beyond the schema, plus an
 * Ingress without TLS. Only `networking.k8s.io/v1` objects are checked here; removed versions are
 * reported by the api-versions rules.
 */
import type { Fix } from '../findings';
import { addKey, removeKey } from '../validation/edits';
import { objectsOf } from '../validation/objects';
import { isPlaceholder, dns1035Label, dns1123Subdomain, domainPrefixedPath, ianaServiceName, isIP, isPortNumber, wildcardDns1123Subdomain } from '../validation';
import { findPair, get, getIn, isMap, isScalar, mapItems, num, seqItems, str, type AnyNode } from '../yaml/ast';
import type { Checker, RuleContext, RuleMeta } from './types';

export const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

const R = {
  nameFormat: { id: 'ingress/name-format', severity: 'error', summary: 'Ingress name is not a DNS-1123 subdomain', description: "An Ingress name must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters, starting and ending with a letter or digit." },
  backendOrRules: { id: 'ingress/backend-or-rules', severity: 'error', summary: 'Ingress with neither defaultBackend nor rules', description: 'An Ingress must route something: give it spec.rules, spec.defaultBackend, or both.' },
  hostFormat: { id: 'ingress/host-format', severity: 'error', summary: 'Invalid Ingress rule host', description: "A rule host is a DNS name: no IP address, no port, no scheme; a wildcard '*' only as the whole first label ('*.example.com')." },
  pathsRequired: { id: 'ingress/paths-required', severity: 'error', summary: 'http rule without paths', description: 'A rule with an http section must list at least one path.' },
  pathTypeRequired: { id: 'ingress/path-type-required', severity: 'error', summary: 'Ingress path without pathType', description: 'networking.k8s.io/v1 requires a pathType on every path: Prefix (matches the path and everything under it, by path segment), Exact, or ImplementationSpecific (the controller decides, e.g. regular expressions in ingress-nginx).' },
  pathFormat: { id: 'ingress/path-format', severity: 'error', summary: 'Invalid Ingress path', description: "Exact and Prefix paths must be absolute ('/...') and must not contain '//', '/./', '/../' or an encoded '/' (%2F), nor end in '/.' or '/..'. ImplementationSpecific paths, when given, must also start with '/'." },
  backend: { id: 'ingress/backend', severity: 'error', summary: 'Backend without exactly one of service and resource', description: 'An Ingress backend names either a service (name and port) or a resource, never both and never neither.' },
  backendServiceName: { id: 'ingress/backend-service-name', severity: 'error', summary: 'Backend service name is not a valid Service name', description: 'backend.service.name must be the name of a Service, which is a DNS-1035 label.' },
  backendPort: { id: 'ingress/backend-port', severity: 'error', summary: 'Backend port without exactly one valid name or number', description: 'backend.service.port has either number (1-65535) or name (the Service port name), never both and never neither.' },
  resourceBackend: { id: 'ingress/resource-backend', severity: 'error', summary: 'Invalid resource backend', description: 'A resource backend needs kind and name; apiGroup, when set, is a DNS subdomain.' },
  tlsHost: { id: 'ingress/tls-host-format', severity: 'error', summary: 'Invalid TLS host', description: "spec.tls[].hosts entries are DNS names; a wildcard '*' only as the whole first label." },
  tlsSecret: { id: 'ingress/tls-secret-name', severity: 'error', summary: 'TLS secretName is not a valid Secret name', description: 'spec.tls[].secretName names a Secret of type kubernetes.io/tls in the Ingress namespace: a DNS-1123 subdomain.' },
  classNameFormat: { id: 'ingress/class-name-format', severity: 'error', summary: 'ingressClassName is not a valid IngressClass name', description: 'spec.ingressClassName names an IngressClass: a DNS-1123 subdomain.' },
  classConflict: { id: 'ingress/class-annotation-conflict', severity: 'error', summary: 'kubernetes.io/ingress.class disagrees with ingressClassName', description: 'The API server refuses an Ingress whose kubernetes.io/ingress.class annotation differs from spec.ingressClassName. Keep only ingressClassName.' },
  classAnnotation: { id: 'ingress/class-annotation-deprecated', severity: 'warning', summary: 'kubernetes.io/ingress.class annotation instead of ingressClassName', description: 'The kubernetes.io/ingress.class annotation is deprecated since Kubernetes 1.18; spec.ingressClassName replaces it. Controllers may stop reading the annotation.' },
  noTLS: { id: 'ingress/no-tls', severity: 'warning', summary: 'Ingress without TLS', description: 'Without spec.tls the Ingress serves its hosts over plain HTTP: credentials and cookies cross the network in clear text. Add a tls section (cert-manager can issue the certificate).' },
} satisfies Record<string, RuleMeta>;

const C = {
  nameFormat: { id: 'ingressclass/name-format', severity: 'error', summary: 'IngressClass name is not a DNS-1123 subdomain', description: 'An IngressClass name must be a DNS-1123 subdomain.' },
  controllerRequired: { id: 'ingressclass/controller-required', severity: 'error', summary: 'IngressClass without spec.controller', description: 'spec.controller is required: it names the controller that implements the class (a domain-prefixed path such as k8s.io/ingress-nginx), and it is immutable once the class exists.' },
  controller: { id: 'ingressclass/controller-format', severity: 'error', summary: 'IngressClass controller is not a domain-prefixed path', description: "spec.controller names the controller that implements the class, as a domain-prefixed path of at most 250 characters, e.g. 'k8s.io/ingress-nginx'." },
  parameters: { id: 'ingressclass/parameters', severity: 'error', summary: 'Invalid IngressClass parameters', description: "spec.parameters needs kind and name; apiGroup, when set, is a DNS subdomain; scope Namespace needs a namespace and scope Cluster must not have one." },
} satisfies Record<string, RuleMeta>;

const msgs = (l: string[]) => l.join('; ');

/** Annotations with which a cloud load balancer terminates TLS itself, without spec.tls. */
const CLOUD_TLS_ANNOTATIONS = new Set([
  'alb.ingress.kubernetes.io/certificate-arn',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'networking.gke.io/managed-certificates',
  'appgw.ingress.kubernetes.io/appgw-ssl-certificate',
]);

function checkHost(host: string): string | undefined {
  if (isPlaceholder(host)) return undefined;
  if (/^[a-z]+:\/\//i.test(host)) return 'must be a DNS name without a scheme (remove the http:// or https://)';
  if (isIP(host)) return 'must be a DNS name, not an IP address (leave host out to match every address)';
  if (/:\d*$/.test(host)) return 'must not include a port: the Ingress controller listens on 80 and 443';
  const p = host.includes('*') ? wildcardDns1123Subdomain(host) : dns1123Subdomain(host);
  return p.length ? msgs(p) : undefined;
}

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];

export function pathProblem(path: string, pathType: string): string | undefined {
  if (pathType === 'Exact' || pathType === 'Prefix') {
    if (!path.startsWith('/')) return `must be an absolute path starting with '/' for pathType ${pathType}`;
    for (const s of INVALID_SEQUENCES) if (path.includes(s)) return `must not contain '${s}'`;
    for (const s of ['/..', '/.']) if (path.endsWith(s)) return `must not end with '${s}'`;
  } else if (pathType === 'ImplementationSpecific') {
    if (path.length > 0 && !path.startsWith('/')) return "must be an absolute path starting with '/'";
  }
  return undefined;
}

function checkBackend(ctx: RuleContext, backend: AnyNode, keyNode: AnyNode): void {
  if (!isMap(backend)) return;
  const service = get(backend, 'service');
  const resource = get(backend, 'resource');
  const hasService = isMap(service);
  const hasResource = isMap(resource);
  if (hasService && hasResource) {
    ctx.report({ rule: R.backend.id, node: findPair(backend, 'resource')!.key as AnyNode, message: 'A backend names either a service or a resource, not both: remove one.' });
    return;
  }
  if (!hasService && !hasResource) {
    if (findPair(backend, 'serviceName') || findPair(backend, 'servicePort')) {
      ctx.report({ rule: R.backend.id, node: keyNode, message: 'serviceName/servicePort are the removed v1beta1 form: in networking.k8s.io/v1 write service: {name: ..., port: {number: ...}}.' });
    } else {
      ctx.report({ rule: R.backend.id, node: keyNode, message: 'This backend needs a service (name and port) or a resource.' });
    }
    return;
  }
  if (hasResource) {
    const kind = str(get(resource, 'kind'));
    const name = str(get(resource, 'name'));
    const groupNode = get(resource, 'apiGroup');
    const group = str(groupNode);
    const rkey = findPair(backend, 'resource')!.key as AnyNode;
    const missing = (key: string) => {
      const v = findPair(resource, key)?.value;
      return v === undefined || v === null || (isScalar(v) && (v.value === null || v.value === ''));
    };
    if (missing('kind')) ctx.report({ rule: R.resourceBackend.id, node: get(resource, 'kind') ?? rkey, message: 'A resource backend needs a kind.' });
    if (missing('name')) ctx.report({ rule: R.resourceBackend.id, node: get(resource, 'name') ?? rkey, message: 'A resource backend needs a name.' });
    if (group === '' && findPair(resource, 'apiGroup')) {
      ctx.report({ rule: R.resourceBackend.id, node: groupNode, message: "apiGroup must not be empty: leave it out for the core API group, or name the group (e.g. k8s.example.com)." });
    } else if (group) {
      const p = dns1123Subdomain(group);
      if (p.length) ctx.report({ rule: R.resourceBackend.id, node: groupNode, message: `apiGroup '${group}' is not valid: it ${msgs(p)}.` });
    }
    return;
  }
  const skey = findPair(backend, 'service')!.key as AnyNode;
  const nameNode = get(service, 'name');
  const name = str(nameNode);
  if (nameNode === undefined || nameNode === null || (isScalar(nameNode) && (nameNode.value === null || nameNode.value === ''))) {
    ctx.report({ rule: R.backendServiceName.id, node: nameNode ?? skey, message: 'The backend service needs a name: the Service to send traffic to.' });
  } else if (name !== undefined && !isPlaceholder(name)) {
    const p = dns1035Label(name);
    if (p.length) ctx.report({ rule: R.backendServiceName.id, node: nameNode, message: `Service name '${name}' is not a valid Service name: it ${msgs(p)}.` });
  }
  const port = get(service, 'port');
  const portKey = findPair(service, 'port')?.key as AnyNode;
  const pn = get(port, 'name');
  const pnum = get(port, 'number');
  const pname = str(pn);
  const number = num(pnum);
  const given = (key: string, n: AnyNode) => findPair(port, key) !== undefined && !(isScalar(n) && (n.value === null || n.value === '' || n.value === 0));
  const nameGiven = given('name', pn);
  const numberGiven = given('number', pnum);
  if (nameGiven && numberGiven) {
    ctx.report({ rule: R.backendPort.id, node: findPair(port, 'name')!.key as AnyNode, message: 'The backend port has both a name and a number: keep one.' });
  } else if (pname !== undefined && pname !== '' && !isPlaceholder(pname)) {
    const p = ianaServiceName(pname);
    if (p.length) ctx.report({ rule: R.backendPort.id, node: pn, message: `Port name '${pname}' is not a valid port name: it ${msgs(p)}.` });
  } else if (number !== undefined && number !== 0) {
    if (!isPortNumber(number)) ctx.report({ rule: R.backendPort.id, node: pnum, message: `Port number ${number} is outside 1-65535.` });
  } else if (!nameGiven && !numberGiven) {
    ctx.report({ rule: R.backendPort.id, node: portKey ?? skey, message: 'The backend service needs a port: port.number (the Service port) or port.name (its name).' });
  }
}

function classAnnotationFix(ctx: RuleContext, annotations: AnyNode, spec: AnyNode, value: string, setClass: boolean): Fix | undefined {
  const text = ctx.text;
  const meta = get(ctx.manifest.root, 'metadata');
  const only = mapItems(annotations).length === 1;
  const remove = only ? removeKey(text, meta, 'annotations') : removeKey(text, annotations, INGRESS_CLASS_ANNOTATION);
  if (!remove) return undefined;
  if (!setClass) return { title: `Remove the ${INGRESS_CLASS_ANNOTATION} annotation (ingressClassName already says '${value}')`, edits: [remove], preferred: true };
  if (dns1123Subdomain(value).length) return undefined;
  const insert = addKey(text, spec, [`ingressClassName: ${value}`]);
  if (!insert) return undefined;
  return { title: `Replace the ${INGRESS_CLASS_ANNOTATION} annotation with ingressClassName: ${value}`, edits: [remove, insert], preferred: true };
}

function checkIngress(ctx: RuleContext): void {
  const root = ctx.manifest.root;
  const nameNode = getIn(root, ['metadata', 'name']);
  const name = str(nameNode);
  if (name !== undefined && !isPlaceholder(name)) {
    const p = dns1123Subdomain(name);
    if (p.length) ctx.report({ rule: R.nameFormat.id, node: nameNode, message: `Ingress name '${name}' is not valid: it ${msgs(p)}.` });
  }
  const specPair = findPair(root, 'spec');
  const spec = specPair?.value;
  if (spec === null || spec === undefined) {
    ctx.report({ rule: R.backendOrRules.id, node: (specPair?.key as AnyNode) ?? (findPair(root, 'kind')?.key as AnyNode), message: 'This Ingress has no spec, so it routes nothing: add spec.rules (hosts and paths) or a spec.defaultBackend.' });
    return;
  }
  if (!isMap(spec)) return;
  const rulesNode = get(spec, 'rules');
  const rules = seqItems(rulesNode);
  const defaultBackend = get(spec, 'defaultBackend');
  if (rules.length === 0 && !isMap(defaultBackend)) {
    ctx.report({ rule: R.backendOrRules.id, node: (findPair(spec, 'rules')?.key as AnyNode) ?? (specPair!.key as AnyNode), message: 'This Ingress routes nothing: add spec.rules (hosts and paths) or a spec.defaultBackend.' });
  }
  if (isMap(defaultBackend)) checkBackend(ctx, defaultBackend, findPair(spec, 'defaultBackend')!.key as AnyNode);

  for (const rule of rules) {
    if (!isMap(rule)) continue;
    const hostNode = get(rule, 'host');
    const host = str(hostNode);
    if (host !== undefined && host !== '') {
      const p = checkHost(host);
      if (p) ctx.report({ rule: R.hostFormat.id, node: hostNode, message: `Host '${host}' is not valid: it ${p}.` });
    }
    const http = get(rule, 'http');
    if (!isMap(http)) continue;
    const pathsPair = findPair(http, 'paths');
    const paths = seqItems(pathsPair?.value);
    if (paths.length === 0) {
      ctx.report({ rule: R.pathsRequired.id, node: (pathsPair?.key as AnyNode) ?? (findPair(rule, 'http')!.key as AnyNode), message: "This http rule has no paths: add at least one, e.g. path: / with pathType: Prefix and a backend." });
    }
    for (const item of paths) {
      if (!isMap(item)) continue;
      const pathNode = get(item, 'path');
      const path = str(pathNode);
      const ptNode = get(item, 'pathType');
      const pathType = str(ptNode);
      if (findPair(item, 'pathType') === undefined || (isScalar(ptNode) && ptNode.value === null)) {
        const rooted = path === undefined || path.startsWith('/');
        const plain = rooted && !/[\^$*+?()[\]{}|\\]/.test(path ?? '');
        const edit = (v: string) => addKey(ctx.text, item, [`pathType: ${v}`]);
        const fixes: Fix[] = [];
        const pre = plain ? 'Prefix' : 'ImplementationSpecific';
        for (const v of [pre, ...['Prefix', 'Exact', 'ImplementationSpecific'].filter((x) => x !== pre)]) {
          if (v !== 'ImplementationSpecific' && !rooted) continue;
          const e = edit(v);
          if (e) fixes.push({ title: `Add pathType: ${v}`, edits: [e], preferred: v === pre && plain });
        }
        const at = (findPair(item, 'pathType')?.key as AnyNode) ?? (findPair(item, 'path')?.key as AnyNode) ?? (mapItems(item)[0]?.key as AnyNode);
        ctx.report({
          rule: R.pathTypeRequired.id,
          node: at,
          message: `This path has no pathType, which networking.k8s.io/v1 requires: add pathType: ${pre}${plain ? ' (matches this path and everything under it)' : ' (the controller interprets the path, e.g. as a regular expression)'}.`,
          fixes: fixes.length ? fixes : undefined,
        });
      } else if (pathType !== undefined) {
        if ((pathType === 'Exact' || pathType === 'Prefix') && (path === undefined || path === '')) {
          ctx.report({ rule: R.pathFormat.id, node: pathNode ?? (findPair(item, 'pathType')!.key as AnyNode), message: `pathType ${pathType} needs a path starting with '/'.` });
        } else if (path !== undefined && !isPlaceholder(path)) {
          const p = pathProblem(path, pathType);
          if (p) ctx.report({ rule: R.pathFormat.id, node: pathNode, message: `Path '${path}' ${p}.${pathType !== 'ImplementationSpecific' && !path.startsWith('/') ? ' For a regular expression use pathType ImplementationSpecific.' : ''}` });
        }
      }
      const bpair = findPair(item, 'backend');
      if (bpair && isMap(bpair.value)) checkBackend(ctx, bpair.value, bpair.key as AnyNode);
    }
  }

  const tlsPair = findPair(spec, 'tls');
  const tls = seqItems(tlsPair?.value);
  for (const t of tls) {
    if (!isMap(t)) continue;
    for (const h of seqItems(get(t, 'hosts'))) {
      const host = str(h);
      if (host === undefined || host === '') continue;
      const p = checkHost(host);
      if (p) ctx.report({ rule: R.tlsHost.id, node: h, message: `TLS host '${host}' is not valid: it ${p}.` });
    }
    const sn = get(t, 'secretName');
    const secret = str(sn);
    if (secret !== undefined && secret !== '' && !isPlaceholder(secret)) {
      const p = dns1123Subdomain(secret);
      if (p.length) ctx.report({ rule: R.tlsSecret.id, node: sn, message: `secretName '${secret}' is not a valid Secret name: it ${msgs(p)}.` });
    }
  }

  const icnNode = get(spec, 'ingressClassName');
  const icn = str(icnNode);
  if (icn !== undefined && icn !== '' && !isPlaceholder(icn)) {
    const p = dns1123Subdomain(icn);
    if (p.length) ctx.report({ rule: R.classNameFormat.id, node: icnNode, message: `ingressClassName '${icn}' is not a valid IngressClass name: it ${msgs(p)}.` });
  }
  const annotations = getIn(root, ['metadata', 'annotations']);
  const annPair = findPair(annotations, INGRESS_CLASS_ANNOTATION);
  if (annPair) {
    const value = isScalar(annPair.value) && annPair.value.value !== null ? String(annPair.value.value) : undefined;
    if (value !== undefined && icn !== undefined && icn !== '' && value !== icn) {
      const fix = classAnnotationFix(ctx, annotations, spec, icn, false);
      ctx.report({
        rule: R.classConflict.id,
        node: annPair.value,
        message: `The ${INGRESS_CLASS_ANNOTATION} annotation says '${value}' but spec.ingressClassName says '${icn}': the API server refuses the Ingress when both are set and differ. Remove the annotation.`,
        fixes: fix ? [fix] : undefined,
      });
    } else if (value !== undefined && value !== '') {
      const fix = classAnnotationFix(ctx, annotations, spec, value, icn === undefined || icn === '');
      ctx.report({
        rule: R.classAnnotation.id,
        node: annPair.key as AnyNode,
        tags: ['deprecated'],
        message: icn ? `The ${INGRESS_CLASS_ANNOTATION} annotation is deprecated and repeats spec.ingressClassName: remove it.` : `The ${INGRESS_CLASS_ANNOTATION} annotation is deprecated since Kubernetes 1.18: use spec.ingressClassName: ${value} instead.`,
        fixes: fix ? [fix] : undefined,
      });
    }
  }

  if (!tlsPair || tls.length === 0) {
    if ((rules.length > 0 || isMap(defaultBackend)) && !mapItems(annotations).some((p) => CLOUD_TLS_ANNOTATIONS.has(String((p.key as { value?: unknown })?.value)))) {
      ctx.report({ rule: R.noTLS.id, node: specPair!.key as AnyNode, message: 'This Ingress has no tls section, so it serves plain HTTP: passwords and cookies cross the network readable. Add spec.tls with the hosts and a certificate Secret (cert-manager can issue it).' });
    }
  }
}

function checkIngressClass(ctx: RuleContext): void {
  const root = ctx.manifest.root;
  const nameNode = getIn(root, ['metadata', 'name']);
  const name = str(nameNode);
  if (name !== undefined && !isPlaceholder(name)) {
    const p = dns1123Subdomain(name);
    if (p.length) ctx.report({ rule: C.nameFormat.id, node: nameNode, message: `IngressClass name '${name}' is not valid: it ${msgs(p)}.` });
  }
  const specPair = findPair(root, 'spec');
  const spec = specPair?.value;
  const cNode = get(spec, 'controller');
  const controller = str(cNode);
  if ((controller === undefined || controller === '') && (spec === null || spec === undefined || isMap(spec))) {
    const at = (findPair(spec, 'controller')?.key as AnyNode) ?? (specPair?.key as AnyNode) ?? (findPair(root, 'kind')?.key as AnyNode);
    ctx.report({ rule: C.controllerRequired.id, node: at, message: "This IngressClass names no spec.controller: add the controller that implements it, e.g. k8s.io/ingress-nginx (it cannot be changed later)." });
  }
  if (!isMap(spec)) return;
  if (controller !== undefined && controller !== '' && !isPlaceholder(controller)) {
    const p = controller.length > 250 ? [`it must be no more than 250 characters (it has ${controller.length})`] : domainPrefixedPath(controller);
    if (p.length) ctx.report({ rule: C.controller.id, node: cNode, message: `controller '${controller}' is not valid: ${msgs(p)}.` });
  }
  const ppair = findPair(spec, 'parameters');
  const params = ppair?.value;
  if (!ppair || !isMap(params)) return;
  const pkey = ppair.key as AnyNode;
  const kind = str(get(params, 'kind'));
  const pname = str(get(params, 'name'));
  const missing = (key: string) => {
    const v = findPair(params, key)?.value;
    return v === undefined || v === null || (isScalar(v) && (v.value === null || v.value === ''));
  };
  if (missing('kind')) ctx.report({ rule: C.parameters.id, node: get(params, 'kind') ?? pkey, message: 'parameters needs a kind: the kind of the resource that holds the controller configuration.' });
  else if (kind && /[/%]/.test(kind) || kind === '.' || kind === '..') ctx.report({ rule: C.parameters.id, node: get(params, 'kind'), message: `parameters kind '${kind}' must not contain '/' or '%'.` });
  if (missing('name')) ctx.report({ rule: C.parameters.id, node: get(params, 'name') ?? pkey, message: 'parameters needs a name: the resource that holds the controller configuration.' });
  const gNode = get(params, 'apiGroup');
  const group = str(gNode);
  if (group) {
    const p = dns1123Subdomain(group);
    if (p.length) ctx.report({ rule: C.parameters.id, node: gNode, message: `parameters apiGroup '${group}' is not valid: it ${msgs(p)}.` });
  }
  const scope = str(get(params, 'scope')) ?? 'Cluster';
  const nsNode = get(params, 'namespace');
  const ns = str(nsNode);
  if (scope === 'Namespace' && (ns === undefined || ns === '')) {
    ctx.report({ rule: C.parameters.id, node: get(params, 'scope'), message: 'parameters with scope Namespace needs a namespace: where the parameters resource lives.' });
  } else if (scope === 'Cluster' && ns !== undefined && ns !== '') {
    ctx.report({ rule: C.parameters.id, node: findPair(params, 'namespace')!.key as AnyNode, message: 'parameters namespace is only allowed with scope: Namespace: remove it or set scope: Namespace.' });
  }
}

export const INGRESS_RULES: readonly RuleMeta[] = [...Object.values(R), ...Object.values(C)];

export const ingressCheckers: Checker[] = [
  {
    name: 'ingress',
    kinds: ['Ingress', 'List'],
    rules: Object.values(R),
    check(ctx) {
      for (const c of objectsOf(ctx, ['Ingress'])) if (c.manifest.apiVersion === 'networking.k8s.io/v1') checkIngress(c);
    },
  },
  {
    name: 'ingressclass',
    kinds: ['IngressClass', 'List'],
    rules: Object.values(C),
    check(ctx) {
      for (const c of objectsOf(ctx, ['IngressClass'])) if (c.manifest.apiVersion === 'networking.k8s.io/v1') checkIngressClass(c);
    },
  },
];
