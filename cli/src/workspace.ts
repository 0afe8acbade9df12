/**
 * The CLI's workspace: every Kubernetes manifest of the files given in one run, indexed by kind,
 * namespace and name, so cross-resource checks see across files exactly as the editor does.
 *
 * A plain in-memory implementation of the core's `WorkspaceView`; built once per run, never mutated.
 */
import type { IndexedManifest, ParsedFile, WorkspaceView } from '../../server/src/core';

export class RunWorkspace implements WorkspaceView {
  private readonly items: IndexedManifest[] = [];
  private readonly kinds = new Map<string, IndexedManifest[]>();
  private readonly keyed = new Map<string, IndexedManifest[]>();

  add(uri: string, file: ParsedFile): void {
    for (const manifest of file.manifests) {
      if (!manifest.isKubernetes || !manifest.kind) continue;
      const item: IndexedManifest = { uri, manifest, namespace: manifest.namespace || 'default' };
      this.items.push(item);
      push(this.kinds, manifest.kind, item);
      if (manifest.name) push(this.keyed, key(manifest.kind, item.namespace, manifest.name), item);
    }
  }

  all(): Iterable<IndexedManifest> {
    return this.items;
  }

  byKind(kind: string): Iterable<IndexedManifest> {
    return this.kinds.get(kind) ?? [];
  }

  get(kind: string, namespace: string, name: string): IndexedManifest[] {
    return this.keyed.get(key(kind, namespace, name)) ?? [];
  }
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
