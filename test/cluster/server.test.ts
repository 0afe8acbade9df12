/**
 * What the real API server does that the cluster reader depends on, asserted on the server itself:
 * allocation and defaulting, paging tokens, 403 and 404 Status objects, RBAC for a limited user,
 * and metadata-only reads of Secrets. If a Kubernetes release changes one of these, this file
 * says so before the reader's tests do.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCluster, VIEWER_TOKEN, type Cluster } from './apiserver';
import { createService } from './scenarios';

let c: Cluster;
const NS = 'paging';

before(async () => {
  c = await startCluster();
  await c.createNamespace(NS);
  await c.createNamespace('locked');
  await c.grantViewer(NS);
}, { timeout: 180_000 });

after(async () => {
  await c?.stop();
});

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const n = (s: string) => s.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const mask = 2 ** (32 - Number(bits));
  return Math.floor(n(ip) / mask) === Math.floor(n(base!) / mask);
}

test('the server reports the pinned Kubernetes version', async () => {
  const r = await c.request('GET', '/version');
  assert.equal(r.status, 200);
  assert.match(r.body.gitVersion, /^v1\.\d+\.\d+/);
  assert.ok(Number(r.body.minor) >= 34, `expected Kubernetes 1.34 or newer, got ${r.body.gitVersion}`);
});

test('ClusterIP and NodePort are allocated and defaults are filled in', async () => {
  const svc = await createService(c, NS, 'alloc', { type: 'NodePort', selector: { app: 'x' }, ports: [{ port: 80 }] });
  assert.ok(inCidr(svc.spec.clusterIP, '10.96.0.0/16'), `clusterIP ${svc.spec.clusterIP} outside the service CIDR`);
  const p = svc.spec.ports[0];
  assert.equal(p.protocol, 'TCP');
  assert.equal(p.targetPort, 80, 'targetPort defaults to port');
  assert.ok(p.nodePort >= 30000 && p.nodePort <= 32767, `nodePort ${p.nodePort} outside 30000-32767`);
  assert.equal(svc.spec.externalTrafficPolicy, 'Cluster');
  assert.equal(svc.spec.sessionAffinity, 'None');
});

test('a LoadBalancer without a cloud controller stays pending: empty status, node ports allocated', async () => {
  const svc = await createService(c, NS, 'lb', { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 443, targetPort: 8443 }] });
  assert.deepEqual(svc.status?.loadBalancer ?? {}, {});
  assert.ok(svc.spec.ports[0].nodePort >= 30000);
  const again = await c.request('GET', `/api/v1/namespaces/${NS}/services/lb`);
  assert.deepEqual(again.body.status.loadBalancer, {});
});

test('paging: limit and continue walk every Service exactly once', async () => {
  for (let i = 0; i < 12; i++) await createService(c, NS, `page-${String(i).padStart(2, '0')}`, { selector: { app: 'p' }, ports: [{ port: 80 + i }] });
  const seen: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const r = await c.request('GET', `/api/v1/namespaces/${NS}/services?labelSelector=&limit=5${token ? `&continue=${encodeURIComponent(token)}` : ''}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length <= 5);
    seen.push(...r.body.items.map((s: any) => s.metadata.name));
    token = r.body.metadata.continue || undefined;
    if (token) assert.ok(r.body.metadata.remainingItemCount > 0);
    pages++;
  } while (token && pages < 20);
  const pageNames = seen.filter((n) => n.startsWith('page-'));
  assert.equal(pageNames.length, 12);
  assert.equal(new Set(seen).size, seen.length, 'no Service listed twice');
  assert.ok(pages >= 3, `expected at least 3 pages, got ${pages}`);
});

test('a bad continue token is a 400 Status (the reader must not loop on it)', async () => {
  const r = await c.request('GET', `/api/v1/namespaces/${NS}/services?limit=5&continue=not-a-token`);
  assert.equal(r.status, 400);
  assert.equal(r.body.kind, 'Status');
  assert.equal(r.body.reason, 'BadRequest');
});

test('404 is a Status object with reason NotFound and the resource named', async () => {
  const r = await c.request('GET', `/api/v1/namespaces/${NS}/services/nope`);
  assert.equal(r.status, 404);
  assert.equal(r.body.kind, 'Status');
  assert.equal(r.body.reason, 'NotFound');
  assert.equal(r.body.details.name, 'nope');
  assert.equal(r.body.details.kind, 'services');
  assert.match(r.body.message, /services "nope" not found/);
});

test('the limited user may list Services in its namespace', async () => {
  const r = await c.request('GET', `/api/v1/namespaces/${NS}/services?limit=2`, undefined, { token: VIEWER_TOKEN });
  assert.equal(r.status, 200);
  assert.equal(r.body.kind, 'ServiceList');
});

test('the limited user gets a real 403 Status for pods, naming verb, resource and namespace', async () => {
  const r = await c.request('GET', `/api/v1/namespaces/${NS}/pods`, undefined, { token: VIEWER_TOKEN });
  assert.equal(r.status, 403);
  assert.equal(r.body.kind, 'Status');
  assert.equal(r.body.reason, 'Forbidden');
  assert.equal(r.body.details.kind, 'pods');
  assert.match(r.body.message, /User "viewer" cannot list resource "pods" in API group "" in the namespace "paging"/);
});

test('the limited user is forbidden in a namespace it was not granted, and cluster-wide', async () => {
  const ns = await c.request('GET', '/api/v1/namespaces/locked/services', undefined, { token: VIEWER_TOKEN });
  assert.equal(ns.status, 403);
  const nodes = await c.request('GET', '/api/v1/nodes', undefined, { token: VIEWER_TOKEN });
  assert.equal(nodes.status, 403);
  assert.match(nodes.body.message, /cannot list resource "nodes" in API group "" at the cluster scope/);
});

test('an unknown token is a 401 Status', async () => {
  const r = await c.request('GET', '/api/v1/namespaces', undefined, { token: 'wrong-token' });
  assert.equal(r.status, 401);
  assert.equal(r.body.reason, 'Unauthorized');
});

test('Secrets can be read as metadata only (PartialObjectMetadataList): no data leaves the server', async () => {
  await c.create(`/api/v1/namespaces/${NS}/secrets`, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'tls-web' },
    type: 'Opaque',
    stringData: { password: 'hunter2-do-not-leak' },
  });
  const partial = (await c.request('GET', `/api/v1/namespaces/${NS}/secrets`, undefined, { accept: 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1' })).body;
  assert.equal(partial.kind, 'PartialObjectMetadataList');
  const item = partial.items.find((i: any) => i.metadata.name === 'tls-web');
  assert.ok(item, 'the secret is listed');
  assert.equal(item.data, undefined);
  assert.ok(!JSON.stringify(partial).includes('hunter2'), 'no secret value in the metadata list');
});
