/**
 * Architecture invariants of the cluster side, checked on the source:
 * one network function, GET only; @kubernetes/client-node only for kubeconfig and credentials;
 * nothing heavy imported by the module that runs at activation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { clusterFixturesDir } from './fake-apiserver';

const root = path.resolve(clusterFixturesDir(), '../../..');
const clientSrc = path.join(root, 'client', 'src');

function sources(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts')) out.push({ file: path.relative(root, p), text: fs.readFileSync(p, 'utf8') });
  }
  return out;
}

const all = sources(clientSrc);

test('only the reader talks HTTP, and only with GET', () => {
  const net = all.filter((s) => /^import (?!type)[^;]*from 'node:(http|https|net|tls)'/m.test(s.text) || /\bfetch\(/.test(s.text) || /\bhttps?\.(request|get)\(/.test(s.text));
  assert.deepEqual(net.map((s) => s.file), ['client/src/cluster/reader.ts']);
  const reader = net[0]!.text;
  const methods = [...reader.matchAll(/method:\s*'([A-Z]+)'/g)].map((m) => m[1]);
  assert.deepEqual(methods, ['GET']);
  for (const s of all) assert.ok(!/\b(POST|PUT|PATCH|DELETE)\b/.test(s.text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')), `${s.file} mentions a mutating HTTP method`);
});

test('@kubernetes/client-node is used for the kubeconfig only, never for its API clients, exec or port-forward', () => {
  const users = all.filter((s) => s.text.includes("'@kubernetes/client-node'"));
  assert.deepEqual(users.map((s) => s.file), ['client/src/cluster/kubeconfig.ts']);
  assert.ok(!/makeApiClient|CoreV1Api|Exec\b|PortForward|Attach|KubernetesObjectApi|Watch\b/.test(users[0]!.text));
});

test('the module loaded at activation imports no cluster code statically', () => {
  const f = all.find((s) => s.file === 'client/src/views/clusterFeatures.ts')!;
  const imports = [...f.text.matchAll(/^import (?!type )[^;]*?from '([^']+)'/gm)].map((m) => m[1]);
  assert.deepEqual(imports.sort(), ['../cluster/source', './serviceLocator', 'node:path', 'vscode']);
  const source = all.find((s) => s.file === 'client/src/cluster/source.ts')!;
  assert.deepEqual([...source.text.matchAll(/^import [^;]*?from '([^']+)'/gm)].map((m) => m[1]).sort(), ['node:fs', 'node:os', 'node:path']);
  assert.match(f.text, /require\(path\.join\(__dirname, 'cluster\.js'\)\)/, 'the cluster code is loaded from its own bundle at run time');
  assert.doesNotMatch(f.text, /import\('\.\/(clusterCommands|reportPanel)'\)/, 'a dynamic import would be inlined into dist/client.js');
});

test('the activation bundle does not carry @kubernetes/client-node; the cluster bundle does', () => {
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(path.join(dist, 'client.js'))) return assert.fail('dist/client.js is missing: build first');
  const client = fs.readFileSync(path.join(dist, 'client.js'), 'utf8');
  const cluster = fs.readFileSync(path.join(dist, 'cluster.js'), 'utf8');
  assert.ok(!client.includes('loadFromDefault'), 'dist/client.js contains client-node code');
  assert.ok(cluster.includes('loadFromDefault'), 'dist/cluster.js lacks client-node');
});
