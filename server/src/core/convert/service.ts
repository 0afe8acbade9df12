/**
 * Changing how a Service is exposed:
 *   NodePort → LoadBalancer (keeping or dropping explicit nodePorts)
 *   NodePort or LoadBalancer → ClusterIP + a new Ingress (with or without TLS by cert-manager)
 */
import type { TextEdit } from '../findings';
import { findPair, get, getIn, isMap, seqItems, str, type AnyNode } from '../yaml/ast';
import type { Manifest, ParsedFile } from '../yaml/parse';
import { portLabel, servicePorts, type ServicePortInfo } from './ports';
import { escapeSnippet, snippetToPlain } from './snippet';
import { eolOf, insertIntoMap, removePair, replaceNode } from './text-edits';
import type { Conversion, ConversionContext } from './types';

const LB_SOURCE_RANGES = 'service.beta.kubernetes.io/load-balancer-source-ranges';

/** Fields that only mean something for NodePort or LoadBalancer Services. */
const EXTERNAL_ONLY_FIELDS = ['externalTrafficPolicy', 'healthCheckNodePort', 'loadBalancerSourceRanges', 'loadBalancerIP', 'loadBalancerClass', 'allocateLoadBalancerNodePorts'];

export function serviceConversions(ctx: ConversionContext): Conversion[] {
  const { manifest } = ctx;
  if (manifest.kind !== 'Service' || !isMap(manifest.root)) return [];
  const spec = get(manifest.root, 'spec');
  if (!isMap(spec)) return [];
  const type = str(get(spec, 'type')) ?? 'ClusterIP';
  const out: Conversion[] = [];
  if (type === 'NodePort') {
    out.push(toLoadBalancer(ctx, spec, true), toLoadBalancer(ctx, spec, false));
  }
  if (type === 'NodePort' || type === 'LoadBalancer') {
    out.push(toClusterIpAndIngress(ctx, spec, false), toClusterIpAndIngress(ctx, spec, true));
  }
  return out;
}

function nodePortRemovals(text: string, spec: AnyNode): TextEdit[] {
  return seqItems(get(spec, 'ports')).flatMap((p) => {
    const e = findPair(p, 'nodePort') ? removePair(text, p, 'nodePort') : undefined;
    return e ? [e] : [];
  });
}

function setType(spec: AnyNode, text: string, value: string): TextEdit[] {
  const typeNode = get(spec, 'type');
  if (typeNode) {
    const e = replaceNode(typeNode, value);
    return e ? [e] : [];
  }
  const e = insertIntoMap(text, spec, [`type: ${value}`]);
  return e ? [e] : [];
}

function toLoadBalancer(ctx: ConversionContext, spec: AnyNode, keepNodePorts: boolean): Conversion {
  const text = ctx.file.text;
  const edits: TextEdit[] = [...setType(spec, text, 'LoadBalancer')];
  if (!keepNodePorts) edits.push(...nodePortRemovals(text, spec));
  const extra: string[] = [];
  if (!findPair(spec, 'externalTrafficPolicy')) extra.push('externalTrafficPolicy: ${1|Local,Cluster|}');
  if (!findPair(spec, 'loadBalancerSourceRanges')) extra.push('loadBalancerSourceRanges:', '  - ${2:203.0.113.0/24}');
  const notes: string[] = [];
  let plainEdits: TextEdit[] | undefined;
  if (extra.length) {
    const anchor = findPair(spec, 'type') ? 'type' : undefined;
    const e = insertIntoMap(text, spec, extra, anchor);
    if (e) edits.push(e);
    // Without tab stops, a made-up source range would lock everyone out: suggest it in a comment instead.
    const hint = insertIntoMap(text, spec, extra.map((l) => `# ${snippetToPlain(l)}`), anchor);
    plainEdits = edits.filter((x) => x !== e).concat(hint ? [hint] : []);
    notes.push('Set loadBalancerSourceRanges to the client networks that may reach the load balancer; without it the address is open to everyone.');
    notes.push('externalTrafficPolicy: Local keeps client source IPs and avoids a second hop, but nodes without a ready pod drop traffic.');
  }
  return {
    id: keepNodePorts ? 'service/nodeport-to-loadbalancer-keep-nodeports' : 'service/nodeport-to-loadbalancer',
    title: keepNodePorts ? 'Convert to LoadBalancer (keep the nodePort values)' : 'Convert to LoadBalancer (let the cluster allocate node ports)',
    edits,
    plainEdits,
    snippet: extra.length > 0,
    notes,
  };
}

function toClusterIpAndIngress(ctx: ConversionContext, spec: AnyNode, withTls: boolean): Conversion {
  const { file, manifest } = ctx;
  const text = file.text;
  const edits: TextEdit[] = [...setType(spec, text, 'ClusterIP'), ...nodePortRemovals(text, spec)];
  for (const field of EXTERNAL_ONLY_FIELDS) {
    const e = findPair(spec, field) ? removePair(text, spec, field) : undefined;
    if (e) edits.push(e);
  }
  // The API server accepts this annotation on LoadBalancer Services only.
  const annotations = getIn(manifest.root, ['metadata', 'annotations']);
  if (findPair(annotations, LB_SOURCE_RANGES)) {
    const only = isMap(annotations) && annotations.items.length === 1;
    const e = only ? removePair(text, get(manifest.root, 'metadata'), 'annotations') : removePair(text, annotations, LB_SOURCE_RANGES);
    if (e) edits.push(e);
  }
  const ports = servicePorts(manifest.root);
  const routed = ports.filter((p) => p.http);
  const skipped = ports.filter((p) => !p.http);
  const notes = skipped.map((p) => `Port ${portLabel(p)} is not routed: ${p.why}. An Ingress only carries HTTP; keep a LoadBalancer or use a TCP route for it.`);
  if (routed.length === 0) {
    return {
      id: withTls ? 'service/to-clusterip-ingress-tls' : 'service/to-clusterip-ingress',
      title: withTls ? 'Expose through an Ingress with TLS by cert-manager (Service becomes ClusterIP)' : 'Expose through an Ingress (Service becomes ClusterIP)',
      edits: [],
      notes,
      disabledReason: `An Ingress only routes HTTP, and no port of this Service looks like HTTP (${skipped.map((p) => `${portLabel(p)}: ${p.why}`).join('; ') || 'it has no ports'}).`,
    };
  }
  const ingress = ingressFor(ctx, routed, skipped, withTls);
  const eol = eolOf(text);
  const at = manifest.end;
  const before = at > 0 && text[at - 1] !== '\n' ? eol : '';
  edits.push({ start: at, end: at, newText: `${before}---${eol}${ingress.join(eol)}${eol}` });
  if (routed.some((p) => p.tls)) notes.push('A routed port speaks HTTPS: tell the controller, e.g. nginx.ingress.kubernetes.io/backend-protocol: "HTTPS".');
  return {
    id: withTls ? 'service/to-clusterip-ingress-tls' : 'service/to-clusterip-ingress',
    title: withTls ? 'Expose through an Ingress with TLS by cert-manager (Service becomes ClusterIP)' : 'Expose through an Ingress (Service becomes ClusterIP)',
    edits,
    snippet: true,
    notes,
  };
}

/** The default IngressClass of the workspace (or of this file), if one is marked default. */
export function defaultIngressClass(file: ParsedFile, ctx: ConversionContext): string | undefined {
  const candidates: Manifest[] = [...file.manifests];
  if (ctx.workspace) for (const m of ctx.workspace.byKind('IngressClass')) candidates.push(m.manifest);
  for (const m of candidates) {
    if (m.kind !== 'IngressClass') continue;
    const flag = str(getIn(m.root, ['metadata', 'annotations', 'ingressclass.kubernetes.io/is-default-class']));
    if (flag === 'true' && m.name) return m.name;
  }
  return undefined;
}

function ingressFor(ctx: ConversionContext, routed: ServicePortInfo[], skipped: ServicePortInfo[], withTls: boolean): string[] {
  const { manifest, settings } = ctx;
  // Everything taken from the user's manifest is escaped: it goes into a snippet.
  const name = escapeSnippet(manifest.name ?? 'app');
  const ns = manifest.namespace === undefined ? undefined : escapeSnippet(manifest.namespace);
  const klass = defaultIngressClass(ctx.file, ctx) ?? (settings.defaultIngressClassName || undefined);
  const host = `\${1:${name}.example.com}`;
  const lines = ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', `  name: ${name}`];
  if (ns) lines.push(`  namespace: ${ns}`);
  const annotations: string[] = [];
  if (withTls) annotations.push('    cert-manager.io/cluster-issuer: ${3:letsencrypt}');
  if (routed.some((p) => p.tls)) annotations.push('    nginx.ingress.kubernetes.io/backend-protocol: "HTTPS"');
  if (annotations.length) lines.push('  annotations:', ...annotations);
  lines.push('spec:');
  lines.push(`  ingressClassName: ${klass ? escapeSnippet(klass) : '${2:nginx}'}`);
  if (withTls) lines.push('  tls:', '    - hosts:', `        - ${host}`, `      secretName: ${name}-tls`);
  for (const p of skipped) lines.push(escapeSnippet(`  # not routed: port ${portLabel(p)} (${p.why})`));
  lines.push('  rules:', `    - host: ${host}`, '      http:', '        paths:');
  if (routed.length === 0) lines.push('          []');
  routed.forEach((p, i) => {
    const path = escapeSnippet(i === 0 ? '/' : `/${p.name ?? p.port}`);
    lines.push(`          - path: ${path}`, '            pathType: Prefix', '            backend:', '              service:', `                name: ${name}`, '                port:');
    // An Ingress names a backend port by IANA service name (≤ 15 characters); longer Service port names go by number.
    const byName = p.name && /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(p.name) && !p.name.includes('--');
    lines.push(byName ? `                  name: ${escapeSnippet(p.name!)}` : `                  number: ${p.port ?? 80}`);
  });
  return lines;
}

