import type { Manifest, ParsedFile } from '../yaml/parse';

/** A manifest somewhere in the workspace, as cross-resource checks see it. */
export interface IndexedManifest {
  uri: string;
  manifest: Manifest;
  /**
   * The effective namespace: metadata.namespace, a kustomization's namespace, or `default`.
   * Cluster-scoped kinds (IngressClass, Namespace, ...) have `''` in the workspace index.
   */
  namespace: string;
  /** The parsed file that holds the manifest, when the view keeps it (navigation needs its line index). */
  file?: ParsedFile;
}

/**
 * The read side of the workspace index. The core defines it; the server (and the CLI) build it
 * from the files they have. Lookups are by kind, namespace and name.
 */
export interface WorkspaceView {
  all(): Iterable<IndexedManifest>;
  byKind(kind: string): Iterable<IndexedManifest>;
  get(kind: string, namespace: string, name: string): IndexedManifest[];
  /**
   * The effective namespace of a manifest of `uri` (for the file being checked, whose manifests may
   * be newer than the indexed ones). Optional: without it, `metadata.namespace` or `default` is used.
   */
  namespaceOf?(uri: string, manifest: Manifest): string;
  /**
   * Optional: a number that changes whenever what checks read of the manifests of `kind` changes
   * (one added, removed, or changed in what other documents see of it). `''` stands for the
   * effective namespaces (kustomizations) and `'*'` for anything at all. With it, the findings of a
   * check that read the workspace are reused until what it read changes.
   */
  stamp?(kind: string): number;
  /** The view this one wraps, if any (lookup tables derived from the workspace are cached on it). */
  source?: WorkspaceView;
}
