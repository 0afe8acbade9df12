import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../../../server/src/core/features/hover';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';

const settings = normalizeSettings({});
function hoverAt(marked: string) {
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return hover(parseFile(text), offset, settings);
}

const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n  ports:\n    - port: 80\n      protocol: TCP\n';

test('hover on a key: description, type, required, default, version and reference link', () => {
  const h = hoverAt(SVC.replace('protocol:', 'proto|col:'));
  assert.ok(h);
  assert.match(h!.markdown, /\*\*protocol\*\* · `string \(enum\)` · optional/);
  assert.match(h!.markdown, /Default: `TCP`/);
  assert.match(h!.markdown, /Kubernetes 1\.36\.0 schema/);
  assert.match(h!.markdown, /\[Service API reference\]\(https:\/\/kubernetes\.io\/docs\/reference\/kubernetes-api\/service-resources\/service-v1\/\)/);
  assert.match(h!.markdown, /`ServicePort`/);
});

test('hover says required for required fields, and spans the key', () => {
  const text = SVC.replace('- port:', '- p|ort:');
  const h = hoverAt(text);
  assert.match(h!.markdown, /\*\*port\*\* · `integer` · required/);
  const start = text.indexOf('p|ort') ;
  assert.deepEqual(h!.span, [start, start + 4]);
});

test('the reference link points at the section of the kind, its spec or its status', () => {
  const h = hoverAt(SVC.replace('  type: LoadBalancer', '  ty|pe: LoadBalancer'));
  assert.match(h!.markdown, /service-v1\/#ServiceSpec\)/);
});

test('hover on an enum value explains that value', () => {
  const h = hoverAt(SVC.replace('externalTrafficPolicy: Local', 'externalTrafficPolicy: Lo|cal'));
  assert.match(h!.markdown, /`Local`: /);
});

test('hover on metadata and deep fields of a context kind', () => {
  assert.match(hoverAt(SVC.replace('  name: web', '  na|me: web'))!.markdown, /\*\*name\*\* · `string`/);
  const dep = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          imagePullPolicy: Always\n';
  const h = hoverAt(dep.replace('imagePullPolicy', 'imagePull|Policy'));
  assert.match(h!.markdown, /\*\*imagePullPolicy\*\*/);
  assert.match(h!.markdown, /Deployment API reference/);
});

test('hover on apiVersion and kind says which releases serve it', () => {
  const h = hoverAt(SVC.replace('apiVersion: v1', 'apiVersion: v|1'));
  assert.match(h!.markdown, /served since Kubernetes 1\.0/);
  const ing = hoverAt('apiVersion: networking.k8s.io/v1\nki|nd: Ingress\nmetadata:\n  name: x\n');
  assert.match(ing!.markdown, /served since Kubernetes 1\.19/);
});

test('no schema hover on unknown fields, custom resources or annotation keys', () => {
  assert.equal(hoverAt(SVC.replace('  type:', '  ty|po:')), undefined);
  assert.equal(hoverAt('apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nspec:\n  addre|sses: []\n'), undefined);
  assert.equal(hoverAt('apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    exam|ple.com/x: y\n'), undefined);
});

test('hover inside an object of a v1 List describes the object\'s field', () => {
  const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata:\n      name: web\n    spec:\n      externalTrafficPolicy: Local\n';
  const h = hoverAt(list.replace('externalTrafficPolicy:', 'externalTraffic|Policy:'));
  assert.ok(h, 'a hover');
  assert.match(h!.markdown, /\*\*externalTrafficPolicy\*\*/);
  assert.match(h!.markdown, /service-v1\/#ServiceSpec\)/);
});
