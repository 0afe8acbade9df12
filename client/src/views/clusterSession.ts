/**
 * The cluster side of the running extension: the loaded kubeconfig, the chosen context, one
 * reader per context, and the poll that reloads the kubeconfig when one of its files changes.
 * Loaded lazily (it pulls in @kubernetes/client-node).
 */
import * as vscode from 'vscode';
import { connectionFor, loadKubeconfig, type ContextInfo, type LoadedKubeconfig } from '../cluster/kubeconfig';
import { ClusterReader } from '../cluster/reader';
import { kubeconfigSource, type KubeconfigSource } from '../cluster/source';
import { ClusterError } from '../cluster/errors';
import { fileStamp, filePoller } from '../cluster/fileWatch';

const CONTEXT_KEY = 'kubeExpose.selectedContext';
const FILTER_KEY = 'kubeExpose.namespaceFilter';

export class ClusterSession implements vscode.Disposable {
  private loaded: LoadedKubeconfig | undefined;
  private readers = new Map<string, ClusterReader>();
  private readonly poller = filePoller((file) => this.reload(`${file} changed`));
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the kubeconfig, the chosen context or the settings change. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly memento: vscode.Memento,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('kubeExpose.kubeconfigPath') || e.affectsConfiguration('kubeExpose.cluster')) this.reload('settings changed');
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.reload('workspace trusted')),
    );
  }

  source(): KubeconfigSource {
    const settingPath = vscode.workspace.getConfiguration('kubeExpose').get<string>('kubeconfigPath') ?? '';
    return kubeconfigSource({ settingPath, trusted: vscode.workspace.isTrusted });
  }

  /** The kubeconfig, loaded on first use and after every change. */
  kubeconfig(): LoadedKubeconfig {
    if (!this.loaded) {
      const src = this.source();
      if (src.note) this.log.info(src.note);
      // Stamped before reading: a write after this point is seen by the next poll.
      const stamps = src.files.map(fileStamp);
      this.loaded = loadKubeconfig(src);
      this.log.info(`kubeconfig: ${this.loaded.state} (${src.origin}: ${src.files.join(', ')})${this.loaded.state !== 'ok' ? ` — ${this.loaded.message}` : ''}`);
      if (this.loaded.state === 'ok') for (const w of this.loaded.warnings) this.log.warn(`kubeconfig: ${w}`);
      void vscode.commands.executeCommand('setContext', 'kubeExpose.kubeconfigState', this.loaded.state);
      this.poller.watch(src.files, stamps);
    }
    return this.loaded;
  }

  reload(why: string): void {
    this.log.info(`reloading the kubeconfig: ${why}`);
    this.loaded = undefined;
    this.readers.clear();
    this.changed.fire();
  }

  contexts(): ContextInfo[] {
    const k = this.kubeconfig();
    return k.state === 'ok' ? k.contexts : [];
  }

  /** The kubeconfig's own current context. */
  kubeconfigCurrent(): string | undefined {
    const k = this.kubeconfig();
    return k.state === 'ok' ? k.current : undefined;
  }

  /** The context kube-expose works with: the user's choice in kube-expose, else the kubeconfig's current one. */
  activeContext(): string | undefined {
    const chosen = this.memento.get<string>(CONTEXT_KEY);
    const names = this.contexts().map((c) => c.name);
    if (chosen && names.includes(chosen)) return chosen;
    return this.kubeconfigCurrent() ?? names[0];
  }

  async chooseContext(name: string | undefined): Promise<void> {
    await this.memento.update(CONTEXT_KEY, name);
    this.changed.fire();
  }

  contextInfo(name: string): ContextInfo | undefined {
    return this.contexts().find((c) => c.name === name);
  }

  /** The reader of a context; throws a ClusterError when the kubeconfig is missing or broken. */
  reader(context?: string): ClusterReader {
    const k = this.kubeconfig();
    if (k.state !== 'ok') throw new ClusterError('config', k.message);
    const name = context ?? this.activeContext();
    if (!name) throw new ClusterError('config', 'The kubeconfig has no context.');
    let r = this.readers.get(name);
    if (!r) {
      const timeoutSeconds = vscode.workspace.getConfiguration('kubeExpose').get<number>('cluster.requestTimeoutSeconds') ?? 15;
      r = new ClusterReader(connectionFor(k.kubeConfig, name), {
        timeoutMs: Math.max(1, timeoutSeconds) * 1000,
        log: (level, message) => this.log[level](`[${name}] ${message}`),
      });
      this.readers.set(name, r);
    }
    return r;
  }

  namespaceFilter(): string[] {
    return (this.memento.get<string>(FILTER_KEY) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  async setNamespaceFilter(text: string): Promise<void> {
    await this.memento.update(FILTER_KEY, text.trim() || undefined);
    this.changed.fire();
  }

  matchesFilter(namespace: string): boolean {
    const f = this.namespaceFilter();
    if (f.length === 0) return true;
    return f.some((p) => (p.endsWith('*') ? namespace.startsWith(p.slice(0, -1)) : namespace === p));
  }

  dispose(): void {
    this.poller.dispose();
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}
