/**
 * Tokens, passwords, client keys and Secret values never reach a log line, an error message or a
 * report — even when the server (or a proxy) echoes them back.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectionFor, kubeconfigSource, loadKubeconfig } from '../../../client/src/cluster/kubeconfig';
import { ClusterReader } from '../../../client/src/cluster/reader';
import { ClusterError } from '../../../client/src/cluster/errors';
import { Redactor, redactPatterns } from '../../../client/src/cluster/redact';
import { collectServiceSnapshot } from '../../../client/src/cluster/snapshot';
import { diagnoseService } from '../../../client/src/diagnose/diagnose';
import { reportToJson, reportToMarkdown } from '../../../client/src/diagnose/format';
import { TLS_DIR, startFakeApiServer, type FakeApiServer, type Fault } from './fake-apiserver';

const STATIC_TOKEN = 'static-token-Zq8vX1pL4mN7rT2w';
const EXEC_TOKEN = 'exec-token-Hk3sD9fG6jW2qY5u';
const SECRET_VALUE = 'hunter2-the-secret-value';
const KEY_PEM = fs.readFileSync(path.join(TLS_DIR, 'expired-client-key.pem'), 'utf8');
const KEY_BODY = KEY_PEM.split('\n')[1]!;

const servers: FakeApiServer[] = [];
after(async () => {
  for (const s of servers) await s.stop().catch(() => undefined);
});

function assertClean(text: string, where: string): void {
  for (const secret of [STATIC_TOKEN, EXEC_TOKEN, SECRET_VALUE, Buffer.from(SECRET_VALUE).toString('base64'), KEY_BODY, Buffer.from(STATIC_TOKEN).toString('base64')]) {
    assert.ok(!text.includes(secret), `${where} leaks ${secret.slice(0, 12)}…: ${text}`);
  }
}

/** A server that echoes the request's Authorization header into every error it sends. */
function echoing(kind: 'status500' | 'status403' | 'status401'): (q: { headers: Record<string, unknown> }) => Fault {
  return (q) => {
    const auth = String(q.headers.authorization ?? '');
    const code = kind === 'status500' ? 500 : kind === 'status403' ? 403 : 401;
    const bare = auth.replace(/^\S+ /, '');
    const decoded = auth.startsWith('Basic ') ? Buffer.from(bare, 'base64').toString() : '';
    return { kind: 'status', status: code, body: { kind: 'Status', code, reason: 'Echo', message: `request had ${auth}; raw ${bare} ${decoded}; User "${bare}" cannot list` } };
  };
}

async function exercise(kubeconfig: string, s: FakeApiServer): Promise<string[]> {
  const logs: string[] = [];
  const loaded = loadKubeconfig(kubeconfigSource({ trusted: true, settingPath: kubeconfig }));
  assert.equal(loaded.state, 'ok');
  if (loaded.state !== 'ok') return logs;
  const reader = new ClusterReader(connectionFor(loaded.kubeConfig, loaded.current!), { timeoutMs: 300, retries: 1, retryBaseMs: 1, log: (l, m) => logs.push(`${l} ${m}`) });
  const texts: string[] = [];
  for (const kind of ['status500', 'status403', 'status401'] as const) {
    s.options.fault = echoing(kind) as never;
    try {
      await reader.list('pods', { namespace: 'shop' });
      assert.fail('expected an error');
    } catch (e) {
      assert.ok(e instanceof ClusterError, String(e));
      texts.push(e.message, JSON.stringify(e.details), String(e.stack));
    }
    // The same failure inside a snapshot and its report.
    try {
      const snap = await collectServiceSnapshot(reader, { namespace: 'shop', name: 'web' });
      const r = diagnoseService(snap);
      texts.push(reportToJson(r), reportToMarkdown(r));
    } catch (e) {
      texts.push(e instanceof Error ? `${e.message}\n${e.stack}` : String(e));
    }
  }
  s.options.fault = () => ({ kind: 'hang' });
  await reader.version().catch((e: Error) => texts.push(e.message));
  s.options.fault = undefined;
  return [...texts, ...logs];
}

test('a static token never appears in errors, logs or reports, even when the server echoes it', async () => {
  const s = await startFakeApiServer({ token: STATIC_TOKEN });
  servers.push(s);
  const out = await exercise(s.kubeconfigFile(), s);
  assert.ok(out.length > 10);
  assert.ok(out.some((t) => t.includes('[redacted]')), 'the echoed token was replaced');
  for (const t of out) assertClean(t, 'output');
});

test('a token from an exec credential plugin is redacted too', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-expose-exec-'));
  const plugin = path.join(dir, 'plugin.js');
  fs.writeFileSync(plugin, `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(EXEC_TOKEN)} } }));`);
  const s = await startFakeApiServer({ token: EXEC_TOKEN, objects: [{ kind: 'Service', apiVersion: 'v1', metadata: { name: 'web', namespace: 'shop' } }] });
  servers.push(s);
  const kc = s.kubeconfigFile({ user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } } });
  // The plugin's token works...
  const loaded = loadKubeconfig(kubeconfigSource({ trusted: true, settingPath: kc }));
  assert.equal(loaded.state, 'ok');
  if (loaded.state !== 'ok') return;
  const r = new ClusterReader(connectionFor(loaded.kubeConfig, loaded.current!));
  assert.equal((await r.get<{ metadata: { name: string } }>('services', 'web', { namespace: 'shop' })).metadata.name, 'web');
  // ...and is never shown.
  const out = await exercise(kc, s);
  for (const t of out) assertClean(t, 'output');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a credential plugin that never finishes is bounded by the request timeout', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-expose-exec-'));
  const plugin = path.join(dir, 'slow.js');
  fs.writeFileSync(plugin, 'setTimeout(() => process.stdout.write("{}"), 2500);');
  const s = await startFakeApiServer({ token: EXEC_TOKEN });
  servers.push(s);
  const kc = s.kubeconfigFile({ user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: process.execPath, args: [plugin], interactiveMode: 'Never' } } });
  const loaded = loadKubeconfig(kubeconfigSource({ trusted: true, settingPath: kc }));
  assert.equal(loaded.state, 'ok');
  if (loaded.state !== 'ok') return;
  const r = new ClusterReader(connectionFor(loaded.kubeConfig, loaded.current!), { timeoutMs: 300 });
  await assert.rejects(r.version(), (e: unknown) => e instanceof ClusterError && e.reason === 'credentials' && /were not ready within 0\.3 s/.test(e.message));
  assert.equal(s.requests.length, 0, 'no request is sent without credentials');
  await new Promise((res) => setTimeout(res, 2700)); // let the plugin end before the temp folder goes
  fs.rmSync(dir, { recursive: true, force: true });
});

test('client key data and passwords are redacted', async () => {
  const s = await startFakeApiServer({ token: 'nobody-has-this-token' });
  servers.push(s);
  const kc = s.kubeconfigFile({
    user: {
      'client-certificate-data': fs.readFileSync(path.join(TLS_DIR, 'expired-client-cert.pem')).toString('base64'),
      'client-key-data': Buffer.from(KEY_PEM).toString('base64'),
    },
  });
  for (const t of await exercise(kc, s)) assertClean(t, 'output');
  const basic = s.kubeconfigFile({ user: { username: 'admin', password: SECRET_VALUE } });
  for (const t of await exercise(basic, s)) assertClean(t, 'output');
});

test('a broken kubeconfig is reported without quoting its secrets', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-expose-broken-'));
  const f = path.join(dir, 'config');
  fs.writeFileSync(f, `apiVersion: v1\nkind: Config\nusers:\n- name: u\n  user:\n    token: ${STATIC_TOKEN}\n   bad: [indent\ncontexts: []\n`);
  const loaded = loadKubeconfig(kubeconfigSource({ trusted: true, settingPath: f }));
  assert.equal(loaded.state, 'broken');
  if (loaded.state === 'broken') {
    assert.match(loaded.message, /^The kubeconfig .* cannot be read: /);
    assertClean(loaded.message, 'message');
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the patterns catch bearer headers, JWTs, PEM blocks and key=value secrets', () => {
  const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IkFCQyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJl';
  const text = `Authorization: Bearer abc.def-123456 id ${jwt} ${KEY_PEM} password=${SECRET_VALUE} "token": "${STATIC_TOKEN}"`;
  const clean = redactPatterns(text);
  assertClean(clean, 'patterns');
  assert.ok(!clean.includes(jwt) && !clean.includes('abc.def-123456'));
  const r = new Redactor();
  r.add('plain-value-without-a-pattern');
  assert.equal(r.redact('x plain-value-without-a-pattern y'), 'x [redacted] y');
  assert.equal(r.redact('secretName: shop-tls'), 'secretName: shop-tls');
});
