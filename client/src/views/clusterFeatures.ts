/**
 * The cluster side of the extension: the Clusters tree, Diagnose Service, the CodeLens above
 * Service manifests and their commands.
 *
 * Activation stays cheap: this file loads neither @kubernetes/client-node nor the cluster code.
 * They are imported (dynamic import, bundled by esbuild) the first time the tree is expanded or a
 * cluster command runs. The CodeLens uses a cheap text scan and peeks at the kubeconfig's
 * current-context line only.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { anyKubeconfigExists, kubeconfigSource, peekCurrentContext } from '../cluster/source';
import type { ClusterFeatures } from './clusterCommands';
import type { Node } from './clusterTree';
import { locateServices } from './serviceLocator';

let loading: Promise<ClusterFeatures> | undefined;

/**
 * The cluster code is a bundle of its own, `dist/cluster.js` (entry `clusterBundle.ts`), loaded on
 * first use. A run-time `require` keeps esbuild from inlining it into `dist/client.js`.
 */
function clusterBundle(): typeof import('./clusterBundle') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'cluster.js')) as typeof import('./clusterBundle');
}
let loaded: ClusterFeatures | undefined;

export function registerClusterFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const changed = new vscode.EventEmitter<Node | undefined | void>();
  const load = (): Promise<ClusterFeatures> =>
    (loading ??= Promise.resolve().then(() => clusterBundle()).then((m) => {
      const f = new m.ClusterFeatures(context, log);
      f.tree.onDidChangeTreeData((n) => changed.fire(n));
      f.session.onDidChange(() => lenses.refresh());
      context.subscriptions.push(f);
      loaded = f;
      log.info('cluster features loaded');
      return f;
    }));

  const source = () => kubeconfigSource({ settingPath: vscode.workspace.getConfiguration('kubeExpose').get<string>('kubeconfigPath') ?? '', trusted: vscode.workspace.isTrusted });
  const setState = () => void vscode.commands.executeCommand('setContext', 'kubeExpose.kubeconfigState', anyKubeconfigExists(source()) ? 'unknown' : 'missing');
  setState();

  const tree: vscode.TreeDataProvider<Node> = {
    onDidChangeTreeData: changed.event,
    getTreeItem: (n) => loaded!.tree.getTreeItem(n),
    getChildren: async (n) => (await load()).tree.getChildren(n),
    getParent: (n) => loaded?.tree.getParent(n),
  };
  const lenses = new ServiceLenses(() => loaded?.session.activeContext() ?? peekCurrentContext(source()), () => loaded?.session.kubeconfig().state === 'ok' || (!loaded && anyKubeconfigExists(source())));

  const cmd = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown);
  context.subscriptions.push(
    changed,
    vscode.window.createTreeView('kubeExpose.clusters', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.languages.registerCodeLensProvider([{ language: 'yaml', scheme: 'file' }, { language: 'yaml', scheme: 'untitled' }], lenses),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubeExpose.kubeconfigPath')) {
        setState();
        lenses.refresh();
      }
    }),
    cmd('kubeExpose.refreshClusters', async (node?: Node) => {
      if (!loaded) {
        setState();
        changed.fire();
        return;
      }
      if (!node) loaded.session.reload('refresh');
      else loaded.tree.refresh(node);
    }),
    cmd('kubeExpose.openKubeconfigSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', 'kubeExpose.kubeconfigPath')),
    cmd('kubeExpose.diagnoseService', async (arg?: unknown) => (await load()).diagnose(arg)),
    cmd('kubeExpose.switchContext', async (name?: unknown) => (await load()).switchContext(name)),
    cmd('kubeExpose.filterNamespaces', async (value?: unknown) => (await load()).filterNamespaces(value)),
    cmd('kubeExpose.loadMore', async (node: Node) => node?.type === 'more' && (await load()).tree.loadMore(node)),
    cmd('kubeExpose.openLiveObject', async (node: Node) => (await load()).openLive(node)),
    cmd('kubeExpose.copyDnsName', async (node: Node) => (await load()).copyDnsName(node)),
    cmd('kubeExpose.copyExternalUrl', async (node: Node) => (await load()).copyExternalUrl(node)),
    // Not in the palette: lets tests and bug reports see the tree and the open reports as data.
    cmd('kubeExpose.internal.describeClusterTree', async (depth?: number) => (await load()).tree.describe(depth ?? 3)),
    cmd('kubeExpose.internal.openReports', async () => clusterBundle().ReportPanel.open()),
  );
}

/** "Diagnose in cluster <context>" above each Service manifest. */
class ServiceLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly contextName: () => string | undefined,
    private readonly enabled: () => boolean,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const text = doc.getText();
    if (!/^kind:\s*["']?Service["']?\s*$/m.test(text) || !this.enabled()) return [];
    const ctx = this.contextName();
    return locateServices(text).map(
      (s) =>
        new vscode.CodeLens(new vscode.Range(s.line, 0, s.line, 0), {
          title: ctx ? `$(pulse) Diagnose in cluster ${ctx}` : '$(pulse) Diagnose in cluster',
          tooltip: `Find Service ${s.namespace ?? '(context namespace)'}/${s.name} in the cluster and check every hop to its pods (read-only)`,
          command: 'kubeExpose.diagnoseService',
          arguments: [{ name: s.name, namespace: s.namespace }],
        }),
    );
  }
}
