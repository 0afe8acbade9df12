/** Quick fixes of the annotation rules, and the checks that need the workspace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/findings';
import { normalizeSettings } from '../../../server/src/core/settings';
import type { IndexedManifest, WorkspaceView } from '../../../server/src/core/workspace/view';
import { parseFile } from '../../../server/src/core/yaml/parse';

function findings(text: string, settings: Record<string, unknown> = {}, workspace?: WorkspaceView): Finding[] {
  return analyze(parseFile(text), { settings: normalizeSettings(settings), workspace }).filter((f) => f.ruleId.startsWith('kube-expose/annotations/'));
}

function applyFix(text: string, f: Finding, i = 0): string {
  const edits = [...f.fixes![i].edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function workspaceOf(text: string): WorkspaceView {
  const items: IndexedManifest[] = parseFile(text).manifests.map((manifest) => ({ uri: 'file:///ws/classes.yaml', manifest, namespace: manifest.namespace ?? 'default' }));
  return {
    all: () => items,
    byKind: (kind) => items.filter((i) => i.manifest.kind === kind),
    get: (kind, ns, name) => items.filter((i) => i.manifest.kind === kind && i.namespace === ns && i.manifest.name === name),
  };
}

const ingress = (annotations: string, spec = 'spec:\n  tls: [{hosts: [a.example.com], secretName: a-tls}]\n') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n${annotations}${spec}`;

test('unknown key: one close candidate gives a preferred fix that renames the key', () => {
  const text = ingress('    nginx.ingress.kubernetes.io/rewrite-targe: /\n');
  const [f] = findings(text).filter((x) => x.ruleId.endsWith('/unknown'));
  assert.ok(f);
  assert.equal(f.fixes?.length, 1);
  assert.equal(f.fixes![0].preferred, true);
  assert.match(applyFix(text, f), /^    nginx\.ingress\.kubernetes\.io\/rewrite-target: \/$/m);
  assert.equal(findings(applyFix(text, f)).filter((x) => x.ruleId.endsWith('/unknown')).length, 0);
});

test('unknown key: a quoted key keeps its quotes', () => {
  const text = ingress("    'nginx.ingress.kubernetes.io/proxy-body-sise': 8m\n");
  const [f] = findings(text).filter((x) => x.ruleId.endsWith('/unknown'));
  assert.match(applyFix(text, f), /'nginx\.ingress\.kubernetes\.io\/proxy-body-size': 8m/);
});

test('unknown key far from every known one: no suggestion, no fix', () => {
  const [f] = findings(ingress('    nginx.ingress.kubernetes.io/totally-made-up-thing: x\n')).filter((x) => x.ruleId.endsWith('/unknown'));
  assert.ok(f);
  assert.doesNotMatch(f.message, /Did you mean/);
  assert.deepEqual(f.fixes, []);
});

test('unquoted values: the fix quotes them, mapping YAML 1.1 booleans of bool annotations to "true"/"false"', () => {
  const text = ingress('    nginx.ingress.kubernetes.io/enable-cors: on\n    nginx.ingress.kubernetes.io/proxy-read-timeout: 120\n    example.com/flag: no\n');
  const fs = findings(text).filter((x) => x.ruleId.endsWith('/not-a-string'));
  assert.equal(fs.length, 3);
  let out = text;
  for (const f of [...fs].sort((a, b) => b.start - a.start)) out = applyFix(out, f);
  assert.match(out, /enable-cors: "true"/);
  assert.match(out, /proxy-read-timeout: "120"/);
  assert.match(out, /example\.com\/flag: "no"/, 'an unknown annotation keeps its text');
  assert.deepEqual(findings(out).filter((x) => x.severity === 'error'), []);
});

test('legacy alias: the fix renames it, unless the new name is already set', () => {
  const text = ingress('    nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8\n');
  const [f] = findings(text).filter((x) => x.ruleId.endsWith('/deprecated'));
  assert.equal(f.severity, 'info');
  assert.deepEqual(f.tags, ['deprecated']);
  assert.match(applyFix(text, f), /allowlist-source-range: 10\.0\.0\.0\/8/);
  const both = ingress('    nginx.ingress.kubernetes.io/allowlist-source-range: 10.0.0.0/8\n    nginx.ingress.kubernetes.io/whitelist-source-range: 10.0.0.0/8\n');
  const [g] = findings(both).filter((x) => x.ruleId.endsWith('/deprecated'));
  assert.deepEqual(g.fixes, []);
  assert.match(g.message, /wins/);
});

test('ingress-nginx annotations on an Ingress whose class belongs to another controller', () => {
  const classes = workspaceOf('apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: traefik\nspec:\n  controller: traefik.io/ingress-controller\n---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx-internal\nspec:\n  controller: k8s.io/ingress-nginx-internal\n');
  const anns = '    nginx.ingress.kubernetes.io/proxy-body-size: 8m\n    nginx.ingress.kubernetes.io/ssl-redirect: "false"\n';
  const other = findings(ingress(anns, 'spec:\n  ingressClassName: traefik\n'), {}, classes).filter((x) => x.ruleId.endsWith('/other-controller'));
  assert.equal(other.length, 1);
  assert.match(other[0].message, /traefik\.io\/ingress-controller/);
  assert.match(other[0].message, /2 nginx\.ingress\.kubernetes\.io\/ annotations/);
  const nginx = findings(ingress(anns, 'spec:\n  ingressClassName: nginx-internal\n'), {}, classes).filter((x) => x.ruleId.endsWith('/other-controller'));
  assert.equal(nginx.length, 0, 'an ingress-nginx instance with its own controller class is still ingress-nginx');
  const unknownClass = findings(ingress(anns, 'spec:\n  ingressClassName: haproxy\n'), {}, classes).filter((x) => x.ruleId.endsWith('/other-controller'));
  assert.equal(unknownClass.length, 0, 'a class the workspace does not define says nothing');
  const noWorkspace = findings(ingress(anns, 'spec:\n  ingressClassName: traefik\n')).filter((x) => x.ruleId.endsWith('/other-controller'));
  assert.equal(noWorkspace.length, 0);
});

test('rules can be turned off and Helm templates are not judged', () => {
  const text = ingress('    nginx.ingress.kubernetes.io/proxy-body-size: 10mb\n');
  assert.equal(findings(text, { rules: { 'annotations/invalid-value': 'off' } }).filter((x) => x.ruleId.endsWith('/invalid-value')).length, 0);
  assert.equal(findings(ingress('    nginx.ingress.kubernetes.io/proxy-body-size: {{ .Values.size }}\n')).length, 0);
});

test('half-typed annotation maps never throw', () => {
  for (const a of ['    nginx.ingress.kubernetes.io/\n', '    : x\n', '    ? [a]\n    : b\n', '    nginx.ingress.kubernetes.io/canary-weight:\n', '    - a\n']) {
    const fs = analyze(parseFile(ingress(a)), { settings: normalizeSettings({}) });
    assert.equal(fs.filter((f) => f.ruleId.endsWith('internal/checker-crashed')).length, 0, a);
  }
});
