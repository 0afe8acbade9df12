/**
 * The Kubernetes objects of a manifest: the manifest itself, or each item of a `v1` `List` (as
 * `kubectl get -o yaml` writes it), each seen through a context of its own so a rule checks an
 * item exactly as it would check a document.
 */
import type { RuleContext } from '../rules/types';
import { deriveContext } from '../rules/context';
import { get, seqItems, str, type AnyNode } from '../yaml/ast';
import type { Manifest } from '../yaml/parse';

/** An object of a v1 List seen as a manifest of its own (its offsets are the List's document's). */
export function listItemManifest(list: Manifest, item: AnyNode): Manifest {
  const meta = get(item, 'metadata');
  return { ...list, root: item, kind: str(get(item, 'kind')), apiVersion: str(get(item, 'apiVersion')), name: str(get(meta, 'name')), namespace: str(get(meta, 'namespace')) };
}

export function objectsOf(ctx: RuleContext, kinds: readonly string[]): RuleContext[] {
  const m = ctx.manifest;
  if (m.kind && kinds.includes(m.kind)) return [ctx];
  if (m.kind !== 'List' || m.apiVersion !== 'v1') return [];
  const out: RuleContext[] = [];
  for (const item of seqItems(get(m.root, 'items'))) {
    const kind = str(get(item, 'kind'));
    if (!kind || !kinds.includes(kind)) continue;
    out.push(deriveContext(ctx, { manifest: listItemManifest(m, item) }));
  }
  return out;
}
