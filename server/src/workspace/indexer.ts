/**
 * The server side of the workspace index: fills the core's `WorkspaceIndex` from the workspace
 * folders on disk, keeps it current on file events and on edits of open documents (the editor's
 * text wins over the disk while a document is open), and reports progress. No Kubernetes knowledge.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isKustomizationUri, WorkspaceIndex } from '../core/workspace';
import { parseFile } from '../core/yaml/parse';
import type { ParsedFile } from '../core';
import { excludeMatcher } from './glob';
import { findYamlFiles, MAX_FILE_BYTES, SKIPPED_DIRS } from './scan';

export interface ProgressSink {
  begin(title: string, percentage?: number, message?: string): void;
  report(percentage: number, message?: string): void;
  done(): void;
}

export interface IndexStats {
  files: number;
  manifests: number;
  skippedLarge: number;
  ms: number;
}

/** One spelling per file URI, whatever encoding the client or Node used. */
export function canonicalUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A cheap pre-check before parsing a file from disk: a Kubernetes manifest has a `kind:` key, a
 * kustomization lists resources. Files with neither are never parsed for the index.
 */
export function mayHoldManifests(uri: string, text: string): boolean {
  return isKustomizationUri(uri) || /\bkind["']?[ \t]*:/.test(text);
}

/** Whether a URI or path names a YAML file (by its extension). */
export const isYamlPath = (p: string): boolean => /\.ya?ml$/i.test(p);

/** Yields to the event loop so pending requests and notifications are handled. */
export const yieldNow = (): Promise<void> => new Promise((r) => setImmediate(r));

export class WorkspaceIndexer {
  private live = new WorkspaceIndex();
  /** Files changed on disk while a scan runs: re-read once the scan's index is in place. */
  private touchedDuringScan = new Set<string>();
  private scanning = false;

  /**
   * The index requests and checks read. A scan fills a separate index and swaps it in when done,
   * so requests during the scan see only the open documents and never pay for a half-built index.
   */
  get index(): WorkspaceIndex {
    return this.live;
  }
  private readonly open = new Set<string>();
  private folders: string[] = [];
  private isExcluded: (rel: string) => boolean = () => false;
  /** True once the first full scan has finished (cross-file results are complete). */
  ready = false;
  private run = 0;

  constructor(private readonly log: (msg: string) => void = () => undefined) {}

  /** Scans the folders and indexes every YAML file, yielding often. A newer call supersedes an older one. */
  async indexFolders(folderUris: string[], filesExclude: Record<string, unknown> | null | undefined, progress?: ProgressSink): Promise<IndexStats | undefined> {
    const run = ++this.run;
    const t0 = Date.now();
    this.folders = folderUris.map(uriToPath).filter((p): p is string => !!p);
    this.isExcluded = excludeMatcher(filesExclude);
    progress?.begin('Kube Expose: indexing manifests', 0, 'finding YAML files');
    let files = 0;
    let skippedLarge = 0;
    const staging = new WorkspaceIndex();
    this.scanning = true;
    try {
      const found: string[] = [];
      for (const folder of this.folders) {
        const r = await findYamlFiles(folder, { isExcluded: this.isExcluded, yieldNow });
        found.push(...r.files.map((f) => f.path));
        skippedLarge += r.skippedLarge.length;
        for (const p of r.skippedLarge) this.log(`not indexing ${p}: larger than ${MAX_FILE_BYTES} bytes (it is checked when opened)`);
        if (run !== this.run) return undefined;
      }
      let lastYield = Date.now();
      let lastReport = 0;
      const BATCH = 32;
      const readBatch = (i: number) => Promise.all(found.slice(i, i + BATCH).map((p) => fs.readFile(p, 'utf8').catch(() => undefined)));
      // Reading the next batch overlaps with parsing the current one.
      let pending = found.length ? readBatch(0) : undefined;
      for (let i = 0; i < found.length; i += BATCH) {
        const batch = found.slice(i, i + BATCH);
        const texts = await pending!;
        pending = i + BATCH < found.length ? readBatch(i + BATCH) : undefined;
        if (run !== this.run) return undefined;
        for (let j = 0; j < batch.length; j++) {
          const text = texts[j];
          const uri = canonicalUri(pathToFileURL(batch[j]).href);
          if (text === undefined || this.open.has(uri)) continue;
          if (!mayHoldManifests(uri, text)) continue; // compose files, CI workflows, Helm values: not parsed
          staging.put(uri, parseFile(text));
          files++;
          if (Date.now() - lastYield > 8) {
            await yieldNow();
            lastYield = Date.now();
            if (run !== this.run) return undefined;
          }
        }
        const pct = Math.floor(((i + batch.length) * 100) / Math.max(1, found.length));
        if (pct >= lastReport + 5) {
          lastReport = pct;
          progress?.report(pct, `${i + batch.length} of ${found.length} files`);
        }
      }
      // Swap in the scan's index, with the editor's text of open documents.
      for (const uri of this.open) {
        const f = this.live.file(uri);
        if (f) staging.put(uri, f);
      }
      this.live = staging;
      this.scanning = false;
      const touched = [...this.touchedDuringScan];
      this.touchedDuringScan.clear();
      for (const uri of touched) {
        if (this.open.has(uri)) continue;
        if (isYamlPath(uri)) await this.refreshFromDisk(uri);
        else await this.readCreatedFolder(uri);
      }
    } finally {
      if (run === this.run) this.scanning = false;
      progress?.done();
    }
    this.ready = true;
    const stats = { files, manifests: [...this.index.all()].length, skippedLarge, ms: Date.now() - t0 };
    this.log(`indexed ${stats.files} YAML files (${stats.manifests} Kubernetes manifests) in ${stats.ms} ms`);
    return stats;
  }

  /**
   * An open document's current text. Returns a function that tells whether other files may see a
   * change (it compares signatures: call it after the document's own diagnostics are out).
   */
  updateOpen(uri: string, parsed: ParsedFile): () => boolean {
    const key = canonicalUri(uri);
    this.open.add(key);
    return this.index.put(key, parsed);
  }

  /** A document was closed: the disk version (if the file is part of the workspace) replaces the editor's. */
  async closeDoc(uri: string): Promise<boolean> {
    const key = canonicalUri(uri);
    this.open.delete(key);
    if (this.scanning) this.touchedDuringScan.add(key); // the scan may have skipped it while it was open
    return this.refreshFromDisk(key);
  }

  /**
   * `workspace/didChangeWatchedFiles`: 1 created, 2 changed, 3 deleted. Events name YAML files and,
   * from the client's second watcher, folders (and other files, ignored). Returns true when the
   * index changed.
   */
  async applyFileEvents(changes: Array<{ uri: string; type: number }>): Promise<boolean> {
    let changed = false;
    const seen = new Set<string>(); // both client watchers report a created YAML file
    for (const c of changes) {
      const key = canonicalUri(c.uri);
      if (seen.has(`${c.type} ${key}`)) continue;
      seen.add(`${c.type} ${key}`);
      if (this.open.has(key)) continue; // the editor's version wins while open
      if (this.scanning) this.touchedDuringScan.add(key);
      if (c.type === 3) {
        changed = this.index.remove(key) || changed;
        changed = this.index.removeUnder(key).length > 0 || changed;
      } else if (isYamlPath(key)) {
        changed = (await this.refreshFromDisk(key)) || changed;
      } else if (c.type === 1) {
        changed = (await this.readCreatedFolder(key)) || changed;
      }
    }
    return changed;
  }

  /**
   * A folder created or moved into the workspace. File watchers add their watch on a new folder
   * only after it appears, so files written into it right away (`mkdir -p app && cp *.yaml app/`,
   * a checkout, a folder moved in) get no event of their own: its YAML files are read here.
   */
  private async readCreatedFolder(key: string): Promise<boolean> {
    const p = uriToPath(key);
    const rel = p === undefined ? undefined : this.workspaceRelative(p);
    if (p === undefined || rel === undefined || rel === '') return false;
    const st = await fs.stat(p).catch(() => undefined);
    if (!st) return this.index.removeUnder(key).length > 0; // gone again (or never was)
    if (!st.isDirectory()) return false;
    const { files } = await findYamlFiles(p, { isExcluded: (r) => this.isExcluded(`${rel}/${r}`), yieldNow });
    let changed = false;
    for (const f of files) {
      const uri = canonicalUri(pathToFileURL(f.path).href);
      if (!this.open.has(uri)) changed = (await this.refreshFromDisk(uri)) || changed;
    }
    if (files.length) this.log(`read ${files.length} YAML file(s) of the new folder ${rel}`);
    return changed;
  }

  /** A path's place in a workspace folder ('' for the folder itself), or undefined when outside, skipped or excluded. */
  private workspaceRelative(p: string): string | undefined {
    for (const folder of this.folders) {
      const rel = path.relative(folder, p);
      if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (rel === '') return '';
      const parts = rel.split(path.sep);
      if (parts.some((d) => SKIPPED_DIRS.has(d))) return undefined;
      const r = parts.join('/');
      return this.isExcluded(r) ? undefined : r;
    }
    return undefined;
  }

  private inWorkspace(p: string): boolean {
    return isYamlPath(p) && !!this.workspaceRelative(p);
  }

  private async refreshFromDisk(key: string): Promise<boolean> {
    const p = uriToPath(key);
    if (!p || !this.inWorkspace(p)) return this.index.remove(key);
    try {
      const st = await fs.stat(p);
      if (!st.isFile() || st.size > MAX_FILE_BYTES) return this.index.remove(key);
      const text = await fs.readFile(p, 'utf8');
      if (this.open.has(key)) return false; // opened meanwhile
      if (!mayHoldManifests(key, text)) return this.index.remove(key);
      return this.index.update(key, text);
    } catch {
      return this.index.remove(key);
    }
  }
}
