/** Schema completion, hover, diagnostics and quick fixes through the real language server. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './harness';

interface Item { label: string; detail?: string; insertText?: string; insertTextFormat?: number; textEdit?: { newText: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }; documentation?: { kind: string; value: string } | string }
interface Diag { code?: string; message: string; severity?: number; range: { start: { line: number; character: number }; end: { line: number; character: number } } }
interface Action { title: string; kind?: string; isPreferred?: boolean; edit?: { changes?: Record<string, Array<{ newText: string; range: Diag['range'] }>> } }

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

const INGRESS = [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata:',
  '  name: web',
  'spec:',
  '  rules:',
  '    - host: example.com',
  '      http:',
  '        paths:',
  '          - path: /',
  '            pathType: Prefx',
  '            backend:',
  '              service:',
  '                name: web',
  '                port:',
  '                  number: "80"',
  '  ',
  '',
].join('\n');

test('schema diagnostics arrive with rule ids and exact ranges', async () => {
  const uri = 'file:///ws/schema-ingress.yaml';
  const wait = server.diagnostics(uri) as Promise<Diag[]>;
  await server.open(uri, INGRESS);
  const diags = (await wait).filter((d) => String(d.code).startsWith('kube-expose/schema/'));
  const enumDiag = diags.find((d) => d.code === 'kube-expose/schema/enum-value');
  assert.ok(enumDiag, JSON.stringify(diags));
  assert.deepEqual(enumDiag!.range, { start: { line: 10, character: 22 }, end: { line: 10, character: 27 } });
  assert.match(enumDiag!.message, /Did you mean `Prefix`\?/);
  assert.equal(enumDiag!.severity, 1);
  const typeDiag = diags.find((d) => d.code === 'kube-expose/schema/wrong-type');
  assert.deepEqual(typeDiag?.range, { start: { line: 15, character: 26 }, end: { line: 15, character: 30 } });
});

test('the enum diagnostic carries a preferred quick fix that writes the closest value', async () => {
  const uri = 'file:///ws/schema-ingress.yaml';
  const actions = await server.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 10, character: 24 }, end: { line: 10, character: 24 } },
    context: { diagnostics: [] },
  });
  const fix = actions.find((a) => a.kind === 'quickfix' && a.title === 'Change to `Prefix`');
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix!.isPreferred, true);
  assert.deepEqual(fix!.edit!.changes![uri], [{ range: { start: { line: 10, character: 22 }, end: { line: 10, character: 27 } }, newText: 'Prefix' }]);
});

test('completion on a blank indented line offers the IngressSpec keys as snippets', async () => {
  const uri = 'file:///ws/schema-ingress.yaml';
  const items = await server.request<Item[] | { items: Item[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 16, character: 2 } });
  const list = Array.isArray(items) ? items : items.items;
  const labels = list.map((i) => i.label);
  assert.ok(labels.includes('tls') && labels.includes('ingressClassName') && labels.includes('defaultBackend'), labels.join(','));
  assert.ok(!labels.includes('rules'), 'rules is already present');
  const tls = list.find((i) => i.label === 'tls')!;
  assert.equal(tls.insertTextFormat, 2);
  assert.equal(tls.textEdit?.newText ?? tls.insertText, 'tls:\n  - $1');
  assert.equal(tls.detail, '[]IngressTLS');
});

test('completion of enum values after `pathType: `', async () => {
  const uri = 'file:///ws/schema-ingress.yaml';
  const items = await server.request<Item[] | { items: Item[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 22 } });
  const list = Array.isArray(items) ? items : items.items;
  assert.deepEqual(list.map((i) => i.label).sort(), ['Exact', 'ImplementationSpecific', 'Prefix']);
});

test('hover on a key shows the schema description, type, version and reference link', async () => {
  const uri = 'file:///ws/schema-ingress.yaml';
  const h = await server.request<{ contents: { kind: string; value: string }; range?: Diag['range'] }>('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 15 } });
  assert.equal(h.contents.kind, 'markdown');
  assert.match(h.contents.value, /\*\*pathType\*\* · `string \(enum\)` · required/);
  assert.match(h.contents.value, /Kubernetes 1\.36\.0 schema/);
  assert.match(h.contents.value, /ingress-v1/);
  assert.deepEqual(h.range, { start: { line: 10, character: 12 }, end: { line: 10, character: 20 } });
});

test('a custom resource gets no schema diagnostics', async () => {
  const uri = 'file:///ws/crd.yaml';
  const wait = server.diagnostics(uri) as Promise<Diag[]>;
  await server.open(uri, 'apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata:\n  name: pool\nspec:\n  addresses:\n    - 10.0.0.1-10.0.0.9\n  whatever: 1\n');
  const diags = await wait;
  assert.deepEqual(diags.filter((d) => String(d.code).startsWith('kube-expose/schema/')), []);
});
