import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KIND_SCHEMAS, SCHEMA_KUBERNETES_VERSION, SCHEMA_SOURCE, fieldAtPath, kindSchema, schemaDef, typeAtPath } from '../../../server/src/core/catalog/schema';

test('the data records the Kubernetes version and the source package', () => {
  assert.equal(SCHEMA_KUBERNETES_VERSION, '1.36.0');
  assert.equal(SCHEMA_SOURCE, 'kubernetes-models@5.1.0');
});

test('every supported kind has a schema', () => {
  const keys = KIND_SCHEMAS.map((k) => `${k.apiVersion} ${k.kind}`);
  for (const k of ['v1 Service', 'networking.k8s.io/v1 Ingress', 'networking.k8s.io/v1 IngressClass', 'apps/v1 Deployment', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'apps/v1 ReplicaSet', 'v1 Pod', 'batch/v1 Job', 'batch/v1 CronJob', 'discovery.k8s.io/v1 EndpointSlice', 'networking.k8s.io/v1 NetworkPolicy', 'v1 Secret', 'v1 ConfigMap', 'v1 Namespace']) {
    assert.ok(keys.includes(k), `missing ${k}`);
  }
  assert.equal(kindSchema('v1', 'Service')?.support, 'full');
  assert.equal(kindSchema('apps/v1', 'Deployment')?.support, 'context');
  assert.equal(kindSchema('extensions/v1beta1', 'Ingress'), undefined);
  assert.equal(kindSchema('cert-manager.io/v1', 'ClusterIssuer'), undefined);
});

test('ServicePort requires port; targetPort is int-or-string', () => {
  const sp = schemaDef('core/v1/ServicePort')!;
  assert.deepEqual(sp.required, ['port']);
  assert.equal(sp.fields.get('targetPort')?.type.kind, 'int-or-string');
  assert.equal(sp.fields.get('port')?.type.kind, 'integer');
  assert.deepEqual(sp.fields.get('protocol')?.type.enum, ['SCTP', 'TCP', 'UDP']);
  assert.equal(sp.fields.get('protocol')?.defaultValue, 'TCP');
});

test('pathType enum is Exact/ImplementationSpecific/Prefix and required', () => {
  const ing = kindSchema('networking.k8s.io/v1', 'Ingress')!;
  const f = fieldAtPath(ing.def, ['spec', 'rules', 0, 'http', 'paths', 0, 'pathType']);
  assert.deepEqual(f?.field.type.enum, ['Exact', 'ImplementationSpecific', 'Prefix']);
  assert.equal(f?.field.required, true);
  assert.equal(f?.owner.name, 'HTTPIngressPath');
});

test('Service has spec.externalTrafficPolicy (Cluster/Local) and spec.ports as a list of ServicePort', () => {
  const svc = kindSchema('v1', 'Service')!;
  assert.deepEqual(typeAtPath(svc.def, ['spec', 'externalTrafficPolicy'])?.enum, ['Cluster', 'Local']);
  const ports = typeAtPath(svc.def, ['spec', 'ports']);
  assert.equal(ports?.kind, 'array');
  assert.equal(ports?.items?.def?.name, 'ServicePort');
  assert.equal(typeAtPath(svc.def, ['metadata', 'labels'])?.kind, 'map');
  assert.equal(typeAtPath(svc.def, ['metadata', 'labels', 'app'])?.kind, 'string');
});

test('transitive definitions are all present: a Deployment reaches container resources (quantities)', () => {
  const dep = kindSchema('apps/v1', 'Deployment')!;
  const limits = typeAtPath(dep.def, ['spec', 'template', 'spec', 'containers', '[]', 'resources', 'limits']);
  assert.equal(limits?.kind, 'map');
  assert.equal(limits?.values?.kind, 'quantity');
  const inline = typeAtPath(kindSchema('apps/v1', 'StatefulSet')!.def, ['spec', 'volumeClaimTemplates', 0, 'spec', 'accessModes']);
  assert.equal(inline?.kind, 'array');
});
