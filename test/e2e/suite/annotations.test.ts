/**
 * Annotations in a real VS Code: the misspelt-key diagnostic and its quick fix, key and value
 * completion under metadata.annotations, and hover on a key.
 *
 * Each test opens its own file of test/e2e/workspace/annotations/ (edits are reverted, never
 * saved): untitled documents reuse the URI `untitled:Untitled-1` from one test to the next, and
 * the previous document's late close then races the next one's open.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, describe, labelOf, openWorkspaceFile, until, waitForDiagnostics } from './helpers';

const INGRESS = [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata:',
  '  name: web',
  '  annotations:',
  '    nginx.ingress.kubernetes.io/rewrite-targe: /',
  '    nginx.ingress.kubernetes.io/proxy-body-size: 8m',
  'spec:',
  '  tls:',
  '    - hosts: [a.example.com]',
  '      secretName: a-tls',
  '',
].join('\n');

const UNKNOWN = 'kube-expose/annotations/unknown';
const INVALID = 'kube-expose/annotations/invalid-value';

suite('annotations in VS Code', () => {
  teardown(closeAllEditors);

  test('a misspelt ingress-nginx annotation is reported on its key, and the quick fix corrects it', async () => {
    const editor = await openWorkspaceFile('annotations', 'typo.yaml');
    assert.equal(editor.document.getText(), INGRESS);
    await activate();
    const uri = editor.document.uri;
    const diags = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === UNKNOWN), `a ${UNKNOWN} diagnostic`);
    const d = diags.find((x) => codeOf(x) === UNKNOWN)!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.range.start.line, 5, describe(diags));
    assert.equal(d.range.start.character, 4);
    assert.equal(d.range.end.character, 4 + 'nginx.ingress.kubernetes.io/rewrite-targe'.length);
    assert.match(d.message, /Did you mean `nginx\.ingress\.kubernetes\.io\/rewrite-target`/);

    // Asked again for a few seconds: once, on a loaded CI machine, the first request right after the
    // server started answered no quick fix (not reproduced since; the server log is printed on failure).
    let actions: vscode.CodeAction[] = [];
    const want = 'Change to nginx.ingress.kubernetes.io/rewrite-target';
    await until('the quick fix', async () => {
      actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      return actions.some((a) => a.title === want);
    }, 5_000).catch(() => undefined);
    const fix = actions.find((a) => a.title === want);
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.every((a) => a.kind?.value === 'quickfix'), `only quick fixes were asked for: ${actions.map((a) => a.kind?.value).join(', ')}`);
    assert.equal(fix!.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    assert.equal(editor.document.lineAt(5).text, '    nginx.ingress.kubernetes.io/rewrite-target: /');
    await waitForDiagnostics(uri, (ds) => !ds.some((x) => codeOf(x) === UNKNOWN), 'the unknown-annotation diagnostic to go away');
  });

  test('completion under metadata.annotations offers annotation keys, and quoted booleans for values', async () => {
    const editor = await openWorkspaceFile('annotations', 'completion.yaml');
    await activate();
    const uri = editor.document.uri;
    assert.equal(editor.document.lineAt(6).text, '    nginx.ingress.kubernetes.io/ssl-red');
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === INVALID && x.range.start.line === 5), 'the document to be checked');
    const keyPos = new vscode.Position(6, editor.document.lineAt(6).text.length);
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, keyPos);
    const labels = keys.items.map(labelOf);
    assert.ok(labels.includes('nginx.ingress.kubernetes.io/ssl-redirect'), `got ${labels.length} item(s): ${labels.slice(0, 20).join(', ')}`);
    assert.ok(labels.includes('cert-manager.io/cluster-issuer'));
    assert.ok(!labels.some((l) => l.startsWith('service.beta.kubernetes.io/')), 'Service annotations are not offered on an Ingress');

    assert.ok(await editor.edit((e) => e.replace(editor.document.lineAt(6).range, '    nginx.ingress.kubernetes.io/ssl-redirect: ')));
    const valuePos = new vscode.Position(6, editor.document.lineAt(6).text.length);
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, valuePos);
    const texts = values.items.map((i) => (typeof i.insertText === 'string' ? i.insertText : i.insertText?.value ?? labelOf(i)));
    assert.ok(texts.includes('"true"') && texts.includes('"false"'), `values: ${texts.join(', ')}`);
  });

  test('hover on an annotation key explains it', async () => {
    const editor = await openWorkspaceFile('annotations', 'hover.yaml');
    await activate();
    await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === INVALID && x.range.start.line === 5), 'the document to be checked');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(6, 40));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /nginx\.ingress\.kubernetes\.io\/proxy-body-size/);
    assert.match(text, /Default \| `1m`/);
    assert.match(text, /Risk \| Medium/);
  });
});
