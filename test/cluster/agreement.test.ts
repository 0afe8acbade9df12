/**
 * Validation agreement: does kube-expose call a manifest wrong exactly when the real API server
 * refuses it? Every Service, Ingress, IngressClass and Deployment of the fixture corpus
 * (test/fixtures/**.yaml, plus test/cluster/fixtures/agreement-bases.yaml) and mutated copies of
 * each are judged twice:
 *   ours:   analyze(parseFile(text)) reports at least one error-severity finding;
 *   server: POST ...?dryRun=All&fieldValidation=Strict (as YAML, the way kubectl sends it) is refused.
 * The figure and every disagreement are printed. The test fails only on a disagreement that is
 * not listed, with its reason, in agreement-expected.json (entries are case ids or globs such as
 * `*~name-missing`; UPDATE_EXPECT=1 appends new disagreements, which must then be explained by hand).
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
const REAL_NS = 'agreement-real-create';

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
/** Namespaces created (or being created), so concurrent cases wait for the same creation. */
const namespaces = new Map<string, Promise<void>>();

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

function ensureNamespace(ns: string): Promise<void> {
  let p = namespaces.get(ns);
  if (!p) {
    p = (async () => {
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) || ns.length > 63) return; // the server will say what is wrong
      const r = await c.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
      if (r.status !== 201 && r.status !== 409) throw new Error(`namespace ${ns}: ${r.status} ${r.text}`);
    })();
    namespaces.set(ns, p);
  }
  return p;
}

/** Runs fn over items with at most `width` in flight, keeping the order of results. */
async function pool<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
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

/**
 * Dry run skips some checks a real create makes (node-port allocation, for one). When the dry run
 * accepts what we call an error, a real create in a scratch namespace (deleted right after) says
 * whether the server would in fact refuse it; the verdict stays the dry run's, the note says so.
 */
async function realCreateNote(text: string): Promise<string> {
  let obj: any;
  try {
    obj = parseYaml(text);
  } catch {
    return '';
  }
  const target = collectionPath(obj ?? {}, REAL_NS);
  if ('error' in target) return '';
  const ns = target.namespace ? REAL_NS : undefined;
  if (ns) {
    await ensureNamespace(ns);
    if (obj.metadata) obj.metadata.namespace = ns;
  }
  const path = ns ? target.path.replace(/\/namespaces\/[^/]+\//, `/namespaces/${ns}/`) : target.path;
  const r = await c.request('POST', `${path}?fieldValidation=Strict`, obj);
  if (r.status === 200 || r.status === 201) {
    await c.request('DELETE', `${path}/${encodeURIComponent(r.body.metadata.name)}`);
    return 'a real create accepts it too';
  }
  return `dry run accepts it, but a real create is refused: ${r.status} ${r.body?.message ?? r.text.slice(0, 200)}`;
}

test('kube-expose agrees with the API server on valid and invalid manifests', async () => {
  await ensureNamespace(DEFAULT_NS);
  const cases = collectCases();
  assert.ok(cases.length > 0, 'no Service/Ingress/IngressClass/Deployment manifests found in the fixtures');
  // Dry runs do not change anything, so they can go several at a time. Real creates (the notes)
  // do, so they go one by one afterwards.
  const verdicts: Verdict[] = await pool(cases, 8, async (k) => ({ id: k.id, ...ourVerdict(k.text), ...(await serverVerdict(k.text)) }));
  for (const [i, v] of verdicts.entries()) {
    if (v.ours === 'error' && v.server === 'accepted') v.serverDetail = await realCreateNote(cases[i]!.text);
  }

  const agrees = (v: Verdict) => (v.ours === 'error') === (v.server === 'rejected');
  const agree = verdicts.filter(agrees);
  const asWritten = verdicts.filter((v) => !v.id.includes('~'));
  const mutated = verdicts.filter((v) => v.id.includes('~'));
  const disagreements = verdicts.filter((v) => (v.ours === 'error') !== (v.server === 'rejected'));
  const rejected = verdicts.filter((v) => v.server === 'rejected').length;
  const pct = ((100 * agree.length) / verdicts.length).toFixed(1);
  const lines = [
    `validation agreement with ${c.versions.split('\n')[0] || 'kube-apiserver'} (dry run, strict fields): ${agree.length}/${verdicts.length} (${pct} %)`,
    `  fixtures as written: ${asWritten.filter(agrees).length}/${asWritten.length}; mutated copies: ${mutated.filter(agrees).length}/${mutated.length}`,
    `  cases: ${verdicts.length} (${rejected} refused by the server, ${verdicts.length - rejected} accepted)`,
    `  we miss (server refuses, we report no error): ${disagreements.filter((d) => d.ours === 'clean').length}`,
    `  we over-report (server accepts, we report an error): ${disagreements.filter((d) => d.ours === 'error').length}`,
  ];
  for (const d of disagreements) {
    lines.push(`  - ${d.id}`);
    lines.push(d.ours === 'clean' ? `      server: ${d.serverDetail}` : `      ours: ${d.oursDetail}\n      server: ${d.serverDetail}`);
  }
  console.log(lines.join('\n'));

  // By mutation: where the disagreements come from.
  const byMutation = new Map<string, { miss: number; over: number; total: number }>();
  for (const v of verdicts) {
    const m = v.id.includes('~') ? v.id.slice(v.id.indexOf('~') + 1) : '(fixture as written)';
    const e = byMutation.get(m) ?? { miss: 0, over: 0, total: 0 };
    e.total++;
    if (v.ours === 'clean' && v.server === 'rejected') e.miss++;
    if (v.ours === 'error' && v.server === 'accepted') e.over++;
    byMutation.set(m, e);
  }
  console.log(['disagreements by mutation (we miss / we over-report / cases):', ...[...byMutation].filter(([, e]) => e.miss + e.over > 0).sort((a, b) => b[1].miss + b[1].over - (a[1].miss + a[1].over)).map(([m, e]) => `  ${m}: ${e.miss} / ${e.over} / ${e.total}`)].join('\n'));

  const expected: Expected = existsSync(EXPECTED_FILE) ? JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) : { disagreements: [] };
  // An entry's `case` is an exact case id or a glob (`*` matches anything), e.g. `*~name-missing`.
  const matchers = expected.disagreements.map((e) => ({ e, re: new RegExp(`^${e.case.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`), used: false }));
  const knownFor = (d: Verdict) => {
    const m = matchers.find((x) => x.e.ours === d.ours && x.re.test(d.id));
    if (m) m.used = true;
    return m?.e;
  };
  const unexpected = disagreements.filter((d) => !knownFor(d));
  const stale = matchers.filter((m) => !m.used).map((m) => m.e);
  if (stale.length) console.log(`listed but now in agreement (remove from ${relative(ROOT, EXPECTED_FILE)}):\n${stale.map((s) => `  - ${s.case} (ours: ${s.ours})`).join('\n')}`);

  if (process.env.UPDATE_EXPECT === '1' && unexpected.length) {
    // Appends the new disagreements one by one; group them into globs and explain them by hand.
    expected.disagreements.push(...unexpected.map((d) => ({
      case: d.id,
      ours: d.ours,
      server: d.server,
      why: `TODO explain. ${d.ours === 'clean' ? `server: ${d.serverDetail}` : `ours: ${d.oursDetail}`}`,
    })));
    writeFileSync(EXPECTED_FILE, JSON.stringify(expected, null, 2) + '\n');
  }
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
