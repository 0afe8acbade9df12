import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseService } from '../../../client/src/diagnose/diagnose';
import { reportToMarkdown, reportToJson } from '../../../client/src/diagnose/format';
import { assertMatchesFixture, fixtureSnapshot, loadFixtures } from '../cluster/fixtures';

const fixtures = loadFixtures();

test('there is a fixture per failure mode and healthy ones', () => {
  const names = fixtures.map((f) => f.file.replace(/\.json$/, ''));
  for (const n of ['healthy-clusterip', 'selector-mismatch', 'pods-crashloop', 'pods-imagepull', 'readiness-probe-failing', 'named-targetport-missing-some', 'loadbalancer-pending', 'loadbalancer-pending-class', 'nodeport-local-some-nodes', 'ingress-no-class', 'ingress-tls-secret-missing', 'ingress-to-missing-service', 'networkpolicy-deny-all', 'externalname', 'no-selector-manual-endpoints', 'forbidden-partial']) {
    assert.ok(names.includes(n), `fixture ${n}`);
  }
});

for (const f of fixtures) {
  test(`diagnoseService: ${f.file.replace(/\.json$/, '')} — ${f.description}`, () => {
    const r = diagnoseService(fixtureSnapshot(f));
    assertMatchesFixture(r, f);
  });
}

test('the selector near miss names the differing label and the closest pod', () => {
  const f = fixtures.find((x) => x.file === 'selector-mismatch.json')!;
  const r = diagnoseService(fixtureSnapshot(f));
  const c = r.checks.find((x) => x.id === 'selector-matches-pods')!;
  assert.match(c.evidence[0]!, /web-v2-7b9f8c6d5-abcde/);
  assert.match(c.summary, /matches no pod in namespace shop/);
});

test('the verdict comes first in the Markdown, then the path and every check', () => {
  for (const f of fixtures) {
    const r = diagnoseService(fixtureSnapshot(f));
    const md = reportToMarkdown(r);
    const lines = md.split('\n');
    assert.match(lines[0]!, /^# Diagnose Service shop\/web/);
    assert.ok(lines[2]!.startsWith(`**Verdict (${r.verdict.status}):**`), f.file);
    for (const c of r.checks) assert.ok(md.includes(c.title.replace(/([\\`*_[\]|<>])/g, '\\$1')), `${f.file}: ${c.title}`);
    assert.deepEqual(JSON.parse(reportToJson(r)), JSON.parse(JSON.stringify(r)));
  }
});

test('the diagnosis is deterministic and never throws on half-filled objects', () => {
  const f = fixtures.find((x) => x.file === 'healthy-clusterip.json')!;
  const s = fixtureSnapshot(f);
  assert.deepEqual(diagnoseService(s), diagnoseService(structuredClone(s)));
  const odd = [
    { ...s, service: { spec: {} } },
    { ...s, service: { spec: { ports: [{}], selector: {} } }, pods: [{}, { metadata: {} }, { status: { conditions: [{}] } }] },
    { ...s, service: { spec: { type: 'LoadBalancer', ports: [{ port: 80 }], selector: { a: 'b' } } }, endpointSlices: [{ metadata: { labels: { 'kubernetes.io/service-name': 'web' } }, endpoints: null, ports: null }] },
    { ...s, ingresses: [{ spec: { rules: [{}, { http: {} }, { http: { paths: [{}] } }] } }], networkPolicies: [{}, { spec: { ingress: [{ ports: [{}] }] } }] },
    { ...s, service: { spec: { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ port: 80, targetPort: 'x' }], selector: { app: 'web' } } }, nodes: [{}, { status: {} }] },
  ];
  for (const o of odd) {
    const r = diagnoseService(o as never);
    assert.ok(r.verdict.headline.length > 0);
    assert.doesNotThrow(() => reportToMarkdown(r));
  }
});
