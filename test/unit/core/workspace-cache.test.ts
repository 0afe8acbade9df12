/**
 * Findings of checks that read the workspace are reused across calls until a kind they read
 * changes (WorkspaceView.stamp), and are then recomputed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../../server/src/core/yaml/parse';
import { analyze, AnalysisCache } from '../../../server/src/core/analyze';
import { normalizeSettings } from '../../../server/src/core/settings';
import { WorkspaceIndex } from '../../../server/src/core/workspace';
import type { Checker } from '../../../server/src/core/rules/types';
import { podTemplate } from '../../../server/src/core/workspace/resources';

const settings = normalizeSettings({});
const SVC = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
const deployment = (name: string, app: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  selector:\n    matchLabels:\n      app: ${app}\n  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n        - name: c\n          image: nginx\n`;
const CONFIG = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  k: "${v}"\n`;

/** A checker that counts its runs and reports how many Deployments the workspace has. */
function countingChecker(): Checker & { runs: number } {
  const c = {
    name: 'test/count-deployments',
    rules: [{ id: 'test/deployments', severity: 'info' as const, summary: 'How many Deployments the workspace has.' }],
    kinds: ['Service'],
    runs: 0,
    check(ctx: Parameters<Checker['check']>[0]) {
      c.runs++;
      const ws = ctx.workspace;
      if (!ws) return;
      ctx.report({ rule: 'test/deployments', node: ctx.manifest.root, message: `${[...ws.byKind('Deployment')].length} deployments` });
    },
  };
  return c;
}

test('a workspace-reading check is reused until a kind it read changes', () => {
  const index = new WorkspaceIndex();
  index.update('file:///w/dep.yaml', deployment('web', 'web'));
  index.update('file:///w/cfg.yaml', CONFIG('a'));
  const file = parseFile(SVC);
  index.put('file:///w/svc.yaml', file);
  const checker = countingChecker();
  const cache = new AnalysisCache();
  const run = () => analyze(file, { settings, uri: 'file:///w/svc.yaml', workspace: index, cache, checkers: [checker] }).map((f) => f.message);

  assert.deepEqual(run(), ['1 deployments']);
  assert.equal(checker.runs, 1);
  assert.deepEqual(run(), ['1 deployments']);
  assert.equal(checker.runs, 1, 'nothing changed: reused');

  index.update('file:///w/cfg.yaml', CONFIG('b'));
  assert.deepEqual(run(), ['1 deployments']);
  assert.equal(checker.runs, 1, 'a ConfigMap changed, which the check did not read: reused');

  index.update('file:///w/dep.yaml', deployment('web', 'api'));
  assert.deepEqual(run(), ['1 deployments']);
  assert.equal(checker.runs, 2, 'a Deployment changed: recomputed');

  index.update('file:///w/dep2.yaml', deployment('other', 'x'));
  assert.deepEqual(run(), ['2 deployments']);
  assert.equal(checker.runs, 3, 'a Deployment was added');

  index.remove('file:///w/dep2.yaml');
  assert.deepEqual(run(), ['1 deployments']);
  assert.equal(checker.runs, 4, 'a Deployment was removed');

  // A Deployment's file saved again with the same content changes nothing others can see.
  index.update('file:///w/dep.yaml', deployment('web', 'api'));
  run();
  assert.equal(checker.runs, 4);
});

test('without stamps (a plain view), workspace-reading checks run every time', () => {
  const index = new WorkspaceIndex();
  index.update('file:///w/dep.yaml', deployment('web', 'web'));
  const file = parseFile(SVC);
  index.put('file:///w/svc.yaml', file);
  const view = { all: () => index.all(), byKind: (k: string) => index.byKind(k), get: (k: string, ns: string, n: string) => index.get(k, ns, n) };
  const checker = countingChecker();
  const cache = new AnalysisCache();
  analyze(file, { settings, workspace: view, cache, checkers: [checker] });
  analyze(file, { settings, workspace: view, cache, checkers: [checker] });
  assert.equal(checker.runs, 2);
});

test('the real cross-file checks follow a change in another file through the cache', () => {
  const index = new WorkspaceIndex();
  index.update('file:///w/dep.yaml', deployment('web', 'api'));
  const file = parseFile(SVC);
  index.put('file:///w/svc.yaml', file);
  const cache = new AnalysisCache();
  const selectsNothing = () => analyze(file, { settings, uri: 'file:///w/svc.yaml', workspace: index, cache }).some((f) => f.ruleId === 'kube-expose/cross/selector-no-match');
  assert.equal(selectsNothing(), true, 'the selector app=web matches no pod template');
  assert.equal(selectsNothing(), true, 'and still does when reused');
  index.update('file:///w/dep.yaml', deployment('web', 'web'));
  assert.equal(selectsNothing(), false, 'the Deployment now has app=web');
  index.update('file:///w/dep.yaml', deployment('web', 'api'));
  assert.equal(selectsNothing(), true);
});

test('stamps: a kind moves when one of its manifests is added, changed or removed; others stay', () => {
  const index = new WorkspaceIndex();
  index.update('file:///w/a.yaml', deployment('a', 'a'));
  const dep0 = index.stamp('Deployment');
  const svc0 = index.stamp('Service');
  index.update('file:///w/s.yaml', SVC);
  assert.equal(index.stamp('Deployment'), dep0);
  assert.notEqual(index.stamp('Service'), svc0);
  const svc1 = index.stamp('Service');
  const all1 = index.stamp('*');
  index.update('file:///w/a.yaml', deployment('a', 'b'));
  assert.notEqual(index.stamp('Deployment'), dep0);
  assert.equal(index.stamp('Service'), svc1);
  assert.notEqual(index.stamp('*'), all1);
  const ns0 = index.stamp('');
  index.update('file:///w/kustomization.yaml', 'namespace: prod\nresources:\n  - a.yaml\n');
  assert.notEqual(index.stamp(''), ns0, 'a kustomization changes effective namespaces');
});

test('an untouched document keeps its finding objects; a moved one gets moved copies equal to a fresh check', () => {
  const bad = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\nspec:\n  type: ClusterIP\n  ports:\n    - port: 80\n      nodePort: 30080\n`;
  const text = [bad(0), bad(1), bad(2)].join('---\n');
  const cache = new AnalysisCache();
  const first = parseFile(text);
  const a = analyze(first, { settings, cache });
  assert.ok(a.length >= 3);
  // An edit inside the first document: the other two keep their findings, as the same objects.
  const edited = text.replace('name: s0', 'name: s9'); // same length: nothing after it moves
  const second = parseFile(edited, first);
  const b = analyze(second, { settings, cache });
  const lastOf = (list: typeof a) => list.filter((f) => f.start > edited.indexOf('name: s2'));
  assert.ok(lastOf(b).length > 0);
  assert.ok(lastOf(b).every((f) => a.includes(f)), 'same objects for a document that did not move');
  // A line inserted at the top moves every document: copies, equal to a fresh check.
  const moved = '# top\n' + edited;
  const third = parseFile(moved, second);
  const c = analyze(third, { settings, cache });
  const fresh = analyze(parseFile(moved), { settings });
  const view = (list: typeof a) => list.map((f) => `${f.ruleId} ${f.start}-${f.end} ${f.range.start.line}:${f.range.start.character}`);
  assert.deepEqual(view(c), view(fresh));
  assert.ok(c.every((f) => !b.includes(f)));
});

test('a replica count change re-runs only the checks that read replica counts', () => {
  const index = new WorkspaceIndex();
  const scaled = (n: number) => deployment('web', 'web').replace('spec:\n  selector:', `spec:\n  replicas: ${n}\n  selector:`);
  index.update('file:///w/dep.yaml', scaled(1));
  const file = parseFile(SVC);
  index.put('file:///w/svc.yaml', file);
  const byKindOnly = countingChecker();
  let replicaRuns = 0;
  const readsReplicas: Checker = {
    name: 'test/replicas',
    rules: [{ id: 'test/replicas', severity: 'info', summary: 'Sum of replicas.' }],
    kinds: ['Service'],
    check(ctx) {
      replicaRuns++;
      const ws = ctx.workspace;
      if (!ws) return;
      let sum = 0;
      for (const d of ws.byKind('Deployment')) sum += podTemplate(d.manifest)?.replicas ?? 0;
      ctx.report({ rule: 'test/replicas', node: ctx.manifest.root, message: `${sum} replicas` });
    },
  };
  const cache = new AnalysisCache();
  const run = () => analyze(file, { settings, uri: 'file:///w/svc.yaml', workspace: index, cache, checkers: [byKindOnly, readsReplicas] }).map((f) => f.message);
  assert.deepEqual(run(), ['1 deployments', '1 replicas']);
  index.update('file:///w/dep.yaml', scaled(3));
  assert.deepEqual(run(), ['1 deployments', '3 replicas']);
  assert.equal(byKindOnly.runs, 1, 'did not read replicas: reused');
  assert.equal(replicaRuns, 2, 'read replicas: re-run');
});

test('the real externalTrafficPolicy: Local check follows the selected workload\'s replicas through the cache', () => {
  const index = new WorkspaceIndex();
  const scaled = (n: number) => deployment('web', 'web').replace('spec:\n  selector:', `spec:\n  replicas: ${n}\n  selector:`);
  index.update('file:///w/dep.yaml', scaled(1));
  const local = SVC.replace('spec:\n', 'spec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n');
  const file = parseFile(local);
  index.put('file:///w/svc.yaml', file);
  const cache = new AnalysisCache();
  const single = () => analyze(file, { settings, uri: 'file:///w/svc.yaml', workspace: index, cache }).some((f) => f.message.includes('one replica'));
  assert.equal(single(), true);
  index.update('file:///w/dep.yaml', scaled(3));
  assert.equal(single(), false);
  index.update('file:///w/dep.yaml', scaled(1));
  assert.equal(single(), true);
});

test('settings read again with the same values keep the cache; changed values do not', () => {
  const checker = countingChecker();
  const file = parseFile(SVC);
  const cache = new AnalysisCache();
  analyze(file, { settings: normalizeSettings({}), cache, checkers: [checker] });
  analyze(file, { settings: normalizeSettings({}), cache, checkers: [checker] });
  assert.equal(checker.runs, 1, 'a new settings object with equal values');
  analyze(file, { settings: normalizeSettings({ kubernetesVersion: '1.30' }), cache, checkers: [checker] });
  assert.equal(checker.runs, 2, 'different values');
});

test('when the workspace index becomes available, only the checks that asked for it run again', () => {
  const file = parseFile(SVC);
  const readsWorkspace = countingChecker();
  let plainRuns = 0;
  const plain: Checker = { name: 'test/plain', rules: [{ id: 'test/plain', severity: 'info', summary: 'x' }], kinds: ['Service'], check: () => void plainRuns++ };
  const cache = new AnalysisCache();
  const run = (workspace?: WorkspaceIndex) => analyze(file, { settings, uri: 'file:///w/svc.yaml', workspace, cache, checkers: [readsWorkspace, plain] }).map((f) => f.message);
  assert.deepEqual(run(), []);
  assert.deepEqual(run(), []);
  assert.deepEqual([readsWorkspace.runs, plainRuns], [1, 1], 'no workspace either time: reused');
  const index = new WorkspaceIndex();
  index.update('file:///w/dep.yaml', deployment('web', 'web'));
  index.put('file:///w/svc.yaml', file);
  assert.deepEqual(run(index), ['1 deployments']);
  assert.deepEqual([readsWorkspace.runs, plainRuns], [2, 1], 'the workspace arrived: only the check that asked for it ran');
  const other = new WorkspaceIndex();
  other.put('file:///w/svc.yaml', file);
  assert.deepEqual(run(other), ['0 deployments'], 'another index (indexing again) is another workspace');
  assert.equal(readsWorkspace.runs, 3);
});
