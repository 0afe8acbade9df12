/**
 * Which Kubernetes releases serve which apiVersion of a kind: introduced, deprecated and removed
 * (as `1.N` minor versions), with the apiVersion to use instead. Facts from the Kubernetes
 * deprecated API migration guide. Read by the api-versions rules and by hover on `apiVersion`/`kind`.
 */

export interface ApiVersionInfo {
  group: string;
  version: string;
  /** `group/version`, or `v1` for the core group. */
  apiVersion: string;
  kind: string;
  /** First release that serves it by default. */
  introduced?: string;
  /** Release that marked it deprecated (still served). */
  deprecated?: string;
  /** First release that no longer serves it. */
  removed?: string;
  /** The apiVersion to use instead, when there is one. */
  replacement?: string;
  /** Changing only the `apiVersion` line to `replacement` keeps the manifest valid (given `renameNeeds`). */
  pureRename?: boolean;
  /** Fields that must be present for the rename alone to be valid (paths under the document root). */
  renameNeeds?: string[][];
  /** Fields whose presence makes the rename alone invalid. */
  renameBlockedBy?: string[][];
  /** A short note on what changed, shown with the finding. */
  note?: string;
}

type Row = [apiVersion: string, kinds: string[], info: Omit<ApiVersionInfo, 'group' | 'version' | 'apiVersion' | 'kind'>];

const SELECTOR = [['spec', 'selector']];

const ROWS: Row[] = [
  // Current versions of the kinds this extension knows.
  ['v1', ['Service', 'Pod', 'Secret', 'ConfigMap', 'Namespace', 'ServiceAccount', 'PersistentVolumeClaim', 'PersistentVolume', 'ReplicationController'], { introduced: '1.0' }],
  ['v1', ['Endpoints'], { introduced: '1.0', deprecated: '1.33', note: 'use EndpointSlice (discovery.k8s.io/v1), which kube-proxy and controllers read' }],
  ['apps/v1', ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'], { introduced: '1.9' }],
  ['batch/v1', ['Job'], { introduced: '1.2' }],
  ['batch/v1', ['CronJob'], { introduced: '1.21' }],
  ['networking.k8s.io/v1', ['Ingress', 'IngressClass'], { introduced: '1.19' }],
  ['networking.k8s.io/v1', ['NetworkPolicy'], { introduced: '1.7' }],
  ['discovery.k8s.io/v1', ['EndpointSlice'], { introduced: '1.21' }],
  ['policy/v1', ['PodDisruptionBudget'], { introduced: '1.21' }],
  ['autoscaling/v1', ['HorizontalPodAutoscaler'], { introduced: '1.2' }],
  ['autoscaling/v2', ['HorizontalPodAutoscaler'], { introduced: '1.23' }],
  ['rbac.authorization.k8s.io/v1', ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], { introduced: '1.8' }],
  ['apiextensions.k8s.io/v1', ['CustomResourceDefinition'], { introduced: '1.16' }],
  ['admissionregistration.k8s.io/v1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], { introduced: '1.16' }],
  ['scheduling.k8s.io/v1', ['PriorityClass'], { introduced: '1.14' }],
  ['coordination.k8s.io/v1', ['Lease'], { introduced: '1.14' }],

  // Removed versions.
  ['extensions/v1beta1', ['Ingress'], { deprecated: '1.14', removed: '1.22', replacement: 'networking.k8s.io/v1', note: "the backend became service.name and service.port.number/name, backend became defaultBackend, and pathType is required; the code action 'Migrate this Ingress to networking.k8s.io/v1' rewrites it" }],
  ['networking.k8s.io/v1beta1', ['Ingress'], { introduced: '1.14', deprecated: '1.19', removed: '1.22', replacement: 'networking.k8s.io/v1', note: "the backend became service.name and service.port.number/name, backend became defaultBackend, and pathType is required; the code action 'Migrate this Ingress to networking.k8s.io/v1' rewrites it" }],
  ['networking.k8s.io/v1beta1', ['IngressClass'], { introduced: '1.18', deprecated: '1.19', removed: '1.22', replacement: 'networking.k8s.io/v1', pureRename: true }],
  ['extensions/v1beta1', ['Deployment', 'DaemonSet', 'ReplicaSet'], { deprecated: '1.9', removed: '1.16', replacement: 'apps/v1', pureRename: true, renameNeeds: SELECTOR, note: 'apps/v1 requires spec.selector to match the pod template labels' }],
  ['extensions/v1beta1', ['NetworkPolicy'], { deprecated: '1.9', removed: '1.16', replacement: 'networking.k8s.io/v1', pureRename: true }],
  ['extensions/v1beta1', ['PodSecurityPolicy'], { deprecated: '1.10', removed: '1.16', note: 'PodSecurityPolicy was removed entirely in 1.25; use Pod Security Admission' }],
  ['apps/v1beta1', ['Deployment', 'StatefulSet', 'ControllerRevision'], { introduced: '1.6', deprecated: '1.9', removed: '1.16', replacement: 'apps/v1', pureRename: true, renameNeeds: SELECTOR, note: 'apps/v1 requires spec.selector to match the pod template labels' }],
  ['apps/v1beta2', ['Deployment', 'DaemonSet', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'], { introduced: '1.8', deprecated: '1.9', removed: '1.16', replacement: 'apps/v1', pureRename: true, renameNeeds: SELECTOR }],
  ['batch/v1beta1', ['CronJob'], { introduced: '1.8', deprecated: '1.21', removed: '1.25', replacement: 'batch/v1', pureRename: true }],
  ['batch/v2alpha1', ['CronJob'], { removed: '1.21', replacement: 'batch/v1', pureRename: true }],
  ['discovery.k8s.io/v1beta1', ['EndpointSlice'], { introduced: '1.17', deprecated: '1.21', removed: '1.25', replacement: 'discovery.k8s.io/v1', pureRename: true, renameBlockedBy: [['endpoints', '*', 'topology']], note: "per-endpoint topology became nodeName and zone" }],
  ['policy/v1beta1', ['PodDisruptionBudget'], { introduced: '1.5', deprecated: '1.21', removed: '1.25', replacement: 'policy/v1', pureRename: true, note: 'in policy/v1 an empty selector selects every pod of the namespace' }],
  ['policy/v1beta1', ['PodSecurityPolicy'], { introduced: '1.10', deprecated: '1.21', removed: '1.25', note: 'PodSecurityPolicy has no replacement API; use Pod Security Admission' }],
  ['autoscaling/v2beta1', ['HorizontalPodAutoscaler'], { introduced: '1.8', deprecated: '1.22', removed: '1.25', replacement: 'autoscaling/v2' }],
  ['autoscaling/v2beta2', ['HorizontalPodAutoscaler'], { introduced: '1.12', deprecated: '1.23', removed: '1.26', replacement: 'autoscaling/v2', pureRename: true }],
  ['rbac.authorization.k8s.io/v1beta1', ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], { deprecated: '1.17', removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1', pureRename: true }],
  ['rbac.authorization.k8s.io/v1alpha1', ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], { removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1', pureRename: true }],
  ['apiextensions.k8s.io/v1beta1', ['CustomResourceDefinition'], { deprecated: '1.16', removed: '1.22', replacement: 'apiextensions.k8s.io/v1', note: 'apiextensions.k8s.io/v1 requires a structural schema per version' }],
  ['admissionregistration.k8s.io/v1beta1', ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], { deprecated: '1.16', removed: '1.22', replacement: 'admissionregistration.k8s.io/v1', note: 'v1 requires sideEffects and admissionReviewVersions' }],
  ['scheduling.k8s.io/v1beta1', ['PriorityClass'], { deprecated: '1.14', removed: '1.22', replacement: 'scheduling.k8s.io/v1', pureRename: true }],
  ['coordination.k8s.io/v1beta1', ['Lease'], { deprecated: '1.14', removed: '1.22', replacement: 'coordination.k8s.io/v1', pureRename: true }],
];

export const API_VERSIONS: readonly ApiVersionInfo[] = ROWS.flatMap(([apiVersion, kinds, info]) => {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return kinds.map((kind) => ({ group, version, apiVersion, kind, ...info }));
});

/** What the catalog knows about an apiVersion + kind pair, or undefined. */
export function apiVersionInfo(apiVersion: string, kind: string): ApiVersionInfo | undefined {
  return API_VERSIONS.find((a) => a.apiVersion === apiVersion && a.kind === kind);
}

/** Every apiVersion the catalog lists for a kind (current ones first). */
export function apiVersionsOfKind(kind: string): ApiVersionInfo[] {
  return API_VERSIONS.filter((a) => a.kind === kind).sort((a, b) => Number(!!a.removed) - Number(!!b.removed));
}

/** Compares `1.N` versions; negative when a < b. */
export function compareMinor(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  return (pa[0] ?? 0) - (pb[0] ?? 0) || (pa[1] ?? 0) - (pb[1] ?? 0);
}

export type ServedState = 'served' | 'deprecated' | 'removed' | 'not-yet';

/** Whether a cluster of version `k8s` serves this apiVersion of the kind. */
export function servedState(info: ApiVersionInfo, k8s: string): ServedState {
  if (info.removed && compareMinor(k8s, info.removed) >= 0) return 'removed';
  if (info.introduced && compareMinor(k8s, info.introduced) < 0) return 'not-yet';
  if (info.deprecated && compareMinor(k8s, info.deprecated) >= 0) return 'deprecated';
  return 'served';
}

/** A sentence for hover: which releases serve this apiVersion of the kind. */
export function describeServed(info: ApiVersionInfo): string {
  const parts: string[] = [];
  parts.push(info.introduced ? `served since Kubernetes ${info.introduced}` : 'served by older releases');
  if (info.deprecated) parts.push(`deprecated in ${info.deprecated}`);
  if (info.removed) parts.push(`removed in ${info.removed}`);
  let s = `\`${info.apiVersion}\` ${info.kind}: ${parts.join(', ')}.`;
  if (info.replacement) s += ` Use \`${info.replacement}\` instead.`;
  return s;
}
