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
    for (const e of entries) {
      const abs = path.join(dir, e.name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name) || opts.isExcluded(rel)) continue;
        queue.push(abs);
      } else if ((e.isFile() || e.isSymbolicLink()) && /\.ya?ml$/i.test(e.name) && !opts.isExcluded(rel)) {
        try {
          const st = await fs.stat(abs);
          if (!st.isFile()) continue;
          if (st.size > max) skippedLarge.push(abs);
          else files.push({ path: abs, size: st.size });
        } catch {
          /* vanished meanwhile */
        }
      }
    }
    if (++visited % 50 === 0) await opts.yieldNow?.();
  }
  return { files, skippedLarge };
}
