/** `.kube-expose.yaml`: where it is found, what it changes, and how a bad one is reported. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, json, kubeExpose, SYNTAX, SYNTAX_WARNING, tempTree } from './cli';

const TAGGED = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tagged\ndata:\n  mode: !custom fast\n';
const BROKEN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n  labels: {app: web\ndata:\n  a: b\n';

test('a config in the working directory turns a rule off', () => {
  const cwd = join(FIXTURES, 'config-off');
  const r = kubeExpose(['check', 'broken.yaml'], { cwd });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, 'No problems found in 1 file.\n');
  // The same file checked from elsewhere (no config) fails.
  assert.equal(kubeExpose(['check', 'config-off/broken.yaml']).code, 1);
});

test('--config FILE is used instead of looking for one', () => {
  const r = kubeExpose(['check', '--config', 'config-off/.kube-expose.yaml', 'mixed/broken.yaml']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('re-levelling a rule changes its severity and the exit code', () => {
  const dir = tempTree({ '.kube-expose.yaml': 'rules:\n  kube-expose/yaml/syntax-warning: error\n', 'a.yaml': TAGGED });
  const r = kubeExpose(['check', '-f', 'json', 'a.yaml'], { cwd: dir });
  assert.equal(r.code, 1);
  const f = json(r).findings[0];
  assert.equal(f.ruleId, SYNTAX_WARNING);
  assert.equal(f.severity, 'error');
});

test('re-levelling an error down to info lets the run pass with the default --fail-on', () => {
  const dir = tempTree({ '.kube-expose.yaml': 'rules:\n  yaml/syntax: info\n', 'a.yaml': BROKEN });
  const r = kubeExpose(['check', '-f', 'json', 'a.yaml'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.equal(json(r).findings[0].ruleId, SYNTAX);
  assert.equal(json(r).findings[0].severity, 'info');
  assert.equal(kubeExpose(['check', '--fail-on', 'info', 'a.yaml'], { cwd: dir }).code, 1);
});

test('the config is found upward from the working directory, up to the git root', () => {
  const dir = tempTree({ 'repo/.kube-expose.yaml': 'rules:\n  yaml/syntax: off\n', 'repo/deploy/app/a.yaml': BROKEN });
  mkdirSync(join(dir, 'repo', '.git'));
  const r = kubeExpose(['check', 'a.yaml'], { cwd: join(dir, 'repo', 'deploy', 'app') });
  assert.equal(r.code, 0, r.stdout + r.stderr);
});

test('a config above the git root is not used', () => {
  const dir = tempTree({ '.kube-expose.yaml': 'rules:\n  yaml/syntax: off\n', 'repo/a.yaml': BROKEN });
  mkdirSync(join(dir, 'repo', '.git'));
  assert.equal(kubeExpose(['check', 'a.yaml'], { cwd: join(dir, 'repo') }).code, 1);
});

test('outside a git repository only the working directory is searched', () => {
  const dir = tempTree({ '.kube-expose.yaml': 'rules:\n  yaml/syntax: off\n', 'sub/a.yaml': BROKEN });
  assert.equal(kubeExpose(['check', 'a.yaml'], { cwd: join(dir, 'sub') }).code, 1);
  assert.equal(kubeExpose(['check', 'sub/a.yaml'], { cwd: dir }).code, 0);
});

test('an empty config means the defaults', () => {
  const dir = tempTree({ '.kube-expose.yaml': '# nothing yet\n', 'a.yaml': BROKEN });
  assert.equal(kubeExpose(['check', 'a.yaml'], { cwd: dir }).code, 1);
});

test('every setting of the editor is accepted under the same name', () => {
  const config = [
    'rules:',
    '  yaml/syntax-warning: hint',
    'nodePortRange: 30000-32767',
    'ingressNginxAnnotationPrefix: nginx.ingress.kubernetes.io',
    'ingressNginxRetirementNotice: false',
    'kubernetesVersion: "1.33"',
    'largeFileLineLimit: 5000',
    '',
  ].join('\n');
  const dir = tempTree({ '.kube-expose.yaml': config, 'a.yaml': TAGGED });
  const r = kubeExpose(['check', '-f', 'json', 'a.yaml'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(json(r).findings[0].severity, 'hint');
});

for (const [name, config, pattern] of [
  ['invalid YAML', 'rules: [yaml/syntax\n', /\.kube-expose\.yaml:\d+:\d+: the config is not valid YAML/],
  ['a list at the top', '- rules\n', /\.kube-expose\.yaml: the config must be a mapping/],
  ['an unknown setting', 'rules: {}\nnodeportRange: 1-2\n', /\.kube-expose\.yaml:2:1: unknown setting 'nodeportRange'/],
  ['an unknown level', 'rules:\n  yaml/syntax: loud\n', /\.kube-expose\.yaml:2:16: rule yaml\/syntax: 'loud' is not a level/],
  ['rules as a list', 'rules:\n  - yaml/syntax\n', /`rules` must map rule ids/],
  ['a bad NodePort range', 'nodePortRange: 32767-30000\n', /:1:16: nodePortRange must be 'MIN-MAX'/],
  ['an unquoted version', 'kubernetesVersion: 1.30\n', /kubernetesVersion must be a quoted version like "1\.33"/],
  ['a string for a boolean', 'ingressNginxRetirementNotice: "no"\n', /ingressNginxRetirementNotice must be true or false/],
  ['an empty annotation prefix', 'ingressNginxAnnotationPrefix: ""\n', /ingressNginxAnnotationPrefix must be a non-empty string/],
] as Array<[string, string, RegExp]>) {
  test(`a config with ${name} is exit 2 naming the file and the problem`, () => {
    const dir = tempTree({ '.kube-expose.yaml': config, 'a.yaml': TAGGED });
    const r = kubeExpose(['check', 'a.yaml'], { cwd: dir });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, pattern);
    assert.ok(r.stderr.includes(join(dir, '.kube-expose.yaml')), r.stderr);
    assert.equal(r.stdout, '', 'nothing is checked with a broken config');
  });
}

test('an unknown rule id in the config is a warning on stderr, not a failure', () => {
  const dir = tempTree({ '.kube-expose.yaml': 'rules:\n  service/no-such-rule: off\n', 'a.yaml': TAGGED });
  const r = kubeExpose(['check', 'a.yaml'], { cwd: dir });
  assert.equal(r.code, 0);
  assert.match(r.stderr, /warning: .*\.kube-expose\.yaml:2:3: no rule is called 'service\/no-such-rule'/);
});

test('a --config file that does not exist is exit 2', () => {
  const r = kubeExpose(['check', '--config', 'nope.yaml', 'mixed']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read config nope\.yaml: no such file or directory/);
});
