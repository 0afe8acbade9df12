/**
 * The schema half of the language features in a real VS Code: completion that inserts a snippet
 * with the required sub-structure, hover with the schema description and version, and a schema
 * diagnostic with its quick fix applied by VS Code.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAllEditors, codeOf, describe, labelOf, openUntitledYaml, until, waitForDiagnostics } from './helpers';

const INGRESS = [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata:',
  '  name: shop',
  'spec:',
  '  rules:',
  '    - host: shop.example.com',
  '      http:',
  '        paths:',
  '          - path: /',
  '            pathType: Prefx',
  '            backend:',
  '              service:',
  '                name: shop',
  '                port:',
  '                  number: 80',
  '',
].join('\n');

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('schema completion, hover and diagnostics in VS Code', () => {
  teardown(closeAllEditors);

  test('an enum typo is reported on the value, and its quick fix writes the closest value', async () => {
    const editor = await openUntitledYaml(INGRESS);
    await activate();
    const uri = editor.document.uri;
    const isEnum = (d: vscode.Diagnostic) => codeOf(d) === 'kube-expose/schema/enum-value';
    const diags = await waitForDiagnostics(uri, (d) => d.some(isEnum), 'a kube-expose/schema/enum-value diagnostic');
    const d = diags.find(isEnum)!;
    const line = editor.document.lineAt(10).text;
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [10, line.indexOf('Prefx'), line.indexOf('Prefx') + 5], describe(diags));
    assert.match(d.message, /Did you mean `Prefix`\?/);

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const fix = actions.find((a) => a.title === 'Change to `Prefix`');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
    assert.equal(editor.document.lineAt(10).text, '            pathType: Prefix');
    await waitForDiagnostics(uri, (now) => !now.some(isEnum), 'the enum diagnostic to go away');
  });

  test('completion at a new key of IngressSpec inserts the required structure as a snippet', async () => {
    const editor = await openUntitledYaml(INGRESS.replace('Prefx', 'Prefix') + '  ');
    await activate();
    const doc = editor.document;
    const position = new vscode.Position(16, 2);
    let items: vscode.CompletionItem[] = [];
    await until('IngressSpec fields from kube-expose', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      items = list?.items ?? [];
      return items.some((i) => labelOf(i) === 'tls');
    });
    const labels = items.map(labelOf);
    assert.ok(labels.includes('ingressClassName') && labels.includes('defaultBackend'), labels.slice(0, 40).join(', '));
    assert.ok(!labels.includes('rules'), 'a key already present is not offered again');
    const tls = items.find((i) => labelOf(i) === 'tls')!;
    assert.ok(tls.insertText instanceof vscode.SnippetString, 'tls is inserted as a snippet');
    editor.selection = new vscode.Selection(position, position);
    await editor.insertSnippet(tls.insertText as vscode.SnippetString, position);
    assert.equal(doc.lineAt(16).text, '  tls:');
    assert.equal(doc.lineAt(17).text, '    - ');
  });

  test('hover on a key shows the schema description, type and Kubernetes version', async () => {
    const editor = await openUntitledYaml(INGRESS.replace('Prefx', 'Prefix'));
    await activate();
    const position = new vscode.Position(10, 16); // on `pathType`
    let text = '';
    await until('a kube-expose hover on pathType', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position)) ?? [];
      text = hoverText(hovers);
      return text.includes('pathType');
    });
    assert.match(text, /`string \(enum\)` · required/);
    assert.match(text, /Kubernetes 1\.36\.0 schema/);
    assert.match(text, /Ingress API reference/);
  });
});
