/**
 * The catalogue holds every annotation of the reference lists, per group, and its lookups honour
 * the configured ingress-nginx prefix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { ALL_ANNOTATIONS, ANNOTATION_GROUPS, annotationsForKind, keysUnder, lookupAnnotation, ownedPrefixOf } from '../../../server/src/core/catalog/annotations';
import type { AnnotationGroup } from '../../../server/src/core/catalog/annotations';

const REF = '/work/shared/reference';

function tsv(file: string): string[][] {
  return readFileSync(`${REF}/${file}`, 'utf8').split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split('\t'));
}

const names = new Map(ALL_ANNOTATIONS.map((a) => [a.name, a]));

test('fixed counts per group (136 parsed keys + 2 aliases + 30 removed for ingress-nginx)', () => {
  const nginx = ANNOTATION_GROUPS['ingress-nginx'];
  assert.equal(nginx.length, 168);
  assert.equal(nginx.filter((a) => a.status.state === 'current').length, 136);
  assert.equal(nginx.filter((a) => a.aliasOf).length, 2);
  assert.equal(nginx.filter((a) => a.status.state === 'removed').length, 30);
  assert.equal(ANNOTATION_GROUPS['cert-manager'].length, 32);
  assert.equal(ANNOTATION_GROUPS.aws.length, 53);
  assert.equal(ANNOTATION_GROUPS.aws.filter((a) => a.controllers?.includes('in-tree')).length, 30);
  assert.equal(ANNOTATION_GROUPS.aws.filter((a) => a.controllers?.includes('aws-load-balancer-controller')).length, 48);
  assert.equal(ANNOTATION_GROUPS.gcp.length, 18);
  assert.equal(ANNOTATION_GROUPS.azure.length, 40);
  assert.equal(ANNOTATION_GROUPS.metallb.length, 8);
  assert.equal(new Set(ALL_ANNOTATIONS.map((a) => a.name)).size, ALL_ANNOTATIONS.length, 'no name twice');
});

test('ingress-nginx risk levels match the controller (5 Critical, 10 High, 45 Medium, 76 Low)', () => {
  const current = ANNOTATION_GROUPS['ingress-nginx'].filter((a) => a.status.state === 'current');
  const count = (r: string) => current.filter((a) => a.risk === r).length;
  assert.deepEqual([count('Critical'), count('High'), count('Medium'), count('Low')], [5, 10, 45, 76]);
});

test('every entry has a description, a type, a docs link and targets', () => {
  for (const a of ALL_ANNOTATIONS) {
    assert.ok(a.description.length > 20, `${a.name} needs a description`);
    assert.match(a.docs, /^https:\/\//, a.name);
    assert.ok(a.type, a.name);
    if (a.group === 'ingress-nginx' && a.status.state !== 'removed') assert.ok(a.risk && a.scope, `${a.name} needs risk and scope`);
  }
});

test('every ingress-nginx name of the reference list is in the catalogue, with its risk, scope and status', { skip: !existsSync(REF) && 'reference folder absent' }, () => {
  const rows = tsv('ingress-nginx-annotations.tsv');
  assert.equal(rows.length, 168);
  for (const [name, , , risk, scope, , status] of rows) {
    const a = names.get(name);
    assert.ok(a, `missing ${name}`);
    assert.equal(a.group, 'ingress-nginx');
    if (status.startsWith('removed')) assert.equal(a.status.state, 'removed', name);
    else {
      assert.equal(a.risk, risk, name);
      assert.equal(a.scope, scope, name);
      assert.notEqual(a.status.state, 'removed', name);
    }
  }
});

test('every cloud, cert-manager and MetalLB name of the reference list is in its group', { skip: !existsSync(REF) && 'reference folder absent' }, () => {
  const rows = tsv('service-annotations.tsv');
  assert.equal(rows.length, 176);
  const groupOf = (g: string): AnnotationGroup =>
    g.startsWith('cert-manager') ? 'cert-manager' : g.startsWith('AWS') ? 'aws' : g.startsWith('GCP') ? 'gcp' : g.startsWith('Azure') ? 'azure' : 'metallb';
  const perGroup = new Map<AnnotationGroup, Set<string>>();
  for (const [name, , group] of rows) {
    const a = names.get(name);
    assert.ok(a, `missing ${name}`);
    const g = groupOf(group);
    assert.equal(a.group, g, name);
    if (group.includes('in-tree')) assert.ok(a.controllers?.includes('in-tree'), `${name} is read by the in-tree provider`);
    if (group.includes('Load Balancer Controller')) assert.ok(a.controllers?.includes('aws-load-balancer-controller'), `${name} is read by the AWS Load Balancer Controller`);
    if (!perGroup.has(g)) perGroup.set(g, new Set());
    perGroup.get(g)!.add(name);
  }
  for (const [g, set] of perGroup) assert.equal(ANNOTATION_GROUPS[g].length, set.size, `group ${g}`);
});

test('lookups follow the configured ingress-nginx prefix', () => {
  assert.equal(lookupAnnotation('nginx.ingress.kubernetes.io/rewrite-target')?.type, 'string');
  assert.equal(lookupAnnotation('nginx.ingress.kubernetes.io/rewrite-target', 'ingress.example.com'), undefined);
  assert.equal(lookupAnnotation('ingress.example.com/rewrite-target', 'ingress.example.com')?.name, 'nginx.ingress.kubernetes.io/rewrite-target');
  assert.equal(lookupAnnotation('nginx.ingress.kubernetes.io/'), undefined);
  assert.equal(lookupAnnotation('cert-manager.io/cluster-issuer')?.group, 'cert-manager');
});

test('templated names match by pattern', () => {
  assert.equal(lookupAnnotation('service.beta.kubernetes.io/port_443_no_probe_rule')?.group, 'azure');
  assert.equal(lookupAnnotation('service.beta.kubernetes.io/port_80_health-probe_request-path')?.group, 'azure');
  assert.equal(lookupAnnotation('service.beta.kubernetes.io/port_80_health-probe_colour'), undefined);
  assert.equal(lookupAnnotation('service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-80')?.group, 'aws');
});

test('completion sets by kind: nginx and cert-manager on Ingress, cloud and MetalLB on Service', () => {
  const ing = new Set(annotationsForKind('Ingress').map((a) => a.group));
  const svc = new Set(annotationsForKind('Service').map((a) => a.group));
  assert.deepEqual([...ing].sort(), ['cert-manager', 'ingress-nginx']);
  assert.deepEqual([...svc].sort(), ['aws', 'azure', 'gcp', 'metallb']);
  assert.deepEqual(annotationsForKind('ConfigMap'), []);
});

test('owned prefixes: narrow for shared cloud prefixes, per kind', () => {
  assert.equal(ownedPrefixOf('nginx.ingress.kubernetes.io/foo', 'Ingress')?.group, 'ingress-nginx');
  assert.equal(ownedPrefixOf('nginx.ingress.kubernetes.io/foo', 'Service'), undefined);
  assert.equal(ownedPrefixOf('service.beta.kubernetes.io/do-loadbalancer-name', 'Service'), undefined);
  assert.equal(ownedPrefixOf('service.beta.kubernetes.io/aws-load-balancer-tpye', 'Service')?.group, 'aws');
  const keys = keysUnder(ownedPrefixOf('x.io/a', 'Ingress', 'x.io')!, 'x.io');
  assert.ok(keys.includes('x.io/rewrite-target'));
  assert.ok(!keys.includes('x.io/secure-backends'), 'removed names are not suggested');
});
