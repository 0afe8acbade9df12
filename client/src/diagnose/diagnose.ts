/**
 * diagnoseService(snapshot) → Report: the pure judgement of why a Service is or is not reachable.
 * It reads only the snapshot (no network, no clock), so it is tested on fixtures of real API JSON
 * and gives the same answer on a live cluster.
 */
import { formatLabels, formatSelector, matchesMap, matchesSelector } from './labels';
import type {
  Check,
  CheckStatus,
  Endpoint,
  Hop,
  HopId,
  Ingress,
  IngressClass,
  KEvent,
  NetworkPolicy,
  Pod,
  Report,
  Service,
  ServicePort,
  ServiceSnapshot,
  Verdict,
} from './types';

const RANK: Record<CheckStatus, number> = { skip: 0, info: 1, pass: 2, warn: 3, fail: 4 };
const worst = (a: CheckStatus, b: CheckStatus): CheckStatus => (RANK[b] > RANK[a] ? b : a);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const portLabel = (p: ServicePort) => `${p.port ?? '?'}${p.name ? ` (${p.name})` : ''}/${p.protocol ?? 'TCP'}`;

const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

// ---------------------------------------------------------------- pods

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

const isTerminating = (pod: Pod) => !!pod.metadata?.deletionTimestamp;
const isFinished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const podName = (pod: Pod) => pod.metadata?.name ?? '(unnamed pod)';
const podIPs = (pod: Pod): string[] => {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((x): x is string => !!x);
  if (pod.status?.podIP && !ips.includes(pod.status.podIP)) ips.unshift(pod.status.podIP);
  return ips;
};

function eventsAbout(events: KEvent[], kind: string, name: string): KEvent[] {
  return events.filter((e) => {
    const o = e.involvedObject ?? e.regarding;
    return o?.kind === kind && o?.name === name && e.type === 'Warning';
  });
}
const eventText = (e: KEvent) => e.message ?? e.note ?? '';
const eventLine = (e: KEvent) => `${e.reason ?? 'Event'}${e.count && e.count > 1 ? ` (×${e.count})` : ''}: ${eventText(e).trim()}`;

interface PodProblem {
  reason: string;
  detail: string;
  fix: string;
}

/** Why a pod is not ready, from its status and its events. */
export function whyNotReady(pod: Pod, events: KEvent[]): PodProblem {
  const st = pod.status ?? {};
  if (isTerminating(pod)) return { reason: 'Terminating', detail: 'the pod is being deleted', fix: 'Wait for the rollout to finish; terminating pods stop receiving new connections.' };
  const scheduled = (st.conditions ?? []).find((c) => c.type === 'PodScheduled');
  if (st.phase === 'Pending' && scheduled?.status === 'False') {
    return {
      reason: scheduled.reason ?? 'Unschedulable',
      detail: scheduled.message ?? 'no node can run the pod',
      fix: 'The scheduler cannot place the pod: free or add node capacity, or relax its resource requests, node selector, affinity or tolerations.',
    };
  }
  const statuses = [...(st.initContainerStatuses ?? []), ...(st.containerStatuses ?? [])];
  for (const c of statuses) {
    const w = c.state?.waiting;
    if (!w?.reason || w.reason === 'PodInitializing' || w.reason === 'ContainerCreating') continue;
    const last = c.lastState?.terminated;
    const lastWords = last ? ` (last exit code ${last.exitCode ?? '?'}${last.reason ? `, ${last.reason}` : ''})` : '';
    const detail = `container ${c.name ?? '?'} is waiting: ${w.reason}${w.message ? ` — ${w.message}` : ''}${lastWords}`;
    switch (w.reason) {
      case 'CrashLoopBackOff':
        return { reason: w.reason, detail, fix: `Container ${c.name} keeps crashing${c.restartCount ? ` (${c.restartCount} restarts)` : ''}: read its logs of the previous run (kubectl logs ${podName(pod)} -c ${c.name} --previous) and fix the start-up error.` };
      case 'ImagePullBackOff':
      case 'ErrImagePull':
      case 'InvalidImageName':
        return { reason: w.reason, detail, fix: `The image of container ${c.name} cannot be pulled: check the image name and tag, that it exists in the registry, and the pod's imagePullSecrets.` };
      case 'CreateContainerConfigError':
        return { reason: w.reason, detail, fix: `Container ${c.name} cannot be created from its configuration: usually a ConfigMap or Secret it references is missing.` };
      default:
        return { reason: w.reason, detail, fix: `Container ${c.name} is waiting (${w.reason}): see the pod's events for the cause.` };
    }
  }
  for (const c of statuses) {
    const t = c.state?.terminated;
    if (t && t.reason !== 'Completed') {
      return { reason: t.reason ?? 'Terminated', detail: `container ${c.name ?? '?'} terminated with exit code ${t.exitCode ?? '?'}`, fix: `Container ${c.name} exited: read its logs and fix the error.` };
    }
  }
  const probe = eventsAbout(events, 'Pod', podName(pod)).find((e) => e.reason === 'Unhealthy' && /readiness probe/i.test(eventText(e)));
  const running = (st.containerStatuses ?? []).filter((c) => c.state?.running && c.ready === false);
  if (probe || running.length) {
    const names = running.map((c) => c.name).join(', ');
    return {
      reason: 'ReadinessProbeFailing',
      detail: probe ? eventText(probe).trim() : `container ${names} is running but not ready`,
      fix: `The readiness probe of ${names ? `container ${names}` : 'the pod'} fails: check that the probe's path and port match what the application serves, and that it starts within the probe's delay.`,
    };
  }
  const readyCond = (st.conditions ?? []).find((c) => c.type === 'Ready');
  if (readyCond?.reason === 'ReadinessGatesNotReady') {
    return { reason: readyCond.reason, detail: readyCond.message ?? 'a readiness gate is not satisfied', fix: 'A readiness gate (often set by a load-balancer controller) is not satisfied yet: check that controller.' };
  }
  return { reason: st.phase ?? 'NotReady', detail: st.message ?? `the pod is ${st.phase ?? 'not ready'}`, fix: "See the pod's events (kubectl describe pod) for the cause." };
}

// ---------------------------------------------------------------- the diagnosis

interface Ctx {
  snap: ServiceSnapshot;
  svc: Service;
  checks: Check[];
  selected: Pod[];
  live: Pod[];
  ready: Pod[];
  readyEndpointNodes: Set<string>;
  readyEndpointCount: number;
  dnsName: string;
}

function add(ctx: { checks: Check[] }, c: Check): Check {
  ctx.checks.push(c);
  return c;
}

export function diagnoseService(snap: ServiceSnapshot): Report {
  const domain = snap.clusterDomain || 'cluster.local';
  const dnsName = `${snap.name}.${snap.namespace}.svc.${domain}`;
  const target: Report['target'] = { kind: 'Service', namespace: snap.namespace, name: snap.name, ...(snap.context ? { context: snap.context } : {}) };
  const gaps = snap.gaps ?? [];

  if (!snap.service) {
    const checks: Check[] = [];
    const missing = gaps.find((g) => g.resource === 'services' && g.verb === 'get');
    checks.push({
      id: 'service-exists',
      title: 'Service exists',
      status: 'fail',
      summary: missing ? `The Service could not be read: ${missing.message}` : `There is no Service ${snap.name} in namespace ${snap.namespace}.`,
      evidence: [],
      fix: missing ? undefined : `Apply the Service manifest to namespace ${snap.namespace}, or check the name, the namespace and the kubeconfig context.`,
      hop: 'service',
    });
    const routes = ingressRoutes(snap.ingresses, snap.name);
    for (const [ing, rs] of routes) {
      checks.push({
        id: 'ingress-backend-exists',
        title: `Ingress ${ing.metadata?.name} routes to this Service`,
        status: 'fail',
        summary: `Ingress ${ing.metadata?.name} sends ${rs.map((r) => r.where).join(', ')} to Service ${snap.name}, which does not exist: the controller answers those requests with 503.`,
        evidence: rs.map((r) => `${r.where} → ${snap.name}:${r.port ?? '?'}`),
        fix: `Create Service ${snap.name} or point the Ingress backend at an existing Service.`,
        hop: 'ingress',
      });
    }
    const hops: Hop[] = [
      { id: 'client', label: 'Client', status: 'info', detail: '' },
      ...(routes.size ? [{ id: 'ingress' as HopId, label: 'Ingress', status: 'fail' as CheckStatus, detail: `${routes.size} Ingress(es) route here` }] : []),
      { id: 'service', label: 'Service', status: 'fail', detail: 'not found' },
    ];
    return {
      kind: 'ServiceDiagnosis',
      version: 1,
      target,
      verdict: { status: 'fail', headline: `Not reachable: ${checks[0]!.summary}`, inCluster: false, fromNodes: null, fromOutside: null, urls: [], brokenHop: hops.find((h) => h.status === 'fail')!.id },
      hops,
      checks,
      gaps,
      dnsName,
    };
  }

  const svc = snap.service;
  const type = svc.spec?.type ?? 'ClusterIP';
  target.type = type;
  const selector = svc.spec?.selector;
  const hasSelector = !!selector && Object.keys(selector).length > 0;
  const selected = hasSelector ? snap.pods.filter((p) => matchesMap(selector, p.metadata?.labels) && !isFinished(p)) : [];
  const live = selected.filter((p) => !isTerminating(p));
  const ready = live.filter(isPodReady);
  const ctx: Ctx = { snap, svc, checks: [], selected, live, ready, readyEndpointNodes: new Set(), readyEndpointCount: 0, dnsName };

  if (type === 'ExternalName') {
    checkExternalName(ctx);
  } else {
    checkSelector(ctx, hasSelector);
    if (hasSelector) checkPodsReady(ctx);
    checkEndpointSlices(ctx, hasSelector);
    if (hasSelector) checkTargetPorts(ctx);
    checkNetworkPolicies(ctx);
    checkType(ctx, type);
    if ((type === 'NodePort' || type === 'LoadBalancer') && svc.spec?.externalTrafficPolicy === 'Local') checkLocalPolicy(ctx, type);
  }
  checkIngresses(ctx);
  checkEvents(ctx);
  for (const g of gaps) {
    add(ctx, {
      id: 'partial-read',
      title: `Could not ${g.verb} ${g.resource}`,
      status: 'warn',
      summary: `${g.message} The checks that need ${g.resource} are incomplete.`,
      evidence: [],
      fix: `Ask a cluster admin for "${g.verb}" on ${g.resource}${g.namespace ? ` in namespace ${g.namespace}` : ''}, or accept a partial report.`,
      hop: hopOfResource(g.resource),
    });
  }

  const hops = buildHops(ctx, type);
  const verdict = buildVerdict(ctx, type, hops);
  return { kind: 'ServiceDiagnosis', version: 1, target, verdict, hops, checks: ctx.checks, gaps, dnsName };
}

function hopOfResource(resource: string): HopId {
  switch (resource) {
    case 'pods':
    case 'networkpolicies':
    case 'events':
      return 'pods';
    case 'endpointslices':
      return 'endpointSlices';
    case 'ingresses':
    case 'ingressclasses':
    case 'secrets':
      return 'ingress';
    case 'nodes':
      return 'nodePort';
    default:
      return 'service';
  }
}

function checkExternalName(ctx: Ctx): void {
  const target = ctx.svc.spec?.externalName;
  add(ctx, {
    id: 'external-name',
    title: 'ExternalName target',
    status: target ? 'pass' : 'fail',
    summary: target
      ? `${ctx.dnsName} is a DNS alias (CNAME) for ${target}; no proxying, no endpoints, ports are not remapped.`
      : 'The ExternalName Service has no externalName.',
    evidence: target ? [`externalName: ${target}`] : [],
    fix: target ? undefined : 'Set spec.externalName to the DNS name to alias.',
    hop: 'service',
  });
}

function checkSelector(ctx: Ctx, hasSelector: boolean): void {
  const { snap, svc, selected } = ctx;
  if (!hasSelector) {
    const manual = snap.endpointSlices.length;
    add(ctx, {
      id: 'selector-matches-pods',
      title: 'Selector matches pods',
      status: manual ? 'info' : 'warn',
      summary: manual
        ? `The Service has no selector: its endpoints are managed by hand (${plural(manual, 'EndpointSlice')}).`
        : 'The Service has no selector and no EndpointSlices: nothing receives its traffic.',
      evidence: [],
      fix: manual ? undefined : `Add a selector matching your pods' labels, or create an EndpointSlice labelled ${SERVICE_NAME_LABEL}=${snap.name}.`,
      hop: 'service',
    });
    return;
  }
  const sel = svc.spec!.selector!;
  if (selected.length > 0) {
    add(ctx, {
      id: 'selector-matches-pods',
      title: 'Selector matches pods',
      status: 'pass',
      summary: `The selector ${formatLabels(sel)} matches ${plural(selected.length, 'pod')}.`,
      evidence: selected.slice(0, 10).map((p) => `${podName(p)} (${formatLabels(p.metadata?.labels)})`),
      hop: 'pods',
    });
    return;
  }
  // Pods we may not read: no pod seen says nothing about the selector.
  const podsGap = snap.gaps.find((g) => g.resource === 'pods');
  if (podsGap) {
    const readyEndpoints = snap.endpointSlices.reduce((n, es) => n + (es.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length, 0);
    add(ctx, {
      id: 'selector-matches-pods',
      title: 'Selector matches pods',
      status: 'skip',
      summary: `The pods could not be read (${podsGap.message.replace(/\.$/, '')}), so whether the selector ${formatLabels(sel)} matches pods is not known.`,
      evidence: snap.endpointSlices.length ? [`the EndpointSlices list ${plural(readyEndpoints, 'ready endpoint')}, which the cluster derives from the pods the selector matches`] : [],
      fix: `Ask for permission to ${podsGap.verb} pods in namespace ${snap.namespace} to check this hop.`,
      hop: 'pods',
    });
    return;
  }
  // Near misses: pods sharing the most selector pairs, and what differs.
  const keys = Object.keys(sel);
  const scored = snap.pods
    .map((p) => {
      const l = p.metadata?.labels ?? {};
      const same = keys.filter((k) => l[k] === sel[k]).length;
      const differs = keys.filter((k) => l[k] !== sel[k]).map((k) => (k in l ? `${k}=${l[k]} (selector wants ${sel[k]})` : `${k} missing (selector wants ${sel[k]})`));
      return { p, same, differs };
    })
    .filter((s) => s.same > 0 || keys.length === 1)
    .sort((a, b) => b.same - a.same);
  const seen = new Set<string>();
  const evidence: string[] = [];
  for (const s of scored) {
    const key = formatLabels(s.p.metadata?.labels);
    if (seen.has(key)) continue;
    seen.add(key);
    evidence.push(`closest: pod ${podName(s.p)} has ${key} — ${s.differs.join('; ')}`);
    if (evidence.length >= 3) break;
  }
  if (snap.pods.length === 0) evidence.push(`there are no pods in namespace ${snap.namespace}`);
  add(ctx, {
    id: 'selector-matches-pods',
    title: 'Selector matches pods',
    status: 'fail',
    summary: `The selector ${formatLabels(sel)} matches no pod in namespace ${snap.namespace}.`,
    evidence,
    fix: scored.length
      ? "Make the Service's selector equal the pod template's labels (the closest pods are listed), or fix the labels in the Deployment's pod template."
      : `Deploy the workload into namespace ${snap.namespace}, or fix the selector: no pod there shares its labels.`,
    hop: 'pods',
  });
}

function checkPodsReady(ctx: Ctx): void {
  const { live, ready, selected, snap } = ctx;
  if (selected.length === 0) return;
  const notReady = live.filter((p) => !isPodReady(p));
  const terminating = selected.filter(isTerminating);
  const evidence: string[] = [];
  let fix: string | undefined;
  for (const p of notReady.slice(0, 10)) {
    const why = whyNotReady(p, snap.events);
    evidence.push(`${podName(p)}: ${why.reason} — ${why.detail}`);
    fix ??= why.fix;
  }
  if (terminating.length) evidence.push(`${plural(terminating.length, 'pod')} terminating: ${terminating.map(podName).join(', ')}`);
  const publishNotReady = ctx.svc.spec?.publishNotReadyAddresses === true;
  const status: CheckStatus = ready.length === 0 ? (publishNotReady ? 'warn' : 'fail') : notReady.length ? 'warn' : 'pass';
  add(ctx, {
    id: 'pods-ready',
    title: 'Pods are ready',
    status,
    summary:
      ready.length === live.length && live.length > 0
        ? `All ${plural(live.length, 'selected pod')} are ready.`
        : `${ready.length} of ${plural(live.length, 'selected pod')} ready${ready.length === 0 ? ': no pod can receive traffic' : ''}.${publishNotReady ? ' (publishNotReadyAddresses is on, so not-ready pods still get traffic.)' : ''}`,
    evidence,
    fix: status === 'pass' ? undefined : fix,
    hop: 'pods',
  });
}

function sliceEndpoints(ctx: Ctx) {
  return ctx.snap.endpointSlices.filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === ctx.snap.name);
}

const epReady = (e: Endpoint) => e.conditions?.ready !== false;
const epServing = (e: Endpoint) => e.conditions?.serving ?? epReady(e);
const epTerminating = (e: Endpoint) => e.conditions?.terminating === true;

function checkEndpointSlices(ctx: Ctx, hasSelector: boolean): void {
  const slices = sliceEndpoints(ctx);
  const ports = ctx.svc.spec?.ports ?? [];
  const evidence: string[] = [];
  const readyAddrs = new Set<string>();
  for (const s of slices) {
    for (const e of s.endpoints ?? []) {
      if (epReady(e)) {
        for (const a of e.addresses ?? []) readyAddrs.add(a);
        if (e.nodeName) ctx.readyEndpointNodes.add(e.nodeName);
      }
    }
  }
  const perPort: string[] = [];
  const portsWithoutReady: ServicePort[] = [];
  const readyPodIPs = new Set(ctx.ready.flatMap(podIPs));
  const lackingPort = new Map<string, string[]>();
  let portAddrs = 0;
  for (const p of ports) {
    let r = 0;
    let sv = 0;
    let t = 0;
    const readyHere = new Set<string>();
    for (const s of slices) {
      const has = (s.ports ?? []).some((sp) => (sp.name ?? '') === (p.name ?? ''));
      if (!has) continue;
      for (const e of s.endpoints ?? []) {
        const n = (e.addresses ?? []).length || 1;
        if (epReady(e)) {
          r += n;
          for (const a of e.addresses ?? []) readyHere.add(a);
        }
        if (epServing(e)) sv += n;
        if (epTerminating(e)) t += n;
      }
    }
    portAddrs = Math.max(portAddrs, readyHere.size);
    perPort.push(`port ${portLabel(p)}: ${r} ready, ${sv} serving, ${t} terminating`);
    if (r === 0) portsWithoutReady.push(p);
    const lacking = ctx.ready.filter((pod) => podIPs(pod).length && !podIPs(pod).some((ip) => readyHere.has(ip)) && readyAddrs.has(podIPs(pod)[0]!));
    if (lacking.length) lackingPort.set(portLabel(p), lacking.map(podName));
  }
  ctx.readyEndpointCount = ports.length ? portAddrs : readyAddrs.size;
  evidence.push(...perPort);
  for (const s of slices) evidence.push(`slice ${s.metadata?.name}: ${plural((s.endpoints ?? []).length, 'endpoint')}, ports ${(s.ports ?? []).map((p) => `${p.name || '(unnamed)'}:${p.port}`).join(', ') || 'none'}`);

  // Agreement with the ready pods.
  const missing = ctx.ready.filter((p) => podIPs(p).length && !podIPs(p).some((ip) => readyAddrs.has(ip)));
  const extra = [...readyAddrs].filter((a) => hasSelector && !readyPodIPs.has(a));
  if (missing.length) evidence.push(`ready pods without a ready endpoint: ${missing.map(podName).join(', ')}`);
  if (extra.length) evidence.push(`ready endpoints that are not ready selected pods: ${extra.join(', ')}`);
  for (const [port, pods] of lackingPort) evidence.push(`ready pods listed without port ${port}: ${pods.join(', ')}`);

  let status: CheckStatus;
  let summary: string;
  let fix: string | undefined;
  if (slices.length === 0) {
    status = 'fail';
    summary = hasSelector ? 'There is no EndpointSlice for this Service.' : 'There is no EndpointSlice for this Service (it has no selector, so someone must create them).';
    fix = hasSelector
      ? ctx.selected.length
        ? 'The EndpointSlice controller has not created slices: check that kube-controller-manager is running.'
        : 'Slices appear once the selector matches pods.'
      : `Create an EndpointSlice labelled ${SERVICE_NAME_LABEL}=${ctx.snap.name} with the backend addresses.`;
  } else if (readyAddrs.size === 0) {
    status = 'fail';
    summary = 'The EndpointSlices list no ready address: the Service has nowhere to send traffic.';
    fix = !hasSelector
      ? 'Mark the endpoints ready in your EndpointSlice.'
      : ctx.selected.length
        ? 'Make the pods ready (see the pod check); their addresses become ready endpoints.'
        : 'Fix the selector (see the selector check); the matching ready pods become endpoints.';
  } else if (portsWithoutReady.length) {
    status = portsWithoutReady.length === ports.length ? 'fail' : 'warn';
    summary = `No ready endpoint for port ${portsWithoutReady.map(portLabel).join(', ')}.`;
    fix = 'An endpoint lacks a port when its pod does not declare the named targetPort: see the target port check.';
  } else if (lackingPort.size) {
    status = 'warn';
    summary = `Some ready pods are listed without a port of the Service: ${[...lackingPort.entries()].map(([p, pods]) => `${p} (${pods.join(', ')})`).join('; ')}.`;
    fix = 'Those pods do not declare the named targetPort: see the target port check.';
  } else if ((missing.length || extra.length) && !ctx.snap.gaps.some((g) => g.resource === 'pods')) {
    // Compared with the ready pods only when the pods could be read.
    status = 'warn';
    summary = `The EndpointSlices list ${plural(readyAddrs.size, 'ready address', 'ready addresses')} but disagree with the ready pods.`;
    fix = 'Usually a rollout in progress; if it persists, check kube-controller-manager and the pods\' IPs.';
  } else {
    status = 'pass';
    summary = `${plural(readyAddrs.size, 'ready address', 'ready addresses')} in ${plural(slices.length, 'EndpointSlice')}.`;
  }
  add(ctx, { id: 'endpoint-slices', title: 'EndpointSlices have ready endpoints', status, summary, evidence, fix, hop: 'endpointSlices' });
}

function checkTargetPorts(ctx: Ctx): void {
  const pods = ctx.live;
  if (pods.length === 0) return;
  for (const p of ctx.svc.spec?.ports ?? []) {
    const tp = p.targetPort ?? p.port;
    const proto = p.protocol ?? 'TCP';
    const evidence: string[] = [];
    let status: CheckStatus = 'pass';
    let summary: string;
    let fix: string | undefined;
    if (typeof tp === 'string' && !/^\d+$/.test(tp)) {
      const resolved = new Map<string, number>();
      const lacking: Pod[] = [];
      for (const pod of pods) {
        let found: number | undefined;
        for (const c of pod.spec?.containers ?? []) {
          const cp = (c.ports ?? []).find((x) => x.name === tp && (x.protocol ?? 'TCP') === proto);
          if (cp) {
            found = cp.containerPort;
            evidence.push(`${podName(pod)}: ${tp} → container ${c.name} port ${cp.containerPort}`);
            break;
          }
        }
        if (found === undefined) lacking.push(pod);
        else resolved.set(podName(pod), found);
      }
      for (const pod of lacking) evidence.push(`${podName(pod)}: no container declares a ${proto} port named "${tp}"`);
      const numbers = new Set(resolved.values());
      if (lacking.length === pods.length) {
        status = 'fail';
        summary = `Port ${portLabel(p)} targets the named port "${tp}", which no selected pod declares.`;
        fix = `Name the container port "${tp}" in the pod template (ports[].name), or set targetPort to the number the application listens on.`;
      } else if (lacking.length) {
        status = 'warn';
        summary = `Port ${portLabel(p)} targets "${tp}", which ${plural(lacking.length, 'pod')} of ${pods.length} do not declare: those pods get no traffic on this port (the classic half-done rollout).`;
        fix = `Give every pod template a container port named "${tp}" (check old and new ReplicaSets), then finish the rollout.`;
      } else {
        summary = `Port ${portLabel(p)} → "${tp}" resolves on all ${plural(pods.length, 'pod')}${numbers.size === 1 ? ` (container port ${[...numbers][0]})` : ` (to different numbers: ${[...numbers].join(', ')})`}.`;
      }
    } else {
      const n = typeof tp === 'string' ? Number(tp) : tp;
      const declaring = pods.filter((pod) => (pod.spec?.containers ?? []).some((c) => (c.ports ?? []).some((x) => x.containerPort === n && (x.protocol ?? 'TCP') === proto)));
      const declaringAny = pods.filter((pod) => (pod.spec?.containers ?? []).some((c) => (c.ports ?? []).length > 0));
      if (declaring.length === pods.length) {
        summary = `Port ${portLabel(p)} → ${n}: declared by the containers of all ${plural(pods.length, 'pod')}.`;
      } else if (declaringAny.length === 0) {
        status = 'info';
        summary = `Port ${portLabel(p)} → ${n}: the containers declare no ports, so this cannot be checked (declaring ports is optional).`;
      } else {
        status = 'warn';
        const other = [...new Set(declaringAny.flatMap((pod) => (pod.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((x) => x.containerPort))))];
        summary = `Port ${portLabel(p)} → ${n}, but ${plural(pods.length - declaring.length, 'pod')} declare other ports (${other.join(', ')}).`;
        evidence.push(...pods.filter((x) => !declaring.includes(x)).map((x) => `${podName(x)}: declares ${(x.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((q) => `${q.name ? q.name + ':' : ''}${q.containerPort}`)).join(', ') || 'nothing'}`));
        fix = `Check which port the application listens on; if it is ${other[0]}, set targetPort: ${other[0]}.`;
      }
    }
    add(ctx, { id: 'target-port', title: `targetPort of port ${portLabel(p)}`, status, summary, evidence: evidence.slice(0, 12), fix, hop: 'pods' });
  }
}

function nodeAddresses(ctx: Ctx): { node: string; address: string; external: boolean }[] {
  const out: { node: string; address: string; external: boolean }[] = [];
  for (const n of ctx.snap.nodes) {
    const addrs = n.status?.addresses ?? [];
    const ext = addrs.find((a) => a.type === 'ExternalIP');
    const int = addrs.find((a) => a.type === 'InternalIP');
    const a = ext ?? int;
    if (a?.address) out.push({ node: n.metadata?.name ?? '?', address: a.address, external: !!ext });
  }
  return out;
}

function hostPort(host: string, port: number | undefined): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port ? `${h}:${port}` : h;
}

function checkType(ctx: Ctx, type: string): void {
  const { svc } = ctx;
  const ports = svc.spec?.ports ?? [];
  const headless = svc.spec?.clusterIP === 'None';
  const inCluster = ports.map((p) => `${ctx.dnsName}:${p.port}`);
  add(ctx, {
    id: 'cluster-ip',
    title: headless ? 'Headless Service DNS' : 'In-cluster address',
    status: 'info',
    summary: headless
      ? `Headless: ${ctx.dnsName} resolves straight to the ready pod addresses; no virtual IP, ports are not remapped.`
      : `Inside the cluster: ${inCluster.join(', ') || ctx.dnsName}${svc.spec?.clusterIP ? ` (ClusterIP ${svc.spec.clusterIP})` : ''}.`,
    evidence: ports.map((p) => `port ${portLabel(p)} → targetPort ${p.targetPort ?? p.port}`),
    hop: 'service',
  });
  if (type === 'NodePort' || type === 'LoadBalancer') {
    const nodes = nodeAddresses(ctx);
    const nodePorts = ports.filter((p) => p.nodePort);
    const nodesGap = ctx.snap.gaps.some((g) => g.resource === 'nodes');
    const evidence = nodes.slice(0, 8).flatMap((n) => nodePorts.map((p) => `${n.node}: ${hostPort(n.address, p.nodePort)} (${n.external ? 'ExternalIP' : 'InternalIP'})`));
    let status: CheckStatus = 'pass';
    let summary: string;
    let fix: string | undefined;
    if (nodePorts.length === 0) {
      status = type === 'NodePort' ? 'fail' : 'info';
      summary = type === 'NodePort' ? 'The NodePort Service has no node port allocated.' : 'No node ports are allocated (allocateLoadBalancerNodePorts is false).';
      fix = type === 'NodePort' ? 'Re-apply the Service; the API server allocates node ports for NodePort Services.' : undefined;
    } else if (nodes.length === 0) {
      status = nodesGap ? 'warn' : 'info';
      summary = `Node ports ${nodePorts.map((p) => p.nodePort).join(', ')} are open on every node${nodesGap ? ', but the node list could not be read' : ''}.`;
    } else {
      summary = `Open on ${plural(nodes.length, 'node')} at port ${nodePorts.map((p) => p.nodePort).join(', ')}.`;
      if (!nodes.some((n) => n.external)) evidence.push('no node has an ExternalIP: the node ports are reachable only from networks that reach the nodes\' internal addresses');
    }
    add(ctx, { id: 'node-ports', title: 'Node ports', status, summary, evidence, fix, hop: 'nodePort' });
  }
  if (type === 'LoadBalancer') {
    const lb = svc.status?.loadBalancer?.ingress ?? [];
    const events = eventsAbout(ctx.snap.events, 'Service', ctx.snap.name);
    if (lb.length) {
      const urls = lb.flatMap((i) => ports.map((p) => hostPort(i.hostname ?? i.ip ?? '?', p.port)));
      const errs = lb.flatMap((i) => (i.ports ?? []).filter((p) => p.error).map((p) => `port ${p.port}: ${p.error}`));
      add(ctx, {
        id: 'load-balancer',
        title: 'Load balancer address',
        status: errs.length ? 'warn' : 'pass',
        summary: `The load balancer is at ${urls.join(', ')}.`,
        evidence: [...errs, ...(svc.spec?.loadBalancerSourceRanges?.length ? [`only from ${svc.spec.loadBalancerSourceRanges.join(', ')} (loadBalancerSourceRanges)`] : [])],
        fix: errs.length ? 'The load-balancer controller reports port errors: see its events.' : undefined,
        hop: 'loadBalancer',
      });
    } else {
      const cls = svc.spec?.loadBalancerClass;
      add(ctx, {
        id: 'load-balancer',
        title: 'Load balancer address',
        status: 'fail',
        summary: cls
          ? `Pending: no address yet. The Service asks for loadBalancerClass ${cls}, and no controller for that class has assigned one.`
          : 'Pending: no external address has been assigned. Likely there is no cloud controller manager or load-balancer implementation (such as MetalLB) in this cluster.',
        evidence: events.slice(0, 5).map(eventLine),
        fix: cls
          ? `Install or fix the controller that implements loadBalancerClass ${cls}, or remove the field to use the cluster's default implementation.`
          : 'On a cloud, check the cloud controller manager and its events; on bare metal, install MetalLB (or similar) with an address pool; or use a NodePort or an Ingress instead.',
        hop: 'loadBalancer',
      });
    }
  }
}

function checkLocalPolicy(ctx: Ctx, type: string): void {
  const nodes = ctx.snap.nodes.map((n) => n.metadata?.name ?? '?');
  const withEp = [...ctx.readyEndpointNodes];
  if (withEp.length === 0) for (const p of ctx.ready) if (p.spec?.nodeName) ctx.readyEndpointNodes.add(p.spec.nodeName);
  const have = [...ctx.readyEndpointNodes].sort();
  const without = nodes.filter((n) => !ctx.readyEndpointNodes.has(n));
  const status: CheckStatus = have.length === 0 ? 'fail' : without.length && type === 'NodePort' ? 'warn' : 'info';
  add(ctx, {
    id: 'external-traffic-policy',
    title: 'externalTrafficPolicy: Local',
    status,
    summary:
      have.length === 0
        ? 'externalTrafficPolicy is Local and no node has a ready endpoint: every external connection is dropped.'
        : `Only ${plural(have.length, 'node')} with a ready pod answer external traffic (${have.join(', ')}); connections to the other ${plural(without.length, 'node')} are dropped. Client source IPs are preserved.`,
    evidence: [
      ...(without.length ? [`nodes without a ready endpoint: ${without.slice(0, 10).join(', ')}`] : []),
      ...(ctx.svc.spec?.healthCheckNodePort ? [`load balancers health-check nodes on port ${ctx.svc.spec.healthCheckNodePort}`] : []),
    ],
    fix:
      have.length === 0
        ? 'Make the pods ready, or set externalTrafficPolicy: Cluster.'
        : type === 'NodePort' && without.length
          ? 'Send clients only to the nodes listed, spread the pods over every node (e.g. a DaemonSet), or use externalTrafficPolicy: Cluster if you do not need the client IP.'
          : undefined,
    hop: type === 'LoadBalancer' ? 'loadBalancer' : 'nodePort',
  });
}

interface Route {
  where: string;
  host?: string;
  path?: string;
  port?: number | string;
}

function ingressRoutes(ingresses: Ingress[], service: string): Map<Ingress, Route[]> {
  const out = new Map<Ingress, Route[]>();
  for (const ing of ingresses) {
    const rs: Route[] = [];
    const d = ing.spec?.defaultBackend?.service;
    if (d?.name === service) rs.push({ where: 'the default backend', port: d.port?.number ?? d.port?.name });
    for (const r of ing.spec?.rules ?? []) {
      for (const p of r.http?.paths ?? []) {
        const b = p.backend?.service;
        if (b?.name !== service) continue;
        rs.push({ where: `${r.host ?? '*'}${p.path ?? '/'}`, host: r.host, path: p.path ?? '/', port: b.port?.number ?? b.port?.name });
      }
    }
    if (rs.length) out.set(ing, rs);
  }
  return out;
}

function checkIngresses(ctx: Ctx): void {
  const { snap, svc } = ctx;
  const routes = ingressRoutes(snap.ingresses, snap.name);
  const ports = svc.spec?.ports ?? [];
  for (const [ing, rs] of routes) {
    const name = ing.metadata?.name ?? '?';
    const evidence: string[] = [];
    let status: CheckStatus = 'pass';
    const fixes: string[] = [];
    const problems: string[] = [];
    // Ports.
    for (const r of rs) {
      const ok =
        svc.spec?.type === 'ExternalName' ||
        (typeof r.port === 'number' ? ports.some((p) => p.port === r.port) : ports.some((p) => p.name && p.name === r.port));
      evidence.push(`${r.where} → ${snap.name}:${r.port ?? '?'}${ok ? '' : ' (no such Service port)'}`);
      if (!ok) {
        status = 'fail';
        problems.push(`the backend port ${r.port ?? '(none)'} of ${r.where} is not a port of the Service`);
        fixes.push(`Use one of the Service's ports: ${ports.map((p) => (p.name ? `${p.port} or "${p.name}"` : `${p.port}`)).join(', ')}.`);
      }
    }
    // Class and controller.
    const className = ing.spec?.ingressClassName ?? ing.metadata?.annotations?.[LEGACY_CLASS_ANNOTATION];
    const classesGap = snap.gaps.some((g) => g.resource === 'ingressclasses');
    let cls: IngressClass | undefined;
    if (className) {
      cls = snap.ingressClasses.find((c) => c.metadata?.name === className);
      if (!cls && !classesGap) {
        status = 'fail';
        problems.push(`its IngressClass "${className}" does not exist, so no controller serves it`);
        fixes.push(`Install the ingress controller that provides class "${className}", or set ingressClassName to one of: ${snap.ingressClasses.map((c) => c.metadata?.name).join(', ') || '(none installed)'}.`);
      }
    } else {
      cls = snap.ingressClasses.find((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
      if (!cls && !classesGap) {
        status = 'fail';
        problems.push('it names no IngressClass and the cluster has no default class, so no controller picks it up');
        fixes.push(`Set spec.ingressClassName${snap.ingressClasses.length ? ` (installed: ${snap.ingressClasses.map((c) => c.metadata?.name).join(', ')})` : ' after installing an ingress controller'}.`);
      }
    }
    if (cls) evidence.push(`class ${cls.metadata?.name}${className ? '' : ' (the default)'}: controller ${cls.spec?.controller ?? '?'}`);
    // Address.
    const addrs = (ing.status?.loadBalancer?.ingress ?? []).map((i) => i.hostname ?? i.ip).filter((x): x is string => !!x);
    if (addrs.length) evidence.push(`address: ${addrs.join(', ')}`);
    else {
      status = worst(status, 'warn');
      problems.push('it has no address yet');
      fixes.push('The ingress controller has not admitted it: check that the controller runs and watches this class, and its logs.');
    }
    // TLS.
    const secretNames = new Set((snap.secrets ?? []).map((s) => s.name));
    const tlsHosts = new Set<string>();
    for (const t of ing.spec?.tls ?? []) {
      for (const h of t.hosts ?? []) tlsHosts.add(h);
      if (!t.secretName) continue;
      if (snap.secrets === undefined) evidence.push(`TLS secret ${t.secretName}: not checked (Secrets could not be listed)`);
      else if (secretNames.has(t.secretName)) evidence.push(`TLS secret ${t.secretName}: present`);
      else {
        status = 'fail';
        problems.push(`its TLS Secret ${t.secretName} does not exist (the controller serves a default self-signed certificate)`);
        fixes.push(`Create Secret ${t.secretName} (type kubernetes.io/tls) in namespace ${snap.namespace}, e.g. with cert-manager.`);
      }
    }
    const urls = rs
      .filter((r) => r.host || addrs.length)
      .map((r) => `${r.host && tlsHosts.has(r.host) ? 'https' : 'http'}://${r.host ?? addrs[0]}${r.path && r.path !== '/' ? r.path : '/'}`);
    add(ctx, {
      id: 'ingress',
      title: `Ingress ${name}`,
      status,
      summary: problems.length
        ? `Ingress ${name} routes to this Service, but ${problems.join('; ')}.`
        : `Ingress ${name} routes ${rs.map((r) => r.where).join(', ')} here${urls.length ? `: ${urls.join(', ')}` : ''}.`,
      evidence: [...evidence, ...urls.map((u) => `url: ${u}`)],
      fix: fixes.length ? fixes.join(' ') : undefined,
      hop: 'ingress',
    });
  }
}

function podPortNumber(pods: Pod[], target: number | string | undefined): number | undefined {
  if (typeof target === 'number') return target;
  if (target && /^\d+$/.test(target)) return Number(target);
  for (const p of pods) for (const c of p.spec?.containers ?? []) for (const cp of c.ports ?? []) if (cp.name === target) return cp.containerPort;
  return undefined;
}

function describePeer(peer: { podSelector?: unknown; namespaceSelector?: unknown; ipBlock?: { cidr?: string } }): string {
  const parts: string[] = [];
  if (peer.ipBlock) parts.push(`addresses ${peer.ipBlock.cidr}`);
  if (peer.namespaceSelector) parts.push(`namespaces ${formatSelector(peer.namespaceSelector as never)}`);
  if (peer.podSelector) parts.push(`pods ${formatSelector(peer.podSelector as never)}${peer.namespaceSelector ? '' : ' in this namespace'}`);
  return parts.join(' and ') || 'anywhere';
}

function checkNetworkPolicies(ctx: Ctx): void {
  const pods = ctx.live;
  if (pods.length === 0) return;
  const applies = (np: NetworkPolicy) => {
    const types = np.spec?.policyTypes;
    const ingress = types ? types.includes('Ingress') : true;
    return ingress && pods.some((p) => matchesSelector(np.spec?.podSelector, p.metadata?.labels));
  };
  const policies = ctx.snap.networkPolicies.filter(applies);
  if (policies.length === 0) {
    const gap = ctx.snap.gaps.some((g) => g.resource === 'networkpolicies');
    if (!gap) add(ctx, { id: 'network-policies', title: 'NetworkPolicies', status: 'pass', summary: 'No NetworkPolicy restricts incoming traffic to these pods.', evidence: [], hop: 'pods' });
    return;
  }
  const svcPorts = ctx.svc.spec?.ports ?? [];
  const evidence: string[] = [];
  let blockedPorts: string[] = [];
  let restricted = false;
  for (const sp of svcPorts) {
    const num = podPortNumber(pods, sp.targetPort ?? sp.port);
    const name = typeof sp.targetPort === 'string' && !/^\d+$/.test(sp.targetPort) ? sp.targetPort : undefined;
    const proto = sp.protocol ?? 'TCP';
    let allowedFromAnywhere = false;
    let allowedSomehow = false;
    for (const np of policies) {
      for (const rule of np.spec?.ingress ?? []) {
        const portOk =
          !rule.ports?.length ||
          rule.ports.some((rp) => {
            if ((rp.protocol ?? 'TCP') !== proto) return false;
            if (rp.port === undefined) return true;
            if (typeof rp.port === 'string' && !/^\d+$/.test(rp.port)) return rp.port === name;
            const n = Number(rp.port);
            return num !== undefined && (rp.endPort ? num >= n && num <= rp.endPort : num === n);
          });
        if (!portOk) continue;
        allowedSomehow = true;
        if (!rule.from?.length) allowedFromAnywhere = true;
      }
    }
    if (!allowedSomehow) blockedPorts.push(`${portLabel(sp)} (pod port ${num ?? sp.targetPort})`);
    else if (!allowedFromAnywhere) restricted = true;
  }
  for (const np of policies) {
    const rules = np.spec?.ingress ?? [];
    if (rules.length === 0) evidence.push(`${np.metadata?.name}: selects the pods and allows no incoming traffic`);
    for (const r of rules) {
      const from = r.from?.length ? r.from.map(describePeer).join(' or ') : 'anywhere';
      const ports = r.ports?.length ? r.ports.map((p) => `${p.port ?? 'any'}${p.endPort ? `-${p.endPort}` : ''}/${p.protocol ?? 'TCP'}`).join(', ') : 'all ports';
      evidence.push(`${np.metadata?.name}: allows ${ports} from ${from}`);
    }
  }
  const names = policies.map((p) => p.metadata?.name).join(', ');
  if (blockedPorts.length) {
    add(ctx, {
      id: 'network-policies',
      title: 'NetworkPolicies',
      status: 'fail',
      summary: `NetworkPolicy ${names} block${policies.length === 1 ? 's' : ''} incoming traffic to port ${blockedPorts.join(', ')}.`,
      evidence,
      fix: 'Add an ingress rule allowing the clients (e.g. the ingress controller\'s namespace, or the pods that call this Service) on the target port.',
      hop: 'pods',
    });
  } else {
    add(ctx, {
      id: 'network-policies',
      title: 'NetworkPolicies',
      status: restricted ? 'warn' : 'pass',
      summary: restricted
        ? `NetworkPolicy ${names} allow${policies.length === 1 ? 's' : ''} the target ports only from some sources: other clients are blocked.`
        : `NetworkPolicy ${names} allow${policies.length === 1 ? 's' : ''} the target ports from anywhere.`,
      evidence,
      fix: restricted ? 'Check that your clients (and the ingress controller or load balancer, if used) are among the allowed sources.' : undefined,
      hop: 'pods',
    });
  }
}

function checkEvents(ctx: Ctx): void {
  const { snap } = ctx;
  const svcEvents = eventsAbout(snap.events, 'Service', snap.name);
  const podEvents = ctx.selected.flatMap((p) => eventsAbout(snap.events, 'Pod', podName(p)).map((e) => ({ p, e })));
  const lines = [...svcEvents.map((e) => `Service ${snap.name}: ${eventLine(e)}`), ...podEvents.map(({ p, e }) => `${podName(p)}: ${eventLine(e)}`)];
  if (snap.gaps.some((g) => g.resource === 'events') && lines.length === 0) return;
  add(ctx, {
    id: 'warning-events',
    title: 'Warning events',
    status: lines.length ? 'warn' : 'pass',
    summary: lines.length ? `${plural(lines.length, 'recent Warning event')} on the Service and its pods.` : 'No recent Warning event on the Service or its pods.',
    evidence: lines.slice(0, 12),
    hop: svcEvents.length ? 'service' : 'pods',
  });
}

// ---------------------------------------------------------------- hops and verdict

const HOP_LABEL: Record<HopId, string> = {
  client: 'Client',
  loadBalancer: 'Load balancer',
  nodePort: 'Node ports',
  ingress: 'Ingress',
  service: 'Service',
  endpointSlices: 'EndpointSlices',
  pods: 'Pods',
};

function buildHops(ctx: Ctx, type: string): Hop[] {
  const ids: HopId[] = ['client'];
  if (type === 'LoadBalancer') ids.push('loadBalancer');
  else if (type === 'NodePort') ids.push('nodePort');
  if (ctx.checks.some((c) => c.hop === 'ingress')) ids.push('ingress');
  ids.push('service');
  if (type !== 'ExternalName') ids.push('endpointSlices', 'pods');
  // NodePort checks of a LoadBalancer Service belong to the load balancer hop in the picture.
  const hopOf = (c: Check): HopId => (c.hop === 'nodePort' && !ids.includes('nodePort') ? 'loadBalancer' : c.hop);
  return ids.map((id) => {
    const mine = ctx.checks.filter((c) => hopOf(c) === id);
    const status = mine.reduce<CheckStatus>((s, c) => worst(s, c.status === 'info' ? 'pass' : c.status), id === 'client' ? 'info' : mine.length ? 'skip' : 'info');
    const bad = mine.find((c) => c.status === status && (status === 'fail' || status === 'warn'));
    let detail = bad?.summary ?? '';
    if (!detail) {
      if (id === 'client') detail = type === 'ClusterIP' && !ids.includes('ingress') ? 'in-cluster clients' : 'clients';
      else if (id === 'service') detail = `${type}${ctx.svc.spec?.clusterIP && ctx.svc.spec.clusterIP !== 'None' ? ` ${ctx.svc.spec.clusterIP}` : ''}`;
      else if (id === 'endpointSlices') detail = `${plural(ctx.readyEndpointCount, 'ready address', 'ready addresses')}`;
      else if (id === 'pods') detail = `${ctx.ready.length}/${ctx.live.length} ready`;
      else detail = mine[0]?.summary ?? '';
    }
    return { id, label: HOP_LABEL[id], status, detail };
  });
}

function buildVerdict(ctx: Ctx, type: string, hops: Hop[]): Verdict {
  const failed = (ids: HopId[]) => hops.some((h) => ids.includes(h.id) && h.status === 'fail');
  const urls: string[] = [];
  const inCluster = type === 'ExternalName' ? !!ctx.svc.spec?.externalName : !failed(['service', 'endpointSlices', 'pods']) && ctx.readyEndpointCount > 0;
  const ports = ctx.svc.spec?.ports ?? [];
  let fromNodes: boolean | null = null;
  if (type === 'NodePort' || type === 'LoadBalancer') {
    fromNodes = inCluster && !ctx.checks.some((c) => (c.id === 'node-ports' || (c.id === 'external-traffic-policy' && type === 'NodePort')) && c.status === 'fail');
  }
  let fromOutside: boolean | null = null;
  if (type === 'LoadBalancer') {
    const lb = ctx.svc.status?.loadBalancer?.ingress ?? [];
    const lbOk = lb.length > 0 && !ctx.checks.some((c) => c.hop === 'loadBalancer' && c.status === 'fail');
    if (lbOk && inCluster) for (const i of lb) for (const p of ports) urls.push(`${p.port === 443 ? 'https' : 'http'}://${hostPort(i.hostname ?? i.ip ?? '?', p.port === 80 || p.port === 443 ? undefined : p.port)}`);
    fromOutside = lbOk && inCluster;
  } else if (type === 'NodePort') {
    const ext = nodeAddresses(ctx).filter((n) => n.external);
    if (fromNodes && ext.length) for (const p of ports) if (p.nodePort) urls.push(`http://${hostPort(ext[0]!.address, p.nodePort)}`);
    fromOutside = fromNodes && ext.length ? true : null;
  }
  const ingressChecks = ctx.checks.filter((c) => c.id === 'ingress');
  if (ingressChecks.length) {
    const good = ingressChecks.filter((c) => c.status !== 'fail' && !/no address yet/.test(c.summary));
    const ingUrls = good.flatMap((c) => c.evidence.filter((e) => e.startsWith('url: ')).map((e) => e.slice(5)));
    if (inCluster) urls.push(...ingUrls);
    fromOutside = (fromOutside ?? false) || (inCluster && good.length > 0);
  }
  const brokenHop = hops.find((h) => h.status === 'fail')?.id;
  // The cause: checks are in cause order (selector, pods, slices, ports...), so the first failing one explains the broken hop.
  const firstFail = brokenHop ? ctx.checks.find((c) => c.status === 'fail' && (inCluster ? c.hop === brokenHop || (brokenHop === 'loadBalancer' && c.hop === 'nodePort') : true)) : undefined;
  const anyWarn = ctx.checks.some((c) => c.status === 'warn' || c.status === 'fail');
  let headline: string;
  let status: Verdict['status'];
  const inside = type === 'ExternalName' ? `${ctx.dnsName} → ${ctx.svc.spec?.externalName}` : ports.length ? `${ctx.dnsName}:${ports[0]!.port}` : ctx.dnsName;
  if (!inCluster) {
    status = 'fail';
    headline = `Not reachable: broken at ${HOP_LABEL[brokenHop ?? 'service']}. ${firstFail?.summary ?? 'No ready endpoint.'}`;
  } else if (fromOutside) {
    status = brokenHop || anyWarn ? 'warn' : 'pass';
    headline = `Reachable from outside${urls.length ? ` at ${urls.slice(0, 3).join(', ')}` : ''}, and inside the cluster at ${inside}.`;
  } else if (fromNodes) {
    status = brokenHop || anyWarn ? 'warn' : 'pass';
    headline = `Reachable inside the cluster at ${inside} and on the nodes' ports${brokenHop ? `; not from outside: ${firstFail?.summary ?? ''}` : ''}.`;
    if (brokenHop) status = 'fail';
  } else {
    status = brokenHop ? 'fail' : anyWarn ? 'warn' : 'pass';
    headline = `Reachable inside the cluster at ${inside}${brokenHop ? `; not from outside — broken at ${HOP_LABEL[brokenHop]}: ${firstFail?.summary ?? ''}` : type === 'ClusterIP' && !ingressChecks.length ? ' (ClusterIP: not exposed outside the cluster).' : '.'}`;
  }
  return { status, headline: headline.replace(/\.\.$/, '.'), inCluster, fromNodes, fromOutside, urls, ...(brokenHop ? { brokenHop } : {}) };
}
