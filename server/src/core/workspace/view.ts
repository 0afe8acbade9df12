import type { Manifest } from '../yaml/parse';

/** A manifest somewhere in the workspace, as cross-resource checks see it. */
export interface IndexedManifest {
  uri: string;
  manifest: Manifest;
  /** The effective namespace: metadata.namespace, a kustomization's namespace, or `default`. */
  namespace: string;
}

/**
 * The read side of the workspace index. The core defines it; the server (and the CLI) build it
 * from the files they have. Lookups are by kind, namespace and name.
 */
export interface WorkspaceView {
  all(): Iterable<IndexedManifest>;
  byKind(kind: string): Iterable<IndexedManifest>;
  get(kind: string, namespace: string, name: string): IndexedManifest[];
}
