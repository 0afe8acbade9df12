/**
 * Pod templates of workloads: what exposes pods on their nodes (hostNetwork, hostPort), and the
 * container port names a Service's named targetPort refers to.
 */
import { ianaServiceName, isPortNumber } from '../validation';
import { objectsOf } from '../validation/objects';
import { findPair, get, getIn, isMap, isScalar, num, seqItems, str, type AnyNode } from '../yaml/ast';
import type { Checker, RuleContext, RuleMeta } from './types';

const R = {
  hostNetwork: { id: 'workloads/host-network', severity: 'warning', summary: 'Pod uses the node network (hostNetwork)', description: "hostNetwork: true puts the pod in its node's network namespace: every port it opens is open on the node, it sees the node's traffic, and two replicas cannot share a node. Expose it with a Service instead." },
  hostPort: { id: 'workloads/host-port', severity: 'warning', summary: 'Container port bound to the node (hostPort)', description: 'A hostPort opens the port on the node where the pod runs, bypassing Services and NetworkPolicies in many setups, and limits scheduling to one such pod per node. Expose it with a Service instead.' },
  containerPortName: { id: 'workloads/container-port-name', severity: 'error', summary: 'Container port name is not an IANA service name', description: 'Container port names (what a Service targetPort can refer to) are IANA service names: at most 15 lowercase letters, digits and hyphens, with at least one letter, unique within the pod.' },
  containerPortRange: { id: 'workloads/container-port-range', severity: 'error', summary: 'Container port outside 1-65535', description: 'containerPort and hostPort must be between 1 and 65535.' },
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
  for (const c of objectsOf(ctx, WORKLOAD_KINDS)) checkWorkload(c);
}

function checkWorkload(ctx: RuleContext): void {
  const pod = podSpecOf(ctx.manifest.kind, ctx.manifest.root);
  if (!isMap(pod)) return;
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

export const WORKLOAD_RULES: readonly RuleMeta[] = Object.values(R);

export const workloadsCheckers: Checker[] = [
  { name: 'workloads', kinds: [...WORKLOAD_KINDS, 'List'], rules: Object.values(R), check },
];
