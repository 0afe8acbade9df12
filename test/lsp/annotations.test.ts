/** Annotation diagnostics, quick fixes, completion and hover through the real language server. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './harness';

interface Range { start: { line: number; character: number }; end: { line: number; character: number } }
interface Item { label: string; kind?: number; detail?: string; insertText?: string; insertTextFormat?: number; textEdit?: { newText: string; range: Range }; documentation?: { kind: string; value: string } | string }
interface Diag { code?: string; message: string; severity?: number; range: Range; tags?: number[] }
interface Action { title: string; kind?: string; isPreferred?: boolean; edit?: { changes?: Record<string, Array<{ newText: string; range: Range }>> } }

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
  '  annotations:',
  '    nginx.ingress.kubernetes.io/rewrite-targe: /',
  '    nginx.ingress.kubernetes.io/ssl-redirect: false',
  '    nginx.ingress.kubernetes.io/proxy-body-size: 10mb',
  '    nginx.ingress.kubernetes.io/',
  'spec:',
  '  tls:',
  '    - hosts: [a.example.com]',
  '      secretName: a-tls',
  '',
].join('\n');
const URI = 'file:///ws/annotated-ingress.yaml';

const list = (r: Item[] | { items: Item[] }) => (Array.isArray(r) ? r : r.items);
const ours = (ds: Diag[]) => ds.filter((d) => String(d.code).startsWith('kube-expose/annotations/'));

test('annotation diagnostics arrive with rule ids, severities and exact ranges', async () => {
  const wait = server.diagnostics(URI) as Promise<Diag[]>;
  await server.open(URI, INGRESS.replace('    nginx.ingress.kubernetes.io/\n', ''));
  const diags = ours(await wait);
  const unknown = diags.find((d) => d.code === 'kube-expose/annotations/unknown');
  assert.ok(unknown, JSON.stringify(diags));
  assert.deepEqual(unknown!.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 45 } });
  assert.match(unknown!.message, /Did you mean `nginx\.ingress\.kubernetes\.io\/rewrite-target`\?/);
  assert.equal(unknown!.severity, 2);
  const quote = diags.find((d) => d.code === 'kube-expose/annotations/not-a-string');
  assert.deepEqual(quote?.range, { start: { line: 6, character: 46 }, end: { line: 6, character: 51 } });
  assert.equal(quote?.severity, 1);
  const invalid = diags.find((d) => d.code === 'kube-expose/annotations/invalid-value');
  assert.deepEqual(invalid?.range, { start: { line: 7, character: 49 }, end: { line: 7, character: 53 } });
  const retired = diags.find((d) => d.code === 'kube-expose/annotations/ingress-nginx-retired');
  assert.equal(retired?.severity, 3, 'the retirement notice is information');
});

test('quick fixes: rename the misspelt key, quote the boolean', async () => {
  const actions = await server.request<Action[]>('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: { start: { line: 5, character: 10 }, end: { line: 6, character: 48 } },
    context: { diagnostics: [] },
  });
  const rename = actions.find((a) => a.title === 'Change to nginx.ingress.kubernetes.io/rewrite-target');
  assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(rename!.isPreferred, true);
  assert.deepEqual(rename!.edit!.changes![URI], [{ range: { start: { line: 5, character: 4 }, end: { line: 5, character: 45 } }, newText: 'nginx.ingress.kubernetes.io/rewrite-target' }]);
  const quote = actions.find((a) => a.title === 'Quote the value: "false"');
  assert.ok(quote, JSON.stringify(actions.map((a) => a.title)));
  assert.deepEqual(quote!.edit!.changes![URI], [{ range: { start: { line: 6, character: 46 }, end: { line: 6, character: 51 } }, newText: '"false"' }]);
});

test('key completion under metadata.annotations offers ingress-nginx keys with their documentation', async () => {
  const wait = server.diagnostics(URI, 2) as Promise<Diag[]>;
  await server.change(URI, 2, INGRESS);
  await wait;
  const items = list(await server.request<Item[] | { items: Item[] }>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 8, character: 32 } }));
  const rt = items.find((i) => i.label === 'nginx.ingress.kubernetes.io/rewrite-target');
  assert.ok(rt, `${items.length} items: ${items.slice(0, 5).map((i) => i.label).join(', ')}`);
  const doc = typeof rt!.documentation === 'string' ? rt!.documentation : rt!.documentation?.value;
  assert.match(doc ?? '', /capture groups/);
  assert.deepEqual(rt!.textEdit?.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 32 } });
  assert.ok(!items.some((i) => i.label.startsWith('service.beta.kubernetes.io/')));
  assert.ok(!items.some((i) => i.label === 'nginx.ingress.kubernetes.io/proxy-body-size'), 'keys already present are left out');
});

test('value completion of a boolean annotation offers quoted "true" and "false"', async () => {
  const text = INGRESS.replace('    nginx.ingress.kubernetes.io/\n', '    nginx.ingress.kubernetes.io/use-regex: \n');
  const wait = server.diagnostics(URI, 3) as Promise<Diag[]>;
  await server.change(URI, 3, text);
  await wait;
  const items = list(await server.request<Item[] | { items: Item[] }>('textDocument/completion', { textDocument: { uri: URI }, position: { line: 8, character: 43 } }));
  const inserted = items.map((i) => i.textEdit?.newText ?? i.insertText ?? i.label);
  assert.deepEqual(inserted, ['"true"', '"false"']);
});

test('hover on an annotation key explains it', async () => {
  const h = await server.request<{ contents: { kind: string; value: string }; range?: Range } | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 7, character: 35 } });
  assert.ok(h);
  assert.equal(h!.contents.kind, 'markdown');
  assert.match(h!.contents.value, /\*\*nginx\.ingress\.kubernetes\.io\/proxy-body-size\*\*/);
  assert.match(h!.contents.value, /Default \| `1m`/);
  assert.deepEqual(h!.range, { start: { line: 7, character: 4 }, end: { line: 7, character: 47 } });
});

test('settings: a custom ingress-nginx prefix and the retirement notice switched off', async () => {
  const custom = await startServer({ ingressNginxAnnotationPrefix: 'ingress.example.com', ingressNginxRetirementNotice: false });
  try {
    const uri = 'file:///ws/custom-prefix.yaml';
    const text = INGRESS.replace(/nginx\.ingress\.kubernetes\.io/g, 'ingress.example.com').replace('    ingress.example.com/\n', '');
    const first = custom.diagnostics(uri) as Promise<Diag[]>;
    await custom.open(uri, text);
    await first;
    // The server reads its settings after `initialized`; a configuration change re-checks open documents with them.
    const wait = custom.diagnostics(uri) as Promise<Diag[]>;
    await custom.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const diags = ours(await wait);
    assert.ok(diags.some((d) => d.code === 'kube-expose/annotations/unknown' && /ingress\.example\.com\/rewrite-target/.test(d.message)), JSON.stringify(diags));
    assert.ok(diags.some((d) => d.code === 'kube-expose/annotations/invalid-value'));
    assert.ok(!diags.some((d) => d.code === 'kube-expose/annotations/ingress-nginx-retired'));
  } finally {
    await custom.stop();
  }
});
