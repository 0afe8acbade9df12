/**
 * The workspace index: every Kubernetes manifest of a set of files, by kind, namespace and name.
 *
 * Pure (no fs): adapters feed it `{uri, text}` or parsed files. The server keeps one and updates it
 * as files change; the CLI builds one per run with `buildWorkspace(files)`.
 *
 * Namespaces: `metadata.namespace`, else `default`; a `kustomization.yaml` with `namespace:` sets the
 * namespace of the files it lists under `resources:` (as kustomize does, over what the file says).
 * Cluster-scoped kinds are filed under the namespace `''`.
 */
import { get, isMap, seqItems, str } from '../yaml/ast';
import { parseFile, type Manifest, type ParsedFile } from '../yaml/parse';
import { CLUSTER_SCOPED_KINDS } from './resources';
import { manifestSignature, replicasSignature } from './signature';
import { replicasKey } from './reads';
import type { IndexedManifest, WorkspaceView } from './view';

export interface WorkspaceFile {
  uri: string;
  /** The file's text; parsed when `parsed` is not given. */
  text?: string;
  parsed?: ParsedFile;
}

interface Kustomization {
  namespace?: string;
  /** URIs of the files listed under `resources:`. */
  resources: string[];
}

export class WorkspaceIndex implements WorkspaceView {
  private readonly files = new Map<string, ParsedFile>();
  private readonly kustomizations = new Map<string, Kustomization>();
  private dirty = true;
  private items: IndexedManifest[] = [];
  private kinds = new Map<string, IndexedManifest[]>();
  private keyed = new Map<string, IndexedManifest[]>();
  private byUri = new Map<string, IndexedManifest[]>();
  private nsOverride = new Map<string, string>();
  /** Increases whenever something other files' checks may read changes. */
  generation = 0;
  /** Increases on every update or removal (derived lookup tables are rebuilt from it). */
  version = 0;
  /** Per kind ('' for the effective namespaces): increases when what checks read of that kind changes. */
  private readonly kindGenerations = new Map<string, number>();
  /** Comparisons of replaced files not made yet (`put` defers them; `stamp` needs them). */
  private readonly pending = new Map<string, () => boolean>();

  /**
   * Adds or replaces a file. Returns true when what other files' cross-resource checks read changed
   * (names, labels, selectors, ports, backends...), so the adapter knows to re-check other documents.
   */
  update(uri: string, input: ParsedFile | string): boolean {
    return this.put(uri, typeof input === 'string' ? parseFile(input) : input)();
  }

  /**
   * Adds or replaces a file now, and returns the comparison `update` would make (did anything other
   * files can see change?) as a function, so an adapter can run it after more urgent work.
   */
  put(uri: string, parsed: ParsedFile): () => boolean {
    const before = this.files.get(uri);
    this.files.set(uri, parsed);
    this.dirty = true;
    this.version++;
    if (isKustomizationUri(uri)) this.kustomizations.set(uri, readKustomization(uri, parsed));
    // A comparison still pending for this file is made now, before its `parsed` is replaced.
    this.pending.get(uri)?.();
    let result: boolean | undefined;
    const compare = () => {
      if (this.pending.get(uri) === compare) this.pending.delete(uri);
      if (result === undefined) {
        // Signatures are computed only when a file is replaced (never during the first indexing).
        const changed = before === undefined ? kindsIn(uri, parsed) : before === parsed ? [] : changedKinds(uri, before, parsed);
        result = changed.length > 0;
        if (result) {
          this.generation++;
          for (const k of changed) this.kindGenerations.set(k, (this.kindGenerations.get(k) ?? 0) + 1);
        }
      }
      return result;
    };
    this.pending.set(uri, compare);
    return compare;
  }

  /** See WorkspaceView.stamp. */
  stamp(kind: string): number {
    for (const compare of [...this.pending.values()]) compare();
    return kind === '*' ? this.generation : this.kindGenerations.get(kind) ?? 0;
  }

  /** Removes a file; returns true when it was indexed. */
  remove(uri: string): boolean {
    this.pending.get(uri)?.();
    const before = this.files.get(uri);
    const had = this.files.delete(uri);
    this.kustomizations.delete(uri);
    if (had) {
      this.dirty = true;
      this.version++;
      this.generation++;
      for (const k of kindsIn(uri, before!)) this.kindGenerations.set(k, (this.kindGenerations.get(k) ?? 0) + 1);
    }
    return had;
  }

  /** Removes every file under a folder URI (a deleted directory); returns the removed URIs. */
  removeUnder(folderUri: string): string[] {
    const prefix = folderUri.endsWith('/') ? folderUri : folderUri + '/';
    const gone = [...this.files.keys()].filter((u) => u.startsWith(prefix));
    for (const u of gone) this.remove(u);
    return gone;
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  file(uri: string): ParsedFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  get size(): number {
    return this.files.size;
  }

  all(): Iterable<IndexedManifest> {
    this.refresh();
    return this.items;
  }

  byKind(kind: string): Iterable<IndexedManifest> {
    this.refresh();
    return this.kinds.get(kind) ?? [];
  }

  get(kind: string, namespace: string, name: string): IndexedManifest[] {
    this.refresh();
    return this.keyed.get(key(kind, namespace, name)) ?? [];
  }

  /** The indexed manifests of one file. */
  inFile(uri: string): IndexedManifest[] {
    this.refresh();
    return this.byUri.get(uri) ?? [];
  }

  namespaceOf(uri: string, manifest: Manifest): string {
    this.refresh();
    return effectiveNamespace(manifest, this.nsOverride.get(uri));
  }

  private refresh(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.nsOverride = new Map();
    for (const k of this.kustomizations.values()) {
      if (!k.namespace) continue;
      for (const r of k.resources) this.nsOverride.set(r, k.namespace);
    }
    this.items = [];
    this.kinds = new Map();
    this.keyed = new Map();
    this.byUri = new Map();
    for (const [uri, file] of this.files) {
      const override = this.nsOverride.get(uri);
      for (const manifest of file.manifests) {
        if (!manifest.isKubernetes || manifest.isTemplate || !manifest.kind) continue;
        const item: IndexedManifest = { uri, manifest, namespace: effectiveNamespace(manifest, override), file };
        this.items.push(item);
        push(this.kinds, manifest.kind, item);
        push(this.byUri, uri, item);
        if (manifest.name) push(this.keyed, key(manifest.kind, item.namespace, manifest.name), item);
      }
    }
  }
}

/**
 * The stamp keys (kinds, replica counts of a kind, '' for namespaces) of what changed between two
 * parses of a file as other files see it (see signature.ts); empty when nothing did. Compared
 * document by document; a document an incremental parse reused is skipped.
 */
function changedKinds(uri: string, a: ParsedFile, b: ParsedFile): string[] {
  const changed = new Set<string>();
  if (a.manifests.length !== b.manifests.length) {
    for (const k of kindsIn(uri, a)) changed.add(k);
    for (const k of kindsIn(uri, b)) changed.add(k);
  } else {
    for (let i = 0; i < a.manifests.length; i++) {
      const x = a.manifests[i];
      const y = b.manifests[i];
      if (x.doc === y.doc) continue;
      if (manifestSignature(x) !== manifestSignature(y)) {
        changed.add(x.kind ?? '?');
        changed.add(y.kind ?? '?');
      }
      if (replicasSignature(x) !== replicasSignature(y)) {
        changed.add(replicasKey(x.kind ?? '?'));
        changed.add(replicasKey(y.kind ?? '?'));
      }
    }
  }
  if (isKustomizationUri(uri)) {
    const k1 = readKustomization(uri, a);
    const k2 = readKustomization(uri, b);
    if (k1.namespace !== k2.namespace || k1.resources.join(',') !== k2.resources.join(',')) changed.add('');
  }
  return [...changed];
}

/** Every kind a file holds ('' too for a kustomization): what its arrival or removal changes. */
function kindsIn(uri: string, file: ParsedFile): string[] {
  const kinds = new Set<string>();
  for (const m of file.manifests) {
    kinds.add(m.kind ?? '?');
    kinds.add(replicasKey(m.kind ?? '?'));
  }
  if (isKustomizationUri(uri)) kinds.add('');
  return [...kinds];
}

/** Builds an index over a set of files (the CLI: every file of one run). */
export function buildWorkspace(files: Iterable<WorkspaceFile>): WorkspaceIndex {
  const index = new WorkspaceIndex();
  for (const f of files) index.update(f.uri, f.parsed ?? f.text ?? '');
  return index;
}

export function effectiveNamespace(manifest: Manifest, kustomizeNamespace?: string): string {
  if (manifest.kind && CLUSTER_SCOPED_KINDS.has(manifest.kind)) return '';
  return kustomizeNamespace || manifest.namespace || 'default';
}

/** The namespace of the manifest being checked, as the workspace sees it. */
export function namespaceIn(workspace: WorkspaceView | undefined, uri: string, manifest: Manifest): string {
  if (workspace?.namespaceOf) return workspace.namespaceOf(uri, manifest);
  return effectiveNamespace(manifest);
}

export function isKustomizationUri(uri: string): boolean {
  return /(^|\/)(kustomization\.ya?ml|Kustomization)$/.test(uri);
}

function readKustomization(uri: string, file: ParsedFile): Kustomization {
  const root = file.manifests[0]?.root;
  if (!isMap(root)) return { resources: [] };
  const dir = uri.slice(0, uri.lastIndexOf('/') + 1);
  const resources = seqItems(get(root, 'resources'))
    .map((n) => str(n))
    .filter((s): s is string => !!s && /\.ya?ml$/.test(s))
    .map((s) => resolveUri(dir, s));
  return { namespace: str(get(root, 'namespace')), resources };
}

/** Resolves a relative path against a folder URI (ending in `/`), normalizing `.` and `..`. */
export function resolveUri(dirUri: string, rel: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(rel)) return rel;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(dirUri);
  const authority = m ? m[1] : '';
  const basePath = m ? m[2] : dirUri;
  const segments = (rel.startsWith('/') ? rel : basePath + rel).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '.' || (s === '' && out.length > 0)) continue;
    if (s === '..') {
      if (out.length > 1) out.pop();
      continue;
    }
    out.push(s);
  }
  return authority + out.join('/');
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}
