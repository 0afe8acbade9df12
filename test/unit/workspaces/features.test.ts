import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../../server/src/core/features/completion';
import { hover } from '../../../server/src/core/features/hover';
import { codeLenses, definition, references } from '../../../server/src/core/features/navigation';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { buildWorkspace } from '../../../server/src/core/workspace';

const workloads = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata:
      labels: {app: api, tier: backend}
    spec:
      containers:
        - name: api
          ports: [{name: grpc, containerPort: 9000}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: shop}
spec:
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers: [{name: agent}]
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: internal}
spec: {controller: k8s.io/ingress-nginx}
`;

/** Completion labels at the `|` of a text, in a workspace with the workloads above. */
function labelsAt(withCaret: string): string[] {
  const offset = withCaret.indexOf('|');
  const text = withCaret.replace('|', '');
  const file = parseFile(text);
  const ws = buildWorkspace([{ uri: 'file:///w/workloads.yaml', text: workloads }, { uri: 'file:///w/x.yaml', parsed: file }]);
  return complete(file, offset, normalizeSettings({}), 'file:///w/x.yaml', ws).filter((i) => i.kind === 'reference').map((i) => i.label);
}

test('completion: selector labels of the namespace\'s pod templates, values for a key, ingressClassName', () => {
  assert.deepEqual(labelsAt('apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector:\n    a|\n').sort(), ['app: agent', 'app: api', 'tier: backend']);
  assert.deepEqual(labelsAt('apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector:\n    a|\n'), [], 'no workload in namespace default');
  assert.deepEqual(labelsAt('apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector:\n    app: |\n').sort(), ['agent', 'api']);
  assert.deepEqual(labelsAt('apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  ingressClassName: |\n'), ['internal']);
  assert.deepEqual(labelsAt('apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector: {app: api}\n  ports:\n    - port: 80\n      targetPort: |\n').sort(), ['9000', 'grpc']);
});

test('navigation without matches: hover says no workload matches; CodeLens says so; definition is empty', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: shop}\nspec:\n  selector:\n    app: nothing\n';
  const file = parseFile(text);
  const ws = buildWorkspace([{ uri: 'file:///w/workloads.yaml', text: workloads }, { uri: 'file:///w/s.yaml', parsed: file }]);
  const at = text.indexOf('nothing');
  assert.match(hover(file, at, normalizeSettings({}), 'file:///w/s.yaml', ws)?.markdown ?? '', /No workload/);
  assert.deepEqual(codeLenses(file, 'file:///w/s.yaml', ws).map((l) => l.title), ['selects no pods']);
  assert.deepEqual(definition(file, at, 'file:///w/s.yaml', ws), []);
});

test('CodeLens counts pods (unknown for a DaemonSet) and references include the declaration when asked', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: agent, namespace: shop}\nspec:\n  selector: {app: agent}\n';
  const file = parseFile(text);
  const wl = parseFile(workloads);
  const ws = buildWorkspace([{ uri: 'file:///w/workloads.yaml', parsed: wl }, { uri: 'file:///w/s.yaml', parsed: file }]);
  assert.deepEqual(codeLenses(file, 'file:///w/s.yaml', ws).map((l) => l.title), ['selects pods from DaemonSet agent']);
  const refs = references(wl, workloads.indexOf('agent'), 'file:///w/workloads.yaml', ws, true);
  assert.deepEqual(refs.map((r) => r.uri), ['file:///w/workloads.yaml', 'file:///w/s.yaml']);
});
