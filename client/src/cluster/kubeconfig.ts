/**
 * Kubeconfig loading, the way kubectl does it: the kubeExpose.kubeconfigPath setting (only in a
 * trusted workspace), else every file of $KUBECONFIG (merged, the first file to set a value wins),
 * else ~/.kube/config. Parsing and credentials come from @kubernetes/client-node.
 *
 * A kubeconfig can run credential plugins (users[].exec): they run only when a request is made,
 * never at load time, and the setting that could point at another file is ignored in untrusted
 * workspaces (see SECURITY.md).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as https from 'node:https';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { ClusterError } from './errors';
import type { KubeconfigSource } from './source';
import type { ClusterConnection } from './reader';
import { Redactor, redactPatterns } from './redact';

export { kubeconfigSource, type KubeconfigSource, type KubeconfigSourceInput } from './source';

export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  server?: string;
}

export type LoadedKubeconfig =
  | { state: 'ok'; source: KubeconfigSource; kubeConfig: KubeConfig; contexts: ContextInfo[]; current?: string; warnings: string[] }
  | { state: 'missing'; source: KubeconfigSource; message: string }
  | { state: 'broken'; source: KubeconfigSource; message: string };

/** Load and merge the kubeconfig files. Never throws. */
export function loadKubeconfig(source: KubeconfigSource): LoadedKubeconfig {
  const existing = source.files.filter((f) => {
    try {
      return fs.statSync(f).isFile();
    } catch {
      return false;
    }
  });
  if (existing.length === 0) {
    const where = source.origin === 'setting' ? `the file named by kubeExpose.kubeconfigPath (${source.files[0]})` : source.origin === 'KUBECONFIG' ? `the files of $KUBECONFIG (${source.files.join(', ')})` : source.files[0];
    return { state: 'missing', source, message: `No kubeconfig found: ${where} does not exist.` };
  }
  const clusters: Cluster[] = [];
  const users: User[] = [];
  const contexts: Context[] = [];
  let current: string | undefined;
  const warnings: string[] = [];
  for (const f of existing) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(f);
    } catch (e) {
      // The parser's message can quote the file: keep its first line only, redacted.
      const msg = redactPatterns((e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200));
      if (existing.length === 1) return { state: 'broken', source, message: `The kubeconfig ${f} cannot be read: ${msg}` };
      warnings.push(`skipped ${f}: ${msg}`);
      continue;
    }
    // kubectl's merge: the first file to define a name (or the current context) wins.
    for (const c of one.getClusters()) if (!clusters.some((x) => x.name === c.name)) clusters.push(c);
    for (const u of one.getUsers()) if (!users.some((x) => x.name === u.name)) users.push(u);
    for (const c of one.getContexts()) if (!contexts.some((x) => x.name === c.name)) contexts.push(c);
    current ||= one.getCurrentContext() || undefined;
  }
  if (contexts.length === 0) return { state: 'broken', source, message: `The kubeconfig ${existing.join(', ')} defines no context.` };
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({ clusters, users, contexts, currentContext: current ?? '' });
  return {
    state: 'ok',
    source,
    kubeConfig,
    current: current && contexts.some((c) => c.name === current) ? current : undefined,
    contexts: contexts.map((c) => ({ name: c.name, cluster: c.cluster, user: c.user, namespace: c.namespace, server: clusters.find((x) => x.name === c.cluster)?.server })),
    warnings,
  };
}

/** A connection to one context of a loaded kubeconfig. Throws a ClusterError("config") when the context is incomplete. */
export function connectionFor(kc: KubeConfig, contextName: string): ClusterConnection {
  const ctx = kc.getContextObject(contextName);
  if (!ctx) throw new ClusterError('config', `The kubeconfig has no context named ${contextName}.`);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster?.server) throw new ClusterError('config', `Context ${contextName} refers to cluster ${ctx.cluster}, which is not defined (or has no server address) in the kubeconfig.`);
  const user = kc.getUser(ctx.user);
  // A private copy focused on this context: switching contexts never touches the user's files.
  const own = new KubeConfig();
  own.loadFromOptions({ clusters: [cluster], users: user ? [user] : [], contexts: [ctx], currentContext: ctx.name });
  const redactor = new Redactor();
  if (user) {
    redactor.add(user.token);
    redactor.add(user.password);
    redactor.add(user.keyData);
    for (const v of Object.values((user.authProvider as { config?: Record<string, string> } | undefined)?.config ?? {})) if (typeof v === 'string' && v.length > 12) redactor.add(v);
  }
  const server = cluster.server;
  return {
    context: contextName,
    server,
    redactor,
    async requestOptions(): Promise<https.RequestOptions> {
      if (server.startsWith('http:') && !cluster.skipTLSVerify) {
        throw new ClusterError('config', `Context ${contextName} uses plain HTTP (${server}); kube-expose, like client-go, refuses that unless the cluster sets insecure-skip-tls-verify: true.`);
      }
      const opts: https.RequestOptions = {};
      await own.applyToHTTPSOptions(opts);
      if (cluster.skipTLSVerify) opts.rejectUnauthorized = false;
      if (typeof opts.key === 'string' || Buffer.isBuffer(opts.key)) redactor.add(opts.key.toString());
      return opts;
    },
  };
}
