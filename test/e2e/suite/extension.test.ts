/**
 * The extension in a real VS Code: activation, diagnostics from the language server, completion,
 * the cluster view and commands, and silence on YAML that is not a Kubernetes manifest.
 * Runs against the repository build and against the installed .vsix (scripts/e2e/run.mjs).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  MODE,
  REPO,
  activate,
  closeAllEditors,
  codeOf,
  describe,
  kubeExpose,
  labelOf,
  openUntitledYaml,
  openWorkspaceFile,
  ours,
  waitForDiagnostics,
} from './helpers';

/** Every field of a Service's spec (core/v1 ServiceSpec). */
const SERVICE_SPEC_FIELDS = [
  'allocateLoadBalancerNodePorts', 'clusterIP', 'clusterIPs', 'externalIPs', 'externalName',
  'externalTrafficPolicy', 'healthCheckNodePort', 'internalTrafficPolicy', 'ipFamilies', 'ipFamilyPolicy',
  'loadBalancerClass', 'loadBalancerIP', 'loadBalancerSourceRanges', 'ports', 'publishNotReadyAddresses',
  'selector', 'sessionAffinity', 'sessionAffinityConfig', 'trafficDistribution', 'type',
];

suite('kube-expose in VS Code', () => {
  teardown(closeAllEditors);

  test('activates when a Kubernetes manifest is opened, and starts its language server', async () => {
    const ext = kubeExpose();
    await openWorkspaceFile('service.yaml');
    const api = await activate();
    assert.equal(ext.isActive, true);
    assert.equal(api.languageClient()?.isRunning(), true);
    assert.equal(ext.id, 'kube-expose.kube-expose');
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs >= 0, 'the extension reports its activation time');
    // bench/activation.mjs collects the figure through this file; it is never asserted on.
    if (process.env.KUBE_EXPOSE_BENCH_OUT) fs.writeFileSync(process.env.KUBE_EXPOSE_BENCH_OUT, JSON.stringify({ activationMs: api.activationMs }));
    // The run must exercise the build it claims to: the repository itself, or the installed package.
    const extPath = path.resolve(ext.extensionPath);
    if (MODE === 'vsix') {
      assert.notEqual(extPath, path.resolve(REPO), 'in --vsix mode the extension must be the installed copy, not the repository');
      assert.match(path.basename(extPath), /^kube-expose\.kube-expose-/);
    } else if (REPO) {
      assert.equal(extPath, path.resolve(REPO));
    }
  });

  test('a syntax error in a Service is reported on the faulty value', async () => {
    // broken-service.yaml line 4 is `  name: api: v2` — a nested mapping in a compact one.
    const editor = await openWorkspaceFile('broken-service.yaml');
    await activate();
    const uri = editor.document.uri;
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'kube-expose/yaml/syntax'), 'a kube-expose/yaml/syntax diagnostic');
    const syntax = diags.filter((d) => codeOf(d) === 'kube-expose/yaml/syntax');
    assert.equal(syntax.length, 1, describe(diags));
    const [d] = syntax;
    assert.equal(d.source, 'kube-expose');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(d.message.length > 10, `the message should say what is wrong: "${d.message}"`);
    const line = editor.document.lineAt(3).text;
    assert.equal(line, '  name: api: v2');
    assert.equal(d.range.start.line, 3, describe(diags));
    assert.equal(d.range.start.character, line.indexOf('api: v2'), describe(diags));
    assert.equal(d.range.end.line, 3, 'the range stays on the faulty line');
    assert.ok(d.range.end.character > d.range.start.character, 'the range is not empty');
  });

  test('a Service rule reports a nodePort outside the range, and follows the nodePortRange setting', async () => {
    const editor = await openWorkspaceFile('nodeport-service.yaml');
    await activate();
    const uri = editor.document.uri;
    const isRangeError = (x: vscode.Diagnostic) => codeOf(x) === 'kube-expose/service/node-port-range';
    const diags = await waitForDiagnostics(uri, (d) => d.some(isRangeError), 'a kube-expose/service/node-port-range diagnostic');
    const [d] = diags.filter(isRangeError);
    // Line 13 is `      nodePort: 8080`: the range is the value 8080, not the line or the document.
    const line = editor.document.lineAt(12).text;
    assert.equal(line, '      nodePort: 8080');
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [12, line.indexOf('8080'), 12, line.indexOf('8080') + 4],
      describe(diags),
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /30000-32767/);

    // A cluster with a wider node-port range: the setting reaches the server and the error goes away.
    const config = vscode.workspace.getConfiguration('kubeExpose');
    await config.update('nodePortRange', '8000-32767', vscode.ConfigurationTarget.Global);
    try {
      await waitForDiagnostics(uri, (now) => !now.some(isRangeError), 'the node-port-range diagnostic to go away with nodePortRange 8000-32767');
    } finally {
      await config.update('nodePortRange', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(uri, (now) => now.some(isRangeError), 'the diagnostic to come back with the default range');
  });

  test('fixing the error in the editor clears its diagnostic', async () => {
    const editor = await openUntitledYaml('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {app: web\nspec:\n  type: ClusterIP\n');
    await activate();
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'kube-expose/yaml/syntax'), 'the unclosed flow mapping to be reported');
    const end = editor.document.lineAt(4).range.end;
    assert.ok(await editor.edit((e) => e.insert(end, '}')));
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'kube-expose/yaml/syntax'), 'the syntax diagnostic to go away');
  });

  test('completion in a Service spec offers Service fields', async () => {
    // No word in this text is a ServiceSpec field, and the runner turns word-based suggestions off,
    // so a field name in the list can only come from kube-expose.
    const editor = await openUntitledYaml('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ');
    await activate();
    const position = new vscode.Position(5, 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const labels = list.items.map((i) => labelOf(i).replace(/:$/, ''));
    const fields = labels.filter((l) => SERVICE_SPEC_FIELDS.includes(l));
    assert.ok(fields.length >= 1, `expected at least one Service spec field from kube-expose at spec:, got ${labels.length} item(s): ${labels.slice(0, 30).join(', ')}`);
  });

  test('the cluster view and every contributed command are registered', async () => {
    await activate();
    const contributed: Array<{ command: string }> = kubeExpose().packageJSON.contributes.commands;
    assert.ok(contributed.length > 0);
    const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('kubeExpose.')));
    const missing = contributed.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], 'commands declared in package.json but not registered by the extension');

    const views: Record<string, Array<{ id: string }>> = kubeExpose().packageJSON.contributes.views;
    assert.ok(Object.values(views).flat().some((v) => v.id === 'kubeExpose.clusters'));
    // VS Code creates `<view id>.focus` for every contributed view; focusing it opens our container.
    assert.ok(registered.has('kubeExpose.clusters.focus'), 'the kubeExpose.clusters view is not registered');
    await vscode.commands.executeCommand('kubeExpose.clusters.focus');
    await vscode.commands.executeCommand('kubeExpose.refreshClusters');
    await vscode.commands.executeCommand('kubeExpose.showOutput');
  });

  test('YAML that is not a Kubernetes manifest gets no diagnostics', async () => {
    await activate();
    const files = [['docker-compose.yaml'], ['.github', 'workflows', 'ci.yaml'], ['chart', 'values.yaml']];
    const docs: vscode.TextDocument[] = [];
    for (const f of files) {
      const editor = await openWorkspaceFile(...f);
      // VS Code may give such files their own language (docker-compose.yaml opens as
      // `dockercompose`); force plain YAML so the language server really sees them.
      const doc = editor.document.languageId === 'yaml' ? editor.document : await vscode.languages.setTextDocumentLanguage(editor.document, 'yaml');
      assert.equal(doc.languageId, 'yaml');
      docs.push(doc);
    }
    // The server checks documents in the order they are opened: once a broken manifest opened
    // after them is reported, the files above have been checked too.
    const sentinel = await openUntitledYaml('apiVersion: v1\nkind: Service\nmetadata: {name: x\n');
    await waitForDiagnostics(sentinel.document.uri, (d) => d.length > 0, 'the sentinel manifest to be checked');
    for (const doc of docs) {
      assert.deepEqual(ours(doc.uri).map((d) => `${codeOf(d)}: ${d.message}`), [], `${vscode.workspace.asRelativePath(doc.uri)} must have no kube-expose diagnostics`);
    }
  });
});
