/**
 * The cluster view in a real VS Code against a real kube-apiserver (etcd + kube-apiserver built
 * from k8s.io/kubernetes by scripts/cluster/build-apiserver.sh, started here on loopback with the
 * diagnosis scenarios of test/cluster/scenarios.ts), reached through its generated kubeconfig.
 * The same product code path as against a user's cluster: kubeconfig → ClusterReader → tree and
 * diagnoseService. Without the built binaries the suite fails and says how to build them.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Report } from '../../../client/src/diagnose/types';
import type { DescribedItem } from '../../../client/src/views/clusterTree';
import { startCluster, type Cluster } from '../../cluster/apiserver';
import { buildScenarios, type Scenario } from '../../cluster/scenarios';
import { activate, until } from './helpers';

async function tree(depth: number): Promise<DescribedItem[]> {
  return (await vscode.commands.executeCommand<DescribedItem[]>('kubeExpose.internal.describeClusterTree', depth)) ?? [];
}
const show = (items: DescribedItem[], indent = ''): string => items.map((i) => `${indent}${i.label}  ${i.description ?? ''}\n${show(i.children ?? [], `${indent}  `)}`).join('');

suite('cluster view against a real kube-apiserver', () => {
  let cluster: Cluster | undefined;
  let scenarios: Scenario[] = [];
  const previous = process.env.KUBECONFIG;
  const scenario = (id: string) => scenarios.find((s) => s.id === id)!;

  suiteSetup(async function () {
    this.timeout(180_000);
    await activate();
    cluster = await startCluster();
    scenarios = await buildScenarios(cluster);
    // The extension host is this process: kube-expose reads $KUBECONFIG like kubectl.
    process.env.KUBECONFIG = cluster.kubeconfigPath;
    await vscode.commands.executeCommand('kubeExpose.refreshClusters');
  });

  suiteTeardown(async () => {
    if (previous === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = previous;
    await vscode.commands.executeCommand('kubeExpose.refreshClusters');
    await cluster?.stop();
  });

  test('the tree lists the real contexts, namespaces and Services', async function () {
    this.timeout(60_000);
    let items: DescribedItem[] = [];
    await until('the tree to show the admin and viewer contexts', async () => {
      items = await tree(3);
      return items.some((i) => i.label === 'admin') && items.some((i) => i.label === 'viewer');
    }, 30_000);
    const admin = items.find((i) => i.label === 'admin')!;
    assert.match(admin.description ?? '', /active/, show(items));
    const healthy = scenario('healthy');
    const ns = admin.children?.find((c) => c.kind === 'namespace' && c.label === healthy.namespace);
    assert.ok(ns, `namespace ${healthy.namespace} missing:\n${show(items)}`);
    const web = ns.children?.find((c) => c.kind === 'service' && c.label === healthy.service);
    assert.ok(web, show(items));
    // The ClusterIP was allocated by the real API server.
    assert.match(web.description ?? '', /^ClusterIP {2}\d+\/TCP/, show(items));
  });

  test('Diagnose Service judges the real objects: healthy passes, a selector that matches no pod fails', async function () {
    this.timeout(60_000);
    const ok = scenario('healthy');
    const good = await vscode.commands.executeCommand<Report>('kubeExpose.diagnoseService', { namespace: ok.namespace, name: ok.service, open: false });
    assert.equal(good?.target.context, 'admin');
    assert.equal(good?.verdict.status, 'pass', good?.verdict.headline);
    assert.equal(good?.dnsName, `${ok.service}.${ok.namespace}.svc.cluster.local`);
    const bad = scenario('no-matching-pods');
    const broken = await vscode.commands.executeCommand<Report>('kubeExpose.diagnoseService', { namespace: bad.namespace, name: bad.service, open: false });
    assert.equal(broken?.verdict.status, 'fail', broken?.verdict.headline);
    assert.equal(broken?.checks.find((c) => c.id === 'selector-matches-pods')?.status, 'fail');
  });
});
