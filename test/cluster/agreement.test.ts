/**
 * Validation agreement: does kube-expose call a manifest wrong exactly when the real API server
 * refuses it? Every Service, Ingress, IngressClass and Deployment of the fixture corpus
 * (test/fixtures/**.yaml, plus test/cluster/fixtures/agreement-bases.yaml) and mutated copies of
 * each are judged twice:
 *   ours:   analyze(parseFile(text)) reports at least one error-severity finding;
 *   server: POST ...?dryRun=All&fieldValidation=Strict (as YAML, the way kubectl sends it) is refused.
 * The figure and every disagreement are printed. The test fails only on a disagreement that is
 * not listed, with its reason, in agreement-expected.json (UPDATE_EXPECT=1 rewrites that list,
 * keeping the reasons already written; new entries must then be explained by hand).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { analyze, DEFAULT_SETTINGS, parseFile } from '../../server/src/core';
import { ROOT, startCluster, type Cluster } from './apiserver';
import { baseCases, collectionPath, mutatedCases, type Case } from './agreement';

const EXPECTED_FILE = join(ROOT, 'test', 'cluster', 'agreement-expected.json');
const DEFAULT_NS = 'agreement';

interface Verdict {
  id: string;
  ours: 'error' | 'clean';
  oursDetail: string;
  server: 'rejected' | 'accepted';
  serverDetail: string;
}

interface Expected {
  disagreements: { case: string; ours: string; server: string; why: string }[];
}

let c: Cluster;
const namespaces = new Set<string>();

before(async () => {
  c = await startCluster();
}, { timeout: 180_000 });

after(async () => {
  await c?.stop();
});

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

function collectCases(): Case[] {
  const files = [...walk(join(ROOT, 'test', 'fixtures')), join(ROOT, 'test', 'cluster', 'fixtures', 'agreement-bases.yaml')].sort();
  const cases: Case[] = [];
  for (const f of files) {
    const bases = baseCases(relative(ROOT, f), readFileSync(f, 'utf8'));
    for (const b of bases) cases.push(b, ...mutatedCases(b));
  }
  return cases;
}

function ourVerdict(text: string): { ours: Verdict['ours']; oursDetail: string } {
  const findings = analyze(parseFile(text), { settings: DEFAULT_SETTINGS });
  const errors = findings.filter((f) => f.severity === 'error');
  return { ours: errors.length ? 'error' : 'clean', oursDetail: errors.map((e) => `${e.ruleId}: ${e.message}`).join(' | ') };
}

async function ensureNamespace(ns: string): Promise<void> {
  if (namespaces.has(ns)) return;
  namespaces.add(ns);
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) || ns.length > 63) return; // the server will say what is wrong
  const r = await c.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  if (r.status !== 201 && r.status !== 409) throw new Error(`namespace ${ns}: ${r.status} ${r.text}`);
}

async function serverVerdict(text: string): Promise<{ server: Verdict['server']; serverDetail: string }> {
  let obj: any;
  try {
    obj = parseYaml(text);
  } catch (e) {
    return { server: 'rejected', serverDetail: `not YAML: ${(e as Error).message}` };
  }
  const target = collectionPath(obj ?? {}, DEFAULT_NS);
  if ('error' in target) return { server: 'rejected', serverDetail: target.error };
  if (target.namespace) await ensureNamespace(target.namespace);
  const r = await c.request('POST', `${target.path}?dryRun=All&fieldValidation=Strict`, text, { contentType: 'application/yaml' });
  if (r.status === 200 || r.status === 201) return { server: 'accepted', serverDetail: '' };
  const message = typeof r.body === 'object' && r.body?.message ? r.body.message : r.text.slice(0, 300);
  return { server: 'rejected', serverDetail: `${r.status} ${message}` };
}

test('kube-expose agrees with the API server on valid and invalid manifests', async () => {
  await ensureNamespace(DEFAULT_NS);
  const cases = collectCases();
  assert.ok(cases.length > 0, 'no Service/Ingress/IngressClass/Deployment manifests found in the fixtures');
  const verdicts: Verdict[] = [];
  for (const k of cases) verdicts.push({ id: k.id, ...ourVerdict(k.text), ...(await serverVerdict(k.text)) });

  const agree = verdicts.filter((v) => (v.ours === 'error') === (v.server === 'rejected'));
  const disagreements = verdicts.filter((v) => (v.ours === 'error') !== (v.server === 'rejected'));
  const rejected = verdicts.filter((v) => v.server === 'rejected').length;
  const pct = ((100 * agree.length) / verdicts.length).toFixed(1);
  const lines = [
    `validation agreement with kube-apiserver ${c.versions.split('\n')[0] ?? ''}: ${agree.length}/${verdicts.length} (${pct} %)`,
    `  cases: ${verdicts.length} (${rejected} refused by the server, ${verdicts.length - rejected} accepted)`,
    `  we miss (server refuses, we report no error): ${disagreements.filter((d) => d.ours === 'clean').length}`,
    `  we over-report (server accepts, we report an error): ${disagreements.filter((d) => d.ours === 'error').length}`,
  ];
  for (const d of disagreements) {
    lines.push(`  - ${d.id}`);
    lines.push(d.ours === 'clean' ? `      server: ${d.serverDetail}` : `      ours: ${d.oursDetail}`);
  }
  console.log(lines.join('\n'));

  const expected: Expected = existsSync(EXPECTED_FILE) ? JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) : { disagreements: [] };
  const key = (id: string, ours: string) => `${id} :: ${ours}`;
  const known = new Map(expected.disagreements.map((e) => [key(e.case, e.ours), e]));
  const current = new Set(disagreements.map((d) => key(d.id, d.ours)));
  const stale = expected.disagreements.filter((e) => !current.has(key(e.case, e.ours)));
  if (stale.length) console.log(`now in agreement (remove from ${relative(ROOT, EXPECTED_FILE)}):\n${stale.map((s) => `  - ${s.case}`).join('\n')}`);

  if (process.env.UPDATE_EXPECT === '1') {
    const next: Expected = {
      disagreements: disagreements.map((d) => ({
        case: d.id,
        ours: d.ours,
        server: d.server,
        why: known.get(key(d.id, d.ours))?.why ?? `TODO explain. ${d.ours === 'clean' ? `server: ${d.serverDetail}` : `ours: ${d.oursDetail}`}`,
      })),
    };
    writeFileSync(EXPECTED_FILE, JSON.stringify(next, null, 2) + '\n');
  }
  const unexpected = disagreements.filter((d) => !known.has(key(d.id, d.ours)));
  assert.deepEqual(
    unexpected.map((d) => `${d.id} — ours: ${d.ours}${d.oursDetail ? ` (${d.oursDetail})` : ''}; server: ${d.server}${d.serverDetail ? ` (${d.serverDetail})` : ''}`),
    [],
    'new disagreements with the API server (fix the validator, or list them with the reason in test/cluster/agreement-expected.json)',
  );
});

test('every base manifest of the agreement set is accepted by the server', async () => {
  // The hand-written bases must be valid, or their mutations prove nothing.
  const text = readFileSync(join(ROOT, 'test', 'cluster', 'fixtures', 'agreement-bases.yaml'), 'utf8');
  const bases = baseCases('agreement-bases.yaml', text);
  assert.ok(bases.length >= 8);
  for (const b of bases) {
    const v = await serverVerdict(b.text);
    assert.equal(v.server, 'accepted', `${b.id}: ${v.serverDetail}`);
  }
});
