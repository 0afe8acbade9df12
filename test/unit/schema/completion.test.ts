import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../../server/src/core/features/completion';
import { schemaCompletion, cursorPath } from '../../../server/src/core/features/schema-completion';
import { featureContext } from '../../../server/src/core/features/context';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';

const settings = normalizeSettings({});

/** Text with one `|` marking the cursor. */
function at(marked: string) {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { file: parseFile(text), offset, text };
}
function items(marked: string) {
  const { file, offset } = at(marked);
  return complete(file, offset, settings);
}
function labels(marked: string): string[] {
  return items(marked).map((i) => i.label);
}
function path(marked: string) {
  const { file, offset } = at(marked);
  return cursorPath(featureContext(file, offset, settings));
}

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n';

test('keys of ServiceSpec on a blank indented line under spec, minus the ones present', () => {
  const l = labels(`${SVC}spec:\n  type: ClusterIP\n  |\n  selector:\n    app: web\n`);
  assert.ok(l.includes('ports'));
  assert.ok(l.includes('externalTrafficPolicy'));
  assert.ok(!l.includes('type'), 'type is already present above');
  assert.ok(!l.includes('selector'), 'selector is already present below');
  assert.ok(!l.includes('name'), 'ObjectMeta keys are not offered under spec');
});

test('after typing part of a key (the tree holds a scalar there, the path comes from indentation)', () => {
  const { file, offset } = at(`${SVC}spec:\n  ext|\n`);
  const ctx = featureContext(file, offset, settings);
  const list = schemaCompletion(ctx);
  const ext = list.find((i) => i.label === 'externalTrafficPolicy');
  assert.ok(ext, 'externalTrafficPolicy offered');
  // The item replaces the typed word.
  assert.deepEqual(ext!.replace, [offset - 3, offset]);
  assert.equal(ext!.insertText, 'externalTrafficPolicy: ${1|Cluster,Local|}');
  assert.equal(ext!.snippet, true);
  assert.match(ext!.detail!, /string \(enum\)/);
  assert.match(ext!.documentation!, /Local/);
});

test('ports: inserts the required sub-structure as a snippet', () => {
  const ports = items(`${SVC}spec:\n  |\n`).find((i) => i.label === 'ports');
  assert.equal(ports?.insertText, 'ports:\n  - port: $1');
  assert.equal(ports?.detail, '[]ServicePort');
});

test('metadata: inserts a name to fill in', () => {
  const meta = items('apiVersion: v1\nkind: Service\n|\n').find((i) => i.label === 'metadata');
  assert.equal(meta?.insertText, 'metadata:\n  name: $1');
});

test('on a new list item: the item type\'s keys, required first', () => {
  const list = items(`${SVC}spec:\n  ports:\n    - |\n`);
  const names = list.map((i) => i.label);
  assert.ok(names.includes('port') && names.includes('targetPort') && names.includes('protocol'));
  const port = list.find((i) => i.label === 'port')!;
  assert.match(port.detail!, /integer · required/);
  assert.ok(port.sortText! < list.find((i) => i.label === 'name')!.sortText!);
});

test('inside a list item, below its first key (block style, compact sequence)', () => {
  const l = labels(`${SVC}spec:\n  ports:\n  - port: 80\n    |\n`);
  assert.ok(l.includes('targetPort'));
  assert.ok(!l.includes('port'));
  assert.deepEqual(path(`${SVC}spec:\n  ports:\n  - port: 80\n    |\n`)?.path, ['spec', 'ports', '[]']);
});

test('a key that goes back out of a list is in the outer map', () => {
  assert.deepEqual(path(`${SVC}spec:\n  ports:\n    - port: 80\n      name: http\n  |\n`)?.path, ['spec']);
  assert.deepEqual(path(`${SVC}spec:\n  ports:\n    - port: 80\n|\n`)?.path, []);
});

test('block scalars above the cursor do not confuse the path', () => {
  const p = path('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  script: |\n    spec:\n      ports:\n  |\n');
  assert.deepEqual(p?.path, ['data']);
});

test('enum values after `key: `, with each value\'s meaning', () => {
  const list = items(`apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: |\n`);
  assert.deepEqual(list.map((i) => i.label), ['Exact', 'ImplementationSpecific', 'Prefix']);
  assert.match(list.find((i) => i.label === 'Prefix')!.documentation!, /prefix/i);
});

test('enum value after typing part of it replaces the partial word', () => {
  const { file, offset } = at(`${SVC}spec:\n  type: Load|\n`);
  const list = complete(file, offset, settings);
  const lb = list.find((i) => i.label === 'LoadBalancer');
  assert.deepEqual(lb?.replace, [offset - 4, offset]);
});

test('booleans', () => {
  assert.deepEqual(labels(`${SVC}spec:\n  allocateLoadBalancerNodePorts: |\n`), ['true', 'false']);
});

test('apiVersion + kind pairs at the top of an empty document, one per kind', () => {
  const list = items('|');
  const svc = list.find((i) => i.label === 'Service (v1)');
  assert.ok(svc);
  assert.ok(svc!.insertText!.startsWith('apiVersion: v1\nkind: Service\n'));
  assert.ok(list.some((i) => i.label === 'Ingress (networking.k8s.io/v1)'));
  assert.ok(list.some((i) => i.label === 'Deployment (apps/v1)'));
  assert.equal(new Set(list.map((i) => i.label)).size, list.length);
  // Also in a new document after `---`.
  assert.ok(labels(`${SVC}spec: {}\n---\n|`).includes('Ingress (networking.k8s.io/v1)'));
});

test('the kind line for an apiVersion already written, instead of whole pairs', () => {
  assert.deepEqual(labels('apiVersion: networking.k8s.io/v1\n|\n').sort(), ['kind: Ingress', 'kind: IngressClass', 'kind: NetworkPolicy']);
});

test('the apiVersion line for a kind already written', () => {
  assert.deepEqual(labels('|\nkind: Ingress\n'), ['apiVersion: networking.k8s.io/v1']);
});

test('kind values for the apiVersion typed above', () => {
  assert.deepEqual(labels('apiVersion: networking.k8s.io/v1\nkind: |\n').sort(), ['Ingress', 'IngressClass', 'NetworkPolicy']);
});

test('top-level keys of a kind, without status and without the ones present', () => {
  const l = labels(`${SVC}|\n`);
  assert.ok(l.includes('spec'));
  assert.ok(!l.includes('status'));
  assert.ok(!l.includes('metadata'));
  assert.ok(!l.includes('kind'));
});

test('metadata keys (ObjectMeta), and nothing under annotations', () => {
  const l = labels('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  |\n');
  assert.ok(l.includes('labels') && l.includes('annotations') && l.includes('namespace'));
  // Annotation keys come from the annotation catalogue's provider, never from the schema.
  const { file, offset } = at('apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    |\n');
  assert.deepEqual(schemaCompletion(featureContext(file, offset, settings)), []);
});

test('deep paths in context kinds: a container of a Deployment', () => {
  const l = labels('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          |\n');
  assert.ok(l.includes('image') && l.includes('ports') && l.includes('readinessProbe'));
});

test('nothing for custom resources, comments, or after a colon with no space', () => {
  assert.deepEqual(labels('apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nspec:\n  |\n'), []);
  assert.deepEqual(labels(`${SVC}# spe|\n`), []);
  assert.deepEqual(labels(`${SVC}spec:|\n`), []);
});

test('never throws on odd input', () => {
  for (const t of ['|', '- |', ':|', '{|', '"a|', 'apiVersion: v1\nkind: Service\nspec:\n  - - |', '\t|', '---\n---\n|']) {
    assert.doesNotThrow(() => items(t));
  }
});

const LIST = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n    spec:\n';

test('inside an object of a v1 List (kubectl get -o yaml): the object\'s own keys and values', () => {
  const p = path(`${LIST}      |\n`);
  assert.deepEqual([p?.path, p?.kind, p?.apiVersion], [['spec'], 'Service', 'v1']);
  const l = labels(`${LIST}      |\n`);
  assert.ok(l.includes('ports') && l.includes('selector'), `ServiceSpec keys: ${l.join(', ')}`);
  assert.ok(!l.includes('items'), 'not the List\'s own keys');
  assert.deepEqual(labels(`${LIST}      type: |\n`).sort(), ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
  // A second object of another kind in the same List.
  const two = `${LIST}      type: ClusterIP\n  - apiVersion: networking.k8s.io/v1\n    kind: Ingress\n    metadata:\n      name: web\n    spec:\n      |\n`;
  const l2 = labels(two);
  assert.ok(l2.includes('rules') && l2.includes('ingressClassName') && !l2.includes('ports'), `IngressSpec keys: ${l2.join(', ')}`);
});

test('inside flow-style maps and lists: the keys of the map at the cursor, inserted as `key: `, and enum values', () => {
  // A list item written as a flow map.
  const item = `${SVC}spec:\n  ports:\n    - {name: http, |}\n`;
  const p = path(item);
  assert.deepEqual([p?.path, p?.mode, p?.flow], [['spec', 'ports', '[]'], 'key', true]);
  const ports = items(item);
  const port = ports.find((i) => i.label === 'port');
  assert.ok(port, `ServicePort keys: ${ports.map((i) => i.label).join(', ')}`);
  assert.equal(port!.insertText, 'port: ');
  assert.ok(!ports.some((i) => i.label === 'name'), 'name is already written in this map');
  // A block key whose value is a flow list of flow maps, with a partial key.
  assert.ok(labels(`${SVC}spec:\n  ports: [{port: 80, target|}]\n`).includes('targetPort'));
  // Nested flow maps: metadata: {labels: {...}, ann|}
  assert.ok(labels(`apiVersion: v1\nkind: Service\nmetadata: {labels: {app: web}, |}\n`).includes('annotations'));
  // An enum value inside a flow map.
  assert.deepEqual(labels(`${SVC}spec:\n  ports:\n    - {port: 80, protocol: |}\n`).sort(), ['SCTP', 'TCP', 'UDP']);
  // Closed before the cursor, or inside a quoted string: nothing from the flow parser.
  assert.equal(path(`${SVC}spec:\n  selector: {app: "we|"}\n`), undefined);
});
