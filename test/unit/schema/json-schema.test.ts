/** The strict JSON Schema files the generator writes for other tools (yaml-language-server). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';

const DIR = resolve(__dirname, '..', '..', '..', '..', 'schemas', 'json-schema');
const load = (f: string) => JSON.parse(readFileSync(join(DIR, f), 'utf8'));

test('one strict schema file per kind, named <group>-<version>-<kind>.json', () => {
  const files = readdirSync(DIR).sort();
  for (const f of ['core-v1-service.json', 'networking-v1-ingress.json', 'networking-v1-ingressclass.json', 'apps-v1-deployment.json', 'discovery-v1-endpointslice.json', 'all.json']) {
    assert.ok(files.includes(f), `missing ${f}`);
  }
  const svc = load('core-v1-service.json');
  assert.equal(svc.additionalProperties, false);
  assert.deepEqual(svc.properties.kind.enum, ['Service']);
  for (const [name, def] of Object.entries<any>(svc.definitions)) {
    if (def.properties) assert.equal(def.additionalProperties, false, `${name} is not strict`);
  }
  assert.deepEqual(svc.definitions['core.v1.ServicePort'].required, ['port']);
});

test('the schemas compile and judge manifests like the API server would', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(load('core-v1-service.json'));
  const good = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { app: 'web' } }, spec: { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] } };
  assert.equal(validate(good), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...good, spec: { ports: [{ port: 80, targetport: 8080 }] } }), false);
  assert.equal(validate({ ...good, spec: { ports: [{ name: 'x' }] } }), false);
  assert.equal(validate({ ...good, spec: { type: 'Loadbalancer' } }), false);
  // A field with no value yet means "not set", as for the API server.
  assert.equal(validate({ ...good, spec: null }), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...good, spec: { ports: [{ port: 80, targetPort: null, protocol: null }] } }), true, JSON.stringify(validate.errors));
  assert.equal(validate({ ...good, spec: { ports: [{ port: '80' }] } }), false);
  const ing = ajv.compile(load('networking-v1-ingress.json'));
  assert.equal(ing({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'x' }, spec: { rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } }), true, JSON.stringify(ing.errors));
});
