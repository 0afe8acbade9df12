/**
 * The heavy half of the cluster features, loaded on first use: the tree, the Diagnose command,
 * live read-only objects, context switching and the namespace filter.
 */
import * as vscode from 'vscode';
import { stringify } from 'yaml';
import { ClusterError } from '../cluster/errors';
import type { ResourceName } from '../cluster/resources';
import { collectServiceSnapshot } from '../cluster/snapshot';
import { diagnoseService } from '../diagnose/diagnose';
import { reportToJson, reportToMarkdown } from '../diagnose/format';
import type { Ingress, Report, Service } from '../diagnose/types';
import { ClusterSession } from './clusterSession';
import { ClusterTree, ingressHosts, serviceExternal, type Node } from './clusterTree';
import { ReportPanel } from './reportPanel';

export const LIVE_SCHEME = 'kube-expose-live';

/** Arguments of kubeExpose.diagnoseService when called programmatically (tests, CodeLens). */
export interface DiagnoseArgs {
  namespace?: string;
  name: string;
  context?: string;
  /** Open the report panel (default true). */
  open?: boolean;
  /** What the command returns: the Report object (default), or its Markdown or JSON text. */
  format?: 'report' | 'markdown' | 'json';
}

export class ClusterFeatures implements vscode.Disposable {
  readonly session: ClusterSession;
  readonly tree: ClusterTree;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.session = new ClusterSession(context.globalState, log);
    this.tree = new ClusterTree(this.session, log);
    this.disposables.push(this.session, vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, new LiveObjects(this.session)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  /** kubeExpose.diagnoseService: from the tree, with arguments, or with a quick pick. */
  async diagnose(arg?: unknown): Promise<Report | string | undefined> {
    let target: DiagnoseArgs | undefined;
    const node = arg as Node | undefined;
    if (node && typeof node === 'object' && 'type' in node) {
      if (node.type === 'service') target = { context: node.context, namespace: node.namespace, name: node.service.metadata?.name ?? '' };
      else if (node.type === 'ingress') target = await this.pickIngressBackend(node.context, node.namespace, node.ingress);
    } else if (arg && typeof arg === 'object' && typeof (arg as DiagnoseArgs).name === 'string') {
      target = arg as DiagnoseArgs;
    } else {
      target = await this.pickService();
    }
    if (!target) return undefined;
    const ctxName = target.context ?? this.session.activeContext();
    const namespace = target.namespace || (ctxName ? this.session.contextInfo(ctxName)?.namespace : undefined) || 'default';
    const run = (signal?: AbortSignal) => this.runDiagnosis(ctxName, namespace, target.name, signal);
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Diagnosing Service ${namespace}/${target.name}…`, cancellable: true },
      (_p, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        return run(ac.signal).catch((e: unknown) => this.fail(e, token));
      },
    );
    if (!report) return undefined;
    if (target.open !== false) ReportPanel.show(this.context.extensionUri, report, () => run(), this.log);
    this.log.info(`diagnosed ${namespace}/${target.name} in ${report.target.context ?? '?'}: ${report.verdict.headline}`);
    if (target.format === 'markdown') return reportToMarkdown(report);
    if (target.format === 'json') return reportToJson(report);
    return report;
  }

  private async runDiagnosis(context: string | undefined, namespace: string, name: string, signal?: AbortSignal): Promise<Report> {
    const reader = this.session.reader(context);
    // "Recent" Warning events: the last hour (the API server's default event TTL).
    const snapshot = await collectServiceSnapshot(reader, { namespace, name, signal, eventsSince: new Date(Date.now() - 60 * 60 * 1000) });
    return diagnoseService(snapshot);
  }

  private fail(e: unknown, token: vscode.CancellationToken): undefined {
    if (token.isCancellationRequested) return undefined;
    const msg = e instanceof ClusterError ? e.message : `Diagnose failed: ${e instanceof Error ? e.message : String(e)}`;
    this.log.error(msg);
    void vscode.window.showErrorMessage(`Kube Expose: ${msg}`, 'Show Log').then((a) => a && this.log.show(true));
    return undefined;
  }

  private async pickService(): Promise<DiagnoseArgs | undefined> {
    const context = this.session.activeContext();
    if (!context) {
      void vscode.window.showWarningMessage('Kube Expose: no kubeconfig context. Choose a kubeconfig first.', 'Choose Kubeconfig').then((a) => a && vscode.commands.executeCommand('kubeExpose.openKubeconfigSettings'));
      return undefined;
    }
    const reader = this.session.reader(context);
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { ns: string; svc: string }>();
    qp.title = `Diagnose Service (context ${context})`;
    qp.placeholder = 'Type to filter Services (namespace/name)';
    qp.busy = true;
    qp.matchOnDescription = true;
    qp.show();
    const toItem = (s: Service) => ({ label: `${s.metadata?.namespace}/${s.metadata?.name}`, description: [s.spec?.type ?? 'ClusterIP', serviceExternal(s)].filter(Boolean).join('  '), ns: s.metadata?.namespace ?? '', svc: s.metadata?.name ?? '' });
    try {
      let services: Service[];
      try {
        services = (await reader.listAll<Service>('services', { maxItems: 5000 })).items;
      } catch (e) {
        if (!(e instanceof ClusterError) || e.reason !== 'forbidden') throw e;
        const ns = this.session.contextInfo(context)?.namespace ?? 'default';
        services = (await reader.listAll<Service>('services', { namespace: ns, maxItems: 5000 })).items;
      }
      qp.items = services.filter((s) => this.session.matchesFilter(s.metadata?.namespace ?? '')).map(toItem);
    } catch (e) {
      qp.hide();
      this.fail(e, new vscode.CancellationTokenSource().token);
      return undefined;
    } finally {
      qp.busy = false;
    }
    const picked = await new Promise<(vscode.QuickPickItem & { ns: string; svc: string }) | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]));
      qp.onDidHide(() => resolve(undefined));
    });
    qp.dispose();
    return picked ? { context, namespace: picked.ns, name: picked.svc } : undefined;
  }

  private async pickIngressBackend(context: string, namespace: string, ing: Ingress): Promise<DiagnoseArgs | undefined> {
    const names = new Set<string>();
    if (ing.spec?.defaultBackend?.service?.name) names.add(ing.spec.defaultBackend.service.name);
    for (const r of ing.spec?.rules ?? []) for (const p of r.http?.paths ?? []) if (p.backend?.service?.name) names.add(p.backend.service.name);
    const list = [...names];
    if (list.length === 0) {
      void vscode.window.showInformationMessage(`Kube Expose: Ingress ${ing.metadata?.name} routes to no Service.`);
      return undefined;
    }
    const name = list.length === 1 ? list[0] : (await vscode.window.showQuickPick(list, { title: `Diagnose a backend of Ingress ${ing.metadata?.name}` }));
    return name ? { context, namespace, name } : undefined;
  }

  /** Chooses the context kube-expose uses (a name from tests, else a quick pick). */
  async switchContext(name?: unknown): Promise<void> {
    const contexts = this.session.contexts();
    if (name && typeof name === 'object' && (name as Node).type === 'context') name = (name as Node & { type: 'context' }).context;
    if (typeof name === 'string') {
      if (!contexts.some((c) => c.name === name)) throw new Error(`no context named ${name}`);
      await this.session.chooseContext(name === this.session.kubeconfigCurrent() ? undefined : name);
      return;
    }
    if (contexts.length === 0) {
      void vscode.commands.executeCommand('kubeExpose.openKubeconfigSettings');
      return;
    }
    const active = this.session.activeContext();
    const current = this.session.kubeconfigCurrent();
    const pick = await vscode.window.showQuickPick(
      contexts.map((c) => ({ label: c.name, description: [c.name === active ? 'active' : '', c.name === current ? 'kubeconfig current-context' : '', c.server ?? ''].filter(Boolean).join(' · '), name: c.name })),
      { title: 'Kube Expose: context to use (your kubeconfig is not changed)' },
    );
    if (pick) await this.session.chooseContext(pick.name === current ? undefined : pick.name);
  }

  /** Sets the namespace filter (a string from tests, else an input box). */
  async filterNamespaces(value?: unknown): Promise<void> {
    if (typeof value === 'string') return this.session.setNamespaceFilter(value);
    const text = await vscode.window.showInputBox({
      title: 'Filter namespaces',
      prompt: 'Comma-separated namespaces; a trailing * matches a prefix (e.g. shop, team-*). Empty shows all.',
      value: this.session.namespaceFilter().join(', '),
    });
    if (text !== undefined) await this.session.setNamespaceFilter(text);
  }

  async openLive(node: Node): Promise<void> {
    let kind: ResourceName;
    let name: string | undefined;
    if (node.type === 'service') [kind, name] = ['services', node.service.metadata?.name];
    else if (node.type === 'ingress') [kind, name] = ['ingresses', node.ingress.metadata?.name];
    else return;
    const uri = vscode.Uri.from({ scheme: LIVE_SCHEME, path: `/${encodeURIComponent(node.context)}/${encodeURIComponent(node.namespace)}/${kind}/${encodeURIComponent(name ?? '')}.yaml` });
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  async copyDnsName(node: Node): Promise<void> {
    if (node.type !== 'service') return;
    const dns = `${node.service.metadata?.name}.${node.namespace}.svc.cluster.local`;
    await vscode.env.clipboard.writeText(dns);
    void vscode.window.setStatusBarMessage(`Copied ${dns}`, 3000);
  }

  async copyExternalUrl(node: Node): Promise<void> {
    let url: string | undefined;
    if (node.type === 'service') {
      const ext = serviceExternal(node.service);
      const port = node.service.spec?.ports?.[0];
      if (ext && ext !== 'pending' && port) url = node.service.spec?.type === 'ExternalName' ? ext : `${port.port === 443 ? 'https' : 'http'}://${ext.split(',')[0]}${port.port === 80 || port.port === 443 ? '' : `:${port.port}`}`;
    } else if (node.type === 'ingress') {
      const host = ingressHosts(node.ingress).find((h) => h !== '*');
      const tls = (node.ingress.spec?.tls ?? []).some((t) => (t.hosts ?? []).includes(host ?? ''));
      const addr = (node.ingress.status?.loadBalancer?.ingress ?? [])[0];
      const h = host ?? addr?.hostname ?? addr?.ip;
      if (h) url = `${tls ? 'https' : 'http'}://${h}/`;
    }
    if (!url) {
      void vscode.window.showInformationMessage('Kube Expose: this object has no external address yet.');
      return;
    }
    await vscode.env.clipboard.writeText(url);
    void vscode.window.setStatusBarMessage(`Copied ${url}`, 3000);
  }
}

/** Live objects as read-only YAML documents (kube-expose-live:/context/namespace/kind/name.yaml). */
class LiveObjects implements vscode.TextDocumentContentProvider {
  constructor(private readonly session: ClusterSession) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [context, namespace, kind, file] = uri.path.split('/').slice(1).map(decodeURIComponent);
    const name = (file ?? '').replace(/\.yaml$/, '');
    if (kind !== 'services' && kind !== 'ingresses') return `# kube-expose: unsupported object ${uri.path}\n`;
    try {
      const obj = await this.session.reader(context).get<Record<string, unknown> & { metadata?: Record<string, unknown> }>(kind, name, { namespace });
      if (obj.metadata) delete obj.metadata.managedFields;
      return `# Live ${kind === 'services' ? 'Service' : 'Ingress'} ${namespace}/${name} from context ${context} (read-only)\n${stringify(obj)}`;
    } catch (e) {
      return `# kube-expose could not read ${kind} ${namespace}/${name}: ${e instanceof Error ? e.message : String(e)}\n`;
    }
  }
}
