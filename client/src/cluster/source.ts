/**
 * Which kubeconfig files to read, the way kubectl chooses them. Cheap (no @kubernetes/client-node),
 * so the extension can tell at activation whether a kubeconfig exists at all.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? path.join(home, p.slice(2)) : p;
}

export interface KubeconfigSourceInput {
  /** kubeExpose.kubeconfigPath (already ignored by the caller when empty). */
  settingPath?: string;
  /** Whether the workspace is trusted; the setting is ignored when it is not. */
  trusted: boolean;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface KubeconfigSource {
  origin: 'setting' | 'KUBECONFIG' | 'default';
  /** The files in merge order (existing or not); watch them all. */
  files: string[];
  /** A note for the log, e.g. that the setting was ignored. */
  note?: string;
}

export function kubeconfigSource(input: KubeconfigSourceInput): KubeconfigSource {
  const env = input.env ?? process.env;
  const home = input.home ?? os.homedir();
  let note: string | undefined;
  const setting = input.settingPath?.trim();
  if (setting) {
    if (input.trusted) return { origin: 'setting', files: [path.resolve(expandHome(setting, home))] };
    note = 'kubeExpose.kubeconfigPath is ignored because this workspace is not trusted.';
  }
  const kc = env.KUBECONFIG;
  if (kc && kc.length > 0) {
    const files = kc.split(path.delimiter).filter((f) => f.length > 0).map((f) => path.resolve(expandHome(f, home)));
    return { origin: 'KUBECONFIG', files: [...new Set(files)], ...(note ? { note } : {}) };
  }
  return { origin: 'default', files: [path.join(home, '.kube', 'config')], ...(note ? { note } : {}) };
}

/** Whether any of the files exists. */
export function anyKubeconfigExists(source: KubeconfigSource): boolean {
  return source.files.some((f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  });
}

/** The current-context of the first file that sets one, read without a YAML parser (for labels only). */
export function peekCurrentContext(source: KubeconfigSource): string | undefined {
  for (const f of source.files) {
    try {
      const m = /^current-context:[ \t]*["']?([^"'\s#]+)/m.exec(fs.readFileSync(f, 'utf8'));
      if (m) return m[1];
    } catch {
      // missing file: next one
    }
  }
  return undefined;
}
