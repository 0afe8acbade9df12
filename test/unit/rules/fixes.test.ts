/**
 * Quick fixes of the service, ingress and api-versions rules: apply the edits and compare the whole
 * text byte for byte, so untouched lines (comments, indentation, quoting) are shown unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/core/analyze';
import { normalizeSettings } from '../../../server/src/core/settings';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { applyTextEdits } from '../../../server/src/core/validation/edits';
import type { Finding } from '../../../server/src/core/findings';

function findings(text: string, rule: string): Finding[] {
  return analyze(parseFile(text), { settings: normalizeSettings({}) }).filter((f) => f.ruleId === `kube-expose/${rule}`);
}

/** Applies the fix with this title (or the preferred one) of the only finding of a rule. */
function fix(text: string, rule: string, title?: string): string {
  const fs = findings(text, rule);
  assert.equal(fs.length, 1, `expected one ${rule} finding, got ${fs.length}`);
  const f = fs[0].fixes?.find((x) => (title ? x.title === title : x.preferred));
  assert.ok(f, `no fix${title ? ` '${title}'` : ' marked preferred'} on ${rule}: ${JSON.stringify(fs[0].fixes?.map((x) => x.title))}`);
  return applyTextEdits(text, f.edits);
}

function errorsOf(text: string): string[] {
  return analyze(parseFile(text), { settings: normalizeSettings({}) }).filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);
}

const lines = (...l: string[]) => l.join('\n') + '\n';

test('pathType fix inserts pathType: Prefix into the path item, at its indentation', () => {
  const before = lines(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    'spec:',
    '  ingressClassName: nginx  # the public class',
    '  rules:',
    '    - host: example.com',
    '      http:',
    '        paths:',
    '          # the whole site',
    '          - path: /',
    '            backend:',
    '              service:',
    '                name: web',
    '                port: {number: 80}',
    '  tls:',
    '    - hosts: [example.com]',
    '      secretName: web-tls',
  );
  const after = fix(before, 'ingress/path-type-required');
  assert.equal(after, before.replace('                port: {number: 80}\n', '                port: {number: 80}\n            pathType: Prefix\n'));
  assert.deepEqual(findings(after, 'ingress/path-type-required'), []);
});

test('pathType fix on a regex path prefers nothing and offers ImplementationSpecific first', () => {
  const text = lines(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata: {name: web}',
    'spec:',
    '  defaultBackend: {service: {name: web, port: {number: 80}}}',
    '  rules:',
    '    - http:',
    '        paths:',
    '          - path: /api/(.*)',
    '            backend: {service: {name: api, port: {number: 80}}}',
  );
  const [f] = findings(text, 'ingress/path-type-required');
  assert.equal(f.fixes?.[0].title, 'Add pathType: ImplementationSpecific');
  assert.ok(!f.fixes?.some((x) => x.preferred));
  const after = fix(text, 'ingress/path-type-required', 'Add pathType: ImplementationSpecific');
  assert.equal(after, text + '            pathType: ImplementationSpecific\n');
});

test('missing port name fix adds name: <protocol>-<port> to the item, keeping comments', () => {
  const before = lines(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector: {app: web}',
    '  ports:',
    '    - name: http',
    '      port: 80',
    '    - port: 53 # DNS',
    '      protocol: UDP',
    '',
    '# trailing comment',
  );
  const after = fix(before, 'service/port-name-required');
  assert.equal(after, before.replace('      protocol: UDP\n', '      protocol: UDP\n      name: udp-53\n'));
  assert.deepEqual(findings(after, 'service/port-name-required'), []);
});

test('nodePort out of range: remove the line', () => {
  const before = lines(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    'spec:',
    '  type: NodePort',
    '  selector: {app: web}',
    '  ports:',
    '    - port: 80',
    '      nodePort: 8080   # picked by hand',
    '      targetPort: http',
  );
  const after = fix(before, 'service/node-port-range');
  assert.equal(after, before.replace('      nodePort: 8080   # picked by hand\n', ''));
  assert.deepEqual(errorsOf(after), []);
});

test('nodePort not allowed on a list dash: the next key moves up to the dash', () => {
  const before = lines(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector: {app: web}',
    '  ports:',
    '    - nodePort: 30080',
    '      port: 80',
  );
  const after = fix(before, 'service/node-port-not-allowed');
  assert.equal(after, before.replace('    - nodePort: 30080\n      port: 80\n', '    - port: 80\n'));
  assert.deepEqual(errorsOf(after), []);
});

test('kubernetes.io/ingress.class annotation becomes ingressClassName', () => {
  const before = lines(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  annotations:',
    '    kubernetes.io/ingress.class: "nginx"',
    '    cert-manager.io/cluster-issuer: letsencrypt',
    'spec:',
    '  tls:',
    '    - hosts: [example.com]',
    '      secretName: web-tls',
    '  rules:',
    '    - host: example.com',
    '      http:',
    '        paths:',
    '          - path: /',
    '            pathType: Prefix',
    '            backend:',
    '              service:',
    '                name: web',
    '                port:',
    '                  number: 80',
  );
  const after = fix(before, 'ingress/class-annotation-deprecated');
  assert.equal(after, before.replace('    kubernetes.io/ingress.class: "nginx"\n', '') + '  ingressClassName: nginx\n');
  assert.deepEqual(errorsOf(after), []);
  assert.deepEqual(findings(after, 'ingress/class-annotation-deprecated'), []);
});

test('the only annotation: the annotations key goes too', () => {
  const before = lines(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  annotations:',
    '    kubernetes.io/ingress.class: traefik',
    'spec:',
    '  defaultBackend:',
    '    service:',
    '      name: web',
    '      port:',
    '        number: 80',
    '  tls:',
    '    - secretName: web-tls',
  );
  const after = fix(before, 'ingress/class-annotation-deprecated');
  assert.equal(after, before.replace('  annotations:\n    kubernetes.io/ingress.class: traefik\n', '') + '  ingressClassName: traefik\n');
});

test('removed apiVersion: a pure rename when the current version accepts the same fields', () => {
  const before = lines(
    'apiVersion: apps/v1beta2 # old',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers: [{name: web, image: nginx}]',
  );
  const after = fix(before, 'api-versions/removed');
  assert.equal(after, before.replace('apps/v1beta2 # old', 'apps/v1 # old'));
  assert.deepEqual(findings(after, 'api-versions/removed'), []);
});

test('removed apiVersion: no rename fix when the current version needs more (selector) or differs (Ingress)', () => {
  const noSelector = lines('apiVersion: extensions/v1beta1', 'kind: Deployment', 'metadata: {name: web}', 'spec:', '  template: {}');
  assert.equal(findings(noSelector, 'api-versions/removed')[0].fixes, undefined);
  const ingress = lines('apiVersion: networking.k8s.io/v1beta1', 'kind: Ingress', 'metadata: {name: web}', 'spec: {}');
  assert.equal(findings(ingress, 'api-versions/removed')[0].fixes, undefined);
});

test('a quoted numeric targetPort becomes a number', () => {
  const before = lines('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec:', '  ports:', "    - port: 80", "      targetPort: '8080'");
  assert.equal(fix(before, 'service/target-port'), before.replace("'8080'", '8080'));
});

test('CRLF files keep CRLF', () => {
  const before = lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', 'spec:', '  ports:', '    - port: 80', '    - port: 81').replace(/\n/g, '\r\n');
  const fs = findings(before, 'service/port-name-required');
  assert.equal(fs.length, 2);
  const after = applyTextEdits(before, fs[1].fixes![0].edits);
  assert.equal(after, before + '      name: tcp-81\r\n');
});

test('conflicting class annotation: the fix removes the annotation and keeps ingressClassName', () => {
  const before = lines(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  annotations:',
    '    kubernetes.io/ingress.class: nginx',
    '    cert-manager.io/cluster-issuer: letsencrypt',
    'spec:',
    '  ingressClassName: traefik',
    '  tls: [{secretName: web-tls}]',
    '  defaultBackend: {service: {name: web, port: {number: 80}}}',
  );
  const after = fix(before, 'ingress/class-annotation-conflict');
  assert.equal(after, before.replace('    kubernetes.io/ingress.class: nginx\n', ''));
  assert.deepEqual(errorsOf(after), []);
});

test('restartPolicy fixes: Always for a Deployment (preferred), OnFailure or Never for a Job; the result is clean', () => {
  const deployment = lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      restartPolicy: Never   # copied from a Job',
    '      containers:',
    '        - name: web',
    '          image: nginx:1.27',
  );
  const fixed = fix(deployment, 'workloads/restart-policy');
  assert.equal(fixed, deployment.replace('restartPolicy: Never   #', 'restartPolicy: Always   #'));
  assert.deepEqual(errorsOf(fixed), []);

  const job = lines(
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: migrate',
    'spec:',
    '  template:',
    '    spec:',
    '      restartPolicy: Always',
    '      containers:',
    '        - name: migrate',
    '          image: example/migrate:1.0',
  );
  assert.equal(findings(job, 'workloads/restart-policy')[0].fixes?.some((f) => f.preferred), false, 'two equally good choices: none is preferred');
  const never = fix(job, 'workloads/restart-policy', 'Change restartPolicy to Never');
  assert.equal(never, job.replace('restartPolicy: Always', 'restartPolicy: Never'));
  assert.deepEqual(errorsOf(never), []);
});
