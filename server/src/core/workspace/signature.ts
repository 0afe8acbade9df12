/**
 * A manifest's signature: a string of exactly what other manifests' cross-resource checks and
 * navigation read from it. Two versions of a file with equal signatures look the same to every
 * other file, so the server re-checks other documents only when a signature changes.
 */
import { get, getIn, type AnyNode } from '../yaml/ast';
import type { Manifest } from '../yaml/parse';
import { podTemplate } from './resources';

// Keyed by the parsed document, which an incremental re-parse reuses for unchanged text.
const cache = new WeakMap<object, string>();

/**
 * A workload's replica count, kept out of its signature: it changes often and only a few checks
 * read it (they note the read, see reads.ts), so it has a stamp of its own.
 */
export function replicasSignature(m: Manifest): string {
  if (!m.isKubernetes || m.isTemplate || !m.kind) return '';
  return String(podTemplate(m)?.replicas ?? '');
}

function json(node: AnyNode): string {
  if (node === null || node === undefined) return '';
  try {
    return JSON.stringify((node as { toJSON?: () => unknown }).toJSON?.() ?? null);
  } catch {
    return '?';
  }
}

export function manifestSignature(m: Manifest): string {
  const hit = cache.get(m.doc);
  if (hit !== undefined) return hit;
  let sig = '';
  if (m.isKubernetes && !m.isTemplate && m.kind) {
    sig = `${m.kind}|${m.namespace ?? ''}|${m.name ?? ''}|${json(getIn(m.root, ['metadata', 'labels']))}|${json(getIn(m.root, ['metadata', 'annotations']))}`;
    const t = podTemplate(m);
    if (t) {
      sig += `|${JSON.stringify(t.labels)}|${t.ports.map((p) => `${p.container}/${p.name ?? ''}/${p.containerPort ?? ''}/${p.protocol}`).join(',')}`;
    } else if (m.kind === 'Secret') {
      sig += `|${json(get(m.root, 'type'))}`;
    } else if (m.kind !== 'ConfigMap') {
      sig += `|${json(get(m.root, 'spec'))}`;
    }
  }
  cache.set(m.doc, sig);
  return sig;
}
