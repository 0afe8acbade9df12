/**
 * Every diagnosis scenario on a real API server, through the product's code path: the objects are
 * created through the API (so they carry real defaults, real ClusterIPs and NodePorts), the
 * product's ClusterReader collects the snapshot with the generated kubeconfig
 * (collectServiceSnapshot), and the product's diagnoseService() judges it. A plain HTTP read of the
 * same objects (snapshot.ts) cross-checks that the reader missed nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_TOKEN, startCluster, VIEWER_TOKEN, type Cluster } from './apiserver';
import { buildScenarios, NODES, type Scenario, type ScenarioId } from './scenarios';
import { rawSnapshot } from './snapshot';
import { diagnoseService } from '../../client/src/diagnose/diagnose';
import { reportToJson, reportToMarkdown } from '../../client/src/diagnose/format';
import { ClusterReader } from '../../client/src/cluster/reader';
import { collectServiceSnapshot } from '../../client/src/cluster/snapshot';
import { connectionFor, kubeconfigSource, loadKubeconfig } from '../../client/src/cluster/kubeconfig';
import type { Check, Report, ServiceSnapshot } from '../../client/src/diagnose/types';

let c: Cluster;
let scenarios: Scenario[] = [];

before(async () => {
  c = await startCluster();
  scenarios = await buildScenarios(c);
}, { timeout: 240_000 });

after(async () => {
  await c?.stop();
});

const scenario = (id: ScenarioId) => {
  const s = scenarios.find((x) => x.id === id);
  assert.ok(s, `scenario ${id} was not built`);
  return s;
};

function readerFor(context: 'admin' | 'viewer'): ClusterReader {
  const loaded = loadKubeconfig(kubeconfigSource({ settingPath: c.kubeconfigPath, trusted: true, env: {} }));
  if (loaded.state !== 'ok') throw new Error(`kubeconfig: ${loaded.message}`);
  return new ClusterReader(connectionFor(loaded.kubeConfig, context), { timeoutMs: 10_000 });
}

/** The product's path: kubeconfig → ClusterReader → collectServiceSnapshot → diagnoseService. */
async function snapshotOf(id: ScenarioId, context: 'admin' | 'viewer' = 'admin'): Promise<{ snap: ServiceSnapshot; report: Report }> {
  const s = scenario(id);
  // As ClusterFeatures.runDiagnosis does it: Warning events of the last hour.
  const snap = await collectServiceSnapshot(readerFor(context), { namespace: s.namespace, name: s.service, eventsSince: new Date(Date.now() - 60 * 60 * 1000) });
  return { snap, report: diagnoseService(snap) };
}

const checks = (r: Report, id: string): Check[] => r.checks.filter((ch) => ch.id === id);
const text = (ch: Check[]) => ch.map((x) => [x.summary, ...x.evidence, x.fix ?? ''].join('\n')).join('\n');
const describeReport = (r: Report) => `${r.verdict.headline}\n${r.checks.map((x) => `  [${x.status}] ${x.id}: ${x.summary}${x.status === "warn" || x.status === "fail" ? x.evidence.map((e) => `\n      ${e}`).join("") : ""}`).join("\n")}`;

describe('the scenarios exist on the server as the diagnosis will see them', () => {
  test('nodes carry the addresses and Ready condition set through the status subresource', async () => {
    const r = await c.request('GET', '/api/v1/nodes');
    assert.deepEqual(r.body.items.map((n: any) => n.metadata.name).sort(), NODES.map((n) => n.name));
    for (const n of r.body.items) {
      assert.ok(n.status.addresses.some((a: any) => a.type === 'InternalIP'));
      assert.equal(n.status.conditions.find((x: any) => x.type === 'Ready').status, 'True');
    }
  });

  test("the reader's snapshot holds the same objects as a plain read of the API, for every scenario", async () => {
    const names = (xs: { metadata?: { name?: string } }[]) => xs.map((x) => x.metadata?.name ?? '').sort();
    for (const s of scenarios) {
      const viaReader = (await snapshotOf(s.id)).snap;
      const raw = await rawSnapshot(c, s.namespace, s.service);
      assert.deepEqual(viaReader.gaps, [], `${s.id}: the admin context reads everything`);
      assert.equal(viaReader.service?.metadata?.uid, raw.service?.metadata?.uid, s.id);
      for (const k of ['endpointSlices', 'pods', 'nodes', 'ingresses', 'ingressClasses', 'networkPolicies'] as const) {
        assert.deepEqual(names(viaReader[k]), names(raw[k]), `${s.id}: ${k}`);
      }
      // The reader keeps Warning events only.
      assert.deepEqual(names(viaReader.events), names(raw.events.filter((e) => e.type === 'Warning')), `${s.id}: events`);
    }
  });

  test('pod status written through the subresource is what a reader gets back', async () => {
    const { snap } = await snapshotOf('pods-not-ready');
    const crash = snap.pods.find((p) => p.metadata?.name?.endsWith('ddddd'));
    assert.equal(crash?.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(crash?.status?.conditions?.find((x) => x.type === 'Ready')?.status, 'False');
    assert.ok(crash?.spec?.nodeName);
    assert.equal(crash?.metadata?.ownerReferences?.[0]?.kind, 'ReplicaSet');
  });

  test('the API server allocated a ClusterIP and node ports for the scenario Services', async () => {
    const { snap } = await snapshotOf('loadbalancer-pending');
    assert.match(snap.service?.spec?.clusterIP ?? '', /^10\.96\./);
    assert.ok((snap.service?.spec?.ports?.[0]?.nodePort ?? 0) >= 30000);
    assert.deepEqual(snap.service?.status?.loadBalancer ?? {}, {});
  });
});

describe('diagnoseService over a real API server', () => {
  test('healthy: reachable in the cluster, nothing fails', async () => {
    const { report } = await snapshotOf('healthy');
    assert.equal(report.verdict.status, 'pass', describeReport(report));
    assert.equal(report.verdict.inCluster, true);
    assert.deepEqual(report.checks.filter((x) => x.status === 'fail').map((x) => x.id), []);
    assert.equal(report.dnsName, `web.${scenario('healthy').namespace}.svc.cluster.local`);
    assert.equal(checks(report, 'selector-matches-pods')[0]?.status, 'pass');
    assert.equal(checks(report, 'pods-ready')[0]?.status, 'pass');
    assert.equal(checks(report, 'endpoint-slices')[0]?.status, 'pass');
  });

  test('no matching pods: the selector check fails and names the near-miss labels', async () => {
    const { report } = await snapshotOf('no-matching-pods');
    assert.equal(report.verdict.status, 'fail', describeReport(report));
    const sel = checks(report, 'selector-matches-pods');
    assert.equal(sel[0]?.status, 'fail', describeReport(report));
    assert.match(text(sel), /app=webapp/);
  });

  test('pods not ready: says why for each pod (CrashLoopBackOff, failing readiness probe)', async () => {
    const { report } = await snapshotOf('pods-not-ready');
    assert.equal(report.verdict.status, 'fail', describeReport(report));
    const ready = checks(report, 'pods-ready');
    assert.equal(ready[0]?.status, 'fail', describeReport(report));
    assert.match(text(ready), /CrashLoopBackOff/);
    assert.match(text(ready), /[Rr]eadiness probe/);
  });

  test('named targetPort missing on one pod: the targetPort check names that pod', async () => {
    const { report } = await snapshotOf('named-target-port-missing');
    const tp = checks(report, 'target-port');
    assert.ok(tp.length > 0, describeReport(report));
    assert.ok(tp.some((x) => x.status === 'fail' || x.status === 'warn'), describeReport(report));
    assert.match(text(tp), /ggggg/);
    assert.match(text(tp), /http/);
    assert.notEqual(report.verdict.status, 'pass', describeReport(report));
  });

  test('LoadBalancer pending: the load-balancer hop is not passing and the node ports are reported', async () => {
    const { report, snap } = await snapshotOf('loadbalancer-pending');
    const lb = checks(report, 'load-balancer');
    assert.ok(lb.length > 0, describeReport(report));
    assert.ok(lb.every((x) => x.status === 'fail' || x.status === 'warn'), describeReport(report));
    assert.match(text(lb), /pending/i);
    assert.notEqual(report.verdict.fromOutside, true);
    assert.equal(report.verdict.inCluster, true, describeReport(report));
    assert.equal(report.verdict.brokenHop, 'loadBalancer', describeReport(report));
    const nodePort = String(snap.service?.spec?.ports?.[0]?.nodePort);
    assert.match(text(checks(report, 'node-ports')), new RegExp(nodePort));
  });

  test('Ingress to a missing Service: the Service does not exist and the Ingress that routes to it is named', async () => {
    const { report } = await snapshotOf('ingress-missing-service');
    assert.equal(report.verdict.status, 'fail');
    assert.equal(checks(report, 'service-exists')[0]?.status, 'fail');
    assert.equal(report.verdict.brokenHop, 'ingress', describeReport(report));
    const ing = checks(report, 'ingress-backend-exists');
    assert.equal(ing[0]?.status, 'fail', describeReport(report));
    assert.match(text(ing), /catalog/);
    assert.match(text(ing), /\/api/);
  });

  test('NetworkPolicy blocking: the default-deny policy is named', async () => {
    const { report } = await snapshotOf('networkpolicy-blocking');
    const np = checks(report, 'network-policies');
    assert.ok(np.some((x) => x.status === 'fail' || x.status === 'warn'), describeReport(report));
    assert.match(text(np), /default-deny-ingress/);
    assert.equal(report.verdict.status, 'fail', describeReport(report));
    assert.equal(report.verdict.brokenHop, 'pods', describeReport(report));
  });
});

describe('the limited user (RBAC): a partial report with the 403 explained', () => {
  test('Services and EndpointSlices are read; Pods, Nodes and NetworkPolicies are gaps that name what is missing', async () => {
    const s = scenario('healthy');
    await c.grantViewer(s.namespace);
    const { snap, report } = await snapshotOf('healthy', 'viewer');
    assert.ok(snap.service, 'the viewer may read the Service');
    assert.ok(snap.endpointSlices.length > 0, 'the viewer may read EndpointSlices');
    const gap = (resource: string) => snap.gaps.find((g) => g.resource === resource);
    assert.equal(gap('pods')?.reason, 'forbidden');
    assert.match(gap('pods')?.message ?? '', new RegExp(`list pods in namespace ${s.namespace}`));
    assert.equal(gap('nodes')?.reason, 'forbidden');
    assert.equal(gap('networkpolicies')?.reason, 'forbidden');
    assert.equal(gap('endpointslices'), undefined);
    assert.deepEqual(report.gaps, snap.gaps);
    const partial = checks(report, 'partial-read');
    assert.ok(partial.some((x) => /pods/.test(x.title) && x.status === 'warn'), describeReport(report));
    assert.match(text(partial), new RegExp(`list pods in namespace ${s.namespace}`));
    assert.notEqual(report.verdict.status, 'fail', `a partial read is not a broken Service:\n${describeReport(report)}`);
    for (const out of [reportToJson(report), reportToMarkdown(report)]) {
      assert.ok(!out.includes(VIEWER_TOKEN) && !out.includes(ADMIN_TOKEN), 'no token in the report');
    }
  });
});
