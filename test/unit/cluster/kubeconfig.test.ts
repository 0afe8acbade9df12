import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { connectionFor, kubeconfigSource, loadKubeconfig } from '../../../client/src/cluster/kubeconfig';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kube-expose-kc-'));
}

const cfg = (current: string, entries: { ctx: string; cluster: string; server: string; ns?: string }[]) =>
  [
    'apiVersion: v1',
    'kind: Config',
    ...(current ? [`current-context: ${current}`] : []),
    'clusters:',
    ...entries.map((e) => `- name: ${e.cluster}\n  cluster:\n    server: ${e.server}`),
    'users:',
    ...entries.map((e) => `- name: ${e.ctx}-user\n  user:\n    token: t-${e.ctx}-0123456789`),
    'contexts:',
    ...entries.map((e) => `- name: ${e.ctx}\n  context:\n    cluster: ${e.cluster}\n    user: ${e.ctx}-user${e.ns ? `\n    namespace: ${e.ns}` : ''}`),
  ].join('\n');

test('source: the setting in a trusted workspace, else $KUBECONFIG (several files), else ~/.kube/config', () => {
  const home = '/home/jane';
  assert.deepEqual(kubeconfigSource({ trusted: true, settingPath: '~/k/dev.yaml', env: { KUBECONFIG: '/a' }, home }), { origin: 'setting', files: ['/home/jane/k/dev.yaml'] });
  const untrusted = kubeconfigSource({ trusted: false, settingPath: '/evil/kubeconfig', env: { KUBECONFIG: `/a${path.delimiter}/b${path.delimiter}${path.delimiter}/a` }, home });
  assert.equal(untrusted.origin, 'KUBECONFIG');
  assert.deepEqual(untrusted.files, ['/a', '/b']);
  assert.match(untrusted.note!, /ignored because this workspace is not trusted/);
  assert.deepEqual(kubeconfigSource({ trusted: true, env: {}, home }).files, ['/home/jane/.kube/config']);
  assert.deepEqual(kubeconfigSource({ trusted: true, settingPath: '  ', env: { KUBECONFIG: '' }, home }).origin, 'default');
});

test('several files merge like kubectl: the first to define a name or the current context wins; missing files are skipped', () => {
  const d = tmp();
  const a = path.join(d, 'a');
  const b = path.join(d, 'b');
  fs.writeFileSync(a, cfg('', [{ ctx: 'dev', cluster: 'dev', server: 'https://dev.example:6443', ns: 'shop' }]));
  fs.writeFileSync(b, cfg('prod', [{ ctx: 'prod', cluster: 'prod', server: 'https://prod.example:6443' }, { ctx: 'dev', cluster: 'dev', server: 'https://other.example:6443' }]));
  const loaded = loadKubeconfig(kubeconfigSource({ trusted: true, env: { KUBECONFIG: [a, path.join(d, 'missing'), b].join(path.delimiter) } }));
  assert.equal(loaded.state, 'ok');
  if (loaded.state !== 'ok') return;
  assert.equal(loaded.current, 'prod');
  assert.deepEqual(loaded.contexts.map((c) => [c.name, c.server, c.namespace]), [
    ['dev', 'https://dev.example:6443', 'shop'],
    ['prod', 'https://prod.example:6443', undefined],
  ]);
  const conn = connectionFor(loaded.kubeConfig, 'dev');
  assert.equal(conn.server, 'https://dev.example:6443');
  assert.equal(conn.context, 'dev');
  // Choosing a context never rewrites the files.
  assert.equal(fs.readFileSync(b, 'utf8').includes('current-context: prod'), true);
  assert.throws(() => connectionFor(loaded.kubeConfig, 'nope'), /no context named nope/);
  fs.rmSync(d, { recursive: true, force: true });
});

test('missing and broken kubeconfigs are states with a message, never exceptions', () => {
  const d = tmp();
  const missing = loadKubeconfig(kubeconfigSource({ trusted: true, env: {}, home: d }));
  assert.equal(missing.state, 'missing');
  if (missing.state === 'missing') assert.match(missing.message, /^No kubeconfig found: .*\.kube\/config does not exist\.$/);
  const f = path.join(d, 'config');
  fs.writeFileSync(f, 'apiVersion: v1\nkind: Config\ncontexts: []\nclusters: []\nusers: []\n');
  const empty = loadKubeconfig(kubeconfigSource({ trusted: true, settingPath: f }));
  assert.equal(empty.state, 'broken');
  if (empty.state === 'broken') assert.match(empty.message, /defines no context/);
  fs.writeFileSync(f, ': : :\n\t- [');
  assert.equal(loadKubeconfig(kubeconfigSource({ trusted: true, settingPath: f })).state, 'broken');
  fs.writeFileSync(f, cfg('ghost', [{ ctx: 'dev', cluster: 'dev', server: 'https://dev.example:6443' }]));
  const ghost = loadKubeconfig(kubeconfigSource({ trusted: true, settingPath: f }));
  assert.equal(ghost.state, 'ok');
  if (ghost.state === 'ok') assert.equal(ghost.current, undefined, 'a current-context that does not exist is no current context');
  fs.rmSync(d, { recursive: true, force: true });
});
