/**
 * Noticing that kubeconfig files changed on disk.
 *
 * Each file's stamp (size, modification time, inode; or "missing") is taken when the kubeconfig
 * is read, and a poll compares the files with those stamps — not with the previous poll. A
 * change made between reading the file and the first poll is therefore still seen (Node's
 * `fs.watchFile` compares poll with poll, so a watcher started after such a write takes the new
 * file as its baseline and never reports it).
 */
import * as fs from 'node:fs';

/** What identifies one version of a file on disk; "missing" when it does not exist. */
export function fileStamp(file: string): string {
  try {
    return stampOf(fs.statSync(file));
  } catch {
    return 'missing';
  }
}

async function fileStampAsync(file: string): Promise<string> {
  try {
    return stampOf(await fs.promises.stat(file));
  } catch {
    return 'missing';
  }
}

function stampOf(st: fs.Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ino}`;
}

export interface FilePoller {
  /** Watch these files against the stamps they had when they were read (same order). */
  watch(files: readonly string[], stamps: readonly string[]): void;
  dispose(): void;
}

/**
 * Polls the watched files every `intervalMs` and calls `onChange` once with the first changed
 * file; watching then stops until `watch` is called again (after the reload).
 */
export function filePoller(onChange: (file: string) => void, intervalMs = 1500): FilePoller {
  let watched: { files: readonly string[]; stamps: readonly string[] } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  let generation = 0;

  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    watched = undefined;
    generation++;
  };

  const poll = async () => {
    if (busy || !watched) return;
    busy = true;
    const mine = generation;
    const { files, stamps } = watched;
    try {
      for (let i = 0; i < files.length; i++) {
        const now = await fileStampAsync(files[i]);
        if (mine !== generation) return;
        if (now !== stamps[i]) {
          stop();
          onChange(files[i]);
          return;
        }
      }
    } finally {
      busy = false;
    }
  };

  return {
    watch(files, stamps) {
      stop();
      if (files.length === 0) return;
      watched = { files: [...files], stamps: [...stamps] };
      timer = setInterval(() => void poll(), intervalMs);
      timer.unref();
    },
    dispose: stop,
  };
}
