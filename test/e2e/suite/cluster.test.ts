/**
 * The cluster view in a real VS Code, against a fake API server on 127.0.0.1 (the same one the
 * reader's unit tests use) reached through a generated kubeconfig named by $KUBECONFIG in the
 * extension host: the tree lists the Services and Ingresses, Diagnose opens the report, the
 * CodeLens above a Service manifest diagnoses the live object, and an unreachable cluster shows
 * an error item. Only GET requests reach the server.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Report } from '../../../client/src/diagnose/types';
import type { DescribedItem } from '../../../client/src/views/clusterTree';
import { fixtureObjects, startFakeApiServer, type FakeApiServer } from '../../unit/cluster/fake-apiserver';
import { loadFixtures } from '../../unit/cluster/fixtures';
import { activate, closeAllEditors, codeOf, openWorkspaceFile, until, waitForDiagnostics } from './helpers';

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function tree(depth = 3): Promise<DescribedItem[]> {
  return (await vscode.commands.executeCommand<DescribedItem[]>('kubeExpose.internal.describeClusterTree', depth)) ?? [];
}

const show = (items: DescribedItem[], indent = ''): string => items.map((i) => `${indent}${i.label}  ${i.description ?? ''}\n${show(i.children ?? [], `${indent}  `)}`).join('');

suite('cluster view and Diagnose Service', () => {
  let fake: FakeApiServer;
  let dir: string;
  const previous = process.env.KUBECONFIG;

  suiteSetup(async () => {
    await activate();
    const f = loadFixtures().find((x) => x.file === 'healthy-ingress-tls.json')!;
    fake = await startFakeApiServer({
      objects: [
        ...fixtureObjects(f.reads),
        { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'default' } },
        { kind: 'Namespace', apiVersion: 'v1', metadata: { name: 'shop' } },
        { kind: 'Service', apiVersion: 'v1', metadata: { name: 'api', namespace: 'shop' }, spec: { type: 'LoadBalancer', selector: { app: 'api' }, ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }] }, status: { loadBalancer: {} } },
      ],
    });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-expose-e2e-kc-'));
    const dead = await closedPort();
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      'current-context: e2e-fake',
      'clusters:',
      `- name: fake\n  cluster:\n    server: ${fake.url}\n    insecure-skip-tls-verify: true`,
      `- name: dead\n  cluster:\n    server: http://127.0.0.1:${dead}\n    insecure-skip-tls-verify: true`,
      'users:',
      '- name: tester\n  user:\n    token: e2e-token-0123456789',
      'contexts:',
      '- name: e2e-fake\n  context:\n    cluster: fake\n    user: tester\n    namespace: shop',
      '- name: e2e-dead\n  context:\n    cluster: dead\n    user: tester',
    ].join('\n');
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, kubeconfig);
    // The extension host is this process: kube-expose reads $KUBECONFIG like kubectl.
    process.env.KUBECONFIG = file;
    await vscode.commands.executeCommand('kubeExpose.clusters.focus');
    await vscode.commands.executeCommand('kubeExpose.refreshClusters');
  });

  suiteTeardown(async () => {
    if (previous === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = previous;
    await vscode.commands.executeCommand('kubeExpose.refreshClusters');
    await closeAllEditors();
    await fake?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the tree lists the contexts, the namespaces, and the Services and Ingresses of the test cluster', async () => {
    let items: DescribedItem[] = [];
    await until('the tree to show both contexts', async () => {
      items = await tree(3);
      return items.length === 2;
    });
    const [active, deadCtx] = items;
    assert.equal(active!.label, 'e2e-fake', show(items));
    assert.match(active!.description ?? '', /● active/);
    assert.equal(deadCtx!.label, 'e2e-dead');
    assert.doesNotMatch(deadCtx!.description ?? '', /active/);
    const shop = active!.children?.find((c) => c.label === 'shop');
    assert.ok(shop, show(items));
    assert.deepEqual(active!.children?.filter((c) => c.kind === 'namespace').map((c) => c.label), ['default', 'shop']);
    const web = shop.children?.find((c) => c.kind === 'service' && c.label === 'web');
    assert.ok(web, show(items));
    assert.equal(web.description, 'ClusterIP  80/TCP');
    const api = shop.children?.find((c) => c.kind === 'service' && c.label === 'api');
    assert.equal(api?.description, 'LoadBalancer  443:31443/TCP  pending');
    const ing = shop.children?.find((c) => c.kind === 'ingress');
    assert.equal(ing?.label, 'web');
    assert.equal(ing?.description, 'shop.example.com  class nginx  198.51.100.7');
    const empty = active!.children?.find((c) => c.label === 'default')?.children ?? [];
    assert.deepEqual(empty.map((c) => [c.kind, c.label]), [['message', 'No Services or Ingresses in default']]);
  });

  test('an unreachable cluster shows an error item with the reason', async () => {
    const items = await tree(2);
    const deadCtx = items.find((c) => c.label === 'e2e-dead');
    assert.ok(deadCtx, show(items));
    assert.equal(deadCtx.children?.length, 1, show(items));
    const err = deadCtx.children![0]!;
    assert.equal(err.label, 'Cannot reach the cluster');
    assert.equal(err.contextValue, 'kubeExpose.error');
    assert.match(err.description ?? '', /connection refused \(ECONNREFUSED\)/);
  });

  test('Diagnose Service returns the report and opens it in a webview', async () => {
    const report = await vscode.commands.executeCommand<Report>('kubeExpose.diagnoseService', { namespace: 'shop', name: 'web' });
    assert.ok(report, 'the command returned no report');
    assert.equal(report.kind, 'ServiceDiagnosis');
    assert.equal(report.target.context, 'e2e-fake');
    assert.equal(report.verdict.status, 'pass', report.verdict.headline);
    assert.deepEqual(report.verdict.urls, ['https://shop.example.com/']);
    let panels: { title: string; report: Report; html: string }[] = [];
    await until('the report webview to open', async () => {
      panels = (await vscode.commands.executeCommand<typeof panels>('kubeExpose.internal.openReports')) ?? [];
      return panels.some((p) => p.title === 'Diagnose shop/web');
    });
    const panel = panels.find((p) => p.title === 'Diagnose shop/web')!;
    assert.match(panel.html, /Content-Security-Policy/);
    assert.ok(panel.html.includes('Reachable from outside at https://shop.example.com/'));
    const md = await vscode.commands.executeCommand<string>('kubeExpose.diagnoseService', { namespace: 'shop', name: 'api', open: false, format: 'markdown' });
    assert.match(md, /^# Diagnose Service shop\/api \(context e2e-fake\)/);
    assert.match(md, /Load balancer address/);
  });

  test('the CodeLens above a Service manifest diagnoses the live object', async () => {
    const editor = await openWorkspaceFile('cluster', 'web-service.yaml');
    let lenses: vscode.CodeLens[] = [];
    await until('the Diagnose CodeLens', async () => {
      lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
      return lenses.some((l) => l.command?.command === 'kubeExpose.diagnoseService');
    });
    const lens = lenses.find((l) => l.command?.command === 'kubeExpose.diagnoseService')!;
    assert.match(lens.command!.title, /Diagnose in cluster e2e-fake$/);
    assert.equal(lens.range.start.line, 2);
    const report = await vscode.commands.executeCommand<Report>(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.equal(report.target.namespace, 'shop');
    assert.equal(report.target.name, 'web');
  });

  test('a live object opens as read-only YAML and gets kube-expose diagnostics', async () => {
    const node = { type: 'service', context: 'e2e-fake', namespace: 'shop', service: { metadata: { name: 'api' } } };
    await vscode.commands.executeCommand('kubeExpose.openLiveObject', node);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    const doc = editor.document;
    assert.equal(doc.uri.scheme, 'kube-expose-live');
    assert.equal(doc.languageId, 'yaml');
    const text = doc.getText();
    assert.match(text, /^# Live Service shop\/api from context e2e-fake \(read-only\)/);
    assert.match(text, /^kind: Service$/m);
    assert.match(text, /^ {2}name: api$/m);
    // The language server checks the live copy like any manifest: this LoadBalancer has no source ranges.
    await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'kube-expose/service/load-balancer-open'), 'the live object to be checked');
  });

  test('switching the context and filtering namespaces change the tree, not the kubeconfig', async () => {
    const file = process.env.KUBECONFIG!;
    const before = fs.readFileSync(file, 'utf8');
    try {
      await vscode.commands.executeCommand('kubeExpose.switchContext', 'e2e-dead');
      let items = await tree(1);
      assert.match(items.find((c) => c.label === 'e2e-dead')?.description ?? '', /● active/, show(items));
      assert.match(items.find((c) => c.label === 'e2e-fake')?.description ?? '', /kubeconfig current/, show(items));
      const editor = await openWorkspaceFile('cluster', 'web-service.yaml');
      await until('the CodeLens to name the new context', async () => {
        const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri)) ?? [];
        return lenses.some((l) => l.command?.title.endsWith('Diagnose in cluster e2e-dead'));
      });
      await vscode.commands.executeCommand('kubeExpose.switchContext', 'e2e-fake');
      await vscode.commands.executeCommand('kubeExpose.filterNamespaces', 'sh*');
      items = await tree(2);
      const fakeCtx = items.find((c) => c.label === 'e2e-fake');
      assert.match(fakeCtx?.description ?? '', /● active/);
      assert.deepEqual(fakeCtx?.children?.map((c) => `${c.kind}:${c.label}`), ['message:Filter: sh*', 'namespace:shop'], show(items));
    } finally {
      await vscode.commands.executeCommand('kubeExpose.filterNamespaces', '');
      await vscode.commands.executeCommand('kubeExpose.switchContext', 'e2e-fake');
    }
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'the kubeconfig file was not touched');
  });

  test('the tree follows changes of the kubeconfig file', async () => {
    const file = process.env.KUBECONFIG!;
    const original = fs.readFileSync(file, 'utf8');
    try {
      fs.writeFileSync(file, original.replace("- name: e2e-dead\n", "- name: e2e-third\n  context:\n    cluster: fake\n    user: tester\n- name: e2e-dead\n"));
      await until('the new context to appear', async () => (await tree(1)).some((c) => c.label === 'e2e-third'), 20_000);
    } finally {
      fs.writeFileSync(file, original);
    }
    await until('the context to disappear again', async () => !(await tree(1)).some((c) => c.label === 'e2e-third'), 20_000);
  });

  test('only GET requests reached the cluster', () => {
    assert.ok(fake.requests.length > 5);
    assert.deepEqual([...new Set(fake.requests.map((r) => r.method))], ['GET']);
  });
});
