/** Loads the snapshot fixtures of test/fixtures/cluster/snapshots (real API JSON, see make-fixtures.mjs). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { clusterFixturesDir } from './fake-apiserver';
import type { Report, ServiceSnapshot, SnapshotGap } from '../../../client/src/diagnose/types';

export interface Fixture {
  file: string;
  description: string;
  context: string;
  namespace: string;
  name: string;
  reads: Record<string, { kind?: string; items?: unknown[]; code?: number } & Record<string, unknown>>;
  forbidden: { verb: string; resource: string; namespace?: string }[];
  expect: {
    verdict: 'pass' | 'warn' | 'fail';
    inCluster: boolean;
    fromNodes?: boolean | null;
    fromOutside?: boolean | null;
    brokenHop?: string;
    urls?: string[];
    checks: Record<string, string>;
    evidenceIncludes?: Record<string, string>;
    summaryIncludes?: Record<string, string>;
    absent?: string[];
  };
}

export const FIXTURE_DIR = path.join(clusterFixturesDir(), 'snapshots');

export function loadFixtures(): Fixture[] {
  return fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, f), 'utf8')) }));
}

/** The snapshot a reader would assemble from these reads, for the pure tests. */
export function fixtureSnapshot(f: Fixture): ServiceSnapshot {
  const forbidden = (resource: string) => f.forbidden.some((g) => g.resource === resource);
  const items = <T>(resource: string): T[] => (forbidden(resource) ? [] : ((f.reads[resource]?.items ?? []) as T[]));
  const gaps: SnapshotGap[] = f.forbidden.map((g) => ({ ...g, reason: 'forbidden', message: `You are not allowed to ${g.verb} ${g.resource}${g.namespace ? ` in namespace ${g.namespace}` : ''}.` }));
  const svc = f.reads.service;
  return {
    context: f.context,
    namespace: f.namespace,
    name: f.name,
    service: svc && svc.kind === 'Service' ? (svc as never) : null,
    endpointSlices: items('endpointslices'),
    pods: items('pods'),
    nodes: items('nodes'),
    ingresses: items('ingresses'),
    ingressClasses: items('ingressclasses'),
    networkPolicies: items('networkpolicies'),
    events: items('events'),
    secrets: forbidden('secrets') ? undefined : items<{ metadata: { name: string } }>('secrets').map((s) => ({ name: s.metadata.name })),
    gaps,
  };
}

/** Asserts a report against the expectations written in a fixture (shared with the reader tests). */
export function assertMatchesFixture(r: Report, f: Fixture): void {
  const e = f.expect;
  const where = `${f.file}: ${r.verdict.headline}\n${r.checks.map((c) => `  ${c.status} ${c.id}: ${c.summary}`).join('\n')}`;
  assert.equal(r.verdict.status, e.verdict, `verdict of ${where}`);
  assert.equal(r.verdict.inCluster, e.inCluster, `inCluster of ${where}`);
  if ('fromNodes' in e) assert.equal(r.verdict.fromNodes, e.fromNodes, `fromNodes of ${where}`);
  if ('fromOutside' in e) assert.equal(r.verdict.fromOutside, e.fromOutside, `fromOutside of ${where}`);
  if (e.brokenHop) assert.equal(r.verdict.brokenHop, e.brokenHop, `brokenHop of ${where}`);
  if (e.verdict === 'pass') assert.equal(r.verdict.brokenHop, undefined, where);
  if (e.urls) assert.deepEqual(r.verdict.urls, e.urls, `urls of ${where}`);
  for (const [id, status] of Object.entries(e.checks)) {
    const cs = r.checks.filter((c) => c.id === id);
    assert.ok(cs.length > 0, `check ${id} missing in ${where}`);
    assert.ok(cs.some((c) => c.status === status), `check ${id} should be ${status} in ${where}`);
  }
  for (const [id, text] of Object.entries(e.evidenceIncludes ?? {})) {
    const c = r.checks.find((x) => x.id === id);
    assert.ok(c?.evidence.some((l) => l.includes(text)), `evidence of ${id} should mention "${text}" in ${where}\n${c?.evidence.join('\n')}`);
  }
  for (const [id, text] of Object.entries(e.summaryIncludes ?? {})) {
    const c = r.checks.find((x) => x.id === id);
    assert.ok(c?.summary.includes(text), `summary of ${id} should mention "${text}" in ${where}`);
  }
  for (const id of e.absent ?? []) assert.ok(!r.checks.some((c) => c.id === id), `check ${id} should be absent in ${where}`);
  // Every failing or warning check says what to do, except informative warnings about events.
  for (const c of r.checks) if (c.status === 'fail') assert.ok(c.fix || c.id === 'service-exists', `check ${c.id} fails without a fix in ${f.file}`);
  // The verdict names the broken hop, and the hops are in path order, client first.
  assert.equal(r.hops[0]?.id, 'client');
  if (r.verdict.brokenHop) assert.equal(r.hops.find((h) => h.status === 'fail')?.id, r.verdict.brokenHop);
}

