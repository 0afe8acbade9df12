/**
 * Fine-grained reads a cached check depends on, beyond the kinds it looks up. A fact that changes
 * often without changing what most checks see (a workload's replica count) is read through
 * `noteRead`, so only the checks that actually read it are re-run when it changes. `analyze.ts`
 * sets the listener around each checker run; elsewhere noting is a no-op.
 */
let listener: ((key: string) => void) | undefined;

/** Notes that the running check read `key` (a stamp key of WorkspaceView.stamp). */
export function noteRead(key: string): void {
  listener?.(key);
}

/** Runs `fn` with `note` listening to the reads it makes. */
export function withReads<T>(note: ((key: string) => void) | undefined, fn: () => T): T {
  const outer = listener;
  listener = note;
  try {
    return fn();
  } finally {
    listener = outer;
  }
}

/** The stamp key of the replica counts of the workloads of `kind`. */
export const replicasKey = (kind: string): string => `${kind}#replicas`;
