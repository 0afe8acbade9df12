/**
 * The cluster side of the extension: tree view and commands. Everything heavy is loaded lazily.
 */
import * as vscode from 'vscode';

class ClusterTree implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  refresh(): void {
    this.changed.fire();
  }
  getTreeItem(item: vscode.TreeItem): vscode.TreeItem {
    return item;
  }
  getChildren(): vscode.TreeItem[] {
    // Empty: the view's welcome content explains how to connect a cluster.
    return [];
  }
}

export function registerClusterFeatures(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  const tree = new ClusterTree();
  void vscode.commands.executeCommand('setContext', 'kubeExpose.kubeconfigState', 'missing');
  context.subscriptions.push(
    vscode.window.createTreeView('kubeExpose.clusters', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.commands.registerCommand('kubeExpose.refreshClusters', () => tree.refresh()),
    vscode.commands.registerCommand('kubeExpose.openKubeconfigSettings', () =>
      vscode.commands.executeCommand('workbench.action.openSettings', 'kubeExpose.kubeconfigPath'),
    ),
    vscode.commands.registerCommand('kubeExpose.diagnoseService', () => {
      log.info('Diagnose Service: no cluster connected');
      void vscode.window.showInformationMessage('Kube Expose: connect a cluster first (kubeconfig).');
    }),
  );
}
