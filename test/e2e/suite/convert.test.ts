/**
 * A conversion applied in the real VS Code: the code action arrives from the language server,
 * VS Code applies its WorkspaceEdit (snippet edits included), and the result is a valid manifest.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, describe, openUntitledYaml, ours, until } from './helpers';

const NODEPORT = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: shop   # storefront',
  'spec:',
  '  type: NodePort',
  '  selector:',
  '    app: shop',
  '  ports:',
  '    - name: http',
  '      port: 80',
  '      nodePort: 30080',
  '',
].join('\n');

suite('conversions in VS Code', () => {
  teardown(closeAllEditors);

  test('"Expose through an Ingress" turns a NodePort Service into ClusterIP + Ingress', async () => {
    const editor = await openUntitledYaml(NODEPORT);
    await activate();
    const doc = editor.document;
    const pos = new vscode.Position(5, 9);
    let actions: vscode.CodeAction[] = [];
    await until('the conversion code actions', async () => {
      actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(pos, pos), vscode.CodeActionKind.RefactorRewrite.value)) ?? [];
      return actions.some((a) => a.title.startsWith('Expose through an Ingress (Service'));
    });
    const action = actions.find((a) => a.title.startsWith('Expose through an Ingress (Service'))!;
    assert.ok(action.edit, 'the action carries a WorkspaceEdit');
    const rechecked = new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === doc.uri.toString())) {
          sub.dispose();
          resolve();
        }
      });
    });
    assert.ok(await vscode.workspace.applyEdit(action.edit!), 'VS Code applied the edit');
    const text = doc.getText();
    assert.match(text, /^ {2}type: ClusterIP$/m);
    assert.doesNotMatch(text, /nodePort/);
    assert.match(text, /name: shop {3}# storefront/, 'comments stay');
    assert.match(text, /^---\napiVersion: networking\.k8s\.io\/v1\nkind: Ingress\n/m);
    assert.match(text, /^ {4}- host: shop\.example\.com$/m, 'the host placeholder holds its default');
    assert.doesNotMatch(text, /\$\{\d/, 'no raw snippet syntax is left in the document');
    // The language server re-checks the converted text and finds no error in it.
    await rechecked;
    const errors = ours(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map(codeOf), [], describe(errors));
  });
});
