import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type TestServer } from './harness';

let server: TestServer;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server.stop();
});

test('a syntax error in a manifest is published at the parser range', async () => {
  const uri = 'file:///ws/broken.yaml';
  const wait = server.diagnostics(uri);
  await server.open(uri, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: [a\n');
  const diags = await wait;
  const syntax = diags.filter((d) => d.code === 'kube-expose/yaml/syntax');
  assert.ok(syntax.length >= 1, JSON.stringify(diags));
  assert.equal(syntax[0].source, 'kube-expose');
  assert.ok(syntax[0].range.start.line >= 4, `expected the error on the flow sequence, got line ${syntax[0].range.start.line}`);
});

test('non-Kubernetes YAML gets no diagnostics, even when broken', async () => {
  const compose = 'file:///ws/docker-compose.yaml';
  const wait = server.diagnostics(compose);
  await server.open(compose, 'services:\n  web:\n    image: nginx\n    ports: [80\n');
  assert.deepEqual(await wait, []);
  const workflow = 'file:///ws/.github/workflows/ci.yaml';
  const wait2 = server.diagnostics(workflow);
  await server.open(workflow, 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n');
  assert.deepEqual(await wait2, []);
});

test('diagnostics follow edits: fixing the error clears it', async () => {
  const uri = 'file:///ws/edit.yaml';
  const first = server.diagnostics(uri, 1);
  await server.open(uri, 'apiVersion: v1\nkind: Service\nmetadata: {name: web\n');
  assert.ok((await first).length > 0);
  const second = server.diagnostics(uri, 2);
  await server.change(uri, 2, 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\n');
  const after2 = await second;
  assert.equal(after2.filter((d) => d.code === 'kube-expose/yaml/syntax').length, 0);
});

test('document symbols list each manifest as Kind/name with Service ports beneath', async () => {
  const uri = 'file:///ws/symbols.yaml';
  const wait = server.diagnostics(uri);
  await server.open(uri, [
    'apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  ports:', '    - name: http', '      port: 80', '      targetPort: 8080',
    '---', 'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: web', 'spec:', '  rules:', '    - host: example.com',
  ].join('\n'));
  await wait;
  const symbols = await server.request<Array<{ name: string; children?: Array<{ name: string }> }>>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['Service/web', 'Ingress/web']);
  assert.equal(symbols[0].children?.[0].name, 'http 80/TCP');
  assert.equal(symbols[1].children?.[0].name, 'example.com');
});
