/**
 * Pod templates of workloads: what the API server refuses in them (a selector that does not match
 * the template, containers without a name or image, a restart policy the controller cannot use,
 * negative replicas), what exposes pods on their nodes (hostNetwork, hostPort), and the container
 * port names a Service's named targetPort refers to.
 */
import { labelMap, labelSelector, selectorMatches } from '../workspace/resources';
import { dns1123Label, ianaServiceName, isPlaceholder, isPortNumber, replaceValue } from '../validation';
import { objectsOf } from '../validation/objects';
import { findPair, get, getIn, isMap, isScalar, num, seqItems, str, type AnyNode } from '../yaml/ast';
import type { Checker, RuleContext, RuleMeta } from './types';

const R = {
  hostNetwork: { id: 'workloads/host-network', severity: 'warning', summary: 'Pod uses the node network (hostNetwork)', description: "hostNetwork: true puts the pod in its node's network namespace: every port it opens is open on the node, it sees the node's traffic, and two replicas cannot share a node. Expose it with a Service instead." },
  hostPort: { id: 'workloads/host-port', severity: 'warning', summary: 'Container port bound to the node (hostPort)', description: 'A hostPort opens the port on the node where the pod runs, bypassing Services and NetworkPolicies in many setups, and limits scheduling to one such pod per node. Expose it with a Service instead.' },
  containerPortName: { id: 'workloads/container-port-name', severity: 'error', summary: 'Container port name is not an IANA service name', description: 'Container port names (what a Service targetPort can refer to) are IANA service names: at most 15 lowercase letters, digits and hyphens, with at least one letter, unique within the pod.' },
  containerPortRange: { id: 'workloads/container-port-range', severity: 'error', summary: 'Container port outside 1-65535', description: 'containerPort and hostPort must be between 1 and 65535.' },
  replicas: { id: 'workloads/replicas-negative', severity: 'error', summary: 'Negative replicas', description: 'spec.replicas of a Deployment, ReplicaSet, StatefulSet or ReplicationController is a count: 0 or more.' },
  selector: { id: 'workloads/selector', severity: 'error', summary: 'Workload selector empty or not matching its pod template', description: "apps/v1 Deployments, ReplicaSets, StatefulSets and DaemonSets must have a spec.selector that is not empty and that matches the labels of spec.template: the controller finds its pods by that selector, so the API server refuses a selector its own pods would not carry." },
  restartPolicy: { id: 'workloads/restart-policy', severity: 'error', summary: 'Restart policy the workload cannot use', description: "The pods of Deployments, ReplicaSets, StatefulSets, DaemonSets and ReplicationControllers run until deleted, so their template's restartPolicy can only be Always. A Job's pods run to completion: its template must set restartPolicy to OnFailure or Never." },
  containersRequired: { id: 'workloads/containers-required', severity: 'error', summary: 'Pod template without containers', description: 'A pod needs at least one entry in spec.containers (for workloads: spec.template.spec.containers).' },
  containerName: { id: 'workloads/container-name', severity: 'error', summary: 'Container name empty, not a DNS-1123 label, or repeated', description: 'Every container (and init container) needs a name: a DNS-1123 label (lowercase letters, digits and hyphens, at most 63 characters) that no other container of the pod uses.' },
  containerImage: { id: 'workloads/container-image', severity: 'error', summary: 'Container without an image', description: 'The API server refuses a container (or init container) of a pod or pod template without an image.' },
} satisfies Record<string, RuleMeta>;

/** The pod spec of a workload manifest, by kind. */
export function podSpecOf(kind: string | undefined, root: AnyNode): AnyNode {
  switch (kind) {
    case 'Pod':
      return get(root, 'spec');
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
    case 'ReplicationController':
      return getIn(root, ['spec', 'template', 'spec']);
    case 'CronJob':
      return getIn(root, ['spec', 'jobTemplate', 'spec', 'template', 'spec']);
    default:
      return undefined;
  }
}

const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController'];

function check(ctx: RuleContext): void {
  for (const c of objectsOf(ctx, WORKLOAD_KINDS)) {
    checkController(c);
    checkWorkload(c);
  }
}

/** Workloads whose pods run until deleted (their template's restartPolicy must be Always). */
const LONG_RUNNING = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'];
/** Workloads with spec.replicas. */
const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];
/** apps/v1 workloads: spec.selector is required and must match the template labels. */
const SELECTED = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'];

/** The key a report about something missing is anchored on: the deepest of `path` that exists. */
function anchorFor(root: AnyNode, path: string[]): AnyNode {
  let node = root;
  let anchor: AnyNode = findPair(root, 'kind')?.key as AnyNode;
  for (const k of path) {
    const pair = findPair(node, k);
    if (!pair) break;
    anchor = pair.key as AnyNode;
    node = pair.value as AnyNode;
  }
  return anchor;
}

/** What the API server checks of a workload around its pod template: replicas, selector, restart policy, containers. */
function checkController(ctx: RuleContext): void {
  const kind = ctx.manifest.kind ?? '';
  const root = ctx.manifest.root;
  if (SCALABLE.includes(kind)) {
    const rNode = getIn(root, ['spec', 'replicas']);
    const replicas = num(rNode);
    if (replicas !== undefined && replicas < 0) ctx.report({ rule: R.replicas.id, node: rNode, message: `replicas ${replicas} is negative: use 0 to stop every pod, or a positive count.` });
  }
  const templatePath = kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : kind === 'Pod' ? [] : ['spec', 'template'];
  const template = kind === 'Pod' ? root : getIn(root, templatePath);
  const podPath = [...templatePath, 'spec'];
  const pod = podSpecOf(kind, root);
  // Missing required keys (selector, template, containers) are the schema's required-field reports;
  // these are the cases it cannot see: no spec at all, a key present but empty.
  if (kind !== 'Pod' && !findPair(root, 'spec')) {
    ctx.report({ rule: R.containersRequired.id, node: anchorFor(root, ['spec']), message: `This ${kind} has no spec: it needs ${SELECTED.includes(kind) ? 'spec.selector and ' : ''}${templatePath.join('.')} with at least one container.` });
    return;
  }
  const templatePair = kind === 'Pod' ? undefined : findPair(getIn(root, templatePath.slice(0, -1)), 'template');
  if (templatePair && !isMap(templatePair.value)) {
    ctx.report({ rule: R.containersRequired.id, node: templatePair.key as AnyNode, message: `This ${kind}'s ${templatePath.join('.')} is empty: add the pod template (labels and spec.containers).` });
  }
  if (isMap(template) && SELECTED.includes(kind) && (ctx.manifest.apiVersion ?? '').startsWith('apps/')) checkSelector(ctx, kind, template);

  const rpNode = get(pod, 'restartPolicy');
  const restartPolicy = str(rpNode);
  if (LONG_RUNNING.includes(kind) && restartPolicy !== undefined && restartPolicy !== 'Always' && !isPlaceholder(restartPolicy)) {
    const edit = replaceValue(rpNode, 'Always');
    ctx.report({ rule: R.restartPolicy.id, node: rpNode, message: `A ${kind} keeps its pods running, so restartPolicy can only be Always (or left out), not ${restartPolicy}.`, fixes: edit ? [{ title: 'Change restartPolicy to Always', edits: [edit], preferred: true }] : undefined });
  }
  if ((kind === 'Job' || kind === 'CronJob') && isMap(pod)) {
    if (restartPolicy === undefined) {
      ctx.report({ rule: R.restartPolicy.id, node: anchorFor(root, podPath), message: `A ${kind}'s pod template must set restartPolicy: OnFailure (retry in the same pod) or Never (a new pod per retry); the default Always is refused.` });
    } else if (restartPolicy === 'Always') {
      const fixes = ['OnFailure', 'Never'].flatMap((v) => {
        const edit = replaceValue(rpNode, v);
        return edit ? [{ title: `Change restartPolicy to ${v}`, edits: [edit] }] : [];
      });
      ctx.report({ rule: R.restartPolicy.id, node: rpNode, message: `A ${kind}'s pods run to completion: restartPolicy must be OnFailure or Never, not Always.`, fixes });
    }
  }
  const containersPair = findPair(pod, 'containers');
  if (containersPair && seqItems(containersPair.value as AnyNode).length === 0) {
    ctx.report({ rule: R.containersRequired.id, node: containersPair.key as AnyNode, message: `This ${kind} has no containers: add at least one under ${[...podPath, 'containers'].join('.')}.` });
  }
}

function checkSelector(ctx: RuleContext, kind: string, template: AnyNode): void {
  const root = ctx.manifest.root;
  const selPair = findPair(get(root, 'spec'), 'selector');
  const sel = selPair ? labelSelector(selPair.value as AnyNode) : undefined;
  if (!selPair || !sel) return; // a missing selector is the schema's required-field report
  if (Object.keys(sel.matchLabels).length === 0 && sel.matchExpressions.length === 0) {
    ctx.report({ rule: R.selector.id, node: selPair.key as AnyNode, message: `This ${kind}'s selector is empty: it would select every pod of the namespace, and the API server refuses it. List the template's labels under matchLabels.` });
    return;
  }
  const labels = labelMap(getIn(template, ['metadata', 'labels']));
  const values = [...Object.keys(sel.matchLabels), ...Object.values(sel.matchLabels), ...Object.values(labels)];
  if (values.some(isPlaceholder)) return;
  if (!selectorMatches(sel, labels)) {
    const wanted = Object.entries(sel.matchLabels).filter(([k, v]) => labels[k] !== v).map(([k, v]) => `${k}: ${v}`);
    const detail = wanted.length ? `the template has no ${wanted.map((w) => `\`${w}\``).join(', ')}` : 'the template labels do not satisfy its matchExpressions';
    ctx.report({ rule: R.selector.id, node: selPair.key as AnyNode, message: `This ${kind}'s selector does not match its own pod template (${detail}): the API server refuses it. Make spec.template.metadata.labels carry every label the selector asks for.` });
  }
}

function checkWorkload(ctx: RuleContext): void {
  const pod = podSpecOf(ctx.manifest.kind, ctx.manifest.root);
  if (!isMap(pod)) return;
  checkContainers(ctx, pod);
  const hn = findPair(pod, 'hostNetwork');
  if (hn && isScalar(hn.value) && hn.value.value === true) {
    ctx.report({ rule: R.hostNetwork.id, node: hn.value, message: "hostNetwork: true runs this pod in its node's network: every port it listens on is open on the node and two replicas cannot share a node. Prefer a Service (NodePort or LoadBalancer) unless this is a node agent." });
  }
  for (const listKey of ['initContainers', 'containers']) {
    for (const c of seqItems(get(pod, listKey))) {
      const names = new Set<string>();
      for (const p of seqItems(get(c, 'ports'))) {
        if (!isMap(p)) continue;
        const cpNode = get(p, 'containerPort');
        const cp = num(cpNode);
        if (cp !== undefined && !isPortNumber(cp)) ctx.report({ rule: R.containerPortRange.id, node: cpNode, message: `containerPort ${cp} is outside 1-65535.` });
        const hpNode = get(p, 'hostPort');
        const hp = num(hpNode);
        if (hp !== undefined && hp !== 0) {
          if (!isPortNumber(hp)) ctx.report({ rule: R.containerPortRange.id, node: hpNode, message: `hostPort ${hp} is outside 1-65535.` });
          else ctx.report({ rule: R.hostPort.id, node: hpNode, message: `hostPort ${hp} opens this port on the node the pod runs on, outside Services and often NetworkPolicies, and allows one such pod per node: expose it with a Service instead.` });
        }
        const nNode = get(p, 'name');
        const name = str(nNode);
        if (name !== undefined && name !== '') {
          const pr = ianaServiceName(name);
          if (pr.length) ctx.report({ rule: R.containerPortName.id, node: nNode, message: `Container port name '${name}' is not valid: it ${pr.join('; ')}.` });
          else if (names.has(name)) ctx.report({ rule: R.containerPortName.id, node: nNode, message: `Container port name '${name}' is used twice in this container: port names must be unique so a Service targetPort finds one.` });
          names.add(name);
        }
      }
    }
  }
}

/** Names and images of the containers and init containers of a pod spec. */
function checkContainers(ctx: RuleContext, pod: AnyNode): void {
  const seen = new Set<string>();
  for (const listKey of ['initContainers', 'containers']) {
    const what = listKey === 'containers' ? 'container' : 'init container';
    for (const c of seqItems(get(pod, listKey))) {
      if (!isMap(c)) continue;
      const namePair = findPair(c, 'name');
      const nNode = namePair?.value as AnyNode;
      const name = str(nNode);
      const empty = name === '' || nNode === null || (isScalar(nNode) && nNode.value === null);
      if (namePair && empty) {
        // A missing name key is the schema's required-field report; an empty one is only seen here.
        ctx.report({ rule: R.containerName.id, node: nNode ?? (namePair.key as AnyNode), message: `This ${what} has an empty name: every container needs one (a DNS-1123 label, unique in the pod).` });
      } else if (name !== undefined && !isPlaceholder(name)) {
        const p = dns1123Label(name);
        if (p.length) ctx.report({ rule: R.containerName.id, node: nNode, message: `Container name '${name}' is not valid: it ${p.join('; ')}.` });
        else if (seen.has(name)) ctx.report({ rule: R.containerName.id, node: nNode, message: `Container name '${name}' is used twice in this pod: container names (init containers included) must be unique.` });
        seen.add(name);
      }
      const iNode = get(c, 'image');
      const image = str(iNode);
      if (image === undefined || image.trim() === '') {
        ctx.report({ rule: R.containerImage.id, node: iNode ?? (findPair(c, 'name')?.key as AnyNode) ?? c, message: `${name ? `Container '${name}'` : `This ${what}`} has no image: add image: <registry>/<repository>:<tag>.` });
      }
    }
  }
}

export const WORKLOAD_RULES: readonly RuleMeta[] = Object.values(R);

export const workloadsCheckers: Checker[] = [
  { name: 'workloads', kinds: [...WORKLOAD_KINDS, 'List'], rules: Object.values(R), check },
];
