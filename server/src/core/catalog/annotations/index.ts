/**
 * The annotation catalogue: every entry of every group, indexed once at module load so lookups on
 * the hot path are constant time. ingress-nginx keys are matched through the configured prefix.
 */
import { AWS_ANNOTATIONS } from './aws';
import { AZURE_ANNOTATIONS } from './azure';
import { CERT_MANAGER_ANNOTATIONS } from './cert-manager';
import { GCP_ANNOTATIONS } from './gcp';
import { INGRESS_NGINX_ANNOTATIONS, NGINX_DEFAULT_PREFIX } from './ingress-nginx';
import { METALLB_ANNOTATIONS } from './metallb';
import type { AnnotationGroup, AnnotationSpec, AnnotationTarget } from './types';

export type { AnnotationGroup, AnnotationSpec, AnnotationTarget, Risk, ValueType, Validator, AnnotationStatus } from './types';
export { NGINX_DEFAULT_PREFIX };

export const ANNOTATION_GROUPS: Record<AnnotationGroup, readonly AnnotationSpec[]> = {
  'ingress-nginx': INGRESS_NGINX_ANNOTATIONS,
  'cert-manager': CERT_MANAGER_ANNOTATIONS,
  aws: AWS_ANNOTATIONS,
  gcp: GCP_ANNOTATIONS,
  azure: AZURE_ANNOTATIONS,
  metallb: METALLB_ANNOTATIONS,
};

export const ALL_ANNOTATIONS: readonly AnnotationSpec[] = Object.values(ANNOTATION_GROUPS).flat();

/** ingress-nginx entries by the part after the prefix (`rewrite-target`). */
const NGINX_BY_SUFFIX = new Map<string, AnnotationSpec>();
for (const a of INGRESS_NGINX_ANNOTATIONS) NGINX_BY_SUFFIX.set(a.name.slice(NGINX_DEFAULT_PREFIX.length + 1), a);

/** Every other entry by full name. */
const BY_NAME = new Map<string, AnnotationSpec>();
const PATTERNED: AnnotationSpec[] = [];
for (const group of ['cert-manager', 'aws', 'gcp', 'azure', 'metallb'] as const) {
  for (const a of ANNOTATION_GROUPS[group]) {
    if (a.pattern) PATTERNED.push(a);
    else BY_NAME.set(a.name, a);
  }
}

/** The part of an ingress-nginx key after `<prefix>/`, or undefined when the key is not under the prefix. */
export function nginxSuffix(key: string, prefix: string = NGINX_DEFAULT_PREFIX): string | undefined {
  return key.length > prefix.length + 1 && key.startsWith(prefix) && key[prefix.length] === '/' ? key.slice(prefix.length + 1) : undefined;
}

/** The catalogue entry for an annotation key, with the ingress-nginx prefix the user configured. */
export function lookupAnnotation(key: string, prefix: string = NGINX_DEFAULT_PREFIX): AnnotationSpec | undefined {
  const suffix = nginxSuffix(key, prefix);
  if (suffix !== undefined) return NGINX_BY_SUFFIX.get(suffix);
  const exact = BY_NAME.get(key);
  if (exact) return exact;
  for (const a of PATTERNED) if (a.pattern!.test(key)) return a;
  return undefined;
}

/** The key a user writes for an entry, under the configured ingress-nginx prefix. */
export function keyFor(spec: AnnotationSpec, prefix: string = NGINX_DEFAULT_PREFIX): string {
  return spec.group === 'ingress-nginx' ? `${prefix}/${spec.name.slice(NGINX_DEFAULT_PREFIX.length + 1)}` : spec.name;
}

/**
 * Key prefixes where kube-expose knows every annotation, so an unknown key there is most likely a
 * typo. Broad shared prefixes (`service.beta.kubernetes.io/`, `cloud.google.com/`) are narrowed to
 * the parts one provider owns, because other providers use them too.
 */
export interface OwnedPrefix {
  /** The text the key starts with. */
  prefix: string;
  group: AnnotationGroup;
  kind: AnnotationTarget;
}

const ownedCache = new Map<string, OwnedPrefix[]>();

export function ownedPrefixes(nginxPrefix: string = NGINX_DEFAULT_PREFIX): OwnedPrefix[] {
  let cached = ownedCache.get(nginxPrefix);
  if (!cached) {
    if (ownedCache.size > 8) ownedCache.clear();
    cached = buildOwned(nginxPrefix);
    ownedCache.set(nginxPrefix, cached);
  }
  return cached;
}

function buildOwned(nginxPrefix: string): OwnedPrefix[] {
  return [
    { prefix: `${nginxPrefix}/`, group: 'ingress-nginx', kind: 'Ingress' },
    { prefix: 'cert-manager.io/', group: 'cert-manager', kind: 'Ingress' },
    { prefix: 'acme.cert-manager.io/', group: 'cert-manager', kind: 'Ingress' },
    { prefix: 'service.beta.kubernetes.io/aws-load-balancer-', group: 'aws', kind: 'Service' },
    { prefix: 'service.beta.kubernetes.io/azure-', group: 'azure', kind: 'Service' },
    { prefix: 'metallb.io/', group: 'metallb', kind: 'Service' },
    { prefix: 'metallb.universe.tf/', group: 'metallb', kind: 'Service' },
  ];
}

/** The owned prefix a key falls under for a given kind, if any. */
export function ownedPrefixOf(key: string, kind: string | undefined, nginxPrefix: string = NGINX_DEFAULT_PREFIX): OwnedPrefix | undefined {
  for (const p of ownedPrefixes(nginxPrefix)) if (p.kind === kind && key.startsWith(p.prefix) && key.length > p.prefix.length) return p;
  return undefined;
}

/** Entries that make sense on a resource kind (what completion offers). */
export function annotationsForKind(kind: string | undefined): AnnotationSpec[] {
  if (kind !== 'Ingress' && kind !== 'Service') return [];
  return ALL_ANNOTATIONS.filter((a) => a.appliesTo.includes(kind));
}

/** Candidate keys for "did you mean", under the same owned prefix. */
export function keysUnder(owned: OwnedPrefix, nginxPrefix: string = NGINX_DEFAULT_PREFIX): string[] {
  const out: string[] = [];
  for (const a of ANNOTATION_GROUPS[owned.group]) {
    if (a.pattern || a.status.state === 'removed') continue;
    const key = keyFor(a, nginxPrefix);
    if (key.startsWith(owned.prefix)) out.push(key);
  }
  return out;
}
