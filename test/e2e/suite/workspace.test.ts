/**
 * The workspace index in a real VS Code: a Service's cross-file diagnostic appears and disappears
 * as the Deployment in another file changes — on disk while it is not open (file watcher), when
 * it is edited in the editor and saved, and when files.exclude hides it. The files are written into the run's workspace copy and
 * removed afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, describe, ours, until, waitForDiagnostics, workspaceUri } from './helpers';

const NS = 'e2e-cross';
const SELECTOR_RULE = 'kube-expose/cross/selector-no-match';

const deployment = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: ${NS}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      containers:
        - name: shop
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
`;

const service = `apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: ${NS}
spec:
  selector:
    app: shop
  ports:
    - name: http
      port: 80
      targetPort: http
`;

const has = (rule: string) => (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x) === rule);
const lacks = (rule: string) => (d: vscode.Diagnostic[]) => !d.some((x) => codeOf(x) === rule);

suite('workspace index (cross-file checks)', () => {
  const folder = () => workspaceUri('cross-e2e');
  const depUri = () => workspaceUri('cross-e2e', 'deployment.yaml');
  const svcUri = () => workspaceUri('cross-e2e', 'service.yaml');
  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

  suiteSetup(async () => {
    await write(depUri(), deployment('web'));
    await write(svcUri(), service);
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('a Service selector diagnostic follows the Deployment in another file, changed on disk and in the editor', async () => {
    const svcDoc = await vscode.workspace.openTextDocument(svcUri());
    await vscode.window.showTextDocument(svcDoc);
    await activate();

    // The Deployment (never opened) has `app: web`: the Service's `app: shop` selects nothing.
    // (The files were just written: the first check may run before the watcher reports the Deployment.)
    const namesDeployment = (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x) === SELECTOR_RULE && /Deployment `shop` has `app: web`/.test(x.message));
    const first = await waitForDiagnostics(svcUri(), namesDeployment, `${SELECTOR_RULE} on the Service naming Deployment shop`, 30_000);
    const d = first.find((x) => codeOf(x) === SELECTOR_RULE)!;
    assert.equal(d.range.start.line, 7, describe(first));
    assert.equal(svcDoc.getText(d.range), 'app: shop');
    assert.match(d.message, /Deployment `shop` has `app: web`/);

    // Fixed on disk while the Deployment is not open: the file watcher tells the server.
    await write(depUri(), deployment('shop'));
    await waitForDiagnostics(svcUri(), lacks(SELECTOR_RULE), 'the selector diagnostic to disappear after the Deployment changed on disk', 20_000);

    // Broken again by editing the Deployment in the editor and saving it.
    const depEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(depUri()), { preview: false, viewColumn: vscode.ViewColumn.Beside });
    const text = depEditor.document.getText();
    const at = text.lastIndexOf('app: shop') + 'app: '.length;
    assert.ok(await depEditor.edit((e) => e.replace(new vscode.Range(depEditor.document.positionAt(at), depEditor.document.positionAt(at + 4)), 'api')));
    assert.ok(await depEditor.document.save());
    const broken = await waitForDiagnostics(svcUri(), has(SELECTOR_RULE), 'the selector diagnostic to come back after the edit was saved', 20_000);
    assert.ok(ours(svcUri()).length >= 1, describe(broken));

    // And fixed again in the editor.
    const t2 = depEditor.document.getText();
    const at2 = t2.lastIndexOf('app: api') + 'app: '.length;
    assert.ok(await depEditor.edit((e) => e.replace(new vscode.Range(depEditor.document.positionAt(at2), depEditor.document.positionAt(at2 + 3)), 'shop')));
    assert.ok(await depEditor.document.save());
    await waitForDiagnostics(svcUri(), lacks(SELECTOR_RULE), 'the selector diagnostic to disappear after the fix was saved', 20_000);
  });

  test('CodeLens above the Service and go to definition from its selector reach the Deployment', async () => {
    await activate();
    const svcDoc = await vscode.workspace.openTextDocument(svcUri());
    await vscode.window.showTextDocument(svcDoc);
    let titles: string[] = [];
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', svcUri(), 10)) ?? [];
      titles = lenses.map((l) => l.command?.title ?? '');
      if (titles.includes('selects 2 pods from Deployment shop')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(titles.includes('selects 2 pods from Deployment shop'), `CodeLens titles: ${JSON.stringify(titles)}`);
    const at = svcDoc.positionAt(svcDoc.getText().indexOf('app: shop') + 1);
    const defs = (await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', svcUri(), at)) ?? [];
    const targets = defs.map((d) => ('targetUri' in d ? d.targetUri : d.uri).toString());
    assert.deepEqual(targets, [depUri().toString()]);
  });

  test('hiding a Deployment with files.exclude re-indexes: its Service selects nothing until it is shown again', async () => {
    // A pair of its own, whose Deployment is never opened (an open document stays in the index).
    const batchSvc = workspaceUri('cross-e2e', 'batch-service.yaml');
    const batchDep = workspaceUri('cross-e2e', 'batch-deployment.yaml');
    await write(batchDep, deployment('batch').replace('name: shop\n  namespace', 'name: batch\n  namespace'));
    await write(batchSvc, service.replace(/shop/g, 'batch'));
    await activate();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(batchSvc));
    await until('the batch Deployment to be indexed', async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', batchSvc, 10)) ?? [];
      return lenses.some((l) => l.command?.title === 'selects 2 pods from Deployment batch');
    }, 20_000);
    const files = vscode.workspace.getConfiguration('files');
    const before = files.inspect<Record<string, boolean>>('exclude')?.workspaceValue;
    try {
      await files.update('exclude', { ...(before ?? {}), '**/cross-e2e/batch-deployment.yaml': true }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(batchSvc, has(SELECTOR_RULE), 'the selector diagnostic once the Deployment is excluded', 20_000);
    } finally {
      await files.update('exclude', before, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostics(batchSvc, lacks(SELECTOR_RULE), 'the selector diagnostic to go once the Deployment is shown again', 20_000);
  });
});
