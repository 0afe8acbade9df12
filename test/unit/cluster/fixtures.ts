/** Loads the snapshot fixtures of test/fixtures/cluster/snapshots (real API JSON, see make-fixtures.mjs). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ServiceSnapshot, SnapshotGap } from '../../../client/src/diagnose/types';

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

export const FIXTURE_DIR = path.resolve(__dirname, '../../../../test/fixtures/cluster/snapshots');

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
