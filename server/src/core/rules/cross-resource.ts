/**
 * Cross-resource checks: what is wrong between two manifests, possibly in two files (a Service
 * that selects no pod, an Ingress routing to a port its Service lacks...). They read the workspace
 * index and report on the manifest being checked; without a workspace (single-file runs) they say nothing.
 */
import type { Fix } from '../findings';
import { get, getIn, isMap, mapItems, nodeSpan, keyText, type AnyNode } from '../yaml/ast';
import type { Manifest } from '../yaml/parse';
import { namespaceIn } from '../workspace';
import {
  annotation,
  DEFAULT_CLASS_ANNOTATION,
  describePorts,
  ingressBackends,
  ingressClassName,
  ingressTls,
  isDefaultIngressClass,
  labelSelector,
  selectorMatches,
  serviceFacts,
  type ContainerPort,
  type Labels,
  type ServiceFacts,
} from '../workspace/resources';
import { claimKey, closest, ingressesClaiming, isSelf, routesTo, selectedWorkloads, servicesIn, servicesWithNodePort, whereIs, workloadName, workloads, yamlScalar, type Workload } from '../workspace/query';
import type { IndexedManifest, WorkspaceView } from '../workspace/view';
import type { Checker, RuleContext, RuleMeta } from './types';
import { deriveContext } from './context';

const R = {
  selectorNoMatch: { id: 'cross/selector-no-match', severity: 'warning', summary: 'Service selector matches no pod template in its namespace.', description: 'A Service whose selector matches no pod gets no endpoints: every connection to it fails. Compare the selector with the pod template labels of the workload it should select (not the workload\'s own metadata.labels).' },
  selectorMany: { id: 'cross/selector-many-workloads', severity: 'warning', summary: 'Service selector matches the pods of more than one workload.', description: 'Traffic is spread over the pods of every matching workload, which is usually a copy-paste mistake. Add a label that only the intended workload\'s pod template has.' },
  targetPortName: { id: 'cross/target-port-name', severity: 'warning', summary: 'Named targetPort that no container of the selected pods declares.', description: 'A named targetPort is looked up in the containers\' ports of each selected pod; a pod without it gets no endpoint for this port.' },
  targetPortNumber: { id: 'cross/target-port-number', severity: 'info', summary: 'Numeric targetPort that no container of the selected pods declares.', description: 'Declaring containerPort is informational, so this can still work, but it often means the Service points at the wrong port.' },
  backendService: { id: 'cross/backend-service-missing', severity: 'warning', summary: 'Ingress backend Service that does not exist in the Ingress\'s namespace.', description: 'An Ingress can only route to Services of its own namespace. The controller answers 503 for this path until the Service exists.' },
  backendPort: { id: 'cross/backend-port-missing', severity: 'warning', summary: 'Ingress backend port (number or name) that the Service does not expose.', description: 'The backend port must be one of the Service\'s `port` values (not the targetPort), or the name of one of its ports.' },
  nodePort: { id: 'cross/duplicate-node-port', severity: 'error', summary: 'Two Services use the same nodePort.', description: 'nodePorts are allocated across the whole cluster; the API server rejects the second Service.' },
  duplicateService: { id: 'cross/duplicate-service', severity: 'warning', summary: 'A Service with the same name and namespace is defined in another file.', description: 'Whichever file is applied last wins; keep one definition.' },
  ingressPath: { id: 'cross/duplicate-ingress-path', severity: 'warning', summary: 'Two Ingresses claim the same host and path.', description: 'When two Ingresses of the same class claim the same host and path, the controller picks one of them (for ingress-nginx, the oldest); the other rule is silently ignored.' },
  ingressClass: { id: 'cross/ingress-class-unknown', severity: 'info', summary: 'ingressClassName names an IngressClass the workspace does not define.', description: 'It may exist only in the cluster; if not, no controller serves this Ingress.' },
  defaultClass: { id: 'cross/multiple-default-ingress-classes', severity: 'warning', summary: 'More than one IngressClass is marked as the default.', description: 'With two default IngressClasses, the API server rejects new Ingresses that name no class.' },
  tlsMissing: { id: 'cross/tls-secret-missing', severity: 'info', summary: 'TLS secretName with no Secret of that name in the workspace.', description: 'It may be created in the cluster (by hand or by cert-manager); if not, the controller serves its default certificate.' },
  tlsType: { id: 'cross/tls-secret-type', severity: 'warning', summary: 'TLS Secret whose type is not kubernetes.io/tls.', description: 'Ingress controllers expect a Secret of type kubernetes.io/tls with tls.crt and tls.key.' },
  netpol: { id: 'cross/network-policy-blocks', severity: 'warning', summary: 'A NetworkPolicy selecting the Service\'s pods admits no traffic from where the Service is reached.', description: 'Once a NetworkPolicy selects a pod for ingress, only what some policy allows gets in. An Ingress backend must admit the ingress controller (another namespace); a NodePort or LoadBalancer Service must admit traffic from outside the cluster.' },
  localSingle: { id: 'cross/local-traffic-single-replica', severity: 'info', summary: 'externalTrafficPolicy: Local on a Service whose workload has one replica.', description: 'With Local, nodes without a ready pod drop the traffic (load balancers health-check them out, but NodePort clients do not). With one replica only one node answers.' },
} satisfies Record<string, RuleMeta>;

function replaceFix(title: string, node: AnyNode, text: string, preferred = false): Fix | undefined {
  const span = nodeSpan(node);
  if (!span) return undefined;
  return { title, edits: [{ start: span[0], end: span[1], newText: text }], preferred };
}

function fixes(list: Array<Fix | undefined>): Fix[] | undefined {
  const out = list.filter((f): f is Fix => !!f);
  return out.length ? out : undefined;
}

function fmtLabels(labels: Labels): string {
  const e = Object.entries(labels);
  return e.length ? e.map(([k, v]) => `\`${k}: ${v}\``).join(', ') : 'no labels';
}

// ---------- Service ----------

function checkService(ctx: RuleContext, ws: WorkspaceView): void {
  const m = ctx.manifest;
  const ns = namespaceIn(ws, ctx.uri, m);
  const svc = serviceFacts(m);
  const hasSelector = Object.keys(svc.selector).length > 0 && svc.type !== 'ExternalName';
  const selected = hasSelector ? selectedWorkloads(ws, ns, svc.selector) : [];
  if (hasSelector) {
    if (selected.length === 0) selectorNoMatch(ctx, ws, ns, svc);
    else if (selected.length > 1) {
      ctx.report({
        rule: R.selectorMany.id,
        node: svc.selectorNode,
        message: `This selector matches the pods of ${selected.length} workloads: ${selected.map((w) => `${workloadName(w.template)} (${whereIs(w.item, ctx.uri)})`).join(', ')}. Traffic is spread over all of them; add a label only the intended pod template has.`,
      });
    }
    if (selected.length > 0) targetPorts(ctx, svc, selected);
  }
  duplicateNodePorts(ctx, ws, svc);
  for (const other of ws.get('Service', ns, m.name ?? '')) {
    if (!m.name || other.uri === ctx.uri) continue;
    ctx.report({
      rule: R.duplicateService.id,
      node: getIn(m.root, ['metadata', 'name']),
      message: `Service \`${m.name}\` in namespace \`${ns}\` is also defined ${whereIs(other, ctx.uri)}; whichever is applied last wins. Keep one definition.`,
    });
    break;
  }
  if (hasSelector && selected.length > 0) {
    networkPolicies(ctx, ws, ns, svc, selected);
    if (svc.externalTrafficPolicy === 'Local' && (svc.type === 'NodePort' || svc.type === 'LoadBalancer')) {
      const replicas = selected.map((w) => w.template.replicas);
      if (replicas.every((r) => r !== undefined) && replicas.reduce((a, b) => a! + b!, 0) === 1) {
        ctx.report({
          rule: R.localSingle.id,
          node: svc.externalTrafficPolicyNode,
          message: `externalTrafficPolicy: Local and ${workloadName(selected[0].template)} runs one replica: only the node that runs the pod answers; traffic sent to other nodes is dropped. Run more replicas, or use Cluster if the client IP need not be kept.`,
        });
      }
    }
  }
}

function selectorNoMatch(ctx: RuleContext, ws: WorkspaceView, ns: string, svc: ServiceFacts): void {
  const wanted = Object.entries(svc.selector);
  const want = fmtLabels(svc.selector);
  // The closest workload: most selector labels present with the same value, then with the same key.
  let best: Workload | undefined;
  let bestScore = 0;
  const here = workloads(ws, ns);
  for (const w of here) {
    let score = 0;
    for (const [k, v] of wanted) {
      if (w.template.labels[k] === v) score += 3;
      else if (k in w.template.labels) score += 1 + (w.template.labels[k].includes(v) || v.includes(w.template.labels[k]) ? 1 : 0);
    }
    if (score > bestScore) {
      bestScore = score;
      best = w;
    }
  }
  let message = `No workload in namespace \`${ns}\` has ${want} on its pod template, so this Service has no endpoints.`;
  const fixList: Array<Fix | undefined> = [];
  if (best) {
    const shown: Labels = {};
    for (const [k] of wanted) if (k in best.template.labels) shown[k] = best.template.labels[k];
    message += ` ${workloadName(best.template)} has ${fmtLabels(Object.keys(shown).length ? shown : best.template.labels)}.`;
    if (wanted.every(([k]) => k in best!.template.labels)) {
      const edits = [];
      for (const pair of mapItems(svc.selectorNode)) {
        const k = keyText(pair);
        const span = nodeSpan(pair.value);
        if (k === undefined || !span) continue;
        const v = best.template.labels[k];
        if (v !== undefined && v !== svc.selector[k]) edits.push({ start: span[0], end: span[1], newText: yamlScalar(v) });
      }
      if (edits.length) fixList.push({ title: `Select the pods of ${best.template.kind} ${best.template.name} (${fmtLabels(shown).replace(/`/g, '')})`, edits, preferred: true });
    }
  } else {
    const elsewhere = workloads(ws).filter((w) => wanted.every(([k, v]) => w.template.labels[k] === v));
    if (elsewhere.length) message += ` ${workloadName(elsewhere[0].template)} in namespace \`${elsewhere[0].item.namespace}\` has them, but a Service only selects pods of its own namespace.`;
    else if (here.length === 0) message += ` The workspace has no workload in this namespace.`;
  }
  ctx.report({ rule: R.selectorNoMatch.id, node: svc.selectorNode, message, fixes: fixes(fixList) });
}

function targetPorts(ctx: RuleContext, svc: ServiceFacts, selected: Workload[]): void {
  const ports: ContainerPort[] = selected.flatMap((w) => w.template.ports);
  const who = selected.length === 1 ? `the containers of ${workloadName(selected[0].template)}` : 'the containers of the selected workloads';
  for (const p of svc.ports) {
    if (typeof p.targetPort === 'string') {
      if (/^\d+$/.test(p.targetPort)) continue;
      // Each selected workload must declare the name, or its pods get no endpoint for this port.
      const missing = selected.filter((w) => !w.template.ports.some((c) => c.name === p.targetPort));
      if (missing.length === 0) continue;
      const names = [...new Set(ports.map((c) => c.name).filter((n): n is string => !!n))];
      const declared = names.length ? `Declared port names: ${names.map((n) => `\`${n}\``).join(', ')}.` : 'They declare no named port.';
      const whoMissing = missing.length === selected.length ? who : `the containers of ${missing.map((w) => workloadName(w.template)).join(', ')}`;
      ctx.report({
        rule: R.targetPortName.id,
        node: p.targetPortNode,
        message: `No container port named \`${p.targetPort}\` in ${whoMissing}; traffic to this port has nowhere to go. ${declared}`,
        fixes: fixes(names.map((n, i) => replaceFix(`Use container port \`${n}\``, p.targetPortNode, yamlScalar(n), names.length === 1 && i === 0))),
      });
    } else {
      const target = p.targetPort ?? p.port;
      if (target === undefined || ports.length === 0) continue;
      if (ports.some((c) => c.containerPort === target)) continue;
      const numbers = [...new Set(ports.map((c) => c.containerPort).filter((n): n is number => n !== undefined))];
      ctx.report({
        rule: R.targetPortNumber.id,
        node: p.targetPortNode ?? p.portNode,
        message: `No container of the selected pods declares port ${target}${p.targetPort === undefined ? ' (targetPort defaults to port)' : ''}; ${who} declare ${numbers.join(', ') || 'no port number'}. It still works if the process listens on ${target}.`,
        fixes: p.targetPortNode ? fixes(numbers.map((n) => replaceFix(`Use container port ${n}`, p.targetPortNode, String(n)))) : undefined,
      });
    }
  }
}

function duplicateNodePorts(ctx: RuleContext, ws: WorkspaceView, svc: ServiceFacts): void {
  for (const p of svc.ports) {
    if (p.nodePort === undefined) continue;
    for (const other of servicesWithNodePort(ws, p.nodePort)) {
      if (isSelf(other, ctx.uri, ctx.manifest)) continue;
      ctx.report({
        rule: R.nodePort.id,
        node: p.nodePortNode,
        message: `nodePort ${p.nodePort} is also used by Service \`${other.manifest.name ?? '?'}\` (namespace \`${other.namespace}\`, ${whereIs(other, ctx.uri)}). nodePorts are unique across the cluster: choose another one or leave it out to get a free one.`,
      });
      break;
    }
  }
}

/** Whether some ingress rule of the policies admits traffic from the given sources to one of the ports. */
function admits(policies: IndexedManifest[], fromOutsideNamespace: boolean, fromAnywhere: boolean, ports: Array<number | string>): boolean {
  for (const pol of policies) {
    for (const rule of seqOf(getIn(pol.manifest.root, ['spec', 'ingress']))) {
      const rulePorts = seqOf(get(rule, 'ports'));
      const portOk = rulePorts.length === 0 || rulePorts.some((rp) => {
        const v = get(rp, 'port');
        if (v === undefined || v === null) return true;
        const val = (v as { value?: unknown }).value;
        const end = (get(rp, 'endPort') as { value?: unknown } | undefined)?.value;
        return ports.some((p) => p === val || (typeof p === 'number' && typeof val === 'number' && typeof end === 'number' && p >= val && p <= end));
      });
      if (!portOk) continue;
      const from = seqOf(get(rule, 'from'));
      if (from.length === 0) return true;
      for (const peer of from) {
        const ip = get(peer, 'ipBlock');
        if (ip && fromAnywhere) {
          const cidr = String((get(ip, 'cidr') as { value?: unknown } | undefined)?.value ?? '');
          if (cidr === '0.0.0.0/0' || cidr === '::/0') return true;
        }
        if (!fromAnywhere && fromOutsideNamespace && (get(peer, 'namespaceSelector') !== undefined || ip)) return true;
      }
    }
  }
  return false;
}

function seqOf(node: AnyNode): AnyNode[] {
  return node && (node as { items?: unknown }).items && !isMap(node) ? ((node as { items: AnyNode[] }).items) : [];
}

function networkPolicies(ctx: RuleContext, ws: WorkspaceView, ns: string, svc: ServiceFacts, selected: Workload[]): void {
  const exposedOutside = svc.type === 'NodePort' || svc.type === 'LoadBalancer';
  const backendOf = routesTo(ws, ns, ctx.manifest.name ?? '');
  if (!exposedOutside && backendOf.length === 0) return;
  const isolating = [...ws.byKind('NetworkPolicy')].filter((p) => {
    if (p.namespace !== ns) return false;
    const spec = get(p.manifest.root, 'spec');
    const types = seqOf(get(spec, 'policyTypes')).map((t) => (t as { value?: unknown })?.value);
    if (types.length > 0 && !types.includes('Ingress')) return false;
    const sel = labelSelector(get(spec, 'podSelector')) ?? { matchLabels: {}, matchExpressions: [] };
    return selected.some((w) => selectorMatches(sel, w.template.labels));
  });
  if (isolating.length === 0) return;
  const ports: Array<number | string> = [];
  for (const p of svc.ports) {
    const t = p.targetPort ?? p.port;
    if (t !== undefined) ports.push(t);
    if (typeof t === 'string') for (const w of selected) for (const c of w.template.ports) if (c.name === t && c.containerPort !== undefined) ports.push(c.containerPort);
    if (typeof t === 'number') for (const w of selected) for (const c of w.template.ports) if (c.containerPort === t && c.name) ports.push(c.name);
  }
  const names = isolating.map((p) => `\`${p.manifest.name ?? '?'}\``).join(', ');
  if (exposedOutside && !admits(isolating, true, true, ports)) {
    ctx.report({
      rule: R.netpol.id,
      node: svc.typeNode ?? svc.selectorNode,
      message: `NetworkPolicy ${names} selects this Service's pods and admits no traffic from outside the cluster to its target ports, so this ${svc.type} is unreachable. Add an ingress rule without \`from\` (or with ipBlock 0.0.0.0/0) for these ports.`,
    });
  } else if (!exposedOutside && backendOf.length > 0 && !admits(isolating, true, false, ports)) {
    ctx.report({
      rule: R.netpol.id,
      node: svc.selectorNode,
      message: `NetworkPolicy ${names} selects this Service's pods and admits no traffic from other namespaces, so the ingress controller cannot reach it for Ingress \`${backendOf[0].item.manifest.name ?? '?'}\`. Add an ingress rule with a namespaceSelector for the controller's namespace.`,
    });
  }
}

// ---------- Ingress ----------

function checkIngress(ctx: RuleContext, ws: WorkspaceView): void {
  const m = ctx.manifest;
  const ns = namespaceIn(ws, ctx.uri, m);
  const serviceNames = () => servicesIn(ws, ns).map((s) => s.manifest.name ?? '');
  for (const b of ingressBackends(m)) {
    if (!b.serviceName) continue;
    const where = b.isDefault ? 'The default backend' : 'This backend';
    const found = ws.get('Service', ns, b.serviceName);
    if (found.length === 0) {
      const near = closest(b.serviceName, serviceNames());
      const elsewhere = [...ws.byKind('Service')].find((s) => s.manifest.name === b.serviceName);
      ctx.report({
        rule: R.backendService.id,
        node: b.nameNode,
        message: `${where} routes to Service \`${b.serviceName}\`, which is not defined in namespace \`${ns}\`${near ? `; did you mean \`${near}\`?` : '.'}${elsewhere ? ` A Service of that name exists in namespace \`${elsewhere.namespace}\`, but an Ingress only routes to Services of its own namespace.` : ''}`,
        fixes: near ? fixes([replaceFix(`Route to Service \`${near}\``, b.nameNode, yamlScalar(near), true)]) : undefined,
      });
      continue;
    }
    const svc = serviceFacts(found[0].manifest);
    if (svc.type === 'ExternalName' || svc.ports.length === 0 || !b.portNode) continue;
    if (b.portNumber !== undefined && !svc.ports.some((p) => p.port === b.portNumber)) {
      const numbers = svc.ports.map((p) => p.port).filter((n): n is number => n !== undefined);
      const byTarget = svc.ports.find((p) => p.targetPort === b.portNumber);
      ctx.report({
        rule: R.backendPort.id,
        node: b.portNode,
        message: `Service \`${b.serviceName}\` has no port ${b.portNumber}; it exposes ${describePorts(svc.ports)}.${byTarget?.port !== undefined ? ` ${b.portNumber} is the targetPort of its port ${byTarget.port}: an Ingress names the Service's port, not the container's.` : ''}`,
        fixes: fixes(numbers.map((n, i) => replaceFix(`Use port ${n}`, b.portNode, String(n), (byTarget ? byTarget.port === n : numbers.length === 1) && i >= 0))),
      });
    } else if (b.portName !== undefined && !svc.ports.some((p) => p.name === b.portName)) {
      const names = svc.ports.map((p) => p.name).filter((n): n is string => !!n);
      ctx.report({
        rule: R.backendPort.id,
        node: b.portNode,
        message: `Service \`${b.serviceName}\` has no port named \`${b.portName}\`; it exposes ${describePorts(svc.ports)}.${names.length === 0 ? ' Its ports have no names: use `number:` instead.' : ''}`,
        fixes: fixes(names.map((n) => replaceFix(`Use port \`${n}\``, b.portNode, yamlScalar(n), names.length === 1))),
      });
    }
  }
  duplicatePaths(ctx, ws, m);
  ingressClass(ctx, ws, m);
  tlsSecrets(ctx, ws, ns, m);
}

function duplicatePaths(ctx: RuleContext, ws: WorkspaceView, m: Manifest): void {
  const myClass = ingressClassName(m).name ?? '';
  for (const b of ingressBackends(m)) {
    if (b.isDefault) continue;
    const o = ingressesClaiming(ws, claimKey(myClass, b)).find((x) => !isSelf(x, ctx.uri, m));
    if (!o) continue;
    ctx.report({
      rule: R.ingressPath.id,
      node: b.pathNode ?? b.serviceNode,
      message: `Ingress \`${o.manifest.name ?? '?'}\` (namespace \`${o.namespace}\`, ${whereIs(o, ctx.uri)}) also claims ${b.host || 'every host'} ${b.path ?? '/'} (${b.pathType ?? 'ImplementationSpecific'})${myClass ? ` for class \`${myClass}\`` : ''}; the controller serves only one of them. Merge the rules or change the host or path.`,
    });
  }
}

function ingressClass(ctx: RuleContext, ws: WorkspaceView, m: Manifest): void {
  const { name, node } = ingressClassName(m);
  if (!name) return;
  const classes = [...ws.byKind('IngressClass')].map((c) => c.manifest.name ?? '').filter(Boolean);
  if (classes.includes(name)) return;
  if (classes.length === 0) {
    ctx.report({
      rule: R.ingressClass.id,
      node,
      severity: 'hint',
      message: `No IngressClass \`${name}\` is defined in the workspace; it must exist in the cluster, or no controller serves this Ingress.`,
    });
    return;
  }
  const near = closest(name, classes);
  ctx.report({
    rule: R.ingressClass.id,
    node,
    message: `The workspace defines the IngressClass${classes.length > 1 ? 'es' : ''} ${classes.map((c) => `\`${c}\``).join(', ')} but not \`${name}\`; it may exist only in the cluster.${near ? ` Did you mean \`${near}\`?` : ''}`,
    fixes: near && node === getIn(m.root, ['spec', 'ingressClassName']) ? fixes([replaceFix(`Use IngressClass \`${near}\``, node, yamlScalar(near), true)]) : undefined,
  });
}

function tlsSecrets(ctx: RuleContext, ws: WorkspaceView, ns: string, m: Manifest): void {
  const byCertManager = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'].some((a) => annotation(m, a) !== undefined);
  for (const t of ingressTls(m)) {
    if (!t.secretName) continue;
    const secrets = ws.get('Secret', ns, t.secretName);
    if (secrets.length === 0) {
      if (byCertManager) continue;
      const certificate = [...ws.byKind('Certificate')].some((c) => c.namespace === ns && (getIn(c.manifest.root, ['spec', 'secretName']) as { value?: unknown } | undefined)?.value === t.secretName);
      if (certificate) continue;
      ctx.report({
        rule: R.tlsMissing.id,
        node: t.secretNode,
        message: `No Secret \`${t.secretName}\` in namespace \`${ns}\` in the workspace. Unless it is created in the cluster (by hand or by cert-manager), the controller serves its default certificate.`,
      });
      continue;
    }
    const type = (get(secrets[0].manifest.root, 'type') as { value?: unknown } | undefined)?.value;
    if (type !== 'kubernetes.io/tls') {
      ctx.report({
        rule: R.tlsType.id,
        node: t.secretNode,
        message: `Secret \`${t.secretName}\` (${whereIs(secrets[0], ctx.uri)}) has type \`${typeof type === 'string' ? type : 'Opaque'}\`; a TLS Secret must have type \`kubernetes.io/tls\` with \`tls.crt\` and \`tls.key\`.`,
      });
    }
  }
}

// ---------- IngressClass ----------

function checkIngressClass(ctx: RuleContext, ws: WorkspaceView): void {
  const m = ctx.manifest;
  if (!isDefaultIngressClass(m)) return;
  const others = [...ws.byKind('IngressClass')].filter((c) => !isSelf(c, ctx.uri, m) && isDefaultIngressClass(c.manifest));
  if (!others.length) return;
  ctx.report({
    rule: R.defaultClass.id,
    node: annotation(m, DEFAULT_CLASS_ANNOTATION),
    message: `IngressClass ${others.map((o) => `\`${o.manifest.name ?? '?'}\` (${whereIs(o, ctx.uri)})`).join(', ')} is also marked as the default. With more than one default, Ingresses that name no class are rejected; keep one.`,
  });
}

/**
 * Reports on the exact text of a node: a block map's or list's range runs to the start of the next
 * line, so trailing whitespace is trimmed from the span.
 */
function exact(ctx: RuleContext): RuleContext {
  return deriveContext(ctx, {
    report: (r) => {
      const span = r.span ?? nodeSpan(r.node);
      if (!span) return ctx.report(r);
      let end = span[1];
      while (end > span[0] && /\s/.test(ctx.text[end - 1])) end--;
      ctx.report({ ...r, node: undefined, span: [span[0], end] });
    },
  });
}

export const crossResourceCheckers: Checker[] = [
  {
    name: 'cross-resource/service',
    // Not on files over kubeExpose.largeFileLineLimit: their findings are never reused across edits.
    expensive: true,
    kinds: ['Service'],
    rules: [R.selectorNoMatch, R.selectorMany, R.targetPortName, R.targetPortNumber, R.nodePort, R.duplicateService, R.netpol, R.localSingle],
    check(ctx) {
      if (ctx.workspace) checkService(exact(ctx), ctx.workspace);
    },
  },
  {
    name: 'cross-resource/ingress',
    // Not on files over kubeExpose.largeFileLineLimit: their findings are never reused across edits.
    expensive: true,
    kinds: ['Ingress'],
    rules: [R.backendService, R.backendPort, R.ingressPath, R.ingressClass, R.tlsMissing, R.tlsType],
    check(ctx) {
      if (ctx.workspace) checkIngress(exact(ctx), ctx.workspace);
    },
  },
  {
    name: 'cross-resource/ingress-class',
    // Not on files over kubeExpose.largeFileLineLimit: their findings are never reused across edits.
    expensive: true,
    kinds: ['IngressClass'],
    rules: [R.defaultClass],
    check(ctx) {
      if (ctx.workspace) checkIngressClass(exact(ctx), ctx.workspace);
    },
  },
];

export const CROSS_RULES: RuleMeta[] = Object.values(R);
