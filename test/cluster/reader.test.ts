/**
 * The product's ClusterReader against a real API server, connected the way the extension does it:
 * the generated kubeconfig is loaded by loadKubeconfig(), a context becomes a connection, and the
 * reader talks to kube-apiserver over TLS with the context's token. Real paging tokens, real 401,
 * 403 and 404 Status objects, real TLS failures; and the server's audit log proves that the reader
 * sent nothing but GETs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ADMIN_TOKEN, kubeconfigYaml, startCluster, VIEWER_TOKEN, type Cluster } from './apiserver';
import { createService } from './scenarios';
import { ClusterReader } from '../../client/src/cluster/reader';
import { ClusterError } from '../../client/src/cluster/errors';
import { connectionFor, kubeconfigSource, loadKubeconfig } from '../../client/src/cluster/kubeconfig';

let c: Cluster;
const NS = 'reader';

before(async () => {
  c = await startCluster();
  await c.createNamespace(NS);
  await c.createNamespace('reader-locked');
  await c.grantViewer(NS);
  for (let i = 0; i < 12; i++) await createService(c, NS, `svc-${String(i).padStart(2, '0')}`, { selector: { app: 'x' }, ports: [{ port: 8000 + i }] });
  await c.create(`/api/v1/namespaces/${NS}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-password' }, stringData: { password: 's3cr3t-value-never-shown' } });
}, { timeout: 180_000 });

after(async () => {
  await c?.stop();
});

function readerFor(context: 'admin' | 'viewer', kubeconfigPath = c.kubeconfigPath): ClusterReader {
  const loaded = loadKubeconfig(kubeconfigSource({ settingPath: kubeconfigPath, trusted: true, env: {} }));
  assert.equal(loaded.state, 'ok', 'message' in loaded ? loaded.message : '');
  if (loaded.state !== 'ok') throw new Error('unreachable');
  return new ClusterReader(connectionFor(loaded.kubeConfig, context), { timeoutMs: 10_000, retries: 0 });
}

async function clusterError(p: Promise<unknown>): Promise<ClusterError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClusterError, `expected a ClusterError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

test('the generated kubeconfig loads with both contexts, admin current', () => {
  const loaded = loadKubeconfig(kubeconfigSource({ settingPath: c.kubeconfigPath, trusted: true, env: {} }));
  assert.equal(loaded.state, 'ok');
  if (loaded.state !== 'ok') return;
  assert.deepEqual(loaded.contexts.map((x) => x.name).sort(), ['admin', 'viewer']);
  assert.equal(loaded.current, 'admin');
  assert.equal(loaded.contexts[0]?.server, c.server);
});

test('the reader reaches the server over TLS and reads its version', async () => {
  const v = await readerFor('admin').version();
  assert.match(v.gitVersion ?? '', /^v1\.(3[4-9]|[4-9]\d)\./);
});

test('paging: the server hands out continue tokens and listAll follows them to the end', async () => {
  const reader = readerFor('admin');
  const first = await reader.list<{ metadata: { name: string } }>('services', { namespace: NS, limit: 5 });
  assert.equal(first.items.length, 5);
  assert.ok(first.continue, 'a continue token after the first page');
  const second = await reader.list<{ metadata: { name: string } }>('services', { namespace: NS, limit: 5, continue: first.continue });
  assert.equal(second.items.length, 5);
  assert.deepEqual(second.items.filter((s) => first.items.some((f) => f.metadata.name === s.metadata.name)), [], 'pages do not overlap');
  const all = await reader.listAll<{ metadata: { name: string } }>('services', { namespace: NS, pageSize: 5 });
  assert.equal(all.truncated, false);
  assert.deepEqual(all.items.map((s) => s.metadata.name).filter((n) => n.startsWith('svc-')).sort(), Array.from({ length: 12 }, (_, i) => `svc-${String(i).padStart(2, '0')}`));
  const capped = await reader.listAll('services', { namespace: NS, pageSize: 5, maxItems: 7 });
  assert.equal(capped.items.length, 7);
  assert.equal(capped.truncated, true);
});

test('a missing object is a notFound ClusterError in plain words', async () => {
  const e = await clusterError(readerFor('admin').get('services', 'nope', { namespace: NS }));
  assert.equal(e.reason, 'notFound');
  assert.equal(e.details.status, 404);
  assert.match(e.message, /nope/);
  assert.match(e.message, new RegExp(NS));
});

test('the limited user: Services are readable, Pods are a 403 that names verb, resource and namespace', async () => {
  const viewer = readerFor('viewer');
  const svcs = await viewer.listAll('services', { namespace: NS });
  assert.ok(svcs.items.length >= 12);
  const e = await clusterError(viewer.listAll('pods', { namespace: NS }));
  assert.equal(e.reason, 'forbidden');
  assert.equal(e.details.status, 403);
  assert.match(e.message, /list pods/);
  assert.match(e.message, new RegExp(`namespace ${NS}`));
  assert.match(e.message, /viewer/);
  assert.equal(e.fatal, false, 'a forbidden kind gives a partial result, not a failure');
  const ns = await clusterError(viewer.listAll('services', { namespace: 'reader-locked' }));
  assert.equal(ns.reason, 'forbidden');
});

test('Secrets come back as metadata only: the value never reaches the reader', async () => {
  const page = await readerFor('admin').list<Record<string, unknown>>('secrets', { namespace: NS });
  const names = page.items.map((s) => (s.metadata as { name?: string } | undefined)?.name);
  assert.ok(names.includes('db-password'));
  assert.ok(!JSON.stringify(page).includes('s3cr3t-value-never-shown'));
  assert.ok(page.items.every((s) => !('data' in s) && !('stringData' in s)));
});

test('a wrong token is a 401 "unauthorized" error that does not quote the token', async () => {
  const file = path.join(c.dir, 'kubeconfig-bad-token');
  writeFileSync(file, kubeconfigYaml(c.server, c.ca).replace(ADMIN_TOKEN, 'not-the-right-token-123456'));
  const e = await clusterError(readerFor('admin', file).version());
  assert.equal(e.reason, 'unauthorized');
  assert.ok(!e.message.includes('not-the-right-token-123456'));
});

test('a kubeconfig without the CA is a TLS error in plain words', async () => {
  const file = path.join(c.dir, 'kubeconfig-no-ca');
  writeFileSync(file, kubeconfigYaml(c.server, c.ca).replace(/^\s*certificate-authority-data:.*\n/m, ''));
  const e = await clusterError(readerFor('admin', file).version());
  assert.equal(e.reason, 'tls');
});

test('the audit log shows that the reader sent only GETs (get and list), for both users', async () => {
  const events = c.auditEvents();
  // The test's own setup wrote objects: the audit log does record writes.
  assert.ok(events.some((e) => e.user.username === 'setup' && e.verb === 'create'), 'the audit log records writes');
  const byReader = events.filter((e) => e.user.username === 'admin' || e.user.username === 'viewer');
  assert.ok(byReader.length >= 8, `expected the reader's requests in the audit log, found ${byReader.length}`);
  const notRead = byReader.filter((e) => e.verb !== 'get' && e.verb !== 'list');
  assert.deepEqual(notRead.map((e) => `${e.user.username} ${e.verb} ${e.requestURI}`), []);
  assert.ok(!JSON.stringify(events).includes(VIEWER_TOKEN) && !JSON.stringify(events).includes(ADMIN_TOKEN), 'tokens are not in the audit log');
});
