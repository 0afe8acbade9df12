/**
 * The Clusters tree: contexts (the active one marked) → namespaces → Services and Ingresses.
 * Lazy and paged: each level is read when expanded, a page at a time ("Load more" items).
 * Errors and empty states are items with an action, never a silently empty tree.
 */
import * as vscode from 'vscode';
import { ClusterError } from '../cluster/errors';
import type { Ingress, Service } from '../diagnose/types';
import type { ClusterSession } from './clusterSession';

export const PAGE_SIZE = 200;

export type Node =
  | { type: 'context'; context: string; server?: string; active: boolean; kubeconfigCurrent: boolean; namespace?: string }
  | { type: 'namespace'; context: string; namespace: string }
  | { type: 'service'; context: string; namespace: string; service: Service }
  | { type: 'ingress'; context: string; namespace: string; ingress: Ingress }
  | { type: 'more'; parent: Node & { type: 'context' | 'namespace' }; key: string }
  | { type: 'message'; label: string; detail?: string; tooltip?: string; icon: string; command?: vscode.Command; contextValue?: string };

interface Paged<T> {
  items: T[];
  next?: string;
}

const TYPE_ICON: Record<string, string> = {
  ClusterIP: 'symbol-interface',
  NodePort: 'plug',
  LoadBalancer: 'cloud',
  ExternalName: 'link-external',
};

export function servicePorts(s: Service): string {
  return (s.spec?.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

export function serviceExternal(s: Service): string | undefined {
  const type = s.spec?.type ?? 'ClusterIP';
  if (type === 'ExternalName') return s.spec?.externalName;
  if (type !== 'LoadBalancer') return s.spec?.externalIPs?.join(',');
  const lb = (s.status?.loadBalancer?.ingress ?? []).map((i) => i.hostname ?? i.ip).filter(Boolean);
  return lb.length ? lb.join(',') : 'pending';
}

export function ingressHosts(i: Ingress): string[] {
  return [...new Set((i.spec?.rules ?? []).map((r) => r.host ?? '*'))];
}

export function ingressAddress(i: Ingress): string | undefined {
  const a = (i.status?.loadBalancer?.ingress ?? []).map((x) => x.hostname ?? x.ip).filter(Boolean);
  return a.length ? a.join(',') : undefined;
}

const REASON_LABEL: Record<string, string> = {
  unreachable: 'Cannot reach the cluster',
  tls: 'TLS failure',
  timeout: 'The cluster did not answer',
  unauthorized: 'Credentials rejected (401)',
  expired: 'Credentials expired',
  forbidden: 'Not allowed (403)',
  notFound: 'Not found',
  credentials: 'Credential plugin failed',
  config: 'Kubeconfig problem',
  malformed: 'Unexpected answer',
  server: 'Cluster error',
  throttled: 'Throttled',
  gone: 'List expired',
  cancelled: 'Cancelled',
};

export function errorNode(e: unknown, retry: Node | undefined): Node {
  const err = e instanceof ClusterError ? e : new ClusterError('server', e instanceof Error ? e.message : String(e));
  return {
    type: 'message',
    label: REASON_LABEL[err.reason] ?? 'Error',
    detail: err.message,
    tooltip: `${err.message}\n\nClick to retry.`,
    icon: 'error',
    command: { title: 'Retry', command: 'kubeExpose.refreshClusters', arguments: retry ? [retry] : [] },
    contextValue: 'kubeExpose.error',
  };
}

export class ClusterTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Pages read so far per expandable node, so "Load more" appends. */
  private pages = new Map<string, { items: Node[]; next?: string }>();
  private parents = new WeakMap<Node, Node>();

  constructor(
    private readonly session: ClusterSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    session.onDidChange(() => this.refresh());
  }

  refresh(node?: Node): void {
    if (node && (node.type === 'context' || node.type === 'namespace')) {
      for (const k of [...this.pages.keys()]) if (k.startsWith(keyOf(node))) this.pages.delete(k);
      this.changed.fire(node);
    } else {
      this.pages.clear();
      this.changed.fire();
    }
  }

  getParent(node: Node): Node | undefined {
    return this.parents.get(node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'context': {
        const item = new vscode.TreeItem(node.context, node.active ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `ctx:${node.context}`;
        item.description = [node.active ? '● active' : '', node.kubeconfigCurrent && !node.active ? 'kubeconfig current' : '', node.server ?? ''].filter(Boolean).join('  ');
        item.iconPath = new vscode.ThemeIcon(node.active ? 'vm-active' : 'vm-outline');
        item.tooltip = new vscode.MarkdownString(`**Context** ${md(node.context)}${node.active ? ' (active in kube-expose)' : ''}\n\nServer: ${md(node.server ?? '?')}${node.namespace ? `\n\nDefault namespace: ${md(node.namespace)}` : ''}`);
        item.contextValue = node.active ? 'kubeExpose.context.active' : 'kubeExpose.context';
        return item;
      }
      case 'namespace': {
        const item = new vscode.TreeItem(node.namespace, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `ns:${node.context}/${node.namespace}`;
        item.iconPath = new vscode.ThemeIcon('symbol-namespace');
        item.contextValue = 'kubeExpose.namespace';
        return item;
      }
      case 'service': {
        const s = node.service;
        const type = s.spec?.type ?? 'ClusterIP';
        const ext = serviceExternal(s);
        const item = new vscode.TreeItem(s.metadata?.name ?? '?', vscode.TreeItemCollapsibleState.None);
        item.id = `svc:${node.context}/${node.namespace}/${s.metadata?.name}`;
        item.description = [type, servicePorts(s), ext].filter(Boolean).join('  ');
        item.iconPath = new vscode.ThemeIcon(TYPE_ICON[type] ?? 'symbol-interface', ext === 'pending' ? new vscode.ThemeColor('list.warningForeground') : undefined);
        const tip = new vscode.MarkdownString();
        tip.appendMarkdown(`**Service** ${md(node.namespace)}/${md(s.metadata?.name ?? '')} — ${md(type)}\n\n`);
        if (s.spec?.clusterIP) tip.appendMarkdown(`ClusterIP: ${md(s.spec.clusterIP)}\n\n`);
        for (const p of s.spec?.ports ?? []) tip.appendMarkdown(`- port ${p.port}${p.name ? ` (${md(p.name)})` : ''} → ${md(String(p.targetPort ?? p.port))}${p.nodePort ? `, nodePort ${p.nodePort}` : ''}\n`);
        if (s.spec?.selector) tip.appendMarkdown(`\nSelector: ${md(Object.entries(s.spec.selector).map(([k, v]) => `${k}=${v}`).join(', '))}\n`);
        if (ext) tip.appendMarkdown(`\nExternal: ${md(ext)}\n`);
        item.tooltip = tip;
        item.contextValue = `kubeExpose.service${type === 'LoadBalancer' || type === 'NodePort' ? '.external' : ''}`;
        item.command = { title: 'Diagnose Service', command: 'kubeExpose.diagnoseService', arguments: [node] };
        return item;
      }
      case 'ingress': {
        const i = node.ingress;
        const cls = i.spec?.ingressClassName ?? i.metadata?.annotations?.['kubernetes.io/ingress.class'];
        const addr = ingressAddress(i);
        const item = new vscode.TreeItem(i.metadata?.name ?? '?', vscode.TreeItemCollapsibleState.None);
        item.id = `ing:${node.context}/${node.namespace}/${i.metadata?.name}`;
        item.description = [ingressHosts(i).join(','), cls ? `class ${cls}` : 'no class', addr ?? 'no address'].join('  ');
        item.iconPath = new vscode.ThemeIcon('globe', addr ? undefined : new vscode.ThemeColor('list.warningForeground'));
        const tip = new vscode.MarkdownString(`**Ingress** ${md(node.namespace)}/${md(i.metadata?.name ?? '')}\n\nClass: ${md(cls ?? '(default)')}\n\nAddress: ${md(addr ?? 'none yet')}\n\n`);
        for (const r of i.spec?.rules ?? []) for (const p of r.http?.paths ?? []) tip.appendMarkdown(`- ${md(r.host ?? '*')}${md(p.path ?? '/')} → ${md(p.backend?.service?.name ?? '?')}:${md(String(p.backend?.service?.port?.number ?? p.backend?.service?.port?.name ?? '?'))}\n`);
        item.tooltip = tip;
        item.contextValue = 'kubeExpose.ingress';
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { title: 'Load more', command: 'kubeExpose.loadMore', arguments: [node] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.detail;
        item.tooltip = node.tooltip ?? node.detail;
        item.iconPath = new vscode.ThemeIcon(node.icon, node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : node.icon === 'warning' ? new vscode.ThemeColor('list.warningForeground') : undefined);
        item.command = node.command;
        item.contextValue = node.contextValue ?? 'kubeExpose.message';
        return item;
      }
    }
  }

  async getChildren(node?: Node): Promise<Node[]> {
    try {
      const children = await this.children(node);
      for (const c of children) if (node) this.parents.set(c, node);
      return children;
    } catch (e) {
      this.log.error(`cluster tree: ${e instanceof Error ? e.message : String(e)}`);
      return [errorNode(e, node)];
    }
  }

  private async children(node?: Node): Promise<Node[]> {
    if (!node) return this.roots();
    if (node.type === 'context') return this.withProgress(() => this.namespaces(node));
    if (node.type === 'namespace') return this.withProgress(() => this.objects(node));
    return [];
  }

  private withProgress<T>(fn: () => Promise<T>): Promise<T> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: 'kubeExpose.clusters' } }, fn));
  }

  private roots(): Node[] {
    const k = this.session.kubeconfig();
    if (k.state === 'missing') return []; // the view's welcome content explains and offers actions
    if (k.state === 'broken') {
      return [
        { type: 'message', label: 'Kubeconfig cannot be read', detail: k.message, tooltip: `${k.message}\n\nClick to choose another kubeconfig.`, icon: 'error', command: { title: 'Choose Kubeconfig', command: 'kubeExpose.openKubeconfigSettings' }, contextValue: 'kubeExpose.error' },
      ];
    }
    const active = this.session.activeContext();
    const current = this.session.kubeconfigCurrent();
    return k.contexts.map((c) => ({ type: 'context', context: c.name, server: c.server, namespace: c.namespace, active: c.name === active, kubeconfigCurrent: c.name === current }));
  }

  private async namespaces(node: Node & { type: 'context' }): Promise<Node[]> {
    const key = keyOf(node);
    const r = this.session.reader(node.context);
    let state = this.pages.get(key);
    if (!state) {
      try {
        const page = await r.list<{ metadata?: { name?: string } }>('namespaces', { limit: PAGE_SIZE });
        state = { items: page.items.map((n) => ({ type: 'namespace', context: node.context, namespace: n.metadata?.name ?? '?' })), next: page.continue };
      } catch (e) {
        if (!(e instanceof ClusterError) || e.reason !== 'forbidden') throw e;
        // Cannot list namespaces: show the context's namespace (and the filter's), with the reason.
        const names = new Set([node.namespace ?? 'default', ...this.session.namespaceFilter().filter((f) => !f.endsWith('*'))]);
        state = {
          items: [
            { type: 'message', label: 'Namespaces cannot be listed', detail: e.message, icon: 'warning', command: { title: 'Filter Namespaces', command: 'kubeExpose.filterNamespaces' } },
            ...[...names].map((n): Node => ({ type: 'namespace', context: node.context, namespace: n })),
          ],
        };
      }
      this.pages.set(key, state);
    }
    const shown = state.items.filter((n) => n.type !== 'namespace' || this.session.matchesFilter(n.namespace));
    const out: Node[] = [...shown];
    if (this.session.namespaceFilter().length) out.unshift({ type: 'message', label: `Filter: ${this.session.namespaceFilter().join(', ')}`, icon: 'filter', command: { title: 'Filter Namespaces', command: 'kubeExpose.filterNamespaces' } });
    if (state.next) out.push({ type: 'more', parent: node, key });
    if (!out.some((n) => n.type === 'namespace')) out.push({ type: 'message', label: 'No namespace matches the filter', icon: 'info', command: { title: 'Filter Namespaces', command: 'kubeExpose.filterNamespaces' } });
    return out;
  }

  private async objects(node: Node & { type: 'namespace' }): Promise<Node[]> {
    const key = keyOf(node);
    let state = this.pages.get(key);
    if (!state) {
      state = { items: [] };
      const r = this.session.reader(node.context);
      const [svcs, ings] = await Promise.allSettled([
        r.list<Service>('services', { namespace: node.namespace, limit: PAGE_SIZE }),
        r.list<Ingress>('ingresses', { namespace: node.namespace, limit: PAGE_SIZE }),
      ]);
      const fatal = [svcs, ings].find((x): x is PromiseRejectedResult => x.status === 'rejected' && !(x.reason instanceof ClusterError && !x.reason.fatal));
      if (fatal) throw fatal.reason;
      const tokens: Record<string, string | undefined> = {};
      if (svcs.status === 'fulfilled') {
        state.items.push(...svcs.value.items.map((s): Node => ({ type: 'service', context: node.context, namespace: node.namespace, service: s })));
        tokens.services = svcs.value.continue;
      } else state.items.push(errorNode(svcs.reason, node));
      if (ings.status === 'fulfilled') {
        state.items.push(...ings.value.items.map((i): Node => ({ type: 'ingress', context: node.context, namespace: node.namespace, ingress: i })));
        tokens.ingresses = ings.value.continue;
      } else state.items.push(errorNode(ings.reason, node));
      state.next = tokens.services || tokens.ingresses ? JSON.stringify(tokens) : undefined;
      this.pages.set(key, state);
    }
    const out = [...state.items];
    if (state.next) out.push({ type: 'more', parent: node, key });
    if (out.length === 0) out.push({ type: 'message', label: `No Services or Ingresses in ${node.namespace}`, icon: 'info', command: { title: 'Refresh', command: 'kubeExpose.refreshClusters', arguments: [node] } });
    return out;
  }

  /** Reads the next page under a "Load more" item. */
  async loadMore(more: Node & { type: 'more' }): Promise<void> {
    const state = this.pages.get(more.key);
    if (!state?.next) return;
    const parent = more.parent;
    const r = this.session.reader(parent.context);
    try {
      if (parent.type === 'context') {
        const page = await r.list<{ metadata?: { name?: string } }>('namespaces', { limit: PAGE_SIZE, continue: state.next });
        state.items.push(...page.items.map((n): Node => ({ type: 'namespace', context: parent.context, namespace: n.metadata?.name ?? '?' })));
        state.next = page.continue;
      } else {
        const tokens = JSON.parse(state.next) as Record<string, string | undefined>;
        const next: Record<string, string | undefined> = {};
        if (tokens.services) {
          const p = await r.list<Service>('services', { namespace: parent.namespace, limit: PAGE_SIZE, continue: tokens.services });
          const at = state.items.filter((n) => n.type === 'service').length;
          state.items.splice(at, 0, ...p.items.map((s): Node => ({ type: 'service', context: parent.context, namespace: parent.namespace, service: s })));
          next.services = p.continue;
        }
        if (tokens.ingresses) {
          const p = await r.list<Ingress>('ingresses', { namespace: parent.namespace, limit: PAGE_SIZE, continue: tokens.ingresses });
          state.items.push(...p.items.map((i): Node => ({ type: 'ingress', context: parent.context, namespace: parent.namespace, ingress: i })));
          next.ingresses = p.continue;
        }
        state.next = next.services || next.ingresses ? JSON.stringify(next) : undefined;
      }
    } catch (e) {
      state.items.push(errorNode(e, parent));
      state.next = undefined;
    }
    this.changed.fire(parent);
  }

  /** A plain description of the visible tree (for tests and the log). */
  async describe(depth = 3, node?: Node, level = 0): Promise<DescribedItem[]> {
    const out: DescribedItem[] = [];
    for (const c of await this.getChildren(node)) {
      const item = this.getTreeItem(c);
      const d: DescribedItem = { label: String(typeof item.label === 'string' ? item.label : item.label?.label ?? ''), description: typeof item.description === 'string' ? item.description : undefined, contextValue: item.contextValue, kind: c.type };
      if (level + 1 < depth && (c.type === 'context' || c.type === 'namespace')) d.children = await this.describe(depth, c, level + 1);
      out.push(d);
    }
    return out;
  }
}

export interface DescribedItem {
  label: string;
  description?: string;
  contextValue?: string;
  kind: Node['type'];
  children?: DescribedItem[];
}

function keyOf(node: Node): string {
  if (node.type === 'context') return `ctx:${node.context}`;
  if (node.type === 'namespace') return `ctx:${node.context}/ns:${node.namespace}`;
  return '';
}

function md(s: string): string {
  return s.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1');
}
