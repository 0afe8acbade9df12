/**
 * Half-typed documents are normal while editing: the semantic checkers never throw on any prefix
 * of a fixture, nor on values of the wrong type in every field they read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../../server/src/core/analyze';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { serviceCheckers } from '../../../server/src/core/rules/service';
import { ingressCheckers } from '../../../server/src/core/rules/ingress';
import { apiVersionsCheckers } from '../../../server/src/core/rules/api-versions';
import { workloadsCheckers } from '../../../server/src/core/rules/workloads';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
const checkers = [...serviceCheckers, ...ingressCheckers, ...apiVersionsCheckers, ...workloadsCheckers];
const settings = normalizeSettings({});

function crashes(text: string): string[] {
  const out: string[] = [];
  analyze(parseFile(text), { settings, checkers, onCheckerError: (name, m, e) => out.push(`${name} on document ${m.index}: ${e instanceof Error ? e.stack : String(e)}`) });
  return out;
}

function fixtures(): string[] {
  const dirs = ['service', 'ingress', 'ingressclass', 'api-versions', 'workloads'].map((d) => join(ROOT, 'test', 'fixtures', 'rules', d));
  return dirs.flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.yaml')).map((f) => join(d, f))).filter((p) => statSync(p).isFile());
}

test('every line prefix of every semantic fixture is checked without a crash', () => {
  const files = fixtures();
  assert.ok(files.length >= 10, `fixtures found: ${files.length}`);
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let n = 1; n <= lines.length; n++) {
      const text = lines.slice(0, n).join('\n');
      assert.deepEqual(crashes(text), [], `${file}, first ${n} lines`);
      // The same prefix cut in the middle of its last line, as while typing.
      const last = lines[n - 1];
      if (last.length > 2) assert.deepEqual(crashes(text.slice(0, text.length - Math.ceil(last.length / 2))), [], `${file}, line ${n} half typed`);
    }
  }
});

test('wrong-typed values in every field the checkers read do not crash them', () => {
  const values = ['', '~', '[]', '{}', '[1, {a: b}]', '{a: [1]}', '"x"', '0', '-1', '1.5', 'true', '99999999999999999999', '&a x', '*a'];
  const shapes = [
    (v: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${v}}\nspec:\n  type: ${v}\n  clusterIP: ${v}\n  clusterIPs: ${v}\n  ipFamilies: ${v}\n  ipFamilyPolicy: ${v}\n  externalIPs: ${v}\n  externalName: ${v}\n  loadBalancerIP: ${v}\n  loadBalancerSourceRanges: ${v}\n  sessionAffinity: ${v}\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: ${v}}}\n  selector: ${v}\n  ports: ${v}\n`,
    (v: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: ${v}}\nspec:\n  type: LoadBalancer\n  healthCheckNodePort: ${v}\n  externalTrafficPolicy: ${v}\n  selector: {app: ${v}}\n  ports:\n    - ${v}\n    - {port: ${v}, targetPort: ${v}, nodePort: ${v}, name: ${v}, protocol: ${v}, appProtocol: ${v}}\n`,
    (v: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${v}\n  annotations: {kubernetes.io/ingress.class: ${v}}\nspec:\n  ingressClassName: ${v}\n  defaultBackend: ${v}\n  tls: [${v}, {hosts: ${v}, secretName: ${v}}]\n  rules:\n    - ${v}\n    - host: ${v}\n      http: ${v}\n    - http:\n        paths:\n          - ${v}\n          - {path: ${v}, pathType: ${v}, backend: ${v}}\n          - {path: /, pathType: Prefix, backend: {service: ${v}, resource: ${v}}}\n          - {path: /, pathType: Prefix, backend: {service: {name: ${v}, port: ${v}}}}\n          - {path: /, pathType: Prefix, backend: {service: {name: a, port: {name: ${v}, number: ${v}}}}}\n`,
    (v: string) => `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: ${v}}\nspec:\n  controller: ${v}\n  parameters: {apiGroup: ${v}, kind: ${v}, name: ${v}, scope: ${v}, namespace: ${v}}\n`,
    (v: string) => `apiVersion: ${v}\nkind: ${v}\nitems: ${v}\n---\napiVersion: v1\nkind: List\nitems: [${v}, {apiVersion: ${v}, kind: Deployment}]\n`,
    (v: string) => `apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\naddressType: ${v}\nendpoints: [${v}, {addresses: ${v}, hostname: ${v}, nodeName: ${v}}, {addresses: [${v}]}]\nports: [${v}, {name: ${v}, port: ${v}, appProtocol: ${v}}]\n`,
    (v: string) => `apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      hostNetwork: ${v}\n      containers: [${v}, {ports: ${v}}, {ports: [${v}, {containerPort: ${v}, hostPort: ${v}, name: ${v}}]}]\n`,
  ];
  for (const shape of shapes) for (const v of values) assert.deepEqual(crashes(shape(v)), [], shape(v));
});
