/**
 * Finds the YAML files of a workspace folder: skips vendored and tool folders and whatever
 * `files.exclude` hides, and files over the size cap. Asynchronous and yielding, so the server
 * keeps answering requests while it walks a large tree.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Folders that never hold the project's own manifests. */
export const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor', 'bower_components', '.terraform', '.venv', 'venv', '__pycache__', '.cache', '.idea', '.vscode-test']);

/** Files larger than this are indexed only when opened in the editor. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ScanOptions {
  isExcluded(relPath: string): boolean;
  maxBytes?: number;
  /** Called now and then while walking; awaiting it yields to other work. */
  yieldNow?: () => Promise<void>;
}

export interface ScannedFile {
  path: string;
  size: number;
}

export async function findYamlFiles(root: string, opts: ScanOptions): Promise<{ files: ScannedFile[]; skippedLarge: string[] }> {
  const files: ScannedFile[] = [];
  const skippedLarge: string[] = [];
  const max = opts.maxBytes ?? MAX_FILE_BYTES;
  const queue = [root];
  let visited = 0;
  while (queue.length) {
    const dir = queue.shift()!;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: skip it
    }
    const candidates: string[] = [];
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name) || opts.isExcluded(rel)) continue;
        queue.push(abs);
      } else if ((e.isFile() || e.isSymbolicLink()) && /\.ya?ml$/i.test(e.name) && !opts.isExcluded(rel)) {
        candidates.push(abs);
      }
    }
    // The sizes of a folder's files are asked for all at once (the thread pool runs them in parallel).
    const stats = await Promise.all(candidates.map((p) => fs.stat(p).catch(() => undefined)));
    stats.forEach((st, i) => {
      if (!st?.isFile()) return; // vanished meanwhile, or a link to a folder
      if (st.size > max) skippedLarge.push(candidates[i]);
      else files.push({ path: candidates[i], size: st.size });
    });
    if (++visited % 50 === 0) await opts.yieldNow?.();
  }
  return { files, skippedLarge };
}
