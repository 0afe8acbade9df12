import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './harness';

interface Action { title: string; kind: string; edit?: { changes?: Record<string, Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>> }; command?: { command: string; arguments: unknown[] } }

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

function applyLspEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = edits.map((e, i) => ({ e, i, s: offset(e.range.start), t: offset(e.range.end) })).sort((a, b) => b.s - a.s || b.t - a.t || b.i - a.i);
  let out = text;
  for (const x of sorted) out = out.slice(0, x.s) + x.e.newText + out.slice(x.t);
  return out;
}

test('textDocument/codeAction offers the exposure conversions of a NodePort Service as WorkspaceEdits', async () => {
  const uri = 'file:///ws/nodeport.yaml';
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web # the web tier\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n      nodePort: 30080\n';
  const diags = server.diagnostics(uri);
  await server.open(uri, text);
  await diags;
  const actions = await server.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 5, character: 8 }, end: { line: 5, character: 8 } },
    context: { diagnostics: [] },
  });
  const titles = actions.filter((a) => a.kind === 'refactor.rewrite').map((a) => a.title);
  assert.deepEqual(titles, [
    'Convert to LoadBalancer (keep the nodePort values)',
    'Convert to LoadBalancer (let the cluster allocate node ports)',
    'Expose through an Ingress (Service becomes ClusterIP)',
    'Expose through an Ingress with TLS by cert-manager (Service becomes ClusterIP)',
  ]);
  const toLb = actions.find((a) => a.title.startsWith('Convert to LoadBalancer (let'))!;
  const out = applyLspEdits(text, toLb.edit!.changes![uri]);
  assert.match(out, /type: LoadBalancer\n/);
  assert.doesNotMatch(out, /nodePort/);
  assert.match(out, /name: web # the web tier\n/, 'comments stay');
  assert.equal(toLb.command?.command, 'kubeExpose.showConversionNotes', 'the notes reach the user');
  const ingress = actions.find((a) => a.title.startsWith('Expose through an Ingress (Service'))!;
  const out2 = applyLspEdits(text, ingress.edit!.changes![uri]);
  assert.match(out2, /---\napiVersion: networking\.k8s\.io\/v1\nkind: Ingress\n/);
  assert.doesNotMatch(out2, /\$\{/, 'a client without snippet edits gets plain text');
});

test('code actions follow context.only: quick fixes alone, refactorings alone, or both when not filtered', async () => {
  const uri = 'file:///ws/only.yaml';
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n      protocol: TPC\n';
  const diags = server.diagnostics(uri);
  await server.open(uri, text);
  await diags;
  const kinds = async (only?: string[]) => {
    const actions = await server.request<Action[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 10, character: 16 }, end: { line: 10, character: 19 } },
      context: { diagnostics: [], ...(only ? { only } : {}) },
    });
    return [...new Set(actions.map((a) => a.kind))].sort();
  };
  assert.deepEqual(await kinds(), ['quickfix', 'refactor.rewrite']);
  assert.deepEqual(await kinds(['quickfix']), ['quickfix']);
  assert.deepEqual(await kinds(['refactor']), ['refactor.rewrite']);
});

test('a ClusterIP Service offers no exposure conversion; a removed Ingress apiVersion offers the migration', async () => {
  const uri = 'file:///ws/mixed.yaml';
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  ports: [{port: 5432}]\n---\napiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: old}\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        backend: {serviceName: web, servicePort: 80}\n';
  const diags = server.diagnostics(uri);
  await server.open(uri, text);
  await diags;
  const at = async (line: number) => (await server.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line, character: 0 }, end: { line, character: 0 } }, context: { diagnostics: [] },
  })).filter((a) => a.kind === 'refactor.rewrite').map((a) => a.title);
  assert.deepEqual(await at(1), []);
  assert.deepEqual(await at(7), ['Migrate this Ingress to networking.k8s.io/v1']);
});

test('quick fixes arrive as code actions on their diagnostic; source.fixAll applies every preferred one', async () => {
  const uri = 'file:///ws/fixes.yaml';
  const text = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: web.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefx\n            backend:\n              service: {name: web, port: {number: 80}}\n';
  const wait = server.diagnostics(uri);
  await server.open(uri, text);
  const diags = (await wait) as Array<{ code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>;
  const enumDiag = diags.find((d) => d.code === 'kube-expose/schema/enum-value');
  assert.ok(enumDiag, JSON.stringify(diags));
  const actions = await server.request<Array<Action & { isPreferred?: boolean }>>('textDocument/codeAction', {
    textDocument: { uri }, range: enumDiag.range, context: { diagnostics: [enumDiag] },
  });
  const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.match(applyLspEdits(text, fix.edit!.changes![uri]), /pathType: Prefix\n/);
  const all = await server.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.equal(all.length, 1);
  assert.equal(all[0].kind, 'source.fixAll.kube-expose');
  const fixed = applyLspEdits(text, all[0].edit!.changes![uri]);
  assert.match(fixed, /pathType: Prefix\n/);
  const again = server.diagnostics(uri, 2);
  await server.change(uri, 2, fixed);
  assert.equal(((await again) as Array<{ code: string }>).filter((d) => d.code === 'kube-expose/schema/enum-value').length, 0);
});
