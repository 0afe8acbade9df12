/**
 * The reader end to end over HTTP(S) on 127.0.0.1, through a kubeconfig, against the fake API
 * server: paging, Status errors, timeouts, refused connections, malformed answers, bounded
 * retries, TLS, cancellation, metadata-only Secrets, and GET as the only method ever sent.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readerForKubeconfig } from '../../../client/src/cluster';
import type { ClusterReader, ReaderOptions } from '../../../client/src/cluster/reader';
import { ClusterError } from '../../../client/src/cluster/errors';
import { collectServiceSnapshot } from '../../../client/src/cluster/snapshot';
import { diagnoseService } from '../../../client/src/diagnose/diagnose';
import { ALL_REQUESTS, TLS_DIR, fixtureObjects, startFakeApiServer, type FakeApiServer, type FakeOptions } from './fake-apiserver';
import { assertMatchesFixture, loadFixtures } from './fixtures';

const servers: FakeApiServer[] = [];
after(async () => {
  for (const s of servers) await s.stop().catch(() => undefined);
});

async function fake(opts: FakeOptions = {}) {
  const s = await startFakeApiServer(opts);
  servers.push(s);
  return s;
}

function readerFor(kubeconfigFile: string, opts: ReaderOptions = {}): ClusterReader {
  return readerForKubeconfig(kubeconfigFile, { timeoutMs: 2000, retryBaseMs: 5, retryMaxMs: 20, ...opts });
}

async function rejects(p: Promise<unknown>, reason: string, text?: RegExp): Promise<ClusterError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClusterError, `expected a ClusterError, got ${String(e)}`);
    assert.equal(e.reason, reason, e.message);
    if (text) assert.match(e.message, text);
    return e;
  }
  assert.fail(`expected a ${reason} error`);
}

const pod = (i: number, ns = 'shop') => ({ kind: 'Pod', apiVersion: 'v1', metadata: { name: `web-${String(i).padStart(5, '0')}`, namespace: ns, labels: { app: i % 2 ? 'web' : 'api' } } });

test('lists are paged with limit and continue, and every page is read', async () => {
  const s = await fake({ objects: Array.from({ length: 1234 }, (_, i) => pod(i)) });
  const r = readerFor(s.kubeconfigFile());
  const all = await r.listAll<{ metadata: { name: string } }>('pods', { namespace: 'shop', pageSize: 500 });
  assert.equal(all.items.length, 1234);
  assert.equal(all.truncated, false);
  assert.deepEqual(all.items.map((p) => p.metadata.name), Array.from({ length: 1234 }, (_, i) => `web-${String(i).padStart(5, '0')}`));
  const urls = s.requests.map((q) => new URL(q.url, 'http://x'));
  assert.equal(urls.length, 3);
  assert.ok(urls.every((u) => u.pathname === '/api/v1/namespaces/shop/pods' && u.searchParams.get('limit') === '500'));
  assert.equal(urls[0]!.searchParams.get('continue'), null);
  assert.ok(urls[1]!.searchParams.get('continue') && urls[2]!.searchParams.get('continue'));
  // One page at a time for the tree, with a bound on the total.
  const page = await r.list('pods', { namespace: 'shop', limit: 100, labelSelector: 'app=web' });
  assert.equal(page.items.length, 100);
  assert.ok(page.continue);
  const capped = await r.listAll('pods', { namespace: 'shop', pageSize: 100, maxItems: 250 });
  assert.equal(capped.items.length, 250);
  assert.equal(capped.truncated, true);
});

test('get reads one object; a missing one is "not found" in words', async () => {
  const s = await fake({ objects: [{ kind: 'Service', apiVersion: 'v1', metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } }] });
  const r = readerFor(s.kubeconfigFile());
  const svc = await r.get<{ spec: { ports: { port: number }[] } }>('services', 'web', { namespace: 'shop' });
  assert.equal(svc.spec.ports[0]!.port, 80);
  await rejects(r.get('services', 'nope', { namespace: 'shop' }), 'notFound', /^Service nope was not found in namespace shop\.$/);
  assert.equal(s.requests[1]!.url, '/api/v1/namespaces/shop/services/nope');
});

test('401 says the credentials were rejected; 403 names the verb, the resource and the namespace', async () => {
  const s = await fake({ token: 'right-token-0123456789', forbidden: [{ verb: 'list', resource: 'pods', namespace: 'shop' }] });
  const wrong = readerFor(s.kubeconfigFile({ user: { token: 'wrong-token-0123456789' } }));
  const e401 = await rejects(wrong.list('services', { namespace: 'shop' }), 'unauthorized', /rejected the credentials of context fake \(401 Unauthorized\)/);
  assert.ok(!e401.message.includes('wrong-token-0123456789'));
  const r = readerFor(s.kubeconfigFile());
  await rejects(r.list('pods', { namespace: 'shop' }), 'forbidden', /^You are not allowed to list pods in namespace shop \(403 Forbidden for user jane\)/);
  // A forbidden kind is not fatal: the snapshot carries a gap instead.
  assert.equal(new ClusterError('forbidden', 'x').fatal, false);
  assert.equal(e401.fatal, true);
});

test('an expired client certificate is named as such', async () => {
  const s = await fake({ token: 'only-tokens-are-accepted-here' });
  const r = readerFor(
    s.kubeconfigFile({
      user: {
        'client-certificate-data': fs.readFileSync(path.join(TLS_DIR, 'expired-client-cert.pem')).toString('base64'),
        'client-key-data': fs.readFileSync(path.join(TLS_DIR, 'expired-client-key.pem')).toString('base64'),
      },
    }),
  );
  const e = await rejects(r.list('services', { namespace: 'shop' }), 'expired', /client certificate of context fake expired on 2021-01-01/);
  assert.ok(!e.message.includes('PRIVATE KEY'));
});

test('a server that never answers times out; the signal cancels a request', async () => {
  const s = await fake({ fault: () => ({ kind: 'hang' }) });
  const r = readerFor(s.kubeconfigFile(), { timeoutMs: 300 });
  await rejects(r.list('services', { namespace: 'shop' }), 'timeout', /did not answer within 0\.3 s \(GET \/api\/v1\/namespaces\/shop\/services\)/);
  const slow = readerFor(s.kubeconfigFile(), { timeoutMs: 60_000 });
  const ac = new AbortController();
  const p = slow.get('services', 'web', { namespace: 'shop', signal: ac.signal });
  setTimeout(() => ac.abort(), 50);
  await rejects(p, 'cancelled');
  await rejects(slow.get('services', 'web', { namespace: 'shop', signal: AbortSignal.abort() }), 'cancelled');
});

test('connection refused is "cannot reach the cluster"', async () => {
  const s = await fake();
  const r = readerFor(s.kubeconfigFile());
  await s.stop();
  await rejects(r.version(), 'unreachable', /^Cannot reach the cluster at http:\/\/127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)\. Check that the cluster is running/);
});

test('malformed JSON is reported, not thrown as a SyntaxError', async () => {
  const s = await fake({ fault: () => ({ kind: 'malformed' }) });
  const r = readerFor(s.kubeconfigFile());
  await rejects(r.list('services', { namespace: 'shop' }), 'malformed', /is not valid JSON\. Is http:\/\/127\.0\.0\.1:\d+ a Kubernetes API server\?/);
});

test('429 and 5xx are retried a bounded number of times, honouring Retry-After', async () => {
  const s = await fake({
    objects: [pod(1)],
    fault: (_q, n) => (n < 2 ? { kind: 'status', status: 429, headers: { 'Retry-After': '0' }, body: { kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down' } } : undefined),
  });
  const r = readerFor(s.kubeconfigFile(), { retries: 2 });
  const page = await r.list('pods', { namespace: 'shop' });
  assert.equal(page.items.length, 1);
  assert.equal(s.requests.length, 3);

  const broken = await fake({ fault: () => ({ kind: 'status', status: 503, body: { kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'etcd is down' } }) });
  const r2 = readerFor(broken.kubeconfigFile(), { retries: 3 });
  await rejects(r2.list('pods', { namespace: 'shop' }), 'server', /answered 503 ServiceUnavailable to list pods in namespace shop\. The server says: etcd is down/);
  assert.equal(broken.requests.length, 4);

  const reset = await fake({ fault: () => ({ kind: 'reset' }) });
  const r3 = readerFor(reset.kubeconfigFile(), { retries: 1 });
  await rejects(r3.list('pods', { namespace: 'shop' }), 'unreachable', /connection was reset/);
  assert.equal(reset.requests.length, 2);

  // 4xx other than 429 are not retried.
  const forbidden = await fake({ forbidden: [{ verb: 'list', resource: 'pods' }] });
  const r4 = readerFor(forbidden.kubeconfigFile(), { retries: 3 });
  await rejects(r4.list('pods', { namespace: 'shop' }), 'forbidden');
  assert.equal(forbidden.requests.length, 1);
});

test('HTTPS: the cluster CA from the kubeconfig is trusted; a wrong or missing CA is a TLS failure', async () => {
  const s = await fake({ tls: true, token: 'tls-token-0123456789', objects: [pod(3)] });
  const r = readerFor(s.kubeconfigFile());
  assert.equal((await r.version()).gitVersion, 'v1.34.0-fake');
  assert.equal((await r.list('pods', { namespace: 'shop' })).items.length, 1);
  const noCa = readerFor(s.kubeconfigFile({ cluster: { 'certificate-authority-data': undefined } }));
  await rejects(noCa.version(), 'tls', /^TLS failure talking to https:\/\/127\.0\.0\.1:\d+: the server's certificate is self-signed and not trusted/);
  const plain = await fake();
  const wrongScheme = readerFor(plain.kubeconfigFile({ cluster: { server: plain.url.replace('http:', 'https:'), 'insecure-skip-tls-verify': undefined } }));
  await rejects(wrongScheme.version(), 'tls', /TLS handshake failed/);
  // Plain HTTP without insecure-skip-tls-verify is refused before any request.
  const before = plain.requests.length;
  const http = readerFor(plain.kubeconfigFile({ cluster: { 'insecure-skip-tls-verify': false } }));
  await rejects(http.version(), 'config', /uses plain HTTP/);
  assert.equal(plain.requests.length, before);
});

test('Secrets are read as metadata only, even from a server that ignores the Accept header', async () => {
  const secret = { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'shop-tls', namespace: 'shop' }, type: 'kubernetes.io/tls', data: { 'tls.key': Buffer.from('-----BEGIN PRIVATE KEY-----\nvery-secret-key-material\n-----END PRIVATE KEY-----').toString('base64') } };
  const s = await fake({ objects: [secret] });
  const r = readerFor(s.kubeconfigFile());
  const page = await r.list<Record<string, unknown>>('secrets', { namespace: 'shop' });
  assert.equal(s.requests[0]!.headers.accept, 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
  assert.deepEqual(page.items.map((x) => (x.metadata as { name: string }).name), ['shop-tls']);
  assert.ok(!JSON.stringify(page).includes('tls.key'));
  const one = await r.get<Record<string, unknown>>('secrets', 'shop-tls', { namespace: 'shop' });
  assert.equal(s.requests[1]!.headers.accept, 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1');
  assert.ok(!JSON.stringify(one).includes('tls.key'));

  // A server (or proxy) that answers with full Secrets anyway: the data is dropped.
  const rude = await fake({ fault: () => ({ kind: 'status', status: 200, body: { kind: 'SecretList', apiVersion: 'v1', metadata: {}, items: [secret] } }) });
  const page2 = await readerFor(rude.kubeconfigFile()).list<Record<string, unknown>>('secrets', { namespace: 'shop' });
  assert.equal(page2.items.length, 1);
  assert.ok(!JSON.stringify(page2).includes('tls.key'));
});

for (const f of loadFixtures()) {
  test(`snapshot over HTTP, then diagnosis: ${f.file.replace(/\.json$/, '')}`, async () => {
    const s = await fake({ objects: fixtureObjects(f.reads), forbidden: f.forbidden });
    const r = readerFor(s.kubeconfigFile({ context: f.context }));
    const snap = await collectServiceSnapshot(r, { namespace: f.namespace, name: f.name });
    assert.equal(snap.context, f.context);
    assert.deepEqual(snap.gaps.map((g) => `${g.verb} ${g.resource}`).sort(), f.forbidden.map((g) => `${g.verb} ${g.resource}`).sort());
    for (const g of snap.gaps) assert.match(g.message, new RegExp(`^You are not allowed to ${g.verb} ${g.resource}`));
    assertMatchesFixture(diagnoseService(snap), f);
    // The reads the diagnosis needs, and nothing else.
    const paths = new Set(s.requests.map((q) => new URL(q.url, 'http://x').pathname));
    assert.deepEqual(
      [...paths].sort(),
      [
        '/api/v1/namespaces/shop/services/web',
        '/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices',
        '/api/v1/namespaces/shop/pods',
        '/api/v1/nodes',
        '/apis/networking.k8s.io/v1/namespaces/shop/ingresses',
        '/apis/networking.k8s.io/v1/ingressclasses',
        '/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies',
        '/api/v1/namespaces/shop/events',
        '/api/v1/namespaces/shop/secrets',
      ].sort(),
    );
  });
}

test('the snapshot keeps only the events seen since the given time', async () => {
  const ev = (name: string, last: string | undefined, extra: Record<string, unknown> = {}) => ({ kind: 'Event', apiVersion: 'v1', metadata: { name, namespace: 'shop' }, type: 'Warning', reason: 'BackOff', lastTimestamp: last, involvedObject: { kind: 'Service', name: 'web' }, ...extra });
  const s = await fake({
    objects: [
      ev('old', '2026-01-01T10:00:00Z'),
      ev('new', '2026-01-01T12:30:00Z'),
      ev('series', undefined, { eventTime: '2026-01-01T09:00:00.000000Z', series: { lastObservedTime: '2026-01-01T12:10:00.000000Z' } }),
      { ...ev('normal', '2026-01-01T12:30:00Z'), type: 'Normal' },
    ],
  });
  const r = readerFor(s.kubeconfigFile());
  const snap = await collectServiceSnapshot(r, { namespace: 'shop', name: 'web', eventsSince: new Date('2026-01-01T12:00:00Z') });
  assert.deepEqual(snap.events.map((e) => e.metadata?.name).sort(), ['new', 'series']);
  assert.ok(s.requests.some((q) => q.url.startsWith('/api/v1/namespaces/shop/events?') && new URL(q.url, 'http://x').searchParams.get('fieldSelector') === 'type=Warning'));
});

test('a fatal error (401) stops the snapshot instead of giving an empty report', async () => {
  const s = await fake({ token: 'the-right-one-0123456789' });
  const r = readerFor(s.kubeconfigFile({ user: { token: 'stale-token-0123456789' } }));
  await rejects(collectServiceSnapshot(r, { namespace: 'shop', name: 'web' }), 'unauthorized');
});

// Keep this test last: it checks every request of every test above.
test('only GET was ever sent to a cluster', () => {
  assert.ok(ALL_REQUESTS.length > 50, `requests recorded: ${ALL_REQUESTS.length}`);
  const methods = new Set(ALL_REQUESTS.map((q) => q.method));
  assert.deepEqual([...methods], ['GET']);
});
