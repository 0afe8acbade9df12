import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import type { TextEdit } from '../../../server/src/core/findings';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { buildWorkspace, resolveUri, WorkspaceIndex } from '../../../server/src/core/workspace';

function applyEdits(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

const deployment = (labels: string, ns = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${ns ? `  namespace: ${ns}\n` : ''}spec:
  template:
    metadata:
      labels: ${labels}
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: http
              containerPort: 8080
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: http
`;

test('lookups by kind, namespace and name; absent namespace is default; IngressClass is cluster-scoped', () => {
  const ws = buildWorkspace([
    { uri: 'file:///w/a.yaml', text: deployment('{app: web}') },
    { uri: 'file:///w/b.yaml', text: deployment('{app: web}', 'shop') + '---\napiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata:\n  name: nginx\n' },
  ]);
  assert.equal(ws.get('Deployment', 'default', 'web').length, 1);
  assert.equal(ws.get('Deployment', 'shop', 'web')[0].uri, 'file:///w/b.yaml');
  assert.equal(ws.get('IngressClass', '', 'nginx').length, 1);
  assert.equal([...ws.byKind('Deployment')].length, 2);
  assert.equal([...ws.all()].length, 3);
});

test('a kustomization namespace applies to the files it lists, and follows its edits', () => {
  const ws = new WorkspaceIndex();
  ws.update('file:///w/app/deploy.yaml', deployment('{app: web}'));
  ws.update('file:///w/other/deploy.yaml', deployment('{app: web}'));
  ws.update('file:///w/app/kustomization.yaml', 'namespace: shop\nresources:\n  - deploy.yaml\n  - ../other/deploy.yaml\n');
  assert.deepEqual(ws.get('Deployment', 'shop', 'web').map((i) => i.uri).sort(), ['file:///w/app/deploy.yaml', 'file:///w/other/deploy.yaml']);
  ws.update('file:///w/app/kustomization.yaml', 'namespace: shop\nresources:\n  - deploy.yaml\n');
  assert.deepEqual(ws.get('Deployment', 'default', 'web').map((i) => i.uri), ['file:///w/other/deploy.yaml']);
  ws.remove('file:///w/app/kustomization.yaml');
  assert.equal(ws.get('Deployment', 'default', 'web').length, 2);
});

test('update reports whether other files could see a change', () => {
  const ws = new WorkspaceIndex();
  assert.equal(ws.update('file:///w/s.yaml', service), true);
  assert.equal(ws.update('file:///w/s.yaml', service.replace('kind: Service', 'kind: Service # edited comment')), false);
  assert.equal(ws.update('file:///w/s.yaml', service.replace('port: 80', 'port: 81')), true);
  assert.equal(ws.remove('file:///w/s.yaml'), true);
  assert.equal(ws.remove('file:///w/s.yaml'), false);
  ws.update('file:///w/d/x.yaml', service);
  ws.update('file:///w/dx.yaml', service);
  assert.deepEqual(ws.removeUnder('file:///w/d'), ['file:///w/d/x.yaml']);
  assert.deepEqual(ws.uris(), ['file:///w/dx.yaml']);
});

test('resolveUri normalizes relative paths against a folder URI', () => {
  assert.equal(resolveUri('file:///w/app/', 'deploy.yaml'), 'file:///w/app/deploy.yaml');
  assert.equal(resolveUri('file:///w/app/', './x/../y.yaml'), 'file:///w/app/y.yaml');
  assert.equal(resolveUri('file:///w/app/', '../base/svc.yaml'), 'file:///w/base/svc.yaml');
});

test('a cross-file check follows the other file: fixed by editing the workload, back when it is removed', () => {
  const ws = new WorkspaceIndex();
  const svcFile = parseFile(service);
  ws.update('file:///w/svc.yaml', svcFile);
  ws.update('file:///w/deploy.yaml', deployment('{app: api}'));
  const cross = () => analyze(svcFile, { settings: normalizeSettings({}), uri: 'file:///w/svc.yaml', workspace: ws }).filter((f) => f.ruleId.startsWith('kube-expose/cross/'));
  assert.deepEqual(cross().map((f) => f.ruleId), ['kube-expose/cross/selector-no-match']);
  ws.update('file:///w/deploy.yaml', deployment('{app: web}'));
  assert.deepEqual(cross(), []);
  ws.remove('file:///w/deploy.yaml');
  assert.deepEqual(cross().map((f) => f.ruleId), ['kube-expose/cross/selector-no-match']);
});

test('quick fixes: the closest workload\'s labels, the declared port names', () => {
  const svcText = service.replace('targetPort: http', 'targetPort: web');
  const svcFile = parseFile(svcText);
  const ws = buildWorkspace([{ uri: 'file:///w/svc.yaml', parsed: svcFile }, { uri: 'file:///w/d.yaml', text: deployment('{app: web-frontend}') }]);
  const findings = analyze(svcFile, { settings: normalizeSettings({}), uri: 'file:///w/svc.yaml', workspace: ws });
  const sel = findings.find((f) => f.ruleId === 'kube-expose/cross/selector-no-match');
  assert.ok(sel?.fixes?.length, JSON.stringify(findings));
  assert.match(sel.message, /Deployment `web` has `app: web-frontend`/);
  assert.match(applyEdits(svcText, sel.fixes[0].edits), /selector:\n {4}app: web-frontend\n/);
  const ws2 = buildWorkspace([{ uri: 'file:///w/svc.yaml', parsed: svcFile }, { uri: 'file:///w/d.yaml', text: deployment('{app: web}') }]);
  const tp = analyze(svcFile, { settings: normalizeSettings({}), uri: 'file:///w/svc.yaml', workspace: ws2 }).find((f) => f.ruleId === 'kube-expose/cross/target-port-name');
  assert.ok(tp?.fixes?.length);
  assert.match(applyEdits(svcText, tp.fixes[0].edits), /targetPort: http\n/);
});

test('without a workspace the cross-resource checks stay silent', () => {
  const f = parseFile(service);
  assert.deepEqual(analyze(f, { settings: normalizeSettings({}) }).filter((x) => x.ruleId.startsWith('kube-expose/cross/')), []);
});

test("a namespace's workloads read before the lookup tables exist are the tables' own entries, and follow changes", async () => {
  const { workloads, tables } = await import('../../../server/src/core/workspace/query');
  const ws = new WorkspaceIndex();
  ws.update('file:///a.yaml', [deployment('{ app: a1 }', 'shop'), deployment('{ app: b1 }', 'other')].join('---\n'));
  ws.update('file:///b.yaml', [deployment('{ app: a2 }', 'shop').replace('kind: Deployment', 'kind: StatefulSet'), service].join('---\n'));
  // A view that wraps the index and notes the kinds read, like the recording view of the checks.
  const read = new Set<string>();
  const view = { ...ws, all: () => ws.all(), get: ws.get.bind(ws), source: ws, byKind: (k: string) => (read.add(k), ws.byKind(k)) };
  const early = workloads(view, 'shop');
  assert.deepEqual(early.map((w) => `${w.template.kind} ${w.template.labels.app}`), ['Deployment a1', 'StatefulSet a2']);
  assert.ok(read.has('Deployment') && read.has('StatefulSet'), 'the workload kinds are noted as read');
  assert.ok(!read.has('Service') && !read.has('Ingress'), 'a namespace of workloads does not depend on Services or Ingresses');
  assert.deepEqual(workloads(view, 'nowhere'), []);
  // Once the tables are built, the same entries (objects and order) come from them.
  const t = tables(view);
  assert.deepEqual(t.workloadsByNs.get('shop')!.map((w) => w.item), early.map((w) => w.item));
  assert.equal(workloads(view, 'shop'), t.workloadsByNs.get('shop'));
  // A new version of the index: read again.
  ws.update('file:///a.yaml', deployment('{ app: a3 }', 'shop'));
  assert.deepEqual(workloads(view, 'shop').map((w) => w.template.labels.app), ['a3', 'a2']);
  assert.deepEqual(workloads(view, 'other'), []);
});
